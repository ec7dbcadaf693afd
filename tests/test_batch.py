"""Batches (all or nothing, one range of positions) and dry runs (nothing recorded)."""

from __future__ import annotations

from typing import Any

import pytest
from botu_testing import parties_in_full
from factories import cooperation

from botu_core import (
    Actor,
    BotuError,
    Cooperations,
    DryRun,
    InvalidInput,
    JoinParty,
    PartyKind,
    PermissionDenied,
    PlannedEvent,
    RuleViolation,
    SignAgreement,
    StartProject,
)
from botu_core.parties import PartyJoined


def snapshot(app: Cooperations, coop: str) -> dict[str, Any]:
    """Everything a command could change: log, read models, audit chain, keys, positions."""
    return {
        "log": [(e.originator_version, e.type) for e in app.events_of(coop)],
        "positions": app.recorder.max_notification_id(),
        "parties": parties_in_full(app, coop),
        "projects": app.projects(coop),
        "agreement": app.agreement(coop),
        "chain": app.audit.chain.position(),
        "read_models": app.read_models.position(),
        "keys": app.keys.count(),
    }


def test_a_batch_records_all_in_one_range_and_later_commands_see_earlier_ones(app: Cooperations) -> None:
    c = cooperation(app)["coop"]
    before = app.recorder.max_notification_id() or 0
    with app.batch(c) as b:
        bea = b.execute(JoinParty(name="Bea", kind=PartyKind.RESIDENT, phone="06 1234 5678"))
        assert bea is not None
        b.execute(SignAgreement(party=bea, note="Graag."))  # Bea exists only in the batch so far
        b.execute(StartProject(title="Zonnedaken", plan="Panelen op de daken.", contact=bea))
        assert app.recorder.max_notification_id() == before  # nothing recorded until the end
    assert b.positions == range(before + 1, before + 4)
    assert [e.type for e in b.events] == ["PartyJoined", "AgreementSigned", "ProjectStarted"]
    assert [r.position for r in app.follow(before)] == list(b.positions)
    assert "Bea" in {p.name for p in app.view_as("member").parties(c)} and "Zonnedaken" in {p.title for p in app.projects(c)}
    assert app.audit.verify(c).ok


def test_a_refused_command_in_a_batch_records_nothing(app: Cooperations) -> None:
    c = cooperation(app)["coop"]
    before = snapshot(app, c)
    with pytest.raises(RuleViolation):
        with app.batch(c) as b:
            bea = b.execute(JoinParty(name="Bea", kind=PartyKind.RESIDENT, phone="06 1234 5678"))
            b.execute(SignAgreement(party=str(bea), note="Graag."))
            b.execute(StartProject(title="Zonder contact", plan="Niemand.", contact="niemand"))
    assert snapshot(app, c) == before
    # The cached state was not changed either: Bea can join for real now, as party 3.
    assert app.execute(c, JoinParty(name="Bea", kind=PartyKind.RESIDENT)) == bea


def test_a_refusal_caught_in_the_block_still_records_nothing(app: Cooperations) -> None:
    c = cooperation(app)["coop"]
    before = snapshot(app, c)
    with pytest.raises(RuleViolation):
        with app.batch(c) as b:
            b.execute(JoinParty(name="Bea", kind=PartyKind.RESIDENT))
            try:
                b.execute(StartProject(title="Zonder contact", plan="Niemand.", contact="niemand"))
            except RuleViolation:
                pass
            with pytest.raises(InvalidInput) as closed:
                b.execute(JoinParty(name="Cas", kind=PartyKind.RESIDENT))
            assert closed.value.code == "batch.closed"
    assert snapshot(app, c) == before


def test_an_exception_in_the_block_records_nothing(app: Cooperations) -> None:
    c = cooperation(app)["coop"]
    before = snapshot(app, c)
    with pytest.raises(KeyError):
        with app.batch(c) as b:
            b.execute(JoinParty(name="Bea", kind=PartyKind.RESIDENT, phone="06 1234 5678"))
            raise KeyError("the caller's own mistake")
    assert snapshot(app, c) == before
    with pytest.raises(InvalidInput):
        b.execute(JoinParty(name="Cas", kind=PartyKind.RESIDENT))  # a closed batch takes no more


def test_permissions_are_checked_per_command_in_a_batch(app: Cooperations) -> None:
    ids = cooperation(app)
    c = ids["coop"]
    ann = Actor("ann", parties={c: ids["ann"]})
    before = snapshot(app, c)
    with pytest.raises(PermissionDenied):
        with app.batch(c, actor=ann) as b:
            b.execute(SignAgreement(party=ids["ann"], note="Ik teken."))  # her own: allowed
            b.execute(SignAgreement(party=ids["gemeente"], note="Namens de gemeente."))  # not hers
    assert snapshot(app, c) == before


def test_a_dry_run_says_what_would_be_recorded_and_records_nothing(app: Cooperations) -> None:
    c = cooperation(app)["coop"]
    before = snapshot(app, c)
    command = JoinParty(name="Bea", kind=PartyKind.RESIDENT, phone="06 1234 5678")
    planned = app.execute(c, command, idempotency_key="bea", dry_run=True)
    assert isinstance(planned, DryRun) and planned.result is not None
    [event] = planned.events
    assert isinstance(event, PlannedEvent) and isinstance(event.fact, PartyJoined)
    assert event.type == "PartyJoined" and event.data["name"] == "Bea" and event.version == len(before["log"]) + 1
    assert snapshot(app, c) == before
    # The key was not used up: the real command records, with the id the dry run said.
    assert app.execute(c, command, idempotency_key="bea") == planned.result
    again = app.execute(c, command, idempotency_key="bea", dry_run=True)
    assert again == DryRun(planned.result, ())  # a retry would record nothing


def test_a_refused_dry_run_raises_as_the_command_would(app: Cooperations) -> None:
    c = cooperation(app)["coop"]
    before = snapshot(app, c)
    with pytest.raises(RuleViolation):
        app.execute(c, StartProject(title="Zonder contact", plan="Niemand.", contact="niemand"), dry_run=True)
    with pytest.raises(PermissionDenied):
        app.execute(c, JoinParty(name="Bea", kind=PartyKind.RESIDENT, phone="06 1234 5678"), actor=Actor(), dry_run=True)
    assert snapshot(app, c) == before


def test_a_batch_dry_run_lists_every_event_and_records_nothing(app: Cooperations) -> None:
    c = cooperation(app)["coop"]
    before = snapshot(app, c)
    with app.batch(c, dry_run=True) as b:
        bea = b.execute(JoinParty(name="Bea", kind=PartyKind.RESIDENT, phone="06 1234 5678"))
        b.execute(SignAgreement(party=str(bea), note="Graag."))
    assert [e.type for e in b.events] == ["PartyJoined", "AgreementSigned"]
    assert [e.version for e in b.events] == [len(before["log"]) + 1, len(before["log"]) + 2]
    assert b.positions == range(0)
    assert snapshot(app, c) == before


def test_a_batch_refuses_what_is_not_a_command(app: Cooperations) -> None:
    c = cooperation(app)["coop"]
    with pytest.raises(BotuError):
        with app.batch(c) as b:
            b.execute("JoinParty")
    with pytest.raises(BotuError):
        with app.batch(c, actor="ann") as b:  # type: ignore[arg-type]
            pass
