"""pabulib's ``greedy``: by approvals, skipping what does not fit, so leftovers are spent.

Proposals are taken in order of their number of approvals, most first (ties: see
``tie_break_key``). A proposal is selected when its cost fits in what is left of the
budget and of each of its limited categories; otherwise it is skipped and the next one
is tried. This is pabutools' ``greedy_utilitarian_welfare`` with cost satisfaction
(greedy approval voting), extended with category limits. Like pabulib's rule, a
proposal nobody approved may still be funded with money that is left at the end.
"""

from __future__ import annotations

from . import CategoryBudget, Election, Progress, RuleResult, approval_counts, tie_break_key


def greedy(election: Election, progress: Progress | None = None) -> RuleResult:
    """``progress(done, total)`` is told after every proposal looked at."""
    counts = approval_counts(election)
    order = sorted(election.candidates, key=lambda c: tie_break_key(c, counts[c.id]))
    left = election.budget
    categories = CategoryBudget(election.category_limits)
    winners: list[str] = []
    total = len(order)
    for done, candidate in enumerate(order, start=1):
        if candidate.cost <= left and categories.fits(candidate):
            winners.append(candidate.id)
            left -= candidate.cost
            categories.take(candidate)
        if progress is not None:
            progress(done, total)
    if progress is not None and not order:
        progress(0, 0)
    return RuleResult(tuple(winners), election.budget - left)
