"""One projection per event: the live path (each command's own saving transaction), a
catch-up from scratch, a rebuild and a projection event by event all run the same
functions (``readmodels.projector``, written against the batch writer), and give the
same tables, table by table, for a history with every kind of event."""

from __future__ import annotations

import datetime as dt
import importlib.util
import inspect
import typing
from pathlib import Path
from typing import Any

import pytest

import botu_testing
from botu_core import (
    Actor,
    CastBallot,
    ChangeContact,
    ChangePartyDetails,
    CloseRound,
    CompleteProject,
    ConfirmParty,
    Cooperations,
    ForgetParty,
    FundShare,
    GiveContactConsent,
    GiveOpinion,
    JoinParty,
    LeaveParty,
    Money,
    OpenRound,
    PartyKind,
    ProposeDecision,
    RecordDecision,
    RejoinParty,
    Stance,
    StopProject,
    SubmitProposal,
    UpdatePlan,
    WithdrawAllocation,
    WithdrawContactConsent,
)
from botu_core.events import EVENT_TYPES
from botu_core.examples import load_botu_2021
from botu_core.readmodels import projector
from botu_core.readmodels import tables as t
from botu_core.readmodels.batch import Batch

D = dt.date
PABULIB = "META\nkey;value\nbudget;100\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost\n7;60\n8;30\nVOTES\nvoter_id;vote\nx;7\ny;7,8\n"


def test_every_event_has_one_projection_and_it_writes_through_the_batch_writer() -> None:
    assert set(projector.PROJECTIONS) == set(EVENT_TYPES)
    for fact_type, func in projector.PROJECTIONS.items():
        first = next(iter(inspect.signature(func).parameters))
        assert typing.get_type_hints(func)[first] is Batch, fact_type.__name__
    # No second set of projections kept in step with the first.
    assert importlib.util.find_spec("botu_core.readmodels.fast") is None


def rich_history(app: Cooperations) -> str:
    """The BoTu 2021 example, then what it leaves out: every other kind of event,
    including the ones that replace (an opinion, a ballot) or scrub (a forgotten person)."""
    coop = load_botu_2021(app)

    def do(command: Any, **kwargs: Any) -> Any:
        return app.execute(coop, command, **kwargs)

    do(ChangePartyDetails(party="Henk de Vries", email="henk@example.nl"))
    do(GiveContactConsent(party="Henk de Vries"))
    do(WithdrawContactConsent(party="Priya Ramdin"))
    do(LeaveParty(party="Wijkteam Delfshaven"))
    do(RejoinParty(party="Wijkteam Delfshaven"))
    zeynep = str(do(JoinParty(name="Zeynep", kind=PartyKind.RESIDENT), actor=Actor(account="web:7")))
    do(ConfirmParty(party=zeynep))
    projects = [p.id for p in app.projects(coop)]
    do(UpdatePlan(project=projects[0], plan="Een nieuw plan."))
    do(ChangeContact(project=projects[0], contact="Priya Ramdin"))
    do(CompleteProject(project=projects[1], note="Klaar."))
    do(StopProject(project=projects[2], reason="Geen vrijwilligers."))
    unspent = next(a.id for a in app.allocations(coop) if a.spent.cents == 0)
    do(WithdrawAllocation(allocation=unspent, reason="Niet nodig."))
    meeting = app.meetings(coop)[-1].id
    proposed = str(do(ProposeDecision(subject="Zonnedak", text="Een dak vol panelen.")))
    do(GiveOpinion(decision=proposed, party="Henk de Vries", stance=Stance.AGAINST, comment="Te duur."))
    do(GiveOpinion(decision=proposed, party="Henk de Vries", stance=Stance.FOR, comment="Toch goed."))  # replaces
    decision = str(do(RecordDecision(meeting=meeting, subject="Zonnedak", text="Besloten.", decision=proposed)))
    rnd = str(do(OpenRound(title="Energiebegroting", year=2021, funds=(FundShare("BoTu2028", Money.parse("1000")),),
                           decision=decision, rule="greedy")))
    first = str(do(SubmitProposal(round=rnd, title="Zonnepanelen", cost=Money.parse("600"), by="Gemeente Rotterdam",
                                  plan="Panelen.")))
    second = str(do(SubmitProposal(round=rnd, title="Isolatie", cost=Money.parse("500"), by="Priya Ramdin",
                                   plan="Isoleren.", project=projects[0])))
    do(CastBallot(round=rnd, voter="Fatima El Amrani", approvals=(first,)))
    do(CastBallot(round=rnd, voter="Fatima El Amrani", approvals=(first, second)))  # replaces
    do(CastBallot(round=rnd, voter="Priya Ramdin", approvals=(second,)))
    do(CloseRound(round=rnd))
    app.import_pabulib(coop, PABULIB)
    do(ForgetParty(party="Henk de Vries"))  # signed, gave opinions: scrubbed everywhere
    return coop


def one_by_one(app: Cooperations) -> dict[str, list[tuple[Any, ...]]]:
    """The tables projected anew event by event, each flushed alone (as time travel does)."""
    app.read_models.clear()
    with app.read_models._writing() as conn:
        for notification in app.recorder.select_notifications(start=1, limit=10**6):
            projector.apply(conn, app.mapper.to_domain_event(notification))
    return app.read_models.dump()


def assert_same_tables(found: dict[str, list[tuple[Any, ...]]], expected: dict[str, list[tuple[Any, ...]]]) -> None:
    assert list(found) == list(expected) == [table.name for table in t.STATE_TABLES]
    for name, rows in expected.items():
        assert found[name] == rows, name


def test_live_catch_up_rebuild_and_one_by_one_give_the_same_tables(store_url: str) -> None:
    app = Cooperations(store_url, clock=botu_testing.fixed_clock)
    try:
        caught_up: list[int] = []
        catch_up = app.read_models.catch_up

        def counting(*args: Any, **kwargs: Any) -> int:
            applied = catch_up(*args, **kwargs)
            caught_up.append(applied)
            return applied

        app.read_models.catch_up = counting  # type: ignore[method-assign]
        coop = rich_history(app)
        app.read_models.catch_up = catch_up  # type: ignore[method-assign]
        # Live: every event was projected by the command that saved it, in its transaction.
        assert sum(caught_up) == 0
        assert {type(e.fact) for e in app.events_of(coop)} == set(EVENT_TYPES)
        live = app.read_models.dump()
        assert [name for name, rows in live.items() if not rows] == []

        app.rebuild_read_models()
        assert_same_tables(app.read_models.dump(), live)

        app.read_models.clear()
        assert app.catch_up() == app.recorder.max_notification_id()
        assert_same_tables(app.read_models.dump(), live)

        assert_same_tables(one_by_one(app), live)
    finally:
        app.close()


@pytest.mark.parametrize("fixture", ["log_2021_v1", "log_2021_ballots_v1", "log_2022_commitments_v1"])
def test_old_logs_project_the_same_in_one_batch_and_one_by_one(fixture: str, tmp_path: Path) -> None:
    """The recorded old logs (ballots cast before they were secret, found by the voter
    they name instead of by key) give the same tables batched and event by event."""
    import test_schema_evolution as old

    load = {"log_2021_v1": old.load_old_log, "log_2021_ballots_v1": old.load_ballots_log,
            "log_2022_commitments_v1": old.load_commitments_log}[fixture]
    app, _coop = load(str(tmp_path / "botu.db"))
    try:
        batched = app.read_models.dump()
        assert_same_tables(one_by_one(app), batched)
    finally:
        app.close()
