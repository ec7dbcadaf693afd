"""A live round: open with funds and a decision, proposals, ballots, close, verify."""

from __future__ import annotations

import datetime as dt

import pytest

import botu_core
from botu_core import (
    Cooperations,
    InvalidInput,
    JoinParty,
    MakeFundsAvailable,
    MeetingKind,
    Money,
    PartyKind,
    RecordDecision,
    RecordMeeting,
    RuleViolation,
    StartProject,
)
from botu_core.participatory import (
    CastBallot,
    CategoryLimit,
    CloseRound,
    FundShare,
    OpenRound,
    SubmitProposal,
    parse_pabulib,
)

D = dt.date


def setup(app: Cooperations) -> dict[str, str]:
    coop = app.create_cooperation("Energiewijk BoTu", slug="botu", founded_on=D(2021, 1, 1))
    ids = {"coop": coop}
    for name, kind in [("Ann", PartyKind.RESIDENT), ("Bram", PartyKind.RESIDENT), ("Buurtcentrum", PartyKind.INITIATIVE)]:
        ids[name] = str(app.execute(coop, JoinParty(name=name, kind=kind, on=D(2021, 2, 1))))
    meeting = app.execute(coop, RecordMeeting(kind=MeetingKind.PLENARY, held_on=D(2021, 3, 1)))
    ids["decision"] = str(
        app.execute(coop, RecordDecision(meeting=str(meeting), subject="Stemronde", text="We volgen de uitkomst."))
    )
    app.execute(coop, MakeFundsAvailable(source="BoTu2028", year=2021, amount=Money.parse("50000"), on=D(2021, 3, 1)))
    app.execute(coop, MakeFundsAvailable(source="Aardgasvrij", year=2021, amount=Money.parse("50000"), on=D(2021, 3, 1)))
    ids["project"] = str(
        app.execute(coop, StartProject(title="Buurthuiskamers", plan="Huiskamers.", contact="Ann", on=D(2021, 3, 1)))
    )
    return ids


def open_round(app: Cooperations, ids: dict[str, str], rule: str = "equalshares/add1") -> str:
    return str(
        app.execute(
            ids["coop"],
            OpenRound(
                title="Energiebegroting 2021",
                year=2021,
                funds=(FundShare("BoTu2028", Money.parse("6000")), FundShare("Aardgasvrij", Money.parse("4000"))),
                decision=ids["decision"],
                rule=rule,
                category_limits=(CategoryLimit("isolatie", Money.parse("5000")),),
                on=D(2021, 4, 1),
            ),
        )
    )


def propose(app: Cooperations, ids: dict[str, str], rnd: str, title: str, cost: str, by: str, **kw: str) -> str:
    cmd = SubmitProposal(round=rnd, title=title, cost=Money.parse(cost), by=by, plan=f"Plan: {title}", on=D(2021, 4, 2), **kw)
    return str(app.execute(ids["coop"], cmd))


def test_a_whole_round(app: Cooperations) -> None:
    ids = setup(app)
    coop = ids["coop"]
    rnd = open_round(app, ids)
    assert rnd == "round-1"
    p1 = propose(app, ids, rnd, "Zonnepanelen op het buurthuis", "6000", "Buurtcentrum")
    p2 = propose(app, ids, rnd, "Isolatie-advies", "3000", "Ann", category="isolatie")
    p3 = propose(app, ids, rnd, "Tochtstrips", "2500", "Bram", category="isolatie")
    p4 = propose(app, ids, rnd, "Meer huiskamers", "1000", "Ann", project="Buurthuiskamers")
    app.execute(coop, CastBallot(round=rnd, voter="Ann", approvals=(p2, p4), on=D(2021, 4, 10)))
    app.execute(coop, CastBallot(round=rnd, voter="Bram", approvals=(p1,), on=D(2021, 4, 10)))
    # Bram changes his ballot: the last one counts, once.
    app.execute(coop, CastBallot(round=rnd, voter="Bram", approvals=(p1, p3), on=D(2021, 4, 11)))
    app.execute(coop, CastBallot(round=rnd, voter="Buurtcentrum", approvals=(p1, p3), on=D(2021, 4, 11)))
    own = {name: app.own_ballot(coop, rnd, ids[name]) for name in ("Ann", "Bram", "Buurtcentrum")}
    assert {name: b.approvals for name, b in own.items() if b is not None} == {
        "Ann": (p2, p4),
        "Bram": (p1, p3),
        "Buurtcentrum": (p1, p3),
    }
    assert sorted(b.pseudonym for b in app.ballots(coop, rnd)) == sorted(b.pseudonym for b in own.values() if b)
    assert {p.id: p.approvals for p in app.proposals(coop, rnd)} == {p1: 2, p2: 1, p3: 2, p4: 1}

    app.execute(coop, CloseRound(round=rnd, on=D(2021, 5, 1)))
    view = app.round(coop, rnd)
    assert view.status == "closed" and view.closed_on == D(2021, 5, 1)
    assert view.library_version == botu_core.__version__
    assert len(view.input_digest) == 64
    assert view.total_cost.cents <= view.budget.cents == 1_000_000
    assert set(view.winners) <= {p1, p2, p3, p4}
    proposals = {p.id: p for p in app.proposals(coop, rnd)}
    isolation = sum(proposals[w].cost.cents for w in view.winners if "isolatie" in proposals[w].categories)
    assert isolation <= 500_000
    # Allocations: one or more per winner, from the round's funds, naming the round's decision.
    allocations = app.allocations(coop)
    assert allocations and all(a.decision_id == ids["decision"] for a in allocations)
    assert sum(a.amount.cents for a in allocations) == view.total_cost.cents
    by_source: dict[str, int] = {}
    for a in allocations:
        by_source[a.source] = by_source.get(a.source, 0) + a.amount.cents
    assert by_source.get("BoTu2028", 0) <= 600_000 and by_source.get("Aardgasvrij", 0) <= 400_000
    # A winner that named a project funds it; the others became projects with the submitter as contact.
    projects = {p.id: p for p in app.projects(coop)}
    for w in view.winners:
        project_id = proposals[w].project_id
        assert project_id in projects
        if w == p4:
            assert project_id == ids["project"]
        else:
            assert projects[project_id].title == proposals[w].title
    check = app.verify_round(coop, rnd)
    assert check.ok
    # The closed round takes no more ballots or proposals.
    with pytest.raises(RuleViolation) as caught:
        app.execute(coop, CastBallot(round=rnd, voter="Ann", approvals=(p1,)))
    assert caught.value.code == "round.closed"
    with pytest.raises(RuleViolation):
        app.execute(coop, CloseRound(round=rnd))
    # The read models rebuild from the log to the same tables.
    before = app.read_models.dump()
    app.rebuild_read_models()
    assert app.read_models.dump() == before
    # The round can be written as a pabulib file with its outcome.
    exported = parse_pabulib(app.export_pabulib(coop, rnd))
    assert exported.official_winners == frozenset(view.winners)
    # … under the voters' pseudonyms: the file says how people voted, not who.
    assert {b.voter_id for b in exported.ballots} == {b.pseudonym for b in app.ballots(coop, rnd)}
    assert not {b.voter_id for b in exported.ballots} & {ids["Ann"], ids["Bram"], ids["Buurtcentrum"]}


def test_refusals_write_nothing(memory_app: Cooperations) -> None:
    app = memory_app
    ids = setup(app)
    coop = ids["coop"]
    rnd = open_round(app, ids, rule="greedy")
    p1 = propose(app, ids, rnd, "Zonnepanelen", "6000", "Buurtcentrum")
    before = len(app.events_of(coop))
    cases = [
        (CastBallot(round=rnd, voter="Onbekend", approvals=(p1,)), "party.unknown"),
        (CastBallot(round=rnd, voter="Ann", approvals=("proposal-99",)), "round.unknown_proposal"),
        (CastBallot(round="round-9", voter="Ann", approvals=(p1,)), "round.unknown"),
        (SubmitProposal(round=rnd, title="Te duur", cost=Money.parse("10001"), by="Ann", plan="x"), "round.proposal_too_expensive"),
        (SubmitProposal(round=rnd, title="Zonnepanelen", cost=Money.parse("1"), by="Ann", plan="x"), "round.proposal_title_taken"),
        (SubmitProposal(round=rnd, title="Buurthuiskamers", cost=Money.parse("1"), by="Ann", plan="x"), "project.title_taken"),
        (SubmitProposal(round=rnd, title="Zonne\u200bpanelen ", cost=Money.parse("1"), by="Ann", plan="x"), "round.proposal_title_taken"),
        (SubmitProposal(round=rnd, title="buurthuis\u00adkamers", cost=Money.parse("1"), by="Ann", plan="x"), "project.title_taken"),
        (
            OpenRound(title="Te veel", year=2021, funds=(FundShare("BoTu2028", Money.parse("60000")),), decision=ids["decision"]),
            "budget.exceeds_left",
        ),
        (
            OpenRound(title="Geen geld", year=2022, funds=(FundShare("BoTu2028", Money.parse("1")),), decision=ids["decision"]),
            "budget.unknown_source",
        ),
    ]
    for command, code in cases:
        with pytest.raises((RuleViolation, InvalidInput)) as caught:
            app.execute(coop, command)
        assert caught.value.code == code, command
        assert caught.value.message("nl") and caught.value.message("en")
    with pytest.raises(InvalidInput) as caught:
        CastBallot(round=rnd, voter="Ann", approvals=())
        app.execute(coop, CastBallot(round=rnd, voter="Ann", approvals=()))
    assert caught.value.code == "round.empty_ballot"
    with pytest.raises(InvalidInput) as caught:
        OpenRound(title="x", year=2021, funds=(FundShare("BoTu2028", Money.parse("1")),), decision="d", rule="borda")
    assert caught.value.code == "round.unknown_rule"
    with pytest.raises(InvalidInput) as caught:
        OpenRound(title="x", year=2021, funds=(FundShare("BoTu2028", Money(1)), FundShare("BoTu\u200b2028", Money(1))),
                  decision="d", category_limits=(CategoryLimit("zon", Money(1)),))
    assert caught.value.code == "input.duplicate_items"
    with pytest.raises(InvalidInput) as caught:
        OpenRound(title="x", year=2021, funds=(FundShare("BoTu2028", Money(1)),), decision="d",
                  category_limits=(CategoryLimit("Zon", Money(1)), CategoryLimit("zon\u00a0", Money(1))))
    assert caught.value.code == "input.duplicate_items"
    assert len(app.events_of(coop)) == before


def test_close_refuses_when_the_funds_were_spent_meanwhile(memory_app: Cooperations) -> None:
    from botu_core import AllocateBudget

    app = memory_app
    ids = setup(app)
    coop = ids["coop"]
    rnd = open_round(app, ids, rule="greedy")
    p1 = propose(app, ids, rnd, "Zonnepanelen", "9000", "Buurtcentrum")
    app.execute(coop, CastBallot(round=rnd, voter="Ann", approvals=(p1,)))
    # Meanwhile most of Aardgasvrij goes elsewhere.
    app.execute(coop, AllocateBudget(project="Buurthuiskamers", source="Aardgasvrij", year=2021, amount=Money.parse("49000"), decision=ids["decision"]))
    before = len(app.events_of(coop))
    with pytest.raises(RuleViolation) as caught:
        app.execute(coop, CloseRound(round=rnd))
    assert caught.value.code == "round.funds_short"
    assert len(app.events_of(coop)) == before
    assert app.round(coop, rnd).status == "open"


def test_imported_round_takes_no_live_ballots(memory_app: Cooperations) -> None:
    app = memory_app
    ids = setup(app)
    text = "META\nkey;value\nbudget;100\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost\n7;60\nVOTES\nvoter_id;vote\nx;7\n"
    rnd = app.import_pabulib(ids["coop"], text)
    with pytest.raises(RuleViolation) as caught:
        app.execute(ids["coop"], CastBallot(round=rnd, voter="Ann", approvals=("7",)))
    assert caught.value.code == "round.imported"
    app.execute(ids["coop"], CloseRound(round=rnd))
    assert app.round(ids["coop"], rnd).winners == ("7",)
    assert app.allocations(ids["coop"]) == []


def test_everyone_sees_the_round_but_only_a_voter_sees_their_own_ballot(app: Cooperations) -> None:
    ids = setup(app)
    coop = ids["coop"]
    rnd = open_round(app, ids)
    p1 = propose(app, ids, rnd, "Zonnepanelen op het buurthuis", "6000", "Buurtcentrum")
    p2 = propose(app, ids, rnd, "Isolatie-advies", "3000", "Ann", category="isolatie")
    app.execute(coop, CastBallot(round=rnd, voter="Ann", approvals=(p2,), on=D(2021, 4, 10)))
    app.execute(coop, CastBallot(round=rnd, voter="Bram", approvals=(p1, p2), on=D(2021, 4, 10)))
    app.execute(coop, CloseRound(round=rnd, on=D(2021, 5, 1)))
    public = app.view_as("public")
    # The round, its proposals and the recomputation are for everyone ...
    assert public.rounds(coop) == app.rounds(coop)
    assert public.proposals(coop, rnd) == app.proposals(coop, rnd)
    assert public.verify_round(coop, rnd).ok
    # ... and so are the ballots, by pseudonym: how someone voted only that person can tell.
    ballots = public.ballots(coop, rnd)
    assert sorted(b.approvals for b in ballots) == [(p1, p2), (p2,)]
    assert not {b.pseudonym for b in ballots} & {ids["Ann"], ids["Bram"]}
    assert public.own_ballot(coop, rnd) is None and app.view_as("member").own_ballot(coop, rnd) is None
    own = app.view_as("member", viewer=ids["Ann"]).own_ballot(coop, rnd)
    assert own is not None and own.approvals == (p2,) and own in ballots
