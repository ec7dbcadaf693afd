"""What changed between two versions of the agreement: a query over two views.

Clauses keep their ``key`` across versions, so a clause is added, removed or changed
by key. The title, the organisation text, the end date and every commitment (the
figures botu checks: meetings a year, consultation cadence, …) are compared as well.
Front ends print the result (``describe`` words one change); none compares versions itself.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

import attrs

from .glossary import GLOSSARY
from .values import COMMITMENT_LABELS, AgreementTerms, Commitments
from .views import AgreementView, ClauseView

SECTIONS = ("value", "goal", "working-agreement")


@attrs.frozen
class ClauseChange:
    section: str  # value, goal, working-agreement, title, organisation, end-date or commitment
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
    for name in COMMITMENT_LABELS:
        was, becomes = getattr(old.commitments, name), getattr(new.commitments, name)
        if was != becomes:
            changes.append(ClauseChange("commitment", name, "changed", commitment_text(was), commitment_text(becomes)))
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


def commitment_text(value: Any) -> str:
    """A commitment's value as text: 3, monthly, true, 2028-01-01, null (none), or JSON."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return json.dumps(dict(value), sort_keys=True, ensure_ascii=False)


_WORDS = {"true": ("ja", "yes"), "false": ("nee", "no"), "null": ("geen", "none"),
          **GLOSSARY["consultation"]}


def describe(change: ClauseChange, lang: str = "nl") -> str:
    """One change in words: 'plenaire bijeenkomsten per jaar: 3 → 4'."""
    en = lang == "en"
    if change.section == "commitment":
        label = COMMITMENT_LABELS[change.key][1 if en else 0]

        def word(text: str | None) -> str:
            return _WORDS.get(text or "", (text or "", text or ""))[1 if en else 0]

        return f"{label}: {word(change.old_text)} → {word(change.new_text)}"
    verbs = {"added": ("nieuw", "added"), "removed": ("weggehaald", "removed"), "changed": ("veranderd", "changed")}
    verb = verbs[change.change][1 if en else 0]
    was, becomes = change.old_text or "—", change.new_text or "—"
    return f"{change.section} {change.key} ({verb}): {was} → {becomes}"


def proposed_view(current: AgreementView, terms: AgreementTerms) -> AgreementView:
    """How ``terms`` would read as the next version of ``current`` (nothing is recorded)."""

    def clauses(items: Any) -> tuple[ClauseView, ...]:
        return tuple(ClauseView(c.key, c.text) for c in items)

    return attrs.evolve(
        current, version=current.version + 1, title=terms.title, organisation=terms.organisation,
        end_date=terms.end_date, values=clauses(terms.values), goals=clauses(terms.goals),
        working_agreements=clauses(terms.working_agreements), signatures=(), is_current=False,
        commitments=terms.commitments if isinstance(terms.commitments, Commitments) else Commitments(),
    )


def first_view(terms: AgreementTerms, on: dt.date) -> AgreementView:
    """How ``terms`` would read as version 1, adopted ``on`` (nothing is recorded)."""
    empty = AgreementView(1, "", "", on, on, "", None, None, (), (), (), (), False)
    return attrs.evolve(proposed_view(empty, terms), version=1)


def describe_commitments(commitments: Commitments, lang: str = "nl") -> list[str]:
    """What a version commits to, one line each: 'plenaire bijeenkomsten per jaar: 4'."""
    en = lang == "en"
    lines = []
    for name, labels in COMMITMENT_LABELS.items():
        text = commitment_text(getattr(commitments, name))
        lines.append(f"{labels[1 if en else 0]}: {_WORDS.get(text, (text, text))[1 if en else 0]}")
    return lines
