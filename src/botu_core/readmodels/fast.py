"""Batched projections: the common events written through a ``Batch`` (see ``batch``).

Each function here does what its namesake in ``projector`` does, on a ``Batch``
instead of a connection, so a catch-up batch of a thousand events becomes a handful
of ``executemany`` statements. Events without a batched projection here (the rare
ones that change rows by something other than their key, and any event another
module registers with ``projector.projects``) go through ``projector`` as before:
the batch is flushed first, so they see the tables as they stand.

``tests/benchmarks/test_batched_projection.py`` checks that both ways give the same
tables for a synthetic log with every event kind.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Connection

from .. import agreement as ag
from .. import budget as bu
from .. import disagreements as di
from .. import evaluations as ev
from .. import meetings as me
from .. import parties as pa
from .. import projects as pr
from ..cooperation import Recorded
from ..values import AgreementTerms
from . import projector
from . import tables as t
from .batch import Batch, Memo

BatchedProjection = Callable[[Batch, str, Any, Recorded], None]
BATCHED: dict[type, BatchedProjection] = {}


def batched(fact_type: type) -> Callable[[BatchedProjection], BatchedProjection]:
    def register(func: BatchedProjection) -> BatchedProjection:
        BATCHED[fact_type] = func
        return func

    return register


def new_memo() -> Memo:
    """Shared by the batches of one catch-up or rebuild (see ``Memo``)."""
    return Memo({t.allocations: ("source", "year", "amount_cents")}, existing=(t.decisions, t.funds))


def apply_all(conn: Connection, records: Iterable[Recorded], memo: Memo | None = None) -> int:
    """Project ``records`` in order; returns how many."""
    batch = Batch(conn, memo)
    n = 0
    founded = ag.CooperationFounded
    names: dict[Any, str] = {}  # a cooperation's id as text, made once per batch
    for recorded in records:
        fact = recorded.fact
        coop = names.get(recorded.originator_id)
        if coop is None:
            coop = names[recorded.originator_id] = str(recorded.originator_id)
        fast = BATCHED.get(type(fact))
        if fast is not None and projector.PROJECTIONS.get(type(fact)) is _SHADOWS.get(type(fact)):
            fast(batch, coop, fact, recorded)
        else:
            batch.flush()
            func = projector.PROJECTIONS[type(fact)]
            if _MEMO_SAFE.get(type(fact)) != _fingerprints.get(func):
                batch.forget_memo()
            func(conn, coop, fact, recorded)
        if type(fact) is not founded:
            batch.update(t.cooperations, (coop,), events=recorded.originator_version)
        n += 1
    batch.flush()
    return n


# The per-event projection each batched one stands in for. A batched projection is
# used only while its per-event twin is the registered one *and* still has the
# source it was written against (``fingerprint``): change a projection in
# ``projector`` and its event goes one by one again (correct, slower) until this
# module follows; ``STALE`` names those events.
_SHADOWS: dict[type, Any] = {}
STALE: dict[str, str] = {}


def fingerprint(func: Any) -> str:
    """A short hash of a per-event projection's source and of the helpers it calls."""
    parts = [inspect.getsource(func)]
    for name in func.__code__.co_names:
        helper = getattr(projector, name, None)
        if inspect.isfunction(helper) and helper.__module__ == projector.__name__:
            parts.append(inspect.getsource(helper))
    return hashlib.sha256("".join(parts).encode()).hexdigest()[:12]


def _shadow(fact_type: type, expected: str) -> Callable[[BatchedProjection], BatchedProjection]:
    def register(func: BatchedProjection) -> BatchedProjection:
        twin = projector.PROJECTIONS.get(fact_type)
        actual = fingerprint(twin) if twin is not None else "missing"
        if actual != expected:
            STALE[fact_type.__name__] = actual
            return func
        _SHADOWS[fact_type] = twin
        return batched(fact_type)(func)

    return register


# Per-event projections known to leave the remembered tables (allocations, decisions,
# funds) alone, by fingerprint: the batch need not forget what it remembers for them.
_MEMO_SAFE: dict[type, str] = {
    ag.CoordinatorsChosen: "7c083fb19690",
    pa.PartyForgotten: "043b5edd1721",
}
_fingerprints: dict[Any, str] = {
    func: fingerprint(func) for fact_type, func in projector.PROJECTIONS.items() if fact_type in _MEMO_SAFE
}


# --- the cooperation and its agreement ---------------------------------------------


@_shadow(ag.CooperationFounded, "85385fc4e3ec")
def _founded(b: Batch, coop: str, fact: ag.CooperationFounded, rec: Recorded) -> None:
    b.insert(
        t.cooperations, coop_id=coop, name=fact.name, slug=fact.slug, neighbourhood=fact.neighbourhood,
        founded_on=fact.founded_on, current_version=0, events=rec.originator_version,
    )


def _version(
    b: Batch, coop: str, version: int, terms: AgreementTerms, on: Any, reason: str,
    decision_id: str | None, evaluation_id: str | None,
) -> None:
    b.insert(
        t.agreement_versions, coop_id=coop, version=version, title=terms.title, organisation=terms.organisation,
        end_date=terms.end_date, adopted_on=on, reason=reason, decision_id=decision_id, evaluation_id=evaluation_id,
        commitments=projector.commitments_json(terms),
    )
    for i, (section, c) in enumerate(terms.clauses(), start=1):
        b.insert(t.clauses, coop_id=coop, version=version, section=section.value, position=i, key=c.key, text=c.text)
    b.update(t.cooperations, (coop,), current_version=version)


@_shadow(ag.AgreementAdopted, "fc384b5358f4")
def _adopted(b: Batch, coop: str, fact: ag.AgreementAdopted, rec: Recorded) -> None:
    _version(b, coop, fact.version, fact.terms, fact.adopted_on, "", None, None)


@_shadow(ag.AgreementRevised, "03a5260094b3")
def _revised(b: Batch, coop: str, fact: ag.AgreementRevised, rec: Recorded) -> None:
    _version(b, coop, fact.version, fact.terms, fact.revised_on, fact.reason, fact.decision_id, fact.evaluation_id)


# --- parties -------------------------------------------------------------------------


@_shadow(pa.PartyJoined, "b7cd699e8c7c")
def _joined(b: Batch, coop: str, fact: pa.PartyJoined, rec: Recorded) -> None:
    b.insert(
        t.parties, coop_id=coop, party_id=fact.party_id, kind=fact.kind.value, active=True,
        coordinator=False, share_contact=fact.share_contact, joined_on=fact.joined_on, left_on=None, forgotten=False,
        confirmed=fact.confirmed, **projector.party_details(b.conn, coop, fact),
    )


@_shadow(pa.PartyDetailsChanged, "39d3ea861ad9")
def _details(b: Batch, coop: str, fact: pa.PartyDetailsChanged, rec: Recorded) -> None:
    b.update(
        t.parties, (coop, fact.party_id), kind=fact.kind.value, share_contact=fact.share_contact,
        **projector.party_details(b.conn, coop, fact),
    )


@_shadow(pa.PartyLeft, "9c36c3e2e80d")
def _left(b: Batch, coop: str, fact: pa.PartyLeft, rec: Recorded) -> None:
    b.update(t.parties, (coop, fact.party_id), active=False, coordinator=False, left_on=fact.left_on)


@_shadow(pa.PartyRejoined, "8b2db6f51f2b")
def _rejoined(b: Batch, coop: str, fact: pa.PartyRejoined, rec: Recorded) -> None:
    b.update(t.parties, (coop, fact.party_id), active=True, left_on=None, joined_on=fact.rejoined_on)


@_shadow(pa.ContactConsentGiven, "d2f9f64b5621")
def _consent_given(b: Batch, coop: str, fact: pa.ContactConsentGiven, rec: Recorded) -> None:
    b.update(t.parties, (coop, fact.party_id), share_contact=True)


@_shadow(pa.ContactConsentWithdrawn, "bb68b17b94e5")
def _consent_withdrawn(b: Batch, coop: str, fact: pa.ContactConsentWithdrawn, rec: Recorded) -> None:
    b.update(t.parties, (coop, fact.party_id), share_contact=False)


@_shadow(pa.AgreementSigned, "87bf5f3414b1")
def _signed(b: Batch, coop: str, fact: pa.AgreementSigned, rec: Recorded) -> None:
    b.insert(
        t.signatures, coop_id=coop, version=fact.version, party_id=fact.party_id,
        note=projector.sealed(b.conn, coop, fact.party_id, "signatures.note", fact.note),
        capacity=projector.sealed(b.conn, coop, fact.party_id, "signatures.capacity", fact.capacity),
        signed_on=fact.signed_on,
    )


# --- projects --------------------------------------------------------------------------


@_shadow(pr.ProjectStarted, "17125b1399ba")
def _started(b: Batch, coop: str, fact: pr.ProjectStarted, rec: Recorded) -> None:
    b.insert(
        t.projects, coop_id=coop, project_id=fact.project_id, title=fact.title, plan=fact.plan,
        contact_party_id=fact.contact_party_id, status="running", series_year=fact.series_year,
        goals=json.dumps(list(fact.goals)), co_benefits=json.dumps([c.value for c in fact.co_benefits]),
        started_on=fact.started_on, ended_on=None, end_note="",
    )


@_shadow(pr.PlanUpdated, "6cb047474fbb")
def _plan(b: Batch, coop: str, fact: pr.PlanUpdated, rec: Recorded) -> None:
    b.update(t.projects, (coop, fact.project_id), plan=fact.plan)


@_shadow(pr.ContactChanged, "09c6a936c174")
def _contact(b: Batch, coop: str, fact: pr.ContactChanged, rec: Recorded) -> None:
    b.update(t.projects, (coop, fact.project_id), contact_party_id=fact.contact_party_id)


@_shadow(pr.IndicatorDefined, "c8b15de22d9b")
def _indicator(b: Batch, coop: str, fact: pr.IndicatorDefined, rec: Recorded) -> None:
    b.insert(
        t.indicators, coop_id=coop, indicator_id=fact.indicator_id, project_id=fact.project_id, name=fact.name,
        unit=fact.unit, target=None if fact.target is None else str(fact.target), defined_on=fact.defined_on,
    )


@_shadow(pr.IndicatorMeasured, "d9c1c397d8ca")
def _measured(b: Batch, coop: str, fact: pr.IndicatorMeasured, rec: Recorded) -> None:
    b.insert(
        t.measurements, coop_id=coop, position=rec.originator_version, indicator_id=fact.indicator_id,
        project_id=fact.project_id, value=str(fact.value), note=fact.note, measured_on=fact.measured_on,
    )


@_shadow(pr.BenefitRecorded, "d613cc4270c8")
def _benefit(b: Batch, coop: str, fact: pr.BenefitRecorded, rec: Recorded) -> None:
    b.insert(
        t.benefits, coop_id=coop, benefit_id=fact.benefit_id, project_id=fact.project_id,
        euros_cents=fact.euros_saved.cents, co2_kg=str(fact.co2_kg), period_start=fact.period_start,
        period_end=fact.period_end, note=fact.note,
    )


@_shadow(pr.ProjectCompleted, "49577f1f8d8b")
def _completed(b: Batch, coop: str, fact: pr.ProjectCompleted, rec: Recorded) -> None:
    b.update(t.projects, (coop, fact.project_id), status="completed", ended_on=fact.completed_on, end_note=fact.note)


@_shadow(pr.ProjectStopped, "d9dd7abc8130")
def _stopped(b: Batch, coop: str, fact: pr.ProjectStopped, rec: Recorded) -> None:
    b.update(t.projects, (coop, fact.project_id), status="stopped", ended_on=fact.stopped_on, end_note=fact.reason)


# --- budget ------------------------------------------------------------------------------


@_shadow(bu.FundsMadeAvailable, "3da76875a608")
def _available(b: Batch, coop: str, fact: bu.FundsMadeAvailable, rec: Recorded) -> None:
    key = (coop, fact.source, fact.year)
    if not b.exists(t.funds, key):
        b.insert(
            t.funds, coop_id=coop, source=fact.source, year=fact.year, available_cents=0, allocated_cents=0,
            spent_cents=0,
        )
    b.add(t.funds, key, available_cents=fact.amount.cents)


@_shadow(bu.BudgetAllocated, "6986cb47ebef")
def _allocated(b: Batch, coop: str, fact: bu.BudgetAllocated, rec: Recorded) -> None:
    b.insert(
        t.allocations, coop_id=coop, allocation_id=fact.allocation_id, project_id=fact.project_id,
        source=fact.source, year=fact.year, amount_cents=fact.amount.cents, spent_cents=0,
        decision_id=fact.decision_id, status="standing", allocated_on=fact.allocated_on, withdrawn_on=None,
    )
    b.add(t.funds, (coop, fact.source, fact.year), allocated_cents=fact.amount.cents)


def _allocation(b: Batch, coop: str, allocation_id: str) -> dict[str, Any]:
    row = b.fixed(t.allocations, (coop, allocation_id))
    if row is None:
        raise LookupError(f"allocation {allocation_id} of {coop} is not in the read models")
    source, year, amount_cents = row
    return {"source": source, "year": year, "amount_cents": amount_cents}


@_shadow(bu.AllocationWithdrawn, "515ca0226b58")
def _withdrawn(b: Batch, coop: str, fact: bu.AllocationWithdrawn, rec: Recorded) -> None:
    row = _allocation(b, coop, fact.allocation_id)
    b.update(t.allocations, (coop, fact.allocation_id), status="withdrawn", withdrawn_on=fact.withdrawn_on)
    b.add(t.funds, (coop, row["source"], row["year"]), allocated_cents=-row["amount_cents"])


@_shadow(bu.SpendingRecorded, "3296f0c338cb")
def _spent(b: Batch, coop: str, fact: bu.SpendingRecorded, rec: Recorded) -> None:
    row = _allocation(b, coop, fact.allocation_id)
    b.insert(
        t.spendings, coop_id=coop, spending_id=fact.spending_id, allocation_id=fact.allocation_id,
        amount_cents=fact.amount.cents, description=fact.description, spent_on=fact.spent_on,
    )
    b.add(t.allocations, (coop, fact.allocation_id), spent_cents=fact.amount.cents)
    b.add(t.funds, (coop, row["source"], row["year"]), spent_cents=fact.amount.cents)


# --- meetings and decisions ----------------------------------------------------------------


@_shadow(me.MeetingHeld, "854cd4e2974e")
def _held(b: Batch, coop: str, fact: me.MeetingHeld, rec: Recorded) -> None:
    b.insert(
        t.meetings, coop_id=coop, meeting_id=fact.meeting_id, kind=fact.kind.value, held_on=fact.held_on,
        year=fact.held_on.year, title=fact.title, attendees=json.dumps(list(fact.attendee_ids)), minutes=fact.minutes, location=fact.location,
        minutes_members_only=fact.minutes_members_only,
    )


@_shadow(me.DecisionProposed, "ae7aa2217d35")
def _proposed(b: Batch, coop: str, fact: me.DecisionProposed, rec: Recorded) -> None:
    b.insert(
        t.decisions, coop_id=coop, decision_id=fact.decision_id, subject=fact.subject, text=fact.text,
        status="pending", proposed_on=fact.proposed_on, meeting_id=None, taken_on=None,
    )


@_shadow(me.OpinionGiven, "7cfb443a0ea8")
def _opinion(b: Batch, coop: str, fact: me.OpinionGiven, rec: Recorded) -> None:
    # Equal standing: a party's later opinion replaces its earlier one; each counts once.
    b.delete(t.opinions, (coop, fact.decision_id, fact.party_id))
    b.insert(
        t.opinions, coop_id=coop, decision_id=fact.decision_id, party_id=fact.party_id, stance=fact.stance.value,
        comment=projector.sealed(b.conn, coop, fact.party_id, "opinions.comment", fact.comment), given_on=fact.given_on,
    )


@_shadow(me.DecisionTaken, "9c4ab63d8ef0")
def _taken(b: Batch, coop: str, fact: me.DecisionTaken, rec: Recorded) -> None:
    values = {
        "subject": fact.subject, "text": fact.text, "status": "taken", "meeting_id": fact.meeting_id,
        "taken_on": fact.taken_on,
    }
    key = (coop, fact.decision_id)
    if b.exists(t.decisions, key):
        b.update(t.decisions, key, **values)
    else:
        b.insert(t.decisions, coop_id=coop, decision_id=fact.decision_id, proposed_on=None, **values)


# --- disagreements and evaluations ----------------------------------------------------------


@_shadow(di.DisagreementRaised, "25b761f367b4")
def _raised(b: Batch, coop: str, fact: di.DisagreementRaised, rec: Recorded) -> None:
    b.insert(
        t.disagreements, coop_id=coop, disagreement_id=fact.disagreement_id, raised_by=fact.raised_by,
        about=fact.about, description=projector.sealed(b.conn, coop, fact.raised_by, "disagreements.description", fact.description),
        status="open", raised_on=fact.raised_on,
        discussed_at="[]", resolved_on=None, outcome="", resolved_at=None,
    )


@_shadow(di.DisagreementDiscussed, "d00754342234")
def _discussed(b: Batch, coop: str, fact: di.DisagreementDiscussed, rec: Recorded) -> None:
    key = (coop, fact.disagreement_id)
    row = b.get(t.disagreements, key)
    if row is None:
        raise LookupError(f"disagreement {fact.disagreement_id} of {coop} is not in the read models")
    current = json.loads(row["discussed_at"])
    current.append(fact.meeting_id)
    b.update(t.disagreements, key, discussed_at=json.dumps(current))


@_shadow(di.DisagreementResolved, "aefb5c9f59a7")
def _resolved(b: Batch, coop: str, fact: di.DisagreementResolved, rec: Recorded) -> None:
    b.update(
        t.disagreements, (coop, fact.disagreement_id), status="resolved", resolved_on=fact.resolved_on,
        outcome=fact.outcome, resolved_at=fact.meeting_id,
    )


@_shadow(ev.EvaluationRecorded, "b03f3ecba760")
def _evaluated(b: Batch, coop: str, fact: ev.EvaluationRecorded, rec: Recorded) -> None:
    b.insert(
        t.evaluations, coop_id=coop, evaluation_id=fact.evaluation_id, year=fact.year, process=fact.process,
        goals=fact.goals, results=fact.results, lessons=fact.lessons, meeting_id=fact.meeting_id,
        recorded_on=fact.recorded_on,
    )
