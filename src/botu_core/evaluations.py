"""The yearly evaluation: "Elk jaar beoordelen we het proces, de doelen en de resultaten."

One evaluation per year evaluated; it may be held early the next year. A revision of
the agreement may name the evaluation it comes from (see ``agreement``).
"""

from __future__ import annotations

import datetime as dt

import attrs

from . import fields as f
from .errors import RuleViolation
from .state import Context, CooperationState, Outcome, applies, handles

# --- commands --------------------------------------------------------------------


@attrs.frozen
class RecordEvaluation:
    year: int = f.year()
    process: str = f.text(f.LONG)
    goals: str = f.text(f.LONG)
    results: str = f.text(f.LONG)
    lessons: str = f.optional_text(f.LONG)
    meeting: str | None = f.optional_ref()
    on: dt.date | None = f.optional_date()


# --- events ----------------------------------------------------------------------


@attrs.frozen
class EvaluationRecorded:
    evaluation_id: str
    year: int
    process: str
    goals: str
    results: str
    lessons: str
    meeting_id: str | None
    recorded_on: dt.date


# --- rules -----------------------------------------------------------------------


@handles(RecordEvaluation)
def record_evaluation(state: CooperationState, cmd: RecordEvaluation, ctx: Context) -> Outcome:
    if cmd.year in state.evaluations.values():
        raise RuleViolation("evaluation.already_recorded", year=cmd.year)
    meeting_id = state.meeting(cmd.meeting).meeting_id if cmd.meeting else None
    on = cmd.on or (state.meetings[meeting_id].held_on if meeting_id else ctx.today)
    state.check_date(on, ctx.today)
    evaluation_id = state.next_id("evaluation")
    fact = EvaluationRecorded(
        evaluation_id,
        cmd.year,
        cmd.process.strip(),
        cmd.goals.strip(),
        cmd.results.strip(),
        cmd.lessons.strip(),
        meeting_id,
        on,
    )
    return Outcome((fact,), evaluation_id)


@applies(EvaluationRecorded)
def _recorded(state: CooperationState, fact: EvaluationRecorded) -> None:
    state.evaluations[fact.evaluation_id] = fact.year
    state.count(fact.evaluation_id)
