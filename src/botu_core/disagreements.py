"""Disagreements: raised, discussed, resolved — while the cooperation goes on.

Rules from the text ("Ook op momenten dat we het oneens zijn met elkaar, blijven we
samenwerken. We zoeken elkaar op, ook dan."):
- Only parties that take part raise a disagreement; raising one changes nothing
  about their membership or rights.
- A disagreement is discussed at a meeting and resolved once; how long one stays
  open is reported by the compliance projection.
"""

from __future__ import annotations

import datetime as dt

import attrs

from . import fields as f
from .errors import NotFound, RuleViolation
from .state import Context, CooperationState, DisagreementRecord, Outcome, applies, handles

# --- commands --------------------------------------------------------------------


@attrs.frozen
class RaiseDisagreement:
    by: str = f.text()
    about: str = f.text()
    description: str = f.optional_text(f.LONG)
    on: dt.date | None = f.optional_date()


@attrs.frozen
class DiscussDisagreement:
    disagreement: str = f.text()
    meeting: str = f.text()
    notes: str = f.optional_text(f.LONG)


@attrs.frozen
class ResolveDisagreement:
    disagreement: str = f.text()
    outcome: str = f.text(f.LONG)
    meeting: str | None = f.optional_ref()
    on: dt.date | None = f.optional_date()


# --- events ----------------------------------------------------------------------


@attrs.frozen
class DisagreementRaised:
    disagreement_id: str
    raised_by: str
    about: str
    description: str = attrs.field(metadata=f.personal("raised_by"))
    raised_on: dt.date


@attrs.frozen
class DisagreementDiscussed:
    disagreement_id: str
    meeting_id: str
    notes: str
    discussed_on: dt.date


@attrs.frozen
class DisagreementResolved:
    disagreement_id: str
    outcome: str
    meeting_id: str | None
    resolved_on: dt.date


# --- rules -----------------------------------------------------------------------


def _open(state: CooperationState, ref: str) -> DisagreementRecord:
    if ref not in state.disagreements:
        raise NotFound("disagreement.unknown", ref=ref)
    record = state.disagreements[ref]
    if record.resolved:
        raise RuleViolation("disagreement.already_resolved", **record.named())
    return record


def _not_before_raised(record: DisagreementRecord, on: dt.date) -> None:
    # A disagreement is talked about, and solved, after it was raised.
    if on < record.raised_on:
        raise RuleViolation(
            "disagreement.before_raised", on=on, raised_on=record.raised_on
        )


@handles(RaiseDisagreement)
def raise_disagreement(state: CooperationState, cmd: RaiseDisagreement, ctx: Context) -> Outcome:
    party = state.active_party(cmd.by)
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    disagreement_id = state.next_id("disagreement")
    fact = DisagreementRaised(disagreement_id, party.party_id, cmd.about.strip(), cmd.description.strip(), on)
    return Outcome((fact,), disagreement_id)


@handles(DiscussDisagreement)
def discuss(state: CooperationState, cmd: DiscussDisagreement, ctx: Context) -> Outcome:
    record = _open(state, cmd.disagreement)
    meeting = state.meeting(cmd.meeting)
    _not_before_raised(record, meeting.held_on)
    fact = DisagreementDiscussed(record.disagreement_id, meeting.meeting_id, cmd.notes.strip(), meeting.held_on)
    return Outcome((fact,), record.disagreement_id)


@handles(ResolveDisagreement)
def resolve(state: CooperationState, cmd: ResolveDisagreement, ctx: Context) -> Outcome:
    record = _open(state, cmd.disagreement)
    meeting_id = state.meeting(cmd.meeting).meeting_id if cmd.meeting else None
    on = cmd.on or (state.meetings[meeting_id].held_on if meeting_id else ctx.today)
    state.check_date(on, ctx.today)
    _not_before_raised(record, on)
    fact = DisagreementResolved(record.disagreement_id, cmd.outcome.strip(), meeting_id, on)
    return Outcome((fact,), record.disagreement_id)


# --- how the facts change the state ------------------------------------------------


@applies(DisagreementRaised)
def _raised(state: CooperationState, fact: DisagreementRaised) -> None:
    state.disagreements[fact.disagreement_id] = DisagreementRecord(fact.disagreement_id, fact.raised_on, fact.about)
    state.count(fact.disagreement_id)


@applies(DisagreementDiscussed)
def _discussed(state: CooperationState, fact: DisagreementDiscussed) -> None:
    pass  # discussions are kept in the read models


@applies(DisagreementResolved)
def _resolved(state: CooperationState, fact: DisagreementResolved) -> None:
    state.disagreements[fact.disagreement_id].resolved = True
