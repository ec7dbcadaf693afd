"""How each recorded fact changes the read-model tables.

One function per event type, registered in ``PROJECTIONS``, written against the
batch writer (``batch.Batch``): a command's own events (projected in the transaction
that saves them), a catch-up and a rebuild all run these same functions, so what an
event does to the read models is written once. They run inside the transaction that
also moves the tracking position, so each event is applied exactly once, even when a
process dies half-way or two processes catch up at the same time.

A projection that needs a row as it stands (an allocation's fund, a disagreement's
meetings so far) reads it through the batch, which sees its own pending rows.
"""

from __future__ import annotations

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
from .. import privacy
from .. import projects as pr
from ..cooperation import Recorded
from ..participatory import rounds as pb
from ..values import AgreementTerms
from . import tables as t
from .batch import Batch, Memo

Projection = Callable[[Batch, str, Any, Recorded], None]
PROJECTIONS: dict[type, Projection] = {}


def projects(fact_type: type) -> Callable[[Projection], Projection]:
    def register(func: Projection) -> Projection:
        PROJECTIONS[fact_type] = func
        return func

    return register


def new_memo() -> Memo:
    """What the projections below look up often, remembered across the batches of one
    catch-up or rebuild (see ``Memo``): an allocation's fund and amount, which
    decisions and funds exist."""
    return Memo({t.allocations: ("source", "year", "amount_cents")}, existing=(t.decisions, t.funds))


def apply_all(conn: Connection, records: Iterable[Recorded], memo: Memo | None = None) -> int:
    """Project ``records`` in order, in one batch; returns how many. ``memo`` is shared
    by the batches of one catch-up."""
    batch = Batch(conn, memo if memo is not None else new_memo())
    n = 0
    founded = ag.CooperationFounded
    names: dict[Any, str] = {}  # a cooperation's id as text, made once per batch
    for recorded in records:
        fact = recorded.fact
        coop = names.get(recorded.originator_id)
        if coop is None:
            coop = names[recorded.originator_id] = str(recorded.originator_id)
        PROJECTIONS[type(fact)](batch, coop, fact, recorded)
        if type(fact) is not founded:
            batch.update(t.cooperations, (coop,), events=recorded.originator_version)
        n += 1
    batch.flush()
    return n


def apply(conn: Connection, recorded: Recorded) -> None:
    """One event in a batch of its own, written before this returns: for a caller that
    wraps each event in a savepoint (time travel leaves out what cannot stand)."""
    apply_all(conn, (recorded,))


def sealed(conn: Connection, coop: str, subject: str, column: str, value: str) -> str:
    """A person's data as a read model keeps it: sealed under their key (``privacy``), so a
    copy of the database shows no name, phone, e-mail or note of anyone."""
    return privacy.sealing(conn).seal(coop, subject, column, value)


def party_details(conn: Connection, coop: str, fact: pa.PartyJoined | pa.PartyDetailsChanged) -> dict[str, Any]:
    """A party's name (sealed when it is a person's) and contact details (always sealed)."""
    person = fact.kind.value == "resident"
    return {
        "name": sealed(conn, coop, fact.party_id, "parties.name", fact.name) if person else fact.name,
        "phone": sealed(conn, coop, fact.party_id, "parties.phone", fact.phone),
        "email": sealed(conn, coop, fact.party_id, "parties.email", fact.email),
    }


def commitments_json(terms: AgreementTerms) -> str:
    from ..canonical import canonical_json
    from ..serialization import to_json_data

    return canonical_json(to_json_data(terms.commitments)).decode("utf-8")


def _found(b: Batch, table: Any, key: tuple[Any, ...], what: str) -> dict[str, Any]:
    """The row a fact refers to; a fact whose row is missing cannot stand (time travel
    leaves it out)."""
    row = b.get(table, key)
    if row is None:
        raise LookupError(f"{what} {key[1:]} of {key[0]} is not in the read models")
    return row


# --- the cooperation and its agreement ---------------------------------------------


@projects(ag.CooperationFounded)
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
        commitments=commitments_json(terms),
    )
    for i, (section, c) in enumerate(terms.clauses(), start=1):
        b.insert(t.clauses, coop_id=coop, version=version, section=section.value, position=i, key=c.key, text=c.text)
    b.update(t.cooperations, (coop,), current_version=version)


@projects(ag.AgreementAdopted)
def _adopted(b: Batch, coop: str, fact: ag.AgreementAdopted, rec: Recorded) -> None:
    _version(b, coop, fact.version, fact.terms, fact.adopted_on, "", None, None)


@projects(ag.AgreementRevised)
def _revised(b: Batch, coop: str, fact: ag.AgreementRevised, rec: Recorded) -> None:
    _version(b, coop, fact.version, fact.terms, fact.revised_on, fact.reason, fact.decision_id, fact.evaluation_id)


@projects(ag.CoordinatorsChosen)
def _coordinators(b: Batch, coop: str, fact: ag.CoordinatorsChosen, rec: Recorded) -> None:
    # The chosen ones replace the coordinators before them. Only those are read, not
    # every party: a cooperation has a few coordinators and may have hundreds of parties.
    chosen = set(fact.party_ids)
    for row in b.rows(t.parties, coop_id=coop, coordinator=True):
        if row["party_id"] not in chosen:
            b.update(t.parties, (coop, row["party_id"]), coordinator=False)
    for party_id in fact.party_ids:
        b.update(t.parties, (coop, party_id), coordinator=True)


# --- parties -------------------------------------------------------------------------


@projects(pa.PartyJoined)
def _joined(b: Batch, coop: str, fact: pa.PartyJoined, rec: Recorded) -> None:
    b.insert(
        t.parties, coop_id=coop, party_id=fact.party_id, kind=fact.kind.value, active=True,
        coordinator=False, share_contact=fact.share_contact, joined_on=fact.joined_on, left_on=None, forgotten=False,
        confirmed=fact.confirmed, **party_details(b.conn, coop, fact),
    )


@projects(pa.PartyConfirmed)
def _confirmed(b: Batch, coop: str, fact: pa.PartyConfirmed, rec: Recorded) -> None:
    b.update(t.parties, (coop, fact.party_id), confirmed=True)


@projects(pa.PartyDetailsChanged)
def _details(b: Batch, coop: str, fact: pa.PartyDetailsChanged, rec: Recorded) -> None:
    b.update(
        t.parties, (coop, fact.party_id), kind=fact.kind.value, share_contact=fact.share_contact,
        **party_details(b.conn, coop, fact),
    )


@projects(pa.PartyLeft)
def _left(b: Batch, coop: str, fact: pa.PartyLeft, rec: Recorded) -> None:
    b.update(t.parties, (coop, fact.party_id), active=False, coordinator=False, left_on=fact.left_on)


@projects(pa.PartyRejoined)
def _rejoined(b: Batch, coop: str, fact: pa.PartyRejoined, rec: Recorded) -> None:
    b.update(t.parties, (coop, fact.party_id), active=True, left_on=None, joined_on=fact.rejoined_on)


@projects(pa.ContactConsentGiven)
def _consent_given(b: Batch, coop: str, fact: pa.ContactConsentGiven, rec: Recorded) -> None:
    b.update(t.parties, (coop, fact.party_id), share_contact=True)


@projects(pa.ContactConsentWithdrawn)
def _consent_withdrawn(b: Batch, coop: str, fact: pa.ContactConsentWithdrawn, rec: Recorded) -> None:
    b.update(t.parties, (coop, fact.party_id), share_contact=False)


@projects(pa.PartyForgotten)
def _forgotten(b: Batch, coop: str, fact: pa.PartyForgotten, rec: Recorded) -> None:
    """Delete the person's key (crypto-shredding) and scrub what the read models copied."""
    b.delete(privacy.subject_keys, (coop, fact.party_id))
    key = (coop, fact.party_id)
    party = _found(b, t.parties, key, "party")
    values: dict[str, Any] = {"phone": "", "email": "", "share_contact": False, "active": False, "coordinator": False, "forgotten": True}
    if party["kind"] == "resident":
        values["name"] = privacy.FORGOTTEN_NAME
    if party["active"]:
        values["left_on"] = fact.forgotten_on
    b.update(t.parties, key, **values)
    b.update_rows(t.signatures, {"coop_id": coop, "party_id": fact.party_id}, note="", capacity="")
    b.update_rows(t.opinions, {"coop_id": coop, "party_id": fact.party_id}, comment="")
    b.update_rows(t.disagreements, {"coop_id": coop, "raised_by": fact.party_id}, description="")


@projects(pa.AgreementSigned)
def _signed(b: Batch, coop: str, fact: pa.AgreementSigned, rec: Recorded) -> None:
    b.insert(
        t.signatures, coop_id=coop, version=fact.version, party_id=fact.party_id,
        note=sealed(b.conn, coop, fact.party_id, "signatures.note", fact.note),
        capacity=sealed(b.conn, coop, fact.party_id, "signatures.capacity", fact.capacity),
        signed_on=fact.signed_on,
    )


# --- projects --------------------------------------------------------------------------


@projects(pr.ProjectStarted)
def _started(b: Batch, coop: str, fact: pr.ProjectStarted, rec: Recorded) -> None:
    b.insert(
        t.projects, coop_id=coop, project_id=fact.project_id, title=fact.title, plan=fact.plan,
        contact_party_id=fact.contact_party_id, status="running", series_year=fact.series_year,
        goals=json.dumps(list(fact.goals)), co_benefits=json.dumps([c.value for c in fact.co_benefits]),
        started_on=fact.started_on, ended_on=None, end_note="",
    )


@projects(pr.PlanUpdated)
def _plan(b: Batch, coop: str, fact: pr.PlanUpdated, rec: Recorded) -> None:
    b.update(t.projects, (coop, fact.project_id), plan=fact.plan)


@projects(pr.ContactChanged)
def _contact(b: Batch, coop: str, fact: pr.ContactChanged, rec: Recorded) -> None:
    b.update(t.projects, (coop, fact.project_id), contact_party_id=fact.contact_party_id)


@projects(pr.IndicatorDefined)
def _indicator(b: Batch, coop: str, fact: pr.IndicatorDefined, rec: Recorded) -> None:
    b.insert(
        t.indicators, coop_id=coop, indicator_id=fact.indicator_id, project_id=fact.project_id, name=fact.name,
        unit=fact.unit, target=None if fact.target is None else str(fact.target), defined_on=fact.defined_on,
    )


@projects(pr.IndicatorMeasured)
def _measured(b: Batch, coop: str, fact: pr.IndicatorMeasured, rec: Recorded) -> None:
    b.insert(
        t.measurements, coop_id=coop, position=rec.originator_version, indicator_id=fact.indicator_id,
        project_id=fact.project_id, value=str(fact.value), note=fact.note, measured_on=fact.measured_on,
    )


@projects(pr.BenefitRecorded)
def _benefit(b: Batch, coop: str, fact: pr.BenefitRecorded, rec: Recorded) -> None:
    b.insert(
        t.benefits, coop_id=coop, benefit_id=fact.benefit_id, project_id=fact.project_id,
        euros_cents=fact.euros_saved.cents, co2_kg=str(fact.co2_kg), period_start=fact.period_start,
        period_end=fact.period_end, note=fact.note,
    )


@projects(pr.ProjectCompleted)
def _completed(b: Batch, coop: str, fact: pr.ProjectCompleted, rec: Recorded) -> None:
    b.update(t.projects, (coop, fact.project_id), status="completed", ended_on=fact.completed_on, end_note=fact.note)


@projects(pr.ProjectStopped)
def _stopped(b: Batch, coop: str, fact: pr.ProjectStopped, rec: Recorded) -> None:
    b.update(t.projects, (coop, fact.project_id), status="stopped", ended_on=fact.stopped_on, end_note=fact.reason)


# --- budget ------------------------------------------------------------------------------


@projects(bu.FundsMadeAvailable)
def _available(b: Batch, coop: str, fact: bu.FundsMadeAvailable, rec: Recorded) -> None:
    key = (coop, fact.source, fact.year)
    if not b.exists(t.funds, key):
        b.insert(
            t.funds, coop_id=coop, source=fact.source, year=fact.year, available_cents=0, allocated_cents=0,
            spent_cents=0,
        )
    b.add(t.funds, key, available_cents=fact.amount.cents)


@projects(bu.BudgetAllocated)
def _allocated(b: Batch, coop: str, fact: bu.BudgetAllocated, rec: Recorded) -> None:
    b.insert(
        t.allocations, coop_id=coop, allocation_id=fact.allocation_id, project_id=fact.project_id,
        source=fact.source, year=fact.year, amount_cents=fact.amount.cents, spent_cents=0,
        decision_id=fact.decision_id, status="standing", allocated_on=fact.allocated_on, withdrawn_on=None,
    )
    b.add(t.funds, (coop, fact.source, fact.year), allocated_cents=fact.amount.cents)


def _allocation(b: Batch, coop: str, allocation_id: str) -> tuple[str, int, int]:
    """An allocation's fund (source, year) and amount: fixed once it is made."""
    row = b.fixed(t.allocations, (coop, allocation_id))
    if row is None:
        raise LookupError(f"allocation {allocation_id} of {coop} is not in the read models")
    source, year, amount_cents = row
    return source, year, amount_cents


@projects(bu.AllocationWithdrawn)
def _withdrawn(b: Batch, coop: str, fact: bu.AllocationWithdrawn, rec: Recorded) -> None:
    source, year, amount_cents = _allocation(b, coop, fact.allocation_id)
    b.update(t.allocations, (coop, fact.allocation_id), status="withdrawn", withdrawn_on=fact.withdrawn_on)
    b.add(t.funds, (coop, source, year), allocated_cents=-amount_cents)


@projects(bu.SpendingRecorded)
def _spent(b: Batch, coop: str, fact: bu.SpendingRecorded, rec: Recorded) -> None:
    source, year, _amount = _allocation(b, coop, fact.allocation_id)
    b.insert(
        t.spendings, coop_id=coop, spending_id=fact.spending_id, allocation_id=fact.allocation_id,
        amount_cents=fact.amount.cents, description=fact.description, spent_on=fact.spent_on,
    )
    b.add(t.allocations, (coop, fact.allocation_id), spent_cents=fact.amount.cents)
    b.add(t.funds, (coop, source, year), spent_cents=fact.amount.cents)


# --- meetings and decisions ----------------------------------------------------------------


@projects(me.MeetingHeld)
def _held(b: Batch, coop: str, fact: me.MeetingHeld, rec: Recorded) -> None:
    b.insert(
        t.meetings, coop_id=coop, meeting_id=fact.meeting_id, kind=fact.kind.value, held_on=fact.held_on,
        year=fact.held_on.year, title=fact.title, attendees=json.dumps(list(fact.attendee_ids)),
        minutes=fact.minutes, location=fact.location, minutes_members_only=fact.minutes_members_only,
    )


@projects(me.DecisionProposed)
def _proposed(b: Batch, coop: str, fact: me.DecisionProposed, rec: Recorded) -> None:
    b.insert(
        t.decisions, coop_id=coop, decision_id=fact.decision_id, subject=fact.subject, text=fact.text,
        status="pending", proposed_on=fact.proposed_on, meeting_id=None, taken_on=None,
    )


@projects(me.OpinionGiven)
def _opinion(b: Batch, coop: str, fact: me.OpinionGiven, rec: Recorded) -> None:
    # Equal standing: a party's later opinion replaces its earlier one; each counts once.
    b.delete(t.opinions, (coop, fact.decision_id, fact.party_id))
    b.insert(
        t.opinions, coop_id=coop, decision_id=fact.decision_id, party_id=fact.party_id, stance=fact.stance.value,
        comment=sealed(b.conn, coop, fact.party_id, "opinions.comment", fact.comment), given_on=fact.given_on,
    )


@projects(me.DecisionTaken)
def _taken(b: Batch, coop: str, fact: me.DecisionTaken, rec: Recorded) -> None:
    # A decision taken at a meeting may or may not have been proposed first.
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


@projects(di.DisagreementRaised)
def _raised(b: Batch, coop: str, fact: di.DisagreementRaised, rec: Recorded) -> None:
    b.insert(
        t.disagreements, coop_id=coop, disagreement_id=fact.disagreement_id, raised_by=fact.raised_by,
        about=fact.about,
        description=sealed(b.conn, coop, fact.raised_by, "disagreements.description", fact.description),
        status="open", raised_on=fact.raised_on, discussed_at="[]", resolved_on=None, outcome="", resolved_at=None,
    )


@projects(di.DisagreementDiscussed)
def _discussed(b: Batch, coop: str, fact: di.DisagreementDiscussed, rec: Recorded) -> None:
    key = (coop, fact.disagreement_id)
    current = json.loads(_found(b, t.disagreements, key, "disagreement")["discussed_at"])
    current.append(fact.meeting_id)
    b.update(t.disagreements, key, discussed_at=json.dumps(current))


@projects(di.DisagreementResolved)
def _resolved(b: Batch, coop: str, fact: di.DisagreementResolved, rec: Recorded) -> None:
    b.update(
        t.disagreements, (coop, fact.disagreement_id), status="resolved", resolved_on=fact.resolved_on,
        outcome=fact.outcome, resolved_at=fact.meeting_id,
    )


@projects(ev.EvaluationRecorded)
def _evaluated(b: Batch, coop: str, fact: ev.EvaluationRecorded, rec: Recorded) -> None:
    b.insert(
        t.evaluations, coop_id=coop, evaluation_id=fact.evaluation_id, year=fact.year, process=fact.process,
        goals=fact.goals, results=fact.results, lessons=fact.lessons, meeting_id=fact.meeting_id,
        recorded_on=fact.recorded_on,
    )


# --- participatory rounds -------------------------------------------------------------------


def _approvals(b: Batch, coop: str, round_id: str, ballots: Iterable[Iterable[str]], sign: int = 1) -> None:
    """Count ``ballots`` (each a list of approved proposals) in (or, sign -1, out of) their proposals."""
    counts: dict[str, int] = {}
    for approvals in ballots:
        for proposal_id in approvals:
            counts[proposal_id] = counts.get(proposal_id, 0) + sign
    for proposal_id, delta in counts.items():
        b.add(t.pb_proposals, (coop, round_id, proposal_id), approvals=delta)


@projects(pb.RoundOpened)
def _round_opened(b: Batch, coop: str, fact: pb.RoundOpened, rec: Recorded) -> None:
    b.insert(
        t.pb_rounds, coop_id=coop, round_id=fact.round_id, title=fact.title, year=fact.year,
        budget_cents=fact.budget.cents, funds=json.dumps([[s.source, str(s.amount)] for s in fact.funds]),
        category_limits=json.dumps([[c.category, str(c.amount)] for c in fact.category_limits]),
        voting_method=fact.voting_method, rule=fact.rule, decision_id=fact.decision_id,
        max_approvals=fact.max_approvals, imported=fact.imported, status="open", opened_on=fact.opened_on,
        closed_on=None, winners="[]", total_cost_cents=0, input_digest="", library_version="", tie_break="",
    )


@projects(pb.ProposalSubmitted)
def _proposal_submitted(b: Batch, coop: str, fact: pb.ProposalSubmitted, rec: Recorded) -> None:
    b.insert(
        t.pb_proposals, coop_id=coop, round_id=fact.round_id, proposal_id=fact.proposal_id, title=fact.title,
        cost_cents=fact.cost.cents, categories=json.dumps(list(fact.categories)), submitted_by=fact.submitted_by,
        plan=fact.plan, project_id=fact.project_id, approvals=0, selected=False, submitted_on=fact.submitted_on,
    )


@projects(pb.BallotCast)
def _ballot_cast(b: Batch, coop: str, fact: pb.BallotCast, rec: Recorded) -> None:
    # A voter's new ballot replaces the earlier one: every voter counts once. The same
    # voter has the same pseudonym in a round; a ballot from before ballots were secret
    # is found by the party id it holds.
    if fact.voter_id is not None:
        earlier = b.rows(t.pb_ballots, coop_id=coop, round_id=fact.round_id, voter_id=fact.voter_id)
        pseudonym = f"earlier-{rec.originator_version}"
    else:
        row = b.get(t.pb_ballots, (coop, fact.round_id, fact.pseudonym))
        earlier = [] if row is None else [row]
        pseudonym = fact.pseudonym
    for row in earlier:
        _approvals(b, coop, fact.round_id, [json.loads(row["approvals"])], -1)
        b.delete(t.pb_ballots, (coop, fact.round_id, row["pseudonym"]))
    b.insert(
        t.pb_ballots, coop_id=coop, round_id=fact.round_id, pseudonym=pseudonym, voter_id=fact.voter_id,
        approvals=json.dumps(list(fact.approvals)), cast_on=fact.cast_on, position=rec.originator_version,
    )
    _approvals(b, coop, fact.round_id, [fact.approvals])


@projects(pb.BallotsImported)
def _ballots_imported(b: Batch, coop: str, fact: pb.BallotsImported, rec: Recorded) -> None:
    # A file's voter ids are not parties: they stand where pseudonyms stand.
    for ballot in fact.ballots:
        b.insert(
            t.pb_ballots, coop_id=coop, round_id=fact.round_id, pseudonym=ballot.voter_id, voter_id=None,
            approvals=json.dumps(list(ballot.approvals)), cast_on=fact.imported_on, position=rec.originator_version,
        )
    _approvals(b, coop, fact.round_id, [ballot.approvals for ballot in fact.ballots])


@projects(pb.RoundClosed)
def _round_closed(b: Batch, coop: str, fact: pb.RoundClosed, rec: Recorded) -> None:
    b.update(
        t.pb_rounds, (coop, fact.round_id), status="closed", closed_on=fact.closed_on,
        winners=json.dumps(list(fact.winners)), total_cost_cents=fact.total_cost.cents,
        input_digest=fact.input_digest, library_version=fact.library_version, tie_break=fact.tie_break,
    )
    project_of = dict(zip(fact.winners, fact.project_ids, strict=False))
    for proposal_id in fact.winners:
        values: dict[str, Any] = {"selected": True}
        if proposal_id in project_of:
            values["project_id"] = project_of[proposal_id]
        b.update(t.pb_proposals, (coop, fact.round_id, proposal_id), **values)
