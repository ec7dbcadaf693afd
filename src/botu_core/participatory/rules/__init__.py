"""Allocation rules of a participatory round: pure functions from an ``Election`` to a ``RuleResult``.

The rules follow pabulib's definitions (https://pabulib.org, as computed by pabutools):

- ``greedy``: proposals by number of approvals, most first; a proposal that does not
  fit in what is left (of the budget or of a category limit) is skipped, so the
  leftover is spent on what still fits.
- ``equalshares/add1``: the Method of Equal Shares with cost utilities, completed with
  "add one": each voter's share grows by one currency unit (€ 1,00) and the rule is run
  again, as long as the outcome still fits the budget and is not yet exhaustive.

Both respect optional category limits: the proposals selected within a category never
cost more than the category's limit together (a proposal in several categories counts
towards each of them).

Tie-break (both rules, deterministic, documented for voters): when two proposals are
equally good for the rule, the one with more approvals wins; then the cheaper one; then
the one whose id comes first in natural order ("2" before "10", "proposal-9" before
"proposal-10").

Amounts are whole cents (``int``); arithmetic is exact (integers and ``Fraction``), so
anyone recomputing a round gets the same outcome on any machine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction

from typing import Any, TypeVar

import attrs


@attrs.frozen
class Candidate:
    """A proposal as the rules see it: an id, a cost in cents, its categories."""

    id: str
    cost: int
    categories: tuple[str, ...] = ()


@attrs.frozen
class Election:
    """Everything a rule needs: the budget, the proposals, one ballot per voter."""

    budget: int  # cents
    candidates: tuple[Candidate, ...]
    ballots: tuple[frozenset[str], ...]  # per voter: the ids of the proposals approved
    category_limits: tuple[tuple[str, int], ...] = ()  # (category, cents)


@attrs.frozen
class RuleResult:
    winners: tuple[str, ...]  # in the order the rule selected them
    total_cost: int  # cents
    # Equal shares: each voter's budget (cents, exact) in the run that gave the outcome;
    # the round's certificate shows it. None for rules without voter budgets.
    voter_share: Fraction | None = None


_CHUNKS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[tuple[int, int, str], ...], str]:
    """Sort key that puts '2' before '10' and 'proposal-9' before 'proposal-10'."""
    chunks = tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in _CHUNKS.split(text) if part
    )
    return chunks, text


TieKey = tuple[int, int, tuple[tuple[tuple[int, int, str], ...], str]]


def tie_break_key(candidate: Candidate, approvals: int) -> TieKey:
    """Lower sorts first: more approvals, then lower cost, then id in natural order."""
    return (-approvals, candidate.cost, natural_key(candidate.id))


P = TypeVar("P", bound=Any)


def ranked(proposals: Iterable[P]) -> list[P]:
    """Proposals (anything with ``approvals``, ``cost`` as Money and ``id``) in the order
    the rules break ties in: more approvals, then lower cost, then id in natural order.
    Pages list a round's proposals this way, so the order read is the order counted."""
    return sorted(proposals, key=lambda p: (-p.approvals, p.cost.cents, natural_key(p.id)))


def approval_counts(election: Election) -> dict[str, int]:
    counts = {c.id: 0 for c in election.candidates}
    for ballot in election.ballots:
        for proposal_id in ballot:
            if proposal_id in counts:
                counts[proposal_id] += 1
    return counts


class CategoryBudget:
    """What each limited category has left while a rule selects proposals."""

    def __init__(self, limits: Iterable[tuple[str, int]]) -> None:
        self.left: dict[str, int] = dict(limits)

    def fits(self, candidate: Candidate) -> bool:
        left = self.left
        return all(candidate.cost <= left[cat] for cat in candidate.categories if cat in left)

    def take(self, candidate: Candidate) -> None:
        for cat in candidate.categories:
            if cat in self.left:
                self.left[cat] -= candidate.cost


Progress = Callable[[int, int], None]
"""``progress(done, total)``: how far a rule is, in steps of its own (``done`` never goes
down and reaches ``total`` when the rule is done). The rules only call it; they print nothing."""

Rule = Callable[[Election, Progress | None], RuleResult]


def _rules() -> Mapping[str, Rule]:
    from .equal_shares import equal_shares_add1
    from .greedy import greedy

    return {"greedy": greedy, "equalshares/add1": equal_shares_add1}


RULE_NAMES: tuple[str, ...] = ("greedy", "equalshares/add1")


def compute(rule: str, election: Election, progress: Progress | None = None) -> RuleResult:
    """Run the rule named as in pabulib ('greedy' or 'equalshares/add1'); ``progress``
    is told how far it is."""
    return _rules()[rule](election, progress)


__all__ = [
    "RULE_NAMES",
    "Candidate",
    "CategoryBudget",
    "Election",
    "Progress",
    "RuleResult",
    "approval_counts",
    "compute",
    "ranked",
    "natural_key",
    "tie_break_key",
]
