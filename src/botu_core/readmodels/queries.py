"""Queries over the read-model tables. Each returns views (plain frozen data).

They read tables only; none replays the log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, select

from .. import privacy
from .. import views as v
from ..values import Commitments, Money
from . import tables as t


def cooperations(conn: Connection) -> list[v.CooperationView]:
    rows = conn.execute(select(t.cooperations).order_by(t.cooperations.c.founded_on, t.cooperations.c.slug)).all()
    return [_cooperation_view(r) for r in rows]


def cooperation(conn: Connection, coop: str) -> v.CooperationView | None:
    """One cooperation by its id: read by key, whatever the number of cooperations."""
    row = conn.execute(select(t.cooperations).where(t.cooperations.c.coop_id == coop)).first()
    return None if row is None else _cooperation_view(row)


def _cooperation_view(r: Any) -> v.CooperationView:
    return v.CooperationView(r.coop_id, r.name, r.slug, r.neighbourhood, r.founded_on, r.current_version, r.events)


def cooperation_by_key(conn: Connection, key: str) -> str | None:
    """The id of the cooperation whose id or short name is ``key`` (both unique), or None."""
    c = t.cooperations.c
    row = conn.execute(select(c.coop_id).where((c.coop_id == key) | (c.slug == key)).limit(1)).first()
    return None if row is None else str(row.coop_id)


class _Names:
    """Party id -> name, opening a person's sealed name only when it is asked for: most
    queries name a few parties (a project's contact), not all of them."""

    def __init__(self, conn: Connection, coop: str) -> None:
        rows = conn.execute(select(t.parties.c.party_id, t.parties.c.name).where(t.parties.c.coop_id == coop)).all()
        self._stored = {r.party_id: r.name for r in rows}
        self._open = privacy.sealing(conn).unseal
        self._coop = coop

    def get(self, party_id: str, default: str) -> str:
        stored = self._stored.get(party_id)
        return default if stored is None else self._open(self._coop, party_id, "parties.name", stored)


def _names(conn: Connection, coop: str) -> _Names:
    return _Names(conn, coop)


def parties(conn: Connection, coop: str, *, show_contact: bool = False, status: str | None = None) -> list[v.PartyView]:
    """Every party; ``status='pending'``: those taking part that wait for confirmation."""
    signed: dict[str, list[int]] = defaultdict(list)
    for row in conn.execute(
        select(t.signatures.c.party_id, t.signatures.c.version).where(t.signatures.c.coop_id == coop)
    ):
        signed[row.party_id].append(row.version)
    query = select(t.parties).where(t.parties.c.coop_id == coop)
    if status == "pending":
        query = query.where(t.parties.c.confirmed.is_(False), t.parties.c.active.is_(True))
    rows = conn.execute(query).all()
    unseal = privacy.sealing(conn).unseal
    result = []
    for r in sorted(rows, key=lambda r: _id_order(r.party_id)):
        visible = show_contact or r.share_contact
        result.append(
            v.PartyView(
                r.party_id,
                unseal(coop, r.party_id, "parties.name", r.name),
                r.kind,
                r.active,
                r.coordinator,
                r.joined_on,
                r.left_on,
                r.share_contact,
                unseal(coop, r.party_id, "parties.phone", r.phone) if visible else None,
                unseal(coop, r.party_id, "parties.email", r.email) if visible else None,
                tuple(sorted(signed[r.party_id])),
                r.forgotten,
                r.confirmed,
            )
        )
    return result


def _id_order(item_id: str) -> tuple[str, int]:
    prefix, _, number = item_id.rpartition("-")
    return (prefix, int(number)) if number.isdigit() else (item_id, 0)


def agreement_versions(conn: Connection, coop: str) -> list[int]:
    return [
        r.version
        for r in conn.execute(
            select(t.agreement_versions.c.version)
            .where(t.agreement_versions.c.coop_id == coop)
            .order_by(t.agreement_versions.c.version)
        )
    ]


def agreement(conn: Connection, coop: str, version: int | None = None) -> v.AgreementView | None:
    versions = agreement_versions(conn, coop)
    if not versions:
        return None
    current = versions[-1]
    wanted = current if version is None else version
    row = conn.execute(
        select(t.agreement_versions).where(
            t.agreement_versions.c.coop_id == coop, t.agreement_versions.c.version == wanted
        )
    ).first()
    if row is None:
        return None
    sections: dict[str, list[v.ClauseView]] = defaultdict(list)
    for c in conn.execute(
        select(t.clauses)
        .where(t.clauses.c.coop_id == coop, t.clauses.c.version == wanted)
        .order_by(t.clauses.c.position)
    ):
        sections[c.section].append(v.ClauseView(c.key, c.text))
    names = _names(conn, coop)
    unseal = privacy.sealing(conn).unseal
    signatures = tuple(
        v.SignatureView(
            s.party_id,
            names.get(s.party_id, s.party_id),
            s.version,
            unseal(coop, s.party_id, "signatures.note", s.note),
            unseal(coop, s.party_id, "signatures.capacity", s.capacity),
            s.signed_on,
        )
        for s in conn.execute(
            select(t.signatures)
            .where(t.signatures.c.coop_id == coop, t.signatures.c.version == wanted)
            .order_by(t.signatures.c.signed_on, t.signatures.c.party_id)
        )
    )
    return v.AgreementView(
        row.version,
        row.title,
        row.organisation,
        row.end_date,
        row.adopted_on,
        row.reason,
        row.decision_id,
        row.evaluation_id,
        tuple(sections["value"]),
        tuple(sections["goal"]),
        tuple(sections["working-agreement"]),
        signatures,
        row.version == current,
        _commitments(row.commitments),
    )


def agreement_commitments(conn: Connection, coop: str) -> list[tuple[int, dt.date, Commitments]]:
    """Every version's commitments with the day it was adopted, in version order."""
    rows = conn.execute(
        select(t.agreement_versions.c.version, t.agreement_versions.c.adopted_on, t.agreement_versions.c.commitments)
        .where(t.agreement_versions.c.coop_id == coop)
        .order_by(t.agreement_versions.c.version)
    )
    return [(r.version, r.adopted_on, _commitments(r.commitments)) for r in rows]


def _commitments(text: str) -> Commitments:
    from ..serialization import converter

    return converter.structure(json.loads(text or "{}"), Commitments)


def projects(conn: Connection, coop: str) -> list[v.ProjectView]:
    names = _names(conn, coop)
    measurements: dict[str, list[v.MeasurementView]] = defaultdict(list)
    for m in conn.execute(
        select(t.measurements).where(t.measurements.c.coop_id == coop).order_by(t.measurements.c.position)
    ):
        measurements[m.indicator_id].append(v.MeasurementView(Decimal(m.value), m.measured_on, m.note))
    indicators: dict[str, list[v.IndicatorView]] = defaultdict(list)
    for i in conn.execute(select(t.indicators).where(t.indicators.c.coop_id == coop)):
        indicators[i.project_id].append(
            v.IndicatorView(
                i.indicator_id,
                i.name,
                i.unit,
                None if i.target is None else Decimal(i.target),
                tuple(measurements[i.indicator_id]),
            )
        )
    euros: dict[str, int] = defaultdict(int)
    co2: dict[str, Decimal] = defaultdict(Decimal)
    for b in conn.execute(select(t.benefits).where(t.benefits.c.coop_id == coop)):
        euros[b.project_id] += b.euros_cents
        co2[b.project_id] += Decimal(b.co2_kg)
    allocated: dict[str, int] = defaultdict(int)
    spent: dict[str, int] = defaultdict(int)
    for a in conn.execute(select(t.allocations).where(t.allocations.c.coop_id == coop)):
        if a.status == "standing":
            allocated[a.project_id] += a.amount_cents
        spent[a.project_id] += a.spent_cents
    rows = conn.execute(select(t.projects).where(t.projects.c.coop_id == coop)).all()
    return [
        v.ProjectView(
            r.project_id,
            r.title,
            r.plan,
            r.status,
            r.contact_party_id,
            names.get(r.contact_party_id, r.contact_party_id),
            r.series_year,
            tuple(json.loads(r.goals)),
            tuple(json.loads(r.co_benefits)),
            r.started_on,
            r.ended_on,
            tuple(sorted(indicators[r.project_id], key=lambda i: _id_order(i.id))),
            Money(euros[r.project_id]),
            co2[r.project_id],
            Money(allocated[r.project_id]),
            Money(spent[r.project_id]),
        )
        for r in sorted(rows, key=lambda r: _id_order(r.project_id))
    ]


def budget(conn: Connection, coop: str, year: int | None = None) -> list[v.BudgetLine]:
    query = select(t.funds).where(t.funds.c.coop_id == coop)
    if year is not None:
        query = query.where(t.funds.c.year == year)
    rows = conn.execute(query.order_by(t.funds.c.year, t.funds.c.source)).all()
    return [
        v.BudgetLine(
            r.source,
            r.year,
            Money(r.available_cents),
            Money(r.allocated_cents),
            Money(r.spent_cents),
            Money(r.available_cents - r.allocated_cents),
        )
        for r in rows
    ]


def allocations(conn: Connection, coop: str, year: int | None = None) -> list[v.AllocationView]:
    titles = {
        r.project_id: r.title
        for r in conn.execute(select(t.projects.c.project_id, t.projects.c.title).where(t.projects.c.coop_id == coop))
    }
    query = select(t.allocations).where(t.allocations.c.coop_id == coop)
    if year is not None:
        query = query.where(t.allocations.c.year == year)
    rows = conn.execute(query).all()
    return [
        v.AllocationView(
            r.allocation_id,
            r.project_id,
            titles.get(r.project_id, r.project_id),
            r.source,
            r.year,
            Money(r.amount_cents),
            Money(r.spent_cents),
            r.decision_id,
            r.status,
            r.allocated_on,
        )
        for r in sorted(rows, key=lambda r: _id_order(r.allocation_id))
    ]


def meetings(conn: Connection, coop: str, year: int | None = None) -> list[v.MeetingView]:
    query = select(t.meetings).where(t.meetings.c.coop_id == coop)
    if year is not None:
        query = query.where(t.meetings.c.year == year)
    rows = conn.execute(query).all()
    return [
        v.MeetingView(r.meeting_id, r.kind, r.held_on, r.title, tuple(json.loads(r.attendees)), r.minutes, r.location,
                      r.minutes_members_only)
        for r in sorted(rows, key=lambda r: (r.held_on, _id_order(r.meeting_id)))
    ]


def meetings_per_year(conn: Connection, coop: str) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = defaultdict(lambda: {"plenary": 0, "consultation": 0, "evaluation": 0})
    for r in conn.execute(
        select(t.meetings.c.year, t.meetings.c.kind, func.count())
        .where(t.meetings.c.coop_id == coop)
        .group_by(t.meetings.c.year, t.meetings.c.kind)
    ):
        out[r[0]][r[1]] = r[2]
    return dict(sorted(out.items()))


def decisions(conn: Connection, coop: str) -> list[v.DecisionView]:
    names = _names(conn, coop)
    unseal = privacy.sealing(conn).unseal
    opinions: dict[str, list[v.OpinionView]] = defaultdict(list)
    for o in conn.execute(select(t.opinions).where(t.opinions.c.coop_id == coop).order_by(t.opinions.c.party_id)):
        comment = unseal(coop, o.party_id, "opinions.comment", o.comment)
        opinions[o.decision_id].append(v.OpinionView(o.party_id, names.get(o.party_id, o.party_id), o.stance, comment, o.given_on))
    rows = conn.execute(select(t.decisions).where(t.decisions.c.coop_id == coop)).all()
    result = []
    for r in sorted(rows, key=lambda r: _id_order(r.decision_id)):
        given = opinions[r.decision_id]
        result.append(
            v.DecisionView(
                r.decision_id,
                r.subject,
                r.text,
                r.status,
                r.meeting_id,
                r.proposed_on,
                r.taken_on,
                tuple(given),
                sum(o.stance == "for" for o in given),
                sum(o.stance == "against" for o in given),
                sum(o.stance == "neutral" for o in given),
            )
        )
    return result


def disagreements(conn: Connection, coop: str, status: str | None = None) -> list[v.DisagreementView]:
    names = _names(conn, coop)
    query = select(t.disagreements).where(t.disagreements.c.coop_id == coop)
    if status is not None:
        query = query.where(t.disagreements.c.status == status)
    rows = conn.execute(query).all()
    unseal = privacy.sealing(conn).unseal
    return [
        v.DisagreementView(
            r.disagreement_id,
            r.raised_by,
            names.get(r.raised_by, r.raised_by),
            r.about,
            unseal(coop, r.raised_by, "disagreements.description", r.description),
            r.status,
            r.raised_on,
            tuple(json.loads(r.discussed_at)),
            r.resolved_on,
            r.outcome,
        )
        for r in sorted(rows, key=lambda r: _id_order(r.disagreement_id))
    ]


def evaluations(conn: Connection, coop: str) -> list[v.EvaluationView]:
    rows = conn.execute(select(t.evaluations).where(t.evaluations.c.coop_id == coop).order_by(t.evaluations.c.year))
    return [
        v.EvaluationView(r.evaluation_id, r.year, r.process, r.goals, r.results, r.lessons, r.meeting_id, r.recorded_on)
        for r in rows
    ]


def benefits(conn: Connection, coop: str) -> v.BenefitsView:
    per_project = [
        v.ProjectBenefits(p.id, p.title, p.benefit_euros, p.benefit_co2_kg) for p in projects(conn, coop)
    ]
    total_euros = Money(sum(p.euros.cents for p in per_project))
    total_co2 = sum((p.co2_kg for p in per_project), Decimal(0))
    return v.BenefitsView(tuple(per_project), total_euros, total_co2)


def benefit_records(conn: Connection, coop: str) -> list[v.BenefitRecordView]:
    """Every recorded benefit, in the order of the periods' ends."""
    titles = {
        r.project_id: r.title
        for r in conn.execute(select(t.projects.c.project_id, t.projects.c.title).where(t.projects.c.coop_id == coop))
    }
    rows = conn.execute(
        select(t.benefits).where(t.benefits.c.coop_id == coop).order_by(t.benefits.c.period_end, t.benefits.c.benefit_id)
    )
    return [
        v.BenefitRecordView(
            r.benefit_id,
            r.project_id,
            titles.get(r.project_id, r.project_id),
            Money(r.euros_cents),
            Decimal(r.co2_kg),
            r.period_start,
            r.period_end,
            r.note,
        )
        for r in rows
    ]


def cooperation_row(conn: Connection, coop: str) -> Any:
    return conn.execute(select(t.cooperations).where(t.cooperations.c.coop_id == coop)).first()


def indicator_dates(conn: Connection, coop: str) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for r in conn.execute(
        select(t.indicators.c.project_id, t.indicators.c.defined_on).where(t.indicators.c.coop_id == coop)
    ):
        out[r.project_id].append(r.defined_on)
    return dict(out)


# --- participatory rounds -------------------------------------------------------------


def rounds(conn: Connection, coop: str) -> list[v.RoundView]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in conn.execute(
        select(t.pb_proposals.c.round_id, func.count())
        .where(t.pb_proposals.c.coop_id == coop)
        .group_by(t.pb_proposals.c.round_id)
    ):
        counts[r[0]][0] = int(r[1])
    for r in conn.execute(
        select(t.pb_ballots.c.round_id, func.count())
        .where(t.pb_ballots.c.coop_id == coop)
        .group_by(t.pb_ballots.c.round_id)
    ):
        counts[r[0]][1] = int(r[1])
    rows = conn.execute(select(t.pb_rounds).where(t.pb_rounds.c.coop_id == coop)).all()
    return [
        v.RoundView(
            r.round_id,
            r.title,
            r.year,
            Money(r.budget_cents),
            tuple(v.FundShareView(s, Money.parse_plain(a)) for s, a in json.loads(r.funds)),
            tuple(v.CategoryLimitView(c, Money.parse_plain(a)) for c, a in json.loads(r.category_limits)),
            r.voting_method,
            r.rule,
            r.decision_id,
            r.max_approvals,
            r.imported,
            r.status,
            r.opened_on,
            r.closed_on,
            counts[r.round_id][0],
            counts[r.round_id][1],
            tuple(json.loads(r.winners)),
            Money(r.total_cost_cents),
            r.input_digest,
            r.library_version,
            r.tie_break,
        )
        for r in sorted(rows, key=lambda r: _id_order(r.round_id))
    ]


def proposals(conn: Connection, coop: str, round_id: str) -> list[v.ProposalView]:
    from ..participatory.rules import natural_key

    rows = conn.execute(
        select(t.pb_proposals).where(t.pb_proposals.c.coop_id == coop, t.pb_proposals.c.round_id == round_id)
    ).all()
    return [
        v.ProposalView(
            r.proposal_id,
            r.round_id,
            r.title,
            Money(r.cost_cents),
            tuple(json.loads(r.categories)),
            r.submitted_by,
            r.plan,
            r.project_id,
            r.approvals,
            r.selected,
            r.submitted_on,
        )
        for r in sorted(rows, key=lambda r: natural_key(r.proposal_id))
    ]


def ballots(conn: Connection, coop: str, round_id: str) -> list[v.BallotView]:
    """The ballots that count in a round, by pseudonym (never the voter id column)."""
    c = t.pb_ballots.c
    rows = conn.execute(
        select(c.round_id, c.pseudonym, c.approvals, c.cast_on, c.position)
        .where(c.coop_id == coop, c.round_id == round_id)
        .order_by(c.pseudonym)
    ).all()
    return [_ballot_view(r) for r in rows]


def own_ballot(conn: Connection, coop: str, round_id: str, pseudonym: str | None, party_id: str) -> v.BallotView | None:
    """One voter's ballot that counts: under their pseudonym, or (cast before ballots were
    secret) under their party id."""
    c = t.pb_ballots.c
    mine = c.voter_id == party_id
    if pseudonym is not None:
        mine = mine | (c.pseudonym == pseudonym)
    row = conn.execute(
        select(c.round_id, c.pseudonym, c.approvals, c.cast_on, c.position).where(
            c.coop_id == coop, c.round_id == round_id, mine
        )
    ).first()
    return None if row is None else _ballot_view(row)


def _ballot_view(r: Any) -> v.BallotView:
    return v.BallotView(r.round_id, r.pseudonym, tuple(json.loads(r.approvals)), r.cast_on, r.position)
