"""How each recorded fact changes the read-model tables.

One function per event type, registered in ``PROJECTIONS``. They run inside the
transaction that also moves the tracking position, so each event is applied exactly
once, even when a process dies half-way or two processes catch up at the same time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from .. import agreement as ag
from .. import budget as bu
from .. import disagreements as di
from .. import evaluations as ev
from .. import meetings as me
from .. import parties as pa
from .. import projects as pr
from .. import privacy
from ..cooperation import Recorded
from ..values import AgreementTerms
from . import tables as t

Projection = Callable[[Connection, str, Any, Recorded], None]
PROJECTIONS: dict[type, Projection] = {}


def projects(fact_type: type) -> Callable[[Projection], Projection]:
    def register(func: Projection) -> Projection:
        PROJECTIONS[fact_type] = func
        return func

    return register


def apply(conn: Connection, recorded: Recorded) -> None:
    coop = str(recorded.originator_id)
    PROJECTIONS[type(recorded.fact)](conn, coop, recorded.fact, recorded)
    if not isinstance(recorded.fact, ag.CooperationFounded):
        conn.execute(
            update(t.cooperations)
            .where(t.cooperations.c.coop_id == coop)
            .values(events=recorded.originator_version)
        )


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


def _key(table: Any, coop: str, **keys: Any) -> Any:
    return and_(table.c.coop_id == coop, *[table.c[name] == value for name, value in keys.items()])


# --- the cooperation and its agreement ---------------------------------------------


@projects(ag.CooperationFounded)
def _founded(conn: Connection, coop: str, fact: ag.CooperationFounded, rec: Recorded) -> None:
    conn.execute(
        insert(t.cooperations).values(
            coop_id=coop,
            name=fact.name,
            slug=fact.slug,
            neighbourhood=fact.neighbourhood,
            founded_on=fact.founded_on,
            current_version=0,
            events=rec.originator_version,
        )
    )


def _version(
    conn: Connection, coop: str, version: int, terms: AgreementTerms, on: Any, reason: str,
    decision_id: str | None, evaluation_id: str | None,
) -> None:
    conn.execute(
        insert(t.agreement_versions).values(
            coop_id=coop,
            version=version,
            title=terms.title,
            organisation=terms.organisation,
            end_date=terms.end_date,
            adopted_on=on,
            reason=reason,
            decision_id=decision_id,
            evaluation_id=evaluation_id,
            commitments=commitments_json(terms),
        )
    )
    rows = [
        {"coop_id": coop, "version": version, "section": section.value, "position": i, "key": c.key, "text": c.text}
        for i, (section, c) in enumerate(terms.clauses(), start=1)
    ]
    if rows:
        conn.execute(insert(t.clauses), rows)
    conn.execute(update(t.cooperations).where(t.cooperations.c.coop_id == coop).values(current_version=version))


def commitments_json(terms: AgreementTerms) -> str:
    from ..serialization import canonical_json, to_json_data

    return canonical_json(to_json_data(terms.commitments)).decode("utf-8")


@projects(ag.AgreementAdopted)
def _adopted(conn: Connection, coop: str, fact: ag.AgreementAdopted, rec: Recorded) -> None:
    _version(conn, coop, fact.version, fact.terms, fact.adopted_on, "", None, None)


@projects(ag.AgreementRevised)
def _revised(conn: Connection, coop: str, fact: ag.AgreementRevised, rec: Recorded) -> None:
    _version(conn, coop, fact.version, fact.terms, fact.revised_on, fact.reason, fact.decision_id, fact.evaluation_id)


@projects(ag.CoordinatorsChosen)
def _coordinators(conn: Connection, coop: str, fact: ag.CoordinatorsChosen, rec: Recorded) -> None:
    conn.execute(update(t.parties).where(t.parties.c.coop_id == coop).values(coordinator=False))
    if fact.party_ids:
        conn.execute(
            update(t.parties)
            .where(t.parties.c.coop_id == coop, t.parties.c.party_id.in_(fact.party_ids))
            .values(coordinator=True)
        )


# --- parties -------------------------------------------------------------------------


@projects(pa.PartyJoined)
def _joined(conn: Connection, coop: str, fact: pa.PartyJoined, rec: Recorded) -> None:
    conn.execute(
        insert(t.parties).values(
            coop_id=coop,
            party_id=fact.party_id,
            kind=fact.kind.value,
            active=True,
            coordinator=False,
            share_contact=fact.share_contact,
            joined_on=fact.joined_on,
            left_on=None,
            forgotten=False,
            **party_details(conn, coop, fact),
            confirmed=fact.confirmed,
        )
    )


@projects(pa.PartyConfirmed)
def _confirmed(conn: Connection, coop: str, fact: pa.PartyConfirmed, rec: Recorded) -> None:
    conn.execute(update(t.parties).where(_key(t.parties, coop, party_id=fact.party_id)).values(confirmed=True))


@projects(pa.PartyDetailsChanged)
def _details(conn: Connection, coop: str, fact: pa.PartyDetailsChanged, rec: Recorded) -> None:
    conn.execute(
        update(t.parties)
        .where(_key(t.parties, coop, party_id=fact.party_id))
        .values(kind=fact.kind.value, share_contact=fact.share_contact, **party_details(conn, coop, fact))
    )


@projects(pa.PartyLeft)
def _left(conn: Connection, coop: str, fact: pa.PartyLeft, rec: Recorded) -> None:
    conn.execute(
        update(t.parties)
        .where(_key(t.parties, coop, party_id=fact.party_id))
        .values(active=False, coordinator=False, left_on=fact.left_on)
    )


@projects(pa.PartyRejoined)
def _rejoined(conn: Connection, coop: str, fact: pa.PartyRejoined, rec: Recorded) -> None:
    conn.execute(
        update(t.parties)
        .where(_key(t.parties, coop, party_id=fact.party_id))
        .values(active=True, left_on=None, joined_on=fact.rejoined_on)
    )


@projects(pa.ContactConsentGiven)
def _consent_given(conn: Connection, coop: str, fact: pa.ContactConsentGiven, rec: Recorded) -> None:
    conn.execute(update(t.parties).where(_key(t.parties, coop, party_id=fact.party_id)).values(share_contact=True))


@projects(pa.ContactConsentWithdrawn)
def _consent_withdrawn(conn: Connection, coop: str, fact: pa.ContactConsentWithdrawn, rec: Recorded) -> None:
    conn.execute(update(t.parties).where(_key(t.parties, coop, party_id=fact.party_id)).values(share_contact=False))


@projects(pa.PartyForgotten)
def _forgotten(conn: Connection, coop: str, fact: pa.PartyForgotten, rec: Recorded) -> None:
    """Delete the person's key (crypto-shredding) and scrub what the read models copied."""
    conn.execute(
        delete(privacy.subject_keys).where(
            privacy.subject_keys.c.coop_id == coop, privacy.subject_keys.c.subject_id == fact.party_id
        )
    )
    party = conn.execute(select(t.parties.c.kind, t.parties.c.active).where(_key(t.parties, coop, party_id=fact.party_id))).one()
    values: dict[str, Any] = {"phone": "", "email": "", "share_contact": False, "active": False, "coordinator": False, "forgotten": True}
    if party.kind == "resident":
        values["name"] = privacy.FORGOTTEN_NAME
    if party.active:
        values["left_on"] = fact.forgotten_on
    conn.execute(update(t.parties).where(_key(t.parties, coop, party_id=fact.party_id)).values(**values))
    conn.execute(update(t.signatures).where(_key(t.signatures, coop, party_id=fact.party_id)).values(note="", capacity=""))
    conn.execute(update(t.opinions).where(_key(t.opinions, coop, party_id=fact.party_id)).values(comment=""))
    conn.execute(
        update(t.disagreements).where(_key(t.disagreements, coop, raised_by=fact.party_id)).values(description="")
    )


@projects(pa.AgreementSigned)
def _signed(conn: Connection, coop: str, fact: pa.AgreementSigned, rec: Recorded) -> None:
    conn.execute(
        insert(t.signatures).values(
            coop_id=coop,
            version=fact.version,
            party_id=fact.party_id,
            note=sealed(conn, coop, fact.party_id, "signatures.note", fact.note),
            capacity=sealed(conn, coop, fact.party_id, "signatures.capacity", fact.capacity),
            signed_on=fact.signed_on,
        )
    )


# --- projects --------------------------------------------------------------------------


@projects(pr.ProjectStarted)
def _started(conn: Connection, coop: str, fact: pr.ProjectStarted, rec: Recorded) -> None:
    conn.execute(
        insert(t.projects).values(
            coop_id=coop,
            project_id=fact.project_id,
            title=fact.title,
            plan=fact.plan,
            contact_party_id=fact.contact_party_id,
            status="running",
            series_year=fact.series_year,
            goals=json.dumps(list(fact.goals)),
            co_benefits=json.dumps([c.value for c in fact.co_benefits]),
            started_on=fact.started_on,
            ended_on=None,
            end_note="",
        )
    )


@projects(pr.PlanUpdated)
def _plan(conn: Connection, coop: str, fact: pr.PlanUpdated, rec: Recorded) -> None:
    conn.execute(update(t.projects).where(_key(t.projects, coop, project_id=fact.project_id)).values(plan=fact.plan))


@projects(pr.ContactChanged)
def _contact(conn: Connection, coop: str, fact: pr.ContactChanged, rec: Recorded) -> None:
    conn.execute(
        update(t.projects)
        .where(_key(t.projects, coop, project_id=fact.project_id))
        .values(contact_party_id=fact.contact_party_id)
    )


@projects(pr.IndicatorDefined)
def _indicator(conn: Connection, coop: str, fact: pr.IndicatorDefined, rec: Recorded) -> None:
    conn.execute(
        insert(t.indicators).values(
            coop_id=coop,
            indicator_id=fact.indicator_id,
            project_id=fact.project_id,
            name=fact.name,
            unit=fact.unit,
            target=None if fact.target is None else str(fact.target),
            defined_on=fact.defined_on,
        )
    )


@projects(pr.IndicatorMeasured)
def _measured(conn: Connection, coop: str, fact: pr.IndicatorMeasured, rec: Recorded) -> None:
    conn.execute(
        insert(t.measurements).values(
            coop_id=coop,
            position=rec.originator_version,
            indicator_id=fact.indicator_id,
            project_id=fact.project_id,
            value=str(fact.value),
            note=fact.note,
            measured_on=fact.measured_on,
        )
    )


@projects(pr.BenefitRecorded)
def _benefit(conn: Connection, coop: str, fact: pr.BenefitRecorded, rec: Recorded) -> None:
    conn.execute(
        insert(t.benefits).values(
            coop_id=coop,
            benefit_id=fact.benefit_id,
            project_id=fact.project_id,
            euros_cents=fact.euros_saved.cents,
            co2_kg=str(fact.co2_kg),
            period_start=fact.period_start,
            period_end=fact.period_end,
            note=fact.note,
        )
    )


@projects(pr.ProjectCompleted)
def _completed(conn: Connection, coop: str, fact: pr.ProjectCompleted, rec: Recorded) -> None:
    conn.execute(
        update(t.projects)
        .where(_key(t.projects, coop, project_id=fact.project_id))
        .values(status="completed", ended_on=fact.completed_on, end_note=fact.note)
    )


@projects(pr.ProjectStopped)
def _stopped(conn: Connection, coop: str, fact: pr.ProjectStopped, rec: Recorded) -> None:
    conn.execute(
        update(t.projects)
        .where(_key(t.projects, coop, project_id=fact.project_id))
        .values(status="stopped", ended_on=fact.stopped_on, end_note=fact.reason)
    )


# --- budget ------------------------------------------------------------------------------


def _fund_add(conn: Connection, coop: str, source: str, year: int, **deltas: int) -> None:
    table = t.funds
    conn.execute(
        update(table)
        .where(_key(table, coop, source=source, year=year))
        .values({f"{name}_cents": table.c[f"{name}_cents"] + delta for name, delta in deltas.items()})
    )


@projects(bu.FundsMadeAvailable)
def _available(conn: Connection, coop: str, fact: bu.FundsMadeAvailable, rec: Recorded) -> None:
    exists = conn.execute(
        select(t.funds.c.year).where(_key(t.funds, coop, source=fact.source, year=fact.year))
    ).first()
    if exists is None:
        conn.execute(
            insert(t.funds).values(
                coop_id=coop, source=fact.source, year=fact.year, available_cents=0, allocated_cents=0, spent_cents=0
            )
        )
    _fund_add(conn, coop, fact.source, fact.year, available=fact.amount.cents)


@projects(bu.BudgetAllocated)
def _allocated(conn: Connection, coop: str, fact: bu.BudgetAllocated, rec: Recorded) -> None:
    conn.execute(
        insert(t.allocations).values(
            coop_id=coop,
            allocation_id=fact.allocation_id,
            project_id=fact.project_id,
            source=fact.source,
            year=fact.year,
            amount_cents=fact.amount.cents,
            spent_cents=0,
            decision_id=fact.decision_id,
            status="standing",
            allocated_on=fact.allocated_on,
            withdrawn_on=None,
        )
    )
    _fund_add(conn, coop, fact.source, fact.year, allocated=fact.amount.cents)


@projects(bu.AllocationWithdrawn)
def _withdrawn(conn: Connection, coop: str, fact: bu.AllocationWithdrawn, rec: Recorded) -> None:
    row = conn.execute(
        select(t.allocations.c.source, t.allocations.c.year, t.allocations.c.amount_cents).where(
            _key(t.allocations, coop, allocation_id=fact.allocation_id)
        )
    ).one()
    conn.execute(
        update(t.allocations)
        .where(_key(t.allocations, coop, allocation_id=fact.allocation_id))
        .values(status="withdrawn", withdrawn_on=fact.withdrawn_on)
    )
    _fund_add(conn, coop, row.source, row.year, allocated=-row.amount_cents)


@projects(bu.SpendingRecorded)
def _spent(conn: Connection, coop: str, fact: bu.SpendingRecorded, rec: Recorded) -> None:
    row = conn.execute(
        select(t.allocations.c.source, t.allocations.c.year).where(
            _key(t.allocations, coop, allocation_id=fact.allocation_id)
        )
    ).one()
    conn.execute(
        insert(t.spendings).values(
            coop_id=coop,
            spending_id=fact.spending_id,
            allocation_id=fact.allocation_id,
            amount_cents=fact.amount.cents,
            description=fact.description,
            spent_on=fact.spent_on,
        )
    )
    conn.execute(
        update(t.allocations)
        .where(_key(t.allocations, coop, allocation_id=fact.allocation_id))
        .values(spent_cents=t.allocations.c.spent_cents + fact.amount.cents)
    )
    _fund_add(conn, coop, row.source, row.year, spent=fact.amount.cents)


# --- meetings and decisions ----------------------------------------------------------------


@projects(me.MeetingHeld)
def _held(conn: Connection, coop: str, fact: me.MeetingHeld, rec: Recorded) -> None:
    conn.execute(
        insert(t.meetings).values(
            coop_id=coop,
            meeting_id=fact.meeting_id,
            kind=fact.kind.value,
            held_on=fact.held_on,
            year=fact.held_on.year,
            title=fact.title,
            attendees=json.dumps(list(fact.attendee_ids)),
            minutes=fact.minutes,
            location=fact.location,
            minutes_members_only=fact.minutes_members_only,
        )
    )


@projects(me.DecisionProposed)
def _proposed(conn: Connection, coop: str, fact: me.DecisionProposed, rec: Recorded) -> None:
    conn.execute(
        insert(t.decisions).values(
            coop_id=coop,
            decision_id=fact.decision_id,
            subject=fact.subject,
            text=fact.text,
            status="pending",
            proposed_on=fact.proposed_on,
            meeting_id=None,
            taken_on=None,
        )
    )


@projects(me.OpinionGiven)
def _opinion(conn: Connection, coop: str, fact: me.OpinionGiven, rec: Recorded) -> None:
    # Equal standing: a party's later opinion replaces its earlier one; each counts once.
    conn.execute(delete(t.opinions).where(_key(t.opinions, coop, decision_id=fact.decision_id, party_id=fact.party_id)))
    conn.execute(
        insert(t.opinions).values(
            coop_id=coop,
            decision_id=fact.decision_id,
            party_id=fact.party_id,
            stance=fact.stance.value,
            comment=sealed(conn, coop, fact.party_id, "opinions.comment", fact.comment),
            given_on=fact.given_on,
        )
    )


@projects(me.DecisionTaken)
def _taken(conn: Connection, coop: str, fact: me.DecisionTaken, rec: Recorded) -> None:
    values = {
        "subject": fact.subject,
        "text": fact.text,
        "status": "taken",
        "meeting_id": fact.meeting_id,
        "taken_on": fact.taken_on,
    }
    done = conn.execute(
        update(t.decisions).where(_key(t.decisions, coop, decision_id=fact.decision_id)).values(**values)
    )
    if done.rowcount == 0:
        conn.execute(insert(t.decisions).values(coop_id=coop, decision_id=fact.decision_id, proposed_on=None, **values))


# --- disagreements and evaluations ----------------------------------------------------------


@projects(di.DisagreementRaised)
def _raised(conn: Connection, coop: str, fact: di.DisagreementRaised, rec: Recorded) -> None:
    conn.execute(
        insert(t.disagreements).values(
            coop_id=coop,
            disagreement_id=fact.disagreement_id,
            raised_by=fact.raised_by,
            about=fact.about,
            description=sealed(conn, coop, fact.raised_by, "disagreements.description", fact.description),
            status="open",
            raised_on=fact.raised_on,
            discussed_at="[]",
            resolved_on=None,
            outcome="",
            resolved_at=None,
        )
    )


@projects(di.DisagreementDiscussed)
def _discussed(conn: Connection, coop: str, fact: di.DisagreementDiscussed, rec: Recorded) -> None:
    where = _key(t.disagreements, coop, disagreement_id=fact.disagreement_id)
    current = json.loads(conn.execute(select(t.disagreements.c.discussed_at).where(where)).scalar_one())
    current.append(fact.meeting_id)
    conn.execute(update(t.disagreements).where(where).values(discussed_at=json.dumps(current)))


@projects(di.DisagreementResolved)
def _resolved(conn: Connection, coop: str, fact: di.DisagreementResolved, rec: Recorded) -> None:
    conn.execute(
        update(t.disagreements)
        .where(_key(t.disagreements, coop, disagreement_id=fact.disagreement_id))
        .values(status="resolved", resolved_on=fact.resolved_on, outcome=fact.outcome, resolved_at=fact.meeting_id)
    )


@projects(ev.EvaluationRecorded)
def _evaluated(conn: Connection, coop: str, fact: ev.EvaluationRecorded, rec: Recorded) -> None:
    conn.execute(
        insert(t.evaluations).values(
            coop_id=coop,
            evaluation_id=fact.evaluation_id,
            year=fact.year,
            process=fact.process,
            goals=fact.goals,
            results=fact.results,
            lessons=fact.lessons,
            meeting_id=fact.meeting_id,
            recorded_on=fact.recorded_on,
        )
    )


# --- participatory rounds -------------------------------------------------------------------

from ..participatory import rounds as pb  # noqa: E402 - kept beside its projections


def _approval_delta(conn: Connection, coop: str, round_id: str, approvals: Any, delta: int) -> None:
    for proposal_id in approvals:
        conn.execute(
            update(t.pb_proposals)
            .where(_key(t.pb_proposals, coop, round_id=round_id, proposal_id=proposal_id))
            .values(approvals=t.pb_proposals.c.approvals + delta)
        )


@projects(pb.RoundOpened)
def _round_opened(conn: Connection, coop: str, fact: pb.RoundOpened, rec: Recorded) -> None:
    conn.execute(
        insert(t.pb_rounds).values(
            coop_id=coop,
            round_id=fact.round_id,
            title=fact.title,
            year=fact.year,
            budget_cents=fact.budget.cents,
            funds=json.dumps([[s.source, str(s.amount)] for s in fact.funds]),
            category_limits=json.dumps([[c.category, str(c.amount)] for c in fact.category_limits]),
            voting_method=fact.voting_method,
            rule=fact.rule,
            decision_id=fact.decision_id,
            max_approvals=fact.max_approvals,
            imported=fact.imported,
            status="open",
            opened_on=fact.opened_on,
            closed_on=None,
            winners="[]",
            total_cost_cents=0,
            input_digest="",
            library_version="",
            tie_break="",
        )
    )


@projects(pb.ProposalSubmitted)
def _proposal_submitted(conn: Connection, coop: str, fact: pb.ProposalSubmitted, rec: Recorded) -> None:
    conn.execute(
        insert(t.pb_proposals).values(
            coop_id=coop,
            round_id=fact.round_id,
            proposal_id=fact.proposal_id,
            title=fact.title,
            cost_cents=fact.cost.cents,
            categories=json.dumps(list(fact.categories)),
            submitted_by=fact.submitted_by,
            plan=fact.plan,
            project_id=fact.project_id,
            approvals=0,
            selected=False,
            submitted_on=fact.submitted_on,
        )
    )


@projects(pb.BallotCast)
def _ballot_cast(conn: Connection, coop: str, fact: pb.BallotCast, rec: Recorded) -> None:
    # A voter's new ballot replaces the earlier one: every voter counts once. The same
    # voter has the same pseudonym in a round; a ballot from before ballots were secret
    # is found by the party id it holds.
    if fact.voter_id is not None:
        where = _key(t.pb_ballots, coop, round_id=fact.round_id, voter_id=fact.voter_id)
        pseudonym = f"earlier-{rec.originator_version}"
    else:
        where = _key(t.pb_ballots, coop, round_id=fact.round_id, pseudonym=fact.pseudonym)
        pseudonym = fact.pseudonym
    earlier = conn.execute(select(t.pb_ballots.c.approvals).where(where)).scalar_one_or_none()
    if earlier is not None:
        _approval_delta(conn, coop, fact.round_id, json.loads(earlier), -1)
        conn.execute(delete(t.pb_ballots).where(where))
    conn.execute(
        insert(t.pb_ballots).values(
            coop_id=coop,
            round_id=fact.round_id,
            pseudonym=pseudonym,
            voter_id=fact.voter_id,
            approvals=json.dumps(list(fact.approvals)),
            cast_on=fact.cast_on,
            position=rec.originator_version,
        )
    )
    _approval_delta(conn, coop, fact.round_id, fact.approvals, +1)


@projects(pb.BallotsImported)
def _ballots_imported(conn: Connection, coop: str, fact: pb.BallotsImported, rec: Recorded) -> None:
    # A file's voter ids are not parties: they stand where pseudonyms stand.
    if fact.ballots:
        conn.execute(
            insert(t.pb_ballots),
            [
                {
                    "coop_id": coop,
                    "round_id": fact.round_id,
                    "pseudonym": b.voter_id,
                    "voter_id": None,
                    "approvals": json.dumps(list(b.approvals)),
                    "cast_on": fact.imported_on,
                    "position": rec.originator_version,
                }
                for b in fact.ballots
            ],
        )
    counts: dict[str, int] = {}
    for b in fact.ballots:
        for proposal_id in b.approvals:
            counts[proposal_id] = counts.get(proposal_id, 0) + 1
    for proposal_id, count in counts.items():
        conn.execute(
            update(t.pb_proposals)
            .where(_key(t.pb_proposals, coop, round_id=fact.round_id, proposal_id=proposal_id))
            .values(approvals=t.pb_proposals.c.approvals + count)
        )


@projects(pb.RoundClosed)
def _round_closed(conn: Connection, coop: str, fact: pb.RoundClosed, rec: Recorded) -> None:
    conn.execute(
        update(t.pb_rounds)
        .where(_key(t.pb_rounds, coop, round_id=fact.round_id))
        .values(
            status="closed",
            closed_on=fact.closed_on,
            winners=json.dumps(list(fact.winners)),
            total_cost_cents=fact.total_cost.cents,
            input_digest=fact.input_digest,
            library_version=fact.library_version,
            tie_break=fact.tie_break,
        )
    )
    project_of = dict(zip(fact.winners, fact.project_ids, strict=False))
    for proposal_id in fact.winners:
        values: dict[str, Any] = {"selected": True}
        if proposal_id in project_of:
            values["project_id"] = project_of[proposal_id]
        conn.execute(
            update(t.pb_proposals)
            .where(_key(t.pb_proposals, coop, round_id=fact.round_id, proposal_id=proposal_id))
            .values(**values)
        )
