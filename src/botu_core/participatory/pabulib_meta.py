"""The META fields of a pabulib file: each one is honoured, or the file is refused.

A field that can change an outcome is never dropped without a word. Each known key is
in exactly one of these groups (pabulib's format description, https://pabulib.org/format):

- ``DESCRIBING``: about the election, not about its outcome (country, dates, comments, …).
- ``READ``: read by ``parse_pabulib`` and kept in the round (budget, vote type, rule,
  the budget per category, the longest ballot).
- ``BALLOT_LIMITS``: what each voter was allowed (lengths, costs, per category). They do
  not change the outcome of the ballots as cast, so botu honours them by checking every
  ballot against them: a file whose ballots break its own limits is refused, naming the
  line.
- ``PROCEDURE``: how the city spent what was left. With the file's own rule it must be
  what that rule does already; when the caller names a rule, that rule's way counts.
- anything else (a threshold of votes, a budget per neighbourhood, a key botu does not
  know) can change the outcome and botu cannot apply it: the file is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from ..errors import InvalidInput

DESCRIBING = frozenset({
    "description", "country", "unit", "subunit", "instance", "district", "num_projects", "num_votes",
    "date_begin", "date_end", "language", "currency", "edition", "comment", "acknowledgments",
    "fully_funded", "experimental", "neighborhoods", "neighbourhoods", "subdistricts", "categories",
})  # fmt: skip
READ = frozenset({"budget", "vote_type", "rule", "budget_per_category", "max_length"})
BALLOT_LIMITS = frozenset({
    "min_length", "max_length", "min_sum_cost", "max_sum_cost", "min_project_cost", "max_project_cost",
    "min_length_per_category", "max_length_per_category", "min_sum_cost_per_category", "max_sum_cost_per_category",
})  # fmt: skip
PROCEDURE = frozenset({"leftover_budget"})

# The way each rule spends what is left, in pabulib's words: greedy goes on down the list
# and takes whatever still fits; equal shares completes with "add one" instead.
LEFTOVER_OF_RULE = {"greedy": ("fund additional projects that fit within leftover budget ordered by score",)}


def _number(key: str, text: str, line: int) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise InvalidInput("pabulib.bad_number", line=line, value=text) from None
    if not value.is_finite() or value < 0:
        raise InvalidInput("pabulib.bad_number", line=line, value=text)
    return value


def _per_category(key: str, text: str, categories: Sequence[str], line: int) -> dict[str, Decimal]:
    """A per-category limit: one number for every category, or one per category in order."""
    parts = [p for p in text.split(",") if p.strip()] if "," in text else [text]
    if len(parts) == 1 and "," not in text:
        value = _number(key, parts[0], line)
        return dict.fromkeys(categories, value)
    if len(parts) != len(categories):
        raise InvalidInput("pabulib.categories_mismatch", line=line, categories=len(categories), amounts=len(parts))
    return {c: _number(key, p, line) for c, p in zip(categories, parts, strict=True)}


def check_meta(
    meta: Mapping[str, str],
    line_of: Mapping[str, int],
    costs: Mapping[str, Decimal],
    categories_of: Mapping[str, Iterable[str]],
    ballots: Iterable[tuple[int, Sequence[str]]],
) -> None:
    """Refuse (``InvalidInput``) a META key botu cannot honour, and any ballot or project
    that breaks a limit the file sets. ``costs`` are in the file's unit (euros)."""
    for key, value in meta.items():
        known = key in DESCRIBING or key in READ or key in BALLOT_LIMITS or key in PROCEDURE
        if not known and value.strip():
            raise InvalidInput("pabulib.unsupported_meta", line=line_of.get(key, 1), key=key, value=value[:80])
    categories = [c.strip() for c in meta.get("categories", "").split(",") if c.strip()]

    def limit(key: str) -> Decimal | None:
        text = meta.get(key, "").strip()
        return None if not text else _number(key, text, line_of.get(key, 1))

    low_cost, high_cost = limit("min_project_cost"), limit("max_project_cost")
    for project, cost in costs.items():
        if (low_cost is not None and cost < low_cost) or (high_cost is not None and cost > high_cost):
            raise InvalidInput(
                "pabulib.project_outside_limit", line=line_of.get("min_project_cost" if low_cost is not None and cost < low_cost else "max_project_cost", 1),
                project=project, cost=str(cost),
            )  # fmt: skip

    whole = [(k, limit(k)) for k in ("min_length", "max_length", "min_sum_cost", "max_sum_cost")]
    per_category: list[tuple[str, dict[str, Decimal]]] = []
    for key in ("min_length_per_category", "max_length_per_category", "min_sum_cost_per_category", "max_sum_cost_per_category"):
        text = meta.get(key, "").strip()
        if text:
            if not categories:
                raise InvalidInput("pabulib.missing_meta", line=line_of.get(key, 1), key="categories")
            per_category.append((key, _per_category(key, text, categories, line_of.get(key, 1))))
    if not any(v is not None for _, v in whole) and not per_category:
        return
    for line, approvals in ballots:
        measured: dict[str, Decimal] = {
            "min_length": Decimal(len(approvals)),
            "max_length": Decimal(len(approvals)),
            "min_sum_cost": sum((costs[p] for p in approvals), Decimal(0)),
            "max_sum_cost": sum((costs[p] for p in approvals), Decimal(0)),
        }
        for key, bound in whole:
            if bound is not None and _breaks(key, measured[key], bound):
                raise InvalidInput("pabulib.ballot_breaks_limit", line=line, key=key, limit=str(bound), value=str(measured[key]))
        for key, bounds in per_category:
            for category, bound in bounds.items():
                inside = [p for p in approvals if category in categories_of[p]]
                found = Decimal(len(inside)) if "_length_" in key else sum((costs[p] for p in inside), Decimal(0))
                if _breaks(key, found, bound):
                    raise InvalidInput(
                        "pabulib.ballot_breaks_limit", line=line, key=f"{key} ({category})", limit=str(bound), value=str(found)
                    )


def _breaks(key: str, value: Decimal, bound: Decimal) -> bool:
    return value < bound if key.startswith("min_") else value > bound


def check_procedure(meta: Mapping[str, str], rule: str, rule_given: bool, line_of: Mapping[str, int] | None = None) -> None:
    """Refuse a file whose way of spending the leftover is not what its own rule does
    (unless the caller named the rule: then that rule's way is the one asked for)."""
    leftover = meta.get("leftover_budget", "").strip()
    if not leftover or rule_given:
        return
    if leftover.casefold() not in LEFTOVER_OF_RULE.get(rule, ()):
        raise InvalidInput(
            "pabulib.unsupported_leftover", line=(line_of or {}).get("leftover_budget", 1), value=leftover[:120], rule=rule
        )
