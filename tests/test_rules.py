"""Every rule of DESIGN.md, broken: the error code, both languages, and an untouched log."""

from __future__ import annotations

import botu_testing

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from botu_core import (
    AdoptAgreement,
    AllocateBudget,
    BotuError,
    ChangeContact,
    Cooperations,
    DefineIndicator,
    GiveOpinion,
    InvalidInput,
    JoinParty,
    LeaveParty,
    MakeFundsAvailable,
    MeetingKind,
    Money,
    PartyKind,
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
    Stance,
    StartProject,
    StopProject,
    WithdrawAllocation,
)

from factories import D, cooperation, log_length, terms


@pytest.fixture
def coop(memory_app: Cooperations) -> dict[str, str]:
    return cooperation(memory_app)


Case = tuple[str, Callable[[dict[str, str]], Any], str]

CASES: list[Case] = [
    # Anyone may join; but one name takes part once at a time.
    ("join twice", lambda i: JoinParty(name="Ann", kind=PartyKind.RESIDENT), "party.name_taken"),
    ("join without name", lambda i: JoinParty(name="  ", kind=PartyKind.RESIDENT), "input.required"),
    ("join with unknown kind", lambda i: JoinParty(name="X", kind="alien"), "input.invalid_choice"),
    ("join with bad e-mail", lambda i: JoinParty(name="X", kind=PartyKind.RESIDENT, email="no-at"), "input.invalid_email"),
    ("join in the future", lambda i: JoinParty(name="X", kind=PartyKind.RESIDENT, on=D(2030, 1, 1)), "date.in_future"),
    ("join before founding", lambda i: JoinParty(name="X", kind=PartyKind.RESIDENT, on=D(2020, 1, 1)), "date.before_founding"),
    ("rejoin a party that takes part", lambda i: RejoinParty(party="Ann"), "party.already_active"),
    ("control characters", lambda i: JoinParty(name="A\x00nn", kind=PartyKind.RESIDENT), "input.control_characters"),
    ("huge name", lambda i: JoinParty(name="x" * 10_000, kind=PartyKind.RESIDENT), "input.too_long"),
    # A project starts only with a plan and a contact person who is a party.
    ("project without plan", lambda i: StartProject(title="P", plan="", contact="Ann"), "input.required"),
    ("project with unknown contact", lambda i: StartProject(title="P", plan="plan", contact="Nobody"), "party.unknown"),
    ("project with same title", lambda i: StartProject(title="buurthuiskamers", plan="p", contact="Ann"), "project.title_taken"),
    ("project with a look-alike title", lambda i: StartProject(title="Buurthuis\u200bkamers", plan="p", contact="Ann"), "project.title_taken"),
    ("project with a title in other spaces", lambda i: StartProject(title="Ｂｕｕｒｔｈｕｉｓｋａｍｅｒｓ", plan="p", contact="Ann"), "project.title_taken"),
    ("project serving unknown goal", lambda i: StartProject(title="P", plan="p", contact="Ann", goals=("vrede",)), "project.unknown_goal"),
    ("contact change to non-party", lambda i: ChangeContact(project=i["project"], contact="Nobody"), "party.unknown"),
    ("indicator on unknown project", lambda i: DefineIndicator(project="Nothing", name="x"), "project.unknown"),
    ("benefit with reversed period", lambda i: RecordBenefit(project=i["project"], euros=Money(1), co2_kg=Decimal(1), period_start=D(2021, 9, 2), period_end=D(2021, 9, 1)), "input.period_reversed"),
    # Allocations never exceed what a source has left; each names its decision; exact cents.
    ("allocate more than left", lambda i: AllocateBudget(project=i["project"], source="BoTu2028", year=2021, amount=Money.parse("50.000,01"), decision=i["decision"]), "budget.exceeds_left"),
    ("allocate from unknown source", lambda i: AllocateBudget(project=i["project"], source="Elders", year=2021, amount=Money(100), decision=i["decision"]), "budget.unknown_source"),
    ("allocate from a year without funds", lambda i: AllocateBudget(project=i["project"], source="BoTu2028", year=2022, amount=Money(100), decision=i["decision"]), "budget.unknown_source"),
    ("allocate without decision", lambda i: AllocateBudget(project=i["project"], source="BoTu2028", year=2021, amount=Money(100), decision=""), "input.required"),
    ("allocate with unknown decision", lambda i: AllocateBudget(project=i["project"], source="BoTu2028", year=2021, amount=Money(100), decision="decision-99"), "decision.unknown"),
    ("allocate with a pending decision", lambda i: AllocateBudget(project=i["project"], source="BoTu2028", year=2021, amount=Money(100), decision=i["pending"]), "decision.not_taken"),
    ("allocate a negative amount", lambda i: AllocateBudget(project=i["project"], source="BoTu2028", year=2021, amount=Money(-100), decision=i["decision"]), "amount.not_positive"),
    ("allocate zero", lambda i: AllocateBudget(project=i["project"], source="BoTu2028", year=2021, amount=Money(0), decision=i["decision"]), "amount.not_positive"),
    ("allocate a float", lambda i: AllocateBudget(project=i["project"], source="BoTu2028", year=2021, amount=12.5, decision=i["decision"]), "amount.invalid"),
    ("allocate fractional cents", lambda i: AllocateBudget(project=i["project"], source="BoTu2028", year=2021, amount=Money.parse("10,005"), decision=i["decision"]), "amount.fractional_cents"),
    ("funds in an impossible year", lambda i: MakeFundsAvailable(source="BoTu2028", year=1900, amount=Money(100)), "input.invalid_year"),
    ("spend on unknown allocation", lambda i: RecordSpending(allocation="allocation-9", amount=Money(100), description="x"), "budget.allocation_unknown"),
    ("withdraw unknown allocation", lambda i: WithdrawAllocation(allocation="allocation-9", reason="x"), "budget.allocation_unknown"),
    # Only parties sign, raise disagreements or give opinions; a version once per party.
    ("non-party signs", lambda i: SignAgreement(party="Nobody", note="PS"), "party.unknown"),
    ("sign without a PS", lambda i: SignAgreement(party="Ann", note=""), "input.required"),
    ("sign a version that does not exist", lambda i: SignAgreement(party="Ann", note="PS", version=7), "agreement.unknown_version"),
    ("non-party raises a disagreement", lambda i: RaiseDisagreement(by="Nobody", about="x"), "party.unknown"),
    ("non-party gives an opinion", lambda i: GiveOpinion(decision=i["pending"], party="Nobody", stance=Stance.FOR), "party.unknown"),
    ("opinion after the decision", lambda i: GiveOpinion(decision=i["decision"], party="Ann", stance=Stance.FOR), "decision.already_taken"),
    ("resolve unknown disagreement", lambda i: ResolveDisagreement(disagreement="disagreement-9", outcome="x"), "disagreement.unknown"),
    # The agreement runs until 2028 at least; a revision names its decision or evaluation.
    ("adopt a second time", lambda i: AdoptAgreement(terms()), "agreement.already_adopted"),
    ("revise to end before 2028", lambda i: ReviseAgreement(terms(end=D(2027, 12, 31)), reason="korter", decision=i["decision"]), "agreement.end_before_minimum"),
    ("revise without decision or evaluation", lambda i: ReviseAgreement(terms(extra=" 2"), reason="zomaar"), "agreement.revision_needs_reason"),
    ("revise with a pending decision", lambda i: ReviseAgreement(terms(extra=" 2"), reason="x", decision=i["pending"]), "decision.not_taken"),
    ("revise to the same text", lambda i: ReviseAgreement(terms(), reason="x", decision=i["decision"]), "agreement.revision_unchanged"),
    # Meetings and decisions.
    ("meeting with a non-party", lambda i: RecordMeeting(kind=MeetingKind.PLENARY, held_on=D(2021, 10, 1), attendees=("Nobody",)), "party.unknown"),
    ("meeting date in wrong form", lambda i: RecordMeeting(kind=MeetingKind.PLENARY, held_on="2021-13-01"), "input.invalid_date"),
    ("decision at unknown meeting", lambda i: RecordDecision(meeting="meeting-9", subject="x", text="y"), "meeting.unknown"),
    ("evaluation of an impossible year", lambda i: RecordEvaluation(year=99, process="p", goals="g", results="r"), "input.invalid_year"),
    ("stop unknown project", lambda i: StopProject(project="Nothing", reason="x"), "project.unknown"),
    ("negative benefit", lambda i: RecordBenefit(project=i["project"], euros=Money(-1), co2_kg=Decimal(1), period_start=D(2021, 9, 1), period_end=D(2021, 9, 2)), "amount.negative"),
]


@pytest.mark.parametrize(("name", "make", "code"), CASES, ids=[c[0] for c in CASES])
def test_broken_rule_is_refused_and_nothing_is_written(
    memory_app: Cooperations, coop: dict[str, str], name: str, make: Callable[[dict[str, str]], Any], code: str
) -> None:
    before = log_length(memory_app, coop["coop"])
    with pytest.raises(BotuError) as error:
        memory_app.execute(coop["coop"], make(coop))
    assert error.value.code == code
    assert error.value.message_nl != error.value.message_en
    assert log_length(memory_app, coop["coop"]) == before


def test_a_party_that_left_may_rejoin_and_keeps_its_id(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c = coop["coop"]
    memory_app.execute(c, LeaveParty(party="Ann", reason="verhuisd", on=D(2022, 1, 1)))
    with pytest.raises(BotuError) as error:
        memory_app.execute(c, SignAgreement(party="Ann", note="PS"))
    assert error.value.code == "party.not_active"
    assert memory_app.execute(c, JoinParty(name="Ann", kind=PartyKind.RESIDENT, on=D(2022, 6, 1))) == coop["ann"]
    ann = memory_app.party(c, "Ann")
    assert ann.active and ann.left_on is None


def test_every_kind_of_party_can_join(memory_app: Cooperations, coop: dict[str, str]) -> None:
    for kind in PartyKind:
        memory_app.execute(coop["coop"], JoinParty(name=f"Partij {kind.value}", kind=kind))
    kinds = {p.kind for p in memory_app.parties(coop["coop"])}
    assert kinds == {k.value for k in PartyKind}


def test_a_version_is_signed_once_per_party(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c = coop["coop"]
    memory_app.execute(c, SignAgreement(party="Ann", note="Ik doe mee", capacity="bewoner"))
    before = log_length(memory_app, c)
    with pytest.raises(BotuError) as error:
        memory_app.execute(c, SignAgreement(party=coop["ann"], note="Nog een keer"))
    assert error.value.code == "agreement.already_signed"
    assert "Ann" in error.value.message_nl
    assert log_length(memory_app, c) == before
    # A new version can be signed again.
    memory_app.execute(c, ReviseAgreement(terms(extra=" v2"), reason="bijgesteld", decision=coop["decision"]))
    memory_app.execute(c, SignAgreement(party="Ann", note="Ook versie 2"))
    assert memory_app.party(c, "Ann").signed_versions == (1, 2)


def test_opinions_count_once_per_party(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c, pending = coop["coop"], coop["pending"]
    memory_app.execute(c, GiveOpinion(decision=pending, party="Ann", stance=Stance.AGAINST))
    memory_app.execute(c, GiveOpinion(decision=pending, party="Ann", stance=Stance.FOR, comment="Toch wel"))
    memory_app.execute(c, GiveOpinion(decision=pending, party="Gemeente Rotterdam", stance=Stance.AGAINST))
    decision = next(d for d in memory_app.decisions(c) if d.id == pending)
    # A resident's opinion weighs as much as the municipality's: one each.
    assert (decision.opinions_for, decision.opinions_against) == (1, 1)
    assert len(decision.opinions) == 2


def test_allocation_up_to_exactly_what_is_left(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c = coop["coop"]
    first = memory_app.execute(c, AllocateBudget(project="Buurthuiskamers", source="botu2028", year=2021, amount=Money.parse("30.000,00"), decision=coop["decision"]))
    memory_app.execute(c, AllocateBudget(project="Buurthuiskamers", source="BoTu2028", year=2021, amount=Money.parse("20000"), decision=coop["decision"]))
    (line,) = memory_app.budget(c, 2021)
    assert (str(line.allocated), str(line.left)) == ("50000.00", "0.00")
    with pytest.raises(BotuError) as error:
        memory_app.execute(c, AllocateBudget(project="Buurthuiskamers", source="BoTu2028", year=2021, amount=Money(1), decision=coop["decision"]))
    assert error.value.code == "budget.exceeds_left"
    assert "€ 0,00" in error.value.message_nl
    # Withdrawing gives the money back to the fund; spending cannot exceed the allocation.
    memory_app.execute(c, WithdrawAllocation(allocation=str(first), reason="project kleiner"))
    (line,) = memory_app.budget(c, 2021)
    assert str(line.left) == "30000.00"
    with pytest.raises(BotuError) as error:
        memory_app.execute(c, RecordSpending(allocation=str(first), amount=Money(100), description="x"))
    assert error.value.code == "budget.allocation_withdrawn"


def test_a_look_alike_source_is_the_same_fund(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c = coop["coop"]
    memory_app.execute(c, MakeFundsAvailable(source="BoTu\u200b2028 ", year=2021, amount=Money.parse("1.000")))
    (line,) = memory_app.budget(c, 2021)
    assert (line.source, str(line.available)) == ("BoTu2028", "51000.00")
    memory_app.execute(c, AllocateBudget(project="Buurthuiskamers", source="ＢｏＴｕ２０２８", year=2021,
                                         amount=Money.parse("1.000"), decision=coop["decision"]))
    (line,) = memory_app.budget(c, 2021)
    assert str(line.allocated) == "1000.00"


def test_indicator_names_are_told_apart_as_people_read_them(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c = coop["coop"]
    memory_app.execute(c, DefineIndicator(project="Buurthuiskamers", name="Bezoekers per week", unit="mensen"))
    before = log_length(memory_app, c)
    with pytest.raises(BotuError) as error:
        memory_app.execute(c, DefineIndicator(project="Buurthuiskamers", name="Bezoekers  per\u00a0week"))
    assert error.value.code == "indicator.name_taken"
    assert log_length(memory_app, c) == before


def test_spending_never_exceeds_the_allocation_and_blocks_withdrawal(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c = coop["coop"]
    allocation = str(memory_app.execute(c, AllocateBudget(project="Buurthuiskamers", source="BoTu2028", year=2021, amount=Money.parse("1000"), decision=coop["decision"])))
    memory_app.execute(c, RecordSpending(allocation=allocation, amount=Money.parse("600"), description="lampen", on=D(2021, 10, 1)))
    before = log_length(memory_app, c)
    for command, code in [
        (RecordSpending(allocation=allocation, amount=Money.parse("400,01"), description="te veel"), "budget.overspending"),
        (WithdrawAllocation(allocation=allocation, reason="terug"), "budget.allocation_has_spending"),
    ]:
        with pytest.raises(BotuError) as error:
            memory_app.execute(c, command)
        assert error.value.code == code
    assert log_length(memory_app, c) == before
    (line,) = memory_app.budget(c, 2021)
    assert (str(line.spent), str(line.left)) == ("600.00", "49000.00")


def test_raising_a_disagreement_keeps_you_a_party(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c = coop["coop"]
    d = str(memory_app.execute(c, RaiseDisagreement(by="Ann", about="De verdeling", on=D(2021, 8, 20))))
    ann = memory_app.party(c, "Ann")
    assert ann.active
    memory_app.execute(c, SignAgreement(party="Ann", note="Ik blijf meedoen"))
    memory_app.execute(c, ResolveDisagreement(disagreement=d, outcome="Samen opgelost", meeting=coop["meeting"]))
    with pytest.raises(BotuError) as error:
        memory_app.execute(c, ResolveDisagreement(disagreement=d, outcome="nog eens"))
    assert error.value.code == "disagreement.already_resolved"
    assert [x.status for x in memory_app.disagreements(c)] == ["resolved"]


def test_one_evaluation_per_year(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c = coop["coop"]
    memory_app.execute(c, RecordEvaluation(year=2021, process="p", goals="g", results="r", on=D(2022, 1, 10)))
    with pytest.raises(BotuError) as error:
        memory_app.execute(c, RecordEvaluation(year=2021, process="p", goals="g", results="r"))
    assert error.value.code == "evaluation.already_recorded"


def test_contact_details_are_shown_only_with_consent(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c = coop["coop"]
    memory_app.execute(c, JoinParty(name="Bea", kind=PartyKind.RESIDENT, phone="0612345678", share_contact=True))
    memory_app.execute(c, JoinParty(name="Cas", kind=PartyKind.RESIDENT, phone="0687654321", share_contact=False))
    shown = {p.name: p.phone for p in memory_app.view_as("member").parties(c)}
    assert shown["Bea"] == "0612345678"
    assert shown["Cas"] is None
    assert botu_testing.party_in_full(memory_app, c, "Cas").phone == "0687654321"


def test_agreement_cannot_be_adopted_with_an_end_before_its_own_minimum(memory_app: Cooperations) -> None:
    # BoTu's commitments (the default) promise 2028 at least.
    c = memory_app.create_cooperation("Andere wijk", slug="andere-wijk", founded_on=D(2022, 1, 1))
    with pytest.raises(BotuError) as error:
        memory_app.execute(c, AdoptAgreement(terms(end=D(2027, 6, 30))))
    assert error.value.code == "agreement.end_before_minimum"
    assert log_length(memory_app, c) == 1
    memory_app.execute(c, AdoptAgreement(terms(end=D(2028, 1, 1))))
    assert memory_app.agreement(c).end_date == D(2028, 1, 1)


def test_unknown_command_is_refused(memory_app: Cooperations, coop: dict[str, str]) -> None:
    with pytest.raises(BotuError) as error:
        memory_app.execute(coop["coop"], object())
    assert error.value.code == "command.unknown"


def test_slug_is_unique_in_the_store(memory_app: Cooperations, coop: dict[str, str]) -> None:
    with pytest.raises(InvalidInput) as error:
        memory_app.create_cooperation("Nog een BoTu", slug="botu")
    assert error.value.code == "cooperation.slug_taken"
    with pytest.raises(InvalidInput) as error:
        memory_app.create_cooperation("Fout", slug="Niet Goed!")
    assert error.value.code == "cooperation.invalid_slug"


def test_every_error_code_has_dutch_and_english() -> None:
    from botu_core import MESSAGES

    for code, (nl, en) in MESSAGES.items():
        assert nl.strip() and en.strip() and nl != en, code


def test_a_stopped_project_is_refused_in_plain_dutch(memory_app: Cooperations, coop: dict[str, str]) -> None:
    c = coop["coop"]
    memory_app.execute(c, StopProject(project="Buurthuiskamers", reason="geen vrijwilligers"))
    with pytest.raises(BotuError) as error:
        memory_app.execute(c, AllocateBudget(project="Buurthuiskamers", source="BoTu2028", year=2021, amount=Money(100), decision=coop["decision"]))
    assert error.value.code == "project.not_running"
    assert "(het is gestopt)" in error.value.message_nl and "(it is stopped)" in error.value.message_en


def test_a_disagreement_is_not_discussed_or_resolved_before_it_was_raised(memory_app: Cooperations, coop: dict[str, str]) -> None:
    from botu_core import DiscussDisagreement

    c = coop["coop"]
    d = str(memory_app.execute(c, RaiseDisagreement(by="Ann", about="De verdeling", on=D(2021, 10, 1))))
    before = log_length(memory_app, c)
    for command in [
        DiscussDisagreement(disagreement=d, meeting=coop["meeting"]),  # held on 2021-09-01
        ResolveDisagreement(disagreement=d, outcome="opgelost", meeting=coop["meeting"]),
        ResolveDisagreement(disagreement=d, outcome="opgelost", on=D(2021, 9, 30)),
    ]:
        with pytest.raises(BotuError) as error:
            memory_app.execute(c, command)
        assert error.value.code == "disagreement.before_raised"
    assert log_length(memory_app, c) == before
