"""What queries return: plain, frozen data — never aggregates, never database rows.

Front ends print these (``serialization.to_json_data`` turns any of them into JSON).
Amounts are ``Money``; ``left`` and totals are computed here so no front end has to.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from .values import Commitments, Money


@attrs.frozen
class CooperationView:
    id: str
    name: str
    slug: str
    neighbourhood: str
    founded_on: dt.date
    current_version: int
    events: int


@attrs.frozen
class PartyView:
    id: str
    name: str
    kind: str
    active: bool
    coordinator: bool
    joined_on: dt.date
    left_on: dt.date | None
    share_contact: bool
    phone: str | None  # None when not shared with the one asking
    email: str | None
    signed_versions: tuple[int, ...]
    forgotten: bool = False  # forgotten on request: the name is a placeholder
    # False while a party that registered itself waits for a coordinator's confirmation:
    # until then it cannot vote or propose, nor see what members share
    confirmed: bool = True


@attrs.frozen
class ClauseView:
    key: str
    text: str


@attrs.frozen
class SignatureView:
    party_id: str
    party_name: str
    version: int
    note: str
    capacity: str
    signed_on: dt.date


@attrs.frozen
class AgreementView:
    version: int
    title: str
    organisation: str
    end_date: dt.date
    adopted_on: dt.date
    reason: str
    decision_id: str | None
    evaluation_id: str | None
    values: tuple[ClauseView, ...]
    goals: tuple[ClauseView, ...]
    working_agreements: tuple[ClauseView, ...]
    signatures: tuple[SignatureView, ...]
    is_current: bool
    commitments: Commitments = Commitments()  # what this version commits to (botu checks them)


@attrs.frozen
class MeasurementView:
    value: Decimal
    measured_on: dt.date
    note: str


@attrs.frozen
class IndicatorView:
    id: str
    name: str
    unit: str
    target: Decimal | None
    measurements: tuple[MeasurementView, ...]


@attrs.frozen
class ProjectView:
    id: str
    title: str
    plan: str
    status: str
    contact_party_id: str
    contact_name: str
    series_year: int
    goals: tuple[str, ...]
    co_benefits: tuple[str, ...]
    started_on: dt.date
    ended_on: dt.date | None
    indicators: tuple[IndicatorView, ...]
    benefit_euros: Money
    benefit_co2_kg: Decimal
    allocated: Money
    spent: Money


@attrs.frozen
class BudgetLine:
    source: str
    year: int
    available: Money
    allocated: Money
    spent: Money
    left: Money


@attrs.frozen
class AllocationView:
    id: str
    project_id: str
    project_title: str
    source: str
    year: int
    amount: Money
    spent: Money
    decision_id: str
    status: str
    allocated_on: dt.date


@attrs.frozen
class MeetingView:
    id: str
    kind: str
    held_on: dt.date
    title: str
    attendees: tuple[str, ...]
    minutes: str
    location: str = ""
    minutes_members_only: bool = False


@attrs.frozen
class OpinionView:
    party_id: str
    party_name: str
    stance: str
    comment: str
    given_on: dt.date


@attrs.frozen
class DecisionView:
    id: str
    subject: str
    text: str
    status: str  # pending or taken
    meeting_id: str | None
    proposed_on: dt.date | None
    taken_on: dt.date | None
    opinions: tuple[OpinionView, ...]
    opinions_for: int
    opinions_against: int
    opinions_neutral: int


@attrs.frozen
class DisagreementView:
    id: str
    raised_by: str
    raised_by_name: str
    about: str
    description: str
    status: str  # open or resolved
    raised_on: dt.date
    discussed_at: tuple[str, ...]
    resolved_on: dt.date | None
    outcome: str


@attrs.frozen
class EvaluationView:
    id: str
    year: int
    process: str
    goals: str
    results: str
    lessons: str
    meeting_id: str | None
    recorded_on: dt.date


@attrs.frozen
class ProjectBenefits:
    project_id: str
    title: str
    euros: Money
    co2_kg: Decimal


@attrs.frozen
class BenefitRecordView:
    """One recorded benefit of a project over a period (for benefits over time)."""

    id: str
    project_id: str
    project_title: str
    euros: Money
    co2_kg: Decimal
    period_start: dt.date
    period_end: dt.date
    note: str


@attrs.frozen
class BenefitsView:
    projects: tuple[ProjectBenefits, ...]
    total_euros: Money
    total_co2_kg: Decimal


@attrs.frozen
class Finding:
    code: str
    message_nl: str
    message_en: str
    item: str | None = None
    version: int | None = None  # the agreement version whose commitment this is about
    clause: str | None = None  # the key of the clause that commitment comes from, if named


@attrs.frozen
class ComplianceYear:
    """One year against the commitments of the agreement version in force at its end
    (for the running year: today). What was required stands beside what happened."""

    year: int
    plenary_meetings: int
    consultations: int  # consultation meetings held that year
    missing_consultation_periods: tuple[int, ...]  # months (1-12) or quarters (1-4), see ``consultation``
    evaluation_recorded: bool
    ok: bool
    findings: tuple[Finding, ...]
    version: int | None = None  # the agreement version checked against (None: none in force)
    required_plenary_meetings: int | None = None
    consultation: str = "none"  # the cadence required: monthly, quarterly or none
    evaluation_required: bool = False
    indicators_required: bool = False
    disagreement_open_days: int | None = None
    # False for a year before the founding or after today: nothing is checked there
    checked: bool = True


@attrs.frozen
class LogEntry:
    position: int
    type: str
    timestamp: dt.datetime
    on: dt.date
    data: dict[str, object]


# --- participatory rounds -----------------------------------------------------------


@attrs.frozen
class FundShareView:
    source: str
    amount: Money


@attrs.frozen
class CategoryLimitView:
    category: str
    amount: Money


@attrs.frozen
class RoundView:
    id: str
    title: str
    year: int
    budget: Money
    funds: tuple[FundShareView, ...]
    category_limits: tuple[CategoryLimitView, ...]
    voting_method: str
    rule: str
    decision_id: str | None
    max_approvals: int | None
    imported: bool
    status: str  # open or closed
    opened_on: dt.date
    closed_on: dt.date | None
    proposals: int
    voters: int
    winners: tuple[str, ...]  # proposal ids (for an imported file: its project_id values)
    total_cost: Money
    input_digest: str
    library_version: str
    tie_break: str


@attrs.frozen
class ProposalView:
    id: str
    round_id: str
    title: str
    cost: Money
    categories: tuple[str, ...]
    submitted_by: str | None
    plan: str
    project_id: str | None
    approvals: int
    selected: bool
    submitted_on: dt.date


@attrs.frozen
class BallotView:
    """A ballot as everyone may see it: under the voter's pseudonym for the round (an
    imported file's own voter id; 'earlier-N' for one cast before ballots were secret)."""

    round_id: str
    pseudonym: str
    approvals: tuple[str, ...]
    cast_on: dt.date
    position: int  # its place in the cooperation's log
