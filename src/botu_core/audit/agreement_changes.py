"""What changed between two agreement versions, in meaning, and why.

The clause-by-clause comparison is ``agreement_diff.diff_agreements`` (values, goals
and working agreements by key; title, organisation and end date). This adds, for an
auditor, every revision between the two versions with the decision (and its meeting)
or the evaluation that caused it, and a plain summary in Dutch and English.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from uuid import UUID

import attrs

from ..agreement_diff import ClauseChange, diff_agreements
from ..glossary import GLOSSARY, label

if TYPE_CHECKING:
    from ..application import Cooperations



@attrs.frozen
class RevisionCause:
    """One revision on the way between the two versions, and what caused it."""

    version: int
    on: dt.date
    reason: str
    decision_id: str | None = None
    decision_subject: str | None = None
    decision_text: str | None = None
    meeting_id: str | None = None
    meeting_title: str | None = None
    meeting_held_on: dt.date | None = None
    evaluation_id: str | None = None
    evaluation_year: int | None = None


@attrs.frozen
class AgreementChanges:
    from_version: int
    to_version: int
    changes: tuple[ClauseChange, ...]
    causes: tuple[RevisionCause, ...]

    def of(self, section: str, change: str | None = None) -> tuple[ClauseChange, ...]:
        return tuple(c for c in self.changes if c.section == section and (change is None or c.change == change))

    def summary(self, lang: str = "nl") -> list[str]:
        """One line per change and per cause, in plain words."""
        en = lang == "en"
        lines = []
        for c in self.changes:
            section = label(c.section, lang, "clause_section" if c.section in GLOSSARY["clause_section"] else "agreement_part")
            change = label(c.change, lang, "change")
            name = section if c.key == c.section else f"{section} '{c.key}'"
            lines.append(f"{name[0].upper()}{name[1:]}: {change}.")
        if not self.changes:
            lines.append("No changes." if en else "Geen veranderingen.")
        for cause in self.causes:
            if cause.decision_id:
                what = (
                    f"decision {cause.decision_id} ({cause.decision_subject})"
                    if en
                    else f"besluit {cause.decision_id} ({cause.decision_subject})"
                )
                if cause.meeting_id:
                    what += (
                        f" at meeting {cause.meeting_id} of {cause.meeting_held_on}"
                        if en
                        else f" in bijeenkomst {cause.meeting_id} van {cause.meeting_held_on}"
                    )
            elif cause.evaluation_id:
                what = (
                    f"evaluation {cause.evaluation_id} of {cause.evaluation_year}"
                    if en
                    else f"evaluatie {cause.evaluation_id} van {cause.evaluation_year}"
                )
            else:
                what = "no decision or evaluation recorded" if en else "geen besluit of evaluatie vastgelegd"
            lines.append(
                f"Version {cause.version} ({cause.on}) because of {what}: {cause.reason}"
                if en
                else f"Versie {cause.version} ({cause.on}) door {what}: {cause.reason}"
            )
        return lines


def agreement_changes(app: Cooperations, coop: UUID, from_version: int, to_version: int) -> AgreementChanges:
    old = app.agreement(coop, from_version)
    new = app.agreement(coop, to_version)
    diff = diff_agreements(old, new)
    low, high = sorted((from_version, to_version))
    decisions = {d.id: d for d in app.decisions(coop)}
    meetings = {m.id: m for m in app.meetings(coop)}
    evaluations = {e.id: e for e in app.evaluations(coop)}
    causes = []
    for version in range(low + 1, high + 1):
        view = app.agreement(coop, version)
        decision = decisions.get(view.decision_id) if view.decision_id else None
        meeting = meetings.get(decision.meeting_id) if decision and decision.meeting_id else None
        evaluation = evaluations.get(view.evaluation_id) if view.evaluation_id else None
        causes.append(
            RevisionCause(
                version,
                view.adopted_on,
                view.reason,
                view.decision_id,
                decision.subject if decision else None,
                decision.text if decision else None,
                meeting.id if meeting else None,
                meeting.title if meeting else None,
                meeting.held_on if meeting else None,
                view.evaluation_id,
                evaluation.year if evaluation else None,
            )
        )
    return AgreementChanges(from_version, to_version, diff.changes, tuple(causes))
