"""What changed between two versions of the agreement: a query over two views.

Clauses keep their ``key`` across versions, so a clause is added, removed or changed
by key. The title, the organisation text and the end date are compared as well.
Front ends print the result; none of them compares versions itself.
"""

from __future__ import annotations

import attrs

from .views import AgreementView, ClauseView

SECTIONS = ("value", "goal", "working-agreement")


@attrs.frozen
class ClauseChange:
    section: str  # value, goal, working-agreement, title, organisation or end-date
    key: str
    change: str  # added, removed or changed
    old_text: str | None
    new_text: str | None


@attrs.frozen
class AgreementDiff:
    from_version: int
    to_version: int
    changes: tuple[ClauseChange, ...]


def _clauses(view: AgreementView, section: str) -> tuple[ClauseView, ...]:
    return {"value": view.values, "goal": view.goals, "working-agreement": view.working_agreements}[section]


def diff_agreements(old: AgreementView, new: AgreementView) -> AgreementDiff:
    """The changes from ``old`` to ``new``, in the order of the text."""
    changes: list[ClauseChange] = []
    for section, old_text, new_text in (
        ("title", old.title, new.title),
        ("organisation", old.organisation, new.organisation),
        ("end-date", old.end_date.isoformat(), new.end_date.isoformat()),
    ):
        if old_text != new_text:
            changes.append(ClauseChange(section, section, "changed", old_text, new_text))
    for section in SECTIONS:
        before = {c.key: c.text for c in _clauses(old, section)}
        after = {c.key: c.text for c in _clauses(new, section)}
        for clause in _clauses(old, section):
            if clause.key not in after:
                changes.append(ClauseChange(section, clause.key, "removed", clause.text, None))
            elif after[clause.key] != clause.text:
                changes.append(ClauseChange(section, clause.key, "changed", clause.text, after[clause.key]))
        for clause in _clauses(new, section):
            if clause.key not in before:
                changes.append(ClauseChange(section, clause.key, "added", None, clause.text))
    return AgreementDiff(old.version, new.version, tuple(changes))
