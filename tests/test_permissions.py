"""Who may do what, decided in the library: every command × every role × own and other cooperation.

The expected table is written out here, not read from ``botu_core.permissions``, so a
change of the library's table shows up as a failing test. Each case runs on a fresh
in-memory store: a command that is allowed must be recorded, one that is refused must
raise ``PermissionDenied`` and leave the log as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from botu_core import (
    COMMANDS,
    AdoptAgreement,
    Actor,
    AllocateBudget,
    BotuError,
    CastBallot,
    ChangeContact,
    ChangePartyDetails,
    ChooseCoordinators,
    CloseRound,
    CompleteProject,
    ConfirmParty,
    Cooperations,
    DefineIndicator,
    DiscussDisagreement,
    ForgetParty,
    GiveContactConsent,
    GiveOpinion,
    JoinParty,
    LeaveParty,
    MakeFundsAvailable,
    MeasureIndicator,
    MeetingKind,
    Money,
    OpenRound,
    PartyKind,
    PermissionDenied,
    ProposeDecision,
    RaiseDisagreement,
    RecordBenefit,
    RecordDecision,
    RecordEvaluation,
    RecordMeeting,
    RecordSpending,
    RejoinParty,
    ResolveDisagreement,
    ReviseAgreement,
    SignAgreement,
    StartProject,
    StopProject,
    Stance,
    SubmitProposal,
    UpdatePlan,
    WithdrawAllocation,
    WithdrawContactConsent,
)
from botu_core import permissions as p
from botu_core.participatory import FundShare

from botu_testing import fixed_clock
from factories import cooperation, log_length, terms

D = dt.date

LEADS = {"owner", "coordinator"}
TAKING_PART = {"owner", "coordinator", "member"}
OWN_DATA = {"owner", "coordinator", "member", "pending"}

EXPECTED: dict[str, set[str]] = {
    "AdoptAgreement": LEADS,
    "ReviseAgreement": LEADS,
    "ChooseCoordinators": LEADS,
    "JoinParty": {"owner", "coordinator", "account"},
    "ConfirmParty": LEADS,
    "ChangePartyDetails": OWN_DATA,
    "LeaveParty": OWN_DATA,
    "RejoinParty": LEADS,
    "SignAgreement": TAKING_PART,
    "GiveContactConsent": OWN_DATA,
    "WithdrawContactConsent": OWN_DATA,
    "ForgetParty": OWN_DATA,
    "StartProject": TAKING_PART,
    "UpdatePlan": LEADS,
    "ChangeContact": LEADS,
    "DefineIndicator": LEADS,
    "MeasureIndicator": LEADS,
    "RecordBenefit": LEADS,
    "CompleteProject": LEADS,
    "StopProject": LEADS,
    "MakeFundsAvailable": LEADS,
    "AllocateBudget": LEADS,
    "WithdrawAllocation": LEADS,
    "RecordSpending": LEADS,
    "RecordMeeting": LEADS,
    "ProposeDecision": LEADS,
    "GiveOpinion": TAKING_PART,
    "RecordDecision": LEADS,
    "RaiseDisagreement": TAKING_PART,
    "DiscussDisagreement": LEADS,
    "ResolveDisagreement": LEADS,
    "RecordEvaluation": LEADS,
    "OpenRound": LEADS,
    "SubmitProposal": TAKING_PART,
    "CastBallot": TAKING_PART,
    "CloseRound": LEADS,
    "ImportRound": LEADS,
    p.READ_LOG: {"owner", "coordinator", "auditor"},
    p.SEE_MEMBERS_DATA: TAKING_PART,
    p.INVITE_ACCOUNT: LEADS,
    p.FOUND_COOPERATION: LEADS,
}

ROLES = ("owner", "coordinator", "member", "pending", "account", "auditor", "anonymous")


def _setup(app: Cooperations) -> dict[str, str]:
    """The small cooperation of ``factories``, with a second resident, a disagreement,
    an allocation and an open round with a proposal, so every command has something to act on."""
    ids = cooperation(app)
    coop = ids["coop"]
    ids["bob"] = str(app.execute(coop, JoinParty(name="Bob", kind=PartyKind.RESIDENT, phone="010 765 4321",
                                                 share_contact=True, on=D(2021, 7, 1))))
    ids["left"] = str(app.execute(coop, JoinParty(name="Carla", kind=PartyKind.RESIDENT, on=D(2021, 7, 1))))
    # Registered herself: waits for a coordinator's confirmation.
    ids["registered"] = str(app.execute(coop, JoinParty(name="Eva", kind=PartyKind.RESIDENT), actor=Actor("eva")))
    ids["registered_sharing"] = str(app.execute(coop, JoinParty(name="Fenna", kind=PartyKind.RESIDENT,
                                                                phone="010 111 2233", share_contact=True),
                                                actor=Actor("fenna")))
    app.execute(coop, LeaveParty(party=ids["left"], on=D(2021, 8, 1)))
    ids["disagreement"] = str(app.execute(coop, RaiseDisagreement(by=ids["bob"], about="De planning", on=D(2021, 9, 1))))
    ids["indicator"] = str(app.execute(coop, DefineIndicator(project=ids["project"], name="Huiskamers", on=D(2021, 9, 2))))
    ids["allocation"] = str(
        app.execute(
            coop,
            AllocateBudget(project=ids["project"], source="BoTu2028", year=2021, amount=Money.parse("1000"),
                           decision=ids["decision"], on=D(2021, 9, 2)),
        )
    )
    ids["round"] = str(
        app.execute(
            coop,
            OpenRound(title="Buurtbudget", year=2021, funds=(FundShare("BoTu2028", Money.parse("5000")),),
                      decision=ids["decision"], on=D(2021, 9, 2)),
        )
    )
    ids["proposal"] = str(
        app.execute(coop, SubmitProposal(round=ids["round"], title="Zonnepanelen", cost=Money.parse("2000"),
                                         by=ids["bob"], plan="Panelen op het buurthuis.", on=D(2021, 9, 2)))
    )
    return ids


# Whose own party acts ("me"): Ann, except to withdraw a consent, which Bob gave.
ME = {"WithdrawContactConsent": "bob"}
# A pending party acts as Eva, who registered herself; Fenna registered and shares her contact details.
ME_PENDING = {"WithdrawContactConsent": "registered_sharing"}

# What each command looks like when given for the acting person's own party ("me").
SAMPLES: dict[str, Callable[[dict[str, str]], Any]] = {
    "AdoptAgreement": lambda i: AdoptAgreement(terms()),
    "ReviseAgreement": lambda i: ReviseAgreement(terms(extra=" 2"), reason="Jaarlijkse evaluatie",
                                                 decision=i["decision"]),
    "ChooseCoordinators": lambda i: ChooseCoordinators(parties=(i["gemeente"],), decision=i["decision"]),
    "JoinParty": lambda i: JoinParty(name="Dewi", kind=PartyKind.RESIDENT),
    "ConfirmParty": lambda i: ConfirmParty(party=i["registered"]),
    "ChangePartyDetails": lambda i: ChangePartyDetails(party=i["me"], phone="010 123 4567"),
    "LeaveParty": lambda i: LeaveParty(party=i["me"]),
    "RejoinParty": lambda i: RejoinParty(party=i["left"]),
    "SignAgreement": lambda i: SignAgreement(party=i["me"], note="Ik doe mee."),
    "GiveContactConsent": lambda i: GiveContactConsent(party=i["me"]),
    "WithdrawContactConsent": lambda i: WithdrawContactConsent(party=i["me"]),
    "ForgetParty": lambda i: ForgetParty(party=i["me"]),
    "StartProject": lambda i: StartProject(title="Groene daken", plan="Daken groen maken.", contact=i["me"]),
    "UpdatePlan": lambda i: UpdatePlan(project=i["project"], plan="Een nieuw plan."),
    "ChangeContact": lambda i: ChangeContact(project=i["project"], contact=i["gemeente"]),
    "DefineIndicator": lambda i: DefineIndicator(project=i["project"], name="Bezoekers"),
    "MeasureIndicator": lambda i: MeasureIndicator(project=i["project"], indicator=i["indicator"], value=Decimal("3")),
    "RecordBenefit": lambda i: RecordBenefit(project=i["project"], euros=Money.parse("100"), co2_kg=Decimal("10"),
                                             period_start=D(2021, 9, 1), period_end=D(2021, 9, 30)),
    "CompleteProject": lambda i: CompleteProject(project=i["project"]),
    "StopProject": lambda i: StopProject(project=i["project"], reason="Geen geld meer."),
    "MakeFundsAvailable": lambda i: MakeFundsAvailable(source="Aardgasvrij", year=2021, amount=Money.parse("50000")),
    "AllocateBudget": lambda i: AllocateBudget(project=i["project"], source="BoTu2028", year=2021,
                                               amount=Money.parse("500"), decision=i["decision"]),
    "WithdrawAllocation": lambda i: WithdrawAllocation(allocation=i["allocation"], reason="Niet nodig."),
    "RecordSpending": lambda i: RecordSpending(allocation=i["allocation"], amount=Money.parse("100"),
                                               description="Materiaal"),
    "RecordMeeting": lambda i: RecordMeeting(kind=MeetingKind.PLENARY, held_on=D(2021, 10, 1)),
    "ProposeDecision": lambda i: ProposeDecision(subject="Nieuw", text="Een voorstel."),
    "GiveOpinion": lambda i: GiveOpinion(decision=i["pending"], party=i["me"], stance=Stance.FOR),
    "RecordDecision": lambda i: RecordDecision(meeting=i["meeting"], subject="Iets", text="Besloten."),
    "RaiseDisagreement": lambda i: RaiseDisagreement(by=i["me"], about="Het geld"),
    "DiscussDisagreement": lambda i: DiscussDisagreement(disagreement=i["disagreement"], meeting=i["meeting"]),
    "ResolveDisagreement": lambda i: ResolveDisagreement(disagreement=i["disagreement"], outcome="Opgelost."),
    "RecordEvaluation": lambda i: RecordEvaluation(year=2021, process="Goed", goals="Op weg", results="Twee projecten"),
    "OpenRound": lambda i: OpenRound(title="Tweede ronde", year=2021,
                                     funds=(FundShare("BoTu2028", Money.parse("1000")),), decision=i["decision"]),
    "SubmitProposal": lambda i: SubmitProposal(round=i["round"], title="Bankjes", cost=Money.parse("300"),
                                               by=i["me"], plan="Bankjes in het park."),
    "CastBallot": lambda i: CastBallot(round=i["round"], voter=i["me"], approvals=(i["proposal"],)),
    "CloseRound": lambda i: CloseRound(round=i["round"]),
}


def _actor(role: str, coop: str, me: str) -> Actor | None:
    """An actor with ``role`` in the cooperation ``coop`` (none: the store's owner)."""
    if role == "owner":
        return None
    if role == "coordinator":
        return Actor("coordinator", grants={coop: "coordinator"})
    if role in ("member", "pending"):
        return Actor("ann" if role == "member" else "eva", parties={coop: me})
    if role == "auditor":
        return Actor("auditor", grants={coop: "auditor"})
    if role == "account":
        return Actor("newcomer")
    return Actor()


def test_the_table_names_every_command_of_the_library() -> None:
    named = {cls.__name__ for cls in COMMANDS} | {"OpenRound", "SubmitProposal", "CastBallot", "CloseRound", "ImportRound"}
    assert set(EXPECTED) == named | {p.READ_LOG, p.SEE_MEMBERS_DATA, p.INVITE_ACCOUNT, p.FOUND_COOPERATION}
    assert set(SAMPLES) | {"ImportRound"} == named
    assert {name: set(roles) for name, roles in p.table().items()} == EXPECTED


@pytest.mark.parametrize("where", ["own", "other"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_command_for_every_role_in_own_and_other_cooperation(name: str, role: str, where: str) -> None:
    app = Cooperations("memory:", clock=lambda: dt.datetime(2021, 10, 1, 12, tzinfo=dt.UTC))
    try:
        ids = _setup(app)
        other = app.create_cooperation("Spangen", slug="spangen", founded_on=D(2021, 7, 1))
        ids["me"] = ids[ME_PENDING.get(name, "registered")] if role == "pending" else ids[ME.get(name, "ann")]
        # An agreement is adopted once: that command goes to the second cooperation, which has none yet.
        target = other if name == "AdoptAgreement" else ids["coop"]
        # The actor's grant or party is in its own cooperation; acting on the other
        # one, it is just a logged-in visitor there.
        home = target if where == "own" else (ids["coop"] if target == other else other)
        actor = _actor(role, home, ids["me"])
        command = SAMPLES[name](ids)
        before = log_length(app, target)
        allowed = role in EXPECTED[name] and (where == "own" or role == "owner")
        if where == "other" and role not in ("owner", "anonymous") and name == "JoinParty":
            allowed = True  # a logged-in visitor may join any cooperation
        if allowed:
            app.execute(target, command, actor=actor)
            assert log_length(app, target) > before
        else:
            with pytest.raises(PermissionDenied) as refused:
                app.execute(target, command, actor=actor)
            assert refused.value.code in ("permission.denied", "permission.login_required", "permission.pending")
            assert log_length(app, target) == before
    finally:
        app.close()


def test_a_member_acts_only_as_its_own_party() -> None:
    app = Cooperations("memory:", clock=fixed_clock)
    try:
        ids = cooperation(app)
        ann = Actor("ann", parties={ids["coop"]: ids["ann"]})
        before = log_length(app, ids["coop"])
        with pytest.raises(PermissionDenied) as refused:
            app.execute(ids["coop"], SignAgreement(party=ids["gemeente"], note="Namens de gemeente"), actor=ann)
        assert refused.value.code == "permission.not_own_party"
        assert "eigen partij" in refused.value.message_nl and "own party" in refused.value.message_en
        assert log_length(app, ids["coop"]) == before
    finally:
        app.close()


def test_a_coordinator_of_one_cooperation_is_a_visitor_of_another() -> None:
    app = Cooperations("memory:", clock=fixed_clock)
    try:
        botu = cooperation(app)
        twee = app.create_cooperation("Twee", slug="twee", founded_on=D(2021, 7, 1))
        tweeadmin = Actor("tweeadmin", grants={twee: "coordinator"})
        assert app.role(twee, tweeadmin) == "coordinator"
        assert app.role(botu["coop"], tweeadmin) == "account"
        assert not app.may(botu["coop"], tweeadmin, p.READ_LOG)
        with pytest.raises(PermissionDenied):
            app.execute(botu["coop"], RecordMeeting(kind=MeetingKind.PLENARY, held_on=D(2021, 10, 1)), actor=tweeadmin)
        # Members' data (contact details) are not for it either.
        assert app.view_for(botu["coop"], tweeadmin).audience == "public"
    finally:
        app.close()


def test_members_facts_are_dated_by_the_server() -> None:
    app = Cooperations("memory:", clock=lambda: dt.datetime(2021, 10, 5, 12, tzinfo=dt.UTC))
    try:
        ids = cooperation(app)
        ann = Actor("ann", parties={ids["coop"]: ids["ann"]})
        disagreement = app.execute(ids["coop"], RaiseDisagreement(by=ids["ann"], about="Geld", on=D(2021, 9, 2)), actor=ann)
        (shown,) = [d for d in app.disagreements(ids["coop"]) if d.id == disagreement]
        assert shown.raised_on == D(2021, 10, 5)
        # A coordinator enters what happened earlier, with its own date.
        boss = Actor("boss", grants={ids["coop"]: "coordinator"})
        earlier = app.execute(ids["coop"], RaiseDisagreement(by=ids["ann"], about="Plan", on=D(2021, 9, 2)), actor=boss)
        (entered,) = [d for d in app.disagreements(ids["coop"]) if d.id == earlier]
        assert entered.raised_on == D(2021, 9, 2)
    finally:
        app.close()


def test_an_unknown_grant_is_refused_with_a_coded_error() -> None:
    with pytest.raises(BotuError) as refused:
        Actor("x", grants={"coop": "king"})
    assert refused.value.code == "permission.unknown_role"


def test_founding_a_cooperation_is_for_the_installations_coordinators() -> None:
    app = Cooperations("memory:", clock=lambda: dt.datetime(2021, 10, 1, 12, tzinfo=dt.UTC))
    try:
        botu = app.create_cooperation("BoTu", slug="botu")
        of_botu = Actor("fatima", grants={botu: p.COORDINATOR})
        for actor in (Actor(), Actor("henk"), of_botu):
            with pytest.raises(PermissionDenied):
                app.create_cooperation("Spangen", slug="spangen", actor=actor)
        assert [c.slug for c in app.cooperations()] == ["botu"]
        app.create_cooperation("Spangen", slug="spangen", actor=Actor("gemeente", grants={p.INSTALLATION: p.COORDINATOR}))
        assert [c.slug for c in app.cooperations()] == ["botu", "spangen"]
    finally:
        app.close()
