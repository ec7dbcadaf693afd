"""The read-model tables: what people and tools query, kept up to date from the log.

Amounts are whole cents (BIGINT), dates ISO dates, lists JSON text. Every table is
keyed by the cooperation id, so one store holds many cooperations. The tables can
be dropped and rebuilt from the log at any time (``ReadModels.rebuild``).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Date, Integer, MetaData, String, Table, Text

SCHEMA_VERSION = 7  # bump when a table changes: the read models are then rebuilt (4: personal data sealed; 5: confirmed parties, secret ballots; 6: the meeting kind consultation, commitments per version; 7: members-only minutes)

metadata = MetaData()


def _coop() -> Column[str]:
    return Column("coop_id", String(36), primary_key=True)


tracking = Table(
    "rm_tracking",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("position", BigInteger, nullable=False),
    Column("schema_version", Integer, nullable=False),
)

cooperations = Table(
    "rm_cooperations",
    metadata,
    _coop(),
    Column("name", Text, nullable=False),
    Column("slug", String(60), nullable=False, unique=True),
    Column("neighbourhood", Text, nullable=False),
    Column("founded_on", Date, nullable=False),
    Column("current_version", Integer, nullable=False),
    Column("events", BigInteger, nullable=False),
)

parties = Table(
    "rm_parties",
    metadata,
    _coop(),
    Column("party_id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("coordinator", Boolean, nullable=False),
    Column("phone", Text, nullable=False),
    Column("email", Text, nullable=False),
    Column("share_contact", Boolean, nullable=False),
    Column("joined_on", Date, nullable=False),
    Column("left_on", Date),
    Column("forgotten", Boolean, nullable=False, default=False),
    # False while a party that registered itself waits for a coordinator's confirmation
    Column("confirmed", Boolean, nullable=False, default=True),
)

agreement_versions = Table(
    "rm_agreement_versions",
    metadata,
    _coop(),
    Column("version", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("organisation", Text, nullable=False),
    Column("end_date", Date, nullable=False),
    Column("adopted_on", Date, nullable=False),
    Column("reason", Text, nullable=False),
    Column("decision_id", String(40)),
    Column("evaluation_id", String(40)),
    Column("commitments", Text, nullable=False, default="{}"),  # JSON of values.Commitments
)

clauses = Table(
    "rm_agreement_clauses",
    metadata,
    _coop(),
    Column("version", Integer, primary_key=True),
    Column("section", String(30), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("key", Text, nullable=False),
    Column("text", Text, nullable=False),
)

signatures = Table(
    "rm_signatures",
    metadata,
    _coop(),
    Column("version", Integer, primary_key=True),
    Column("party_id", String(40), primary_key=True),
    Column("note", Text, nullable=False),
    Column("capacity", Text, nullable=False),
    Column("signed_on", Date, nullable=False),
)

projects = Table(
    "rm_projects",
    metadata,
    _coop(),
    Column("project_id", String(40), primary_key=True),
    Column("title", Text, nullable=False),
    Column("plan", Text, nullable=False),
    Column("contact_party_id", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("series_year", Integer, nullable=False),
    Column("goals", Text, nullable=False),  # JSON list of clause keys
    Column("co_benefits", Text, nullable=False),  # JSON list
    Column("started_on", Date, nullable=False),
    Column("ended_on", Date),
    Column("end_note", Text, nullable=False),
)

indicators = Table(
    "rm_indicators",
    metadata,
    _coop(),
    Column("indicator_id", String(40), primary_key=True),
    Column("project_id", String(40), nullable=False),
    Column("name", Text, nullable=False),
    Column("unit", Text, nullable=False),
    Column("target", Text),  # decimal as text, exact
    Column("defined_on", Date, nullable=False),
)

measurements = Table(
    "rm_measurements",
    metadata,
    _coop(),
    Column("position", BigInteger, primary_key=True),  # the event's place in the log
    Column("indicator_id", String(40), nullable=False),
    Column("project_id", String(40), nullable=False),
    Column("value", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("measured_on", Date, nullable=False),
)

benefits = Table(
    "rm_benefits",
    metadata,
    _coop(),
    Column("benefit_id", String(40), primary_key=True),
    Column("project_id", String(40), nullable=False),
    Column("euros_cents", BigInteger, nullable=False),
    Column("co2_kg", Text, nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("note", Text, nullable=False),
)

funds = Table(
    "rm_funds",
    metadata,
    _coop(),
    Column("source", String(200), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("available_cents", BigInteger, nullable=False),
    Column("allocated_cents", BigInteger, nullable=False),
    Column("spent_cents", BigInteger, nullable=False),
)

allocations = Table(
    "rm_allocations",
    metadata,
    _coop(),
    Column("allocation_id", String(40), primary_key=True),
    Column("project_id", String(40), nullable=False),
    Column("source", String(200), nullable=False),
    Column("year", Integer, nullable=False),
    Column("amount_cents", BigInteger, nullable=False),
    Column("spent_cents", BigInteger, nullable=False),
    Column("decision_id", String(40), nullable=False),
    Column("status", String(20), nullable=False),  # standing or withdrawn
    Column("allocated_on", Date, nullable=False),
    Column("withdrawn_on", Date),
)

spendings = Table(
    "rm_spendings",
    metadata,
    _coop(),
    Column("spending_id", String(40), primary_key=True),
    Column("allocation_id", String(40), nullable=False),
    Column("amount_cents", BigInteger, nullable=False),
    Column("description", Text, nullable=False),
    Column("spent_on", Date, nullable=False),
)

meetings = Table(
    "rm_meetings",
    metadata,
    _coop(),
    Column("meeting_id", String(40), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("year", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("attendees", Text, nullable=False),  # JSON list of party ids
    Column("minutes", Text, nullable=False),
    Column("location", Text, nullable=False, default=""),
    Column("minutes_members_only", Boolean, nullable=False, default=False),
)

decisions = Table(
    "rm_decisions",
    metadata,
    _coop(),
    Column("decision_id", String(40), primary_key=True),
    Column("subject", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(20), nullable=False),  # pending or taken
    Column("proposed_on", Date),
    Column("meeting_id", String(40)),
    Column("taken_on", Date),
)

opinions = Table(
    "rm_opinions",
    metadata,
    _coop(),
    Column("decision_id", String(40), primary_key=True),
    Column("party_id", String(40), primary_key=True),  # one opinion per party: equal standing
    Column("stance", String(20), nullable=False),
    Column("comment", Text, nullable=False),
    Column("given_on", Date, nullable=False),
)

disagreements = Table(
    "rm_disagreements",
    metadata,
    _coop(),
    Column("disagreement_id", String(40), primary_key=True),
    Column("raised_by", String(40), nullable=False),
    Column("about", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("status", String(20), nullable=False),  # open or resolved
    Column("raised_on", Date, nullable=False),
    Column("discussed_at", Text, nullable=False),  # JSON list of meeting ids
    Column("resolved_on", Date),
    Column("outcome", Text, nullable=False),
    Column("resolved_at", String(40)),
)

evaluations = Table(
    "rm_evaluations",
    metadata,
    _coop(),
    Column("evaluation_id", String(40), primary_key=True),
    Column("year", Integer, nullable=False),
    Column("process", Text, nullable=False),
    Column("goals", Text, nullable=False),
    Column("results", Text, nullable=False),
    Column("lessons", Text, nullable=False),
    Column("meeting_id", String(40)),
    Column("recorded_on", Date, nullable=False),
)

# Every table that holds projected state (tracking excluded), in a stable order.
STATE_TABLES = [
    cooperations,
    parties,
    agreement_versions,
    clauses,
    signatures,
    projects,
    indicators,
    measurements,
    benefits,
    funds,
    allocations,
    spendings,
    meetings,
    decisions,
    opinions,
    disagreements,
    evaluations,
]

# --- participatory rounds (participatory.rounds) -------------------------------------

pb_rounds = Table(
    "rm_pb_rounds",
    metadata,
    _coop(),
    Column("round_id", String(40), primary_key=True),
    Column("title", Text, nullable=False),
    Column("year", Integer, nullable=False),
    Column("budget_cents", BigInteger, nullable=False),
    Column("funds", Text, nullable=False),  # JSON list of [source, amount]
    Column("category_limits", Text, nullable=False),  # JSON list of [category, amount]
    Column("voting_method", String(20), nullable=False),
    Column("rule", String(40), nullable=False),
    Column("decision_id", String(40)),
    Column("max_approvals", Integer),
    Column("imported", Boolean, nullable=False),
    Column("status", String(20), nullable=False),  # open or closed
    Column("opened_on", Date, nullable=False),
    Column("closed_on", Date),
    Column("winners", Text, nullable=False),  # JSON list of proposal ids, in selection order
    Column("total_cost_cents", BigInteger, nullable=False),
    Column("input_digest", String(64), nullable=False),
    Column("library_version", String(40), nullable=False),
    Column("tie_break", Text, nullable=False),
)

pb_proposals = Table(
    "rm_pb_proposals",
    metadata,
    _coop(),
    Column("round_id", String(40), primary_key=True),
    Column("proposal_id", String(200), primary_key=True),
    Column("title", Text, nullable=False),
    Column("cost_cents", BigInteger, nullable=False),
    Column("categories", Text, nullable=False),  # JSON list
    Column("submitted_by", String(40)),
    Column("plan", Text, nullable=False),
    Column("project_id", String(40)),
    Column("approvals", Integer, nullable=False),
    Column("selected", Boolean, nullable=False),
    Column("submitted_on", Date, nullable=False),
)

pb_ballots = Table(
    "rm_pb_ballots",
    metadata,
    _coop(),
    Column("round_id", String(40), primary_key=True),
    # The voter's pseudonym in the round; an imported file's own voter id; for a ballot
    # recorded before ballots were secret, 'earlier-<its position in the log>'.
    Column("pseudonym", String(200), primary_key=True),
    # Only for ballots recorded before ballots were secret: the party id they hold, so a
    # later open ballot of the same voter replaces it. No query shows it but to the voter.
    Column("voter_id", String(40)),
    Column("approvals", Text, nullable=False),  # JSON list of proposal ids
    Column("cast_on", Date, nullable=False),
    Column("position", BigInteger, nullable=False),  # the ballot's place in the cooperation's log
)

STATE_TABLES += [pb_rounds, pb_proposals, pb_ballots]
