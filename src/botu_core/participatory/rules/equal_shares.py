"""pabulib's ``equalshares/add1``: the Method of Equal Shares, completed by "add one".

The definition is pabutools' ``method_of_equal_shares`` with cost satisfaction and
``voter_budget_increment=1`` (one currency unit; here € 1,00 = 100 cents):

1. Every voter gets an equal share of the budget: budget / number of voters (voters
   with an empty ballot count too).
2. Repeatedly, among the proposals whose supporters can still pay for them, select the
   one with the lowest payment per unit of utility ``rho``: each supporter pays
   ``rho × cost``, or all they have left if that is less, and together they pay exactly
   the cost (with cost utilities ``rho × cost`` is the equal payment ``q``). Ties in
   ``rho`` are broken by ``tie_break_key`` (more approvals, lower cost, id).
   A proposal that would exceed a category limit is dropped.
3. "add1": while the outcome is not exhaustive (some approved proposal would still fit
   in what the budget and the category limits have left), give every voter € 1,00
   more and run step 2 again from scratch; stop at the first exhaustive outcome, or
   return the previous outcome when the new one costs more than the budget.

Everything is exact: shares are ``Fraction`` values of cents. Voters with the same
ballot always pay the same, so they are handled as one group with a weight.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from . import CategoryBudget, Election, RuleResult, approval_counts, tie_break_key

INCREMENT_CENTS = 100  # "add1": one euro more per voter in each completion step


def equal_shares_add1(election: Election) -> RuleResult:
    return _EqualShares(election).run(INCREMENT_CENTS)


def equal_shares(election: Election) -> RuleResult:
    """The Method of Equal Shares without completion (one run at budget / voters)."""
    return _EqualShares(election).run(None)


class _EqualShares:
    def __init__(self, election: Election) -> None:
        self.election = election
        self.voters = len(election.ballots)
        groups = Counter(election.ballots)
        self.ballots = list(groups)
        self.weights = [groups[b] for b in self.ballots]
        counts = approval_counts(election)
        self.cost = {c.id: c.cost for c in election.candidates}
        self.candidate = {c.id: c for c in election.candidates}
        self.approvals = counts
        self.tie_key = {c.id: tie_break_key(c, counts[c.id]) for c in election.candidates}
        # Only proposals somebody approved take part (costs are always positive).
        self.projects = [c.id for c in election.candidates if counts[c.id] > 0]
        supporters: dict[str, list[int]] = {pid: [] for pid in self.projects}
        for g, ballot in enumerate(self.ballots):
            for pid in ballot:
                if pid in supporters:
                    supporters[pid].append(g)
        self.supporters = supporters

    def run(self, increment: int | None) -> RuleResult:
        if self.voters == 0:
            return RuleResult((), 0)
        budget = self.election.budget
        share = Fraction(budget, self.voters)
        previous: tuple[str, ...] = ()
        while True:
            winners = self._fixed(share)
            total = sum(self.cost[w] for w in winners)
            if increment is None:
                return RuleResult(winners, total)
            if total > budget:
                return RuleResult(previous, sum(self.cost[w] for w in previous))
            if self._exhaustive(winners, total):
                return RuleResult(winners, total)
            share += increment
            previous = winners

    def _exhaustive(self, winners: tuple[str, ...], total: int) -> bool:
        chosen = set(winners)
        categories = CategoryBudget(self.election.category_limits)
        for w in winners:
            categories.take(self.candidate[w])
        left = self.election.budget - total
        return not any(
            pid not in chosen and self.cost[pid] <= left and categories.fits(self.candidate[pid])
            for pid in self.projects
        )

    def _fixed(self, share: Fraction) -> tuple[str, ...]:
        """One run of equal shares with ``share`` per voter."""
        money = [share] * len(self.ballots)  # what each voter of a group has left, exact
        # Floats are used only to order and to skip quickly; float() of a Fraction is
        # correctly rounded, hence monotone: a float strictly greater means the exact
        # value is strictly greater. Every decision that counts is taken exactly.
        approx = [float(share)] * len(self.ballots)
        weights = self.weights
        cost = self.cost
        supporters = self.supporters
        approvals = self.approvals
        categories = CategoryBudget(self.election.category_limits)
        # rho never decreases during a run (voters only lose money), so the last value
        # computed is a lower bound: proposals are examined lowest bound first and the
        # search stops at the first whose bound is worse than the best found.
        rho: dict[str, Fraction] = {pid: Fraction(1, approvals[pid]) for pid in self.projects}
        rho_approx: dict[str, float] = {pid: float(r) for pid, r in rho.items()}
        active = set(self.projects)
        winners: list[str] = []
        while active:
            best: Fraction | None = None
            best_approx = 0.0
            tied: list[str] = []
            for pid in sorted(active, key=rho_approx.__getitem__):
                if best is not None and rho_approx[pid] > best_approx:
                    break
                candidate = self.candidate[pid]
                if not categories.fits(candidate):
                    active.discard(pid)
                    continue
                found = _rho(cost[pid], approvals[pid], supporters[pid], money, approx, weights)
                if found is None:  # its supporters cannot pay for it any more
                    active.discard(pid)
                    continue
                rho[pid] = found
                rho_approx[pid] = float(found)
                if best is None or found < best:
                    best, best_approx, tied = found, rho_approx[pid], [pid]
                elif found == best:
                    tied.append(pid)
            if best is None:
                break
            chosen = min(tied, key=self.tie_key.__getitem__)
            payment = best * cost[chosen]
            payment_approx = float(payment)
            zero = Fraction(0)
            # Groups that paid the same before hold the same Fraction object, so each
            # distinct amount is computed once.
            after: dict[int, tuple[Fraction, float]] = {}
            for g in supporters[chosen]:
                before = money[g]
                known = after.get(id(before))
                if known is None:
                    a = approx[g]
                    if a > payment_approx or (a == payment_approx and before > payment):
                        left = before - payment
                        known = (left, float(left))
                    else:
                        known = (zero, 0.0)
                    after[id(before)] = known
                money[g], approx[g] = known
            winners.append(chosen)
            active.discard(chosen)
            categories.take(self.candidate[chosen])
        return tuple(winners)


def _rho(
    cost: int,
    approvals: int,
    groups: list[int],
    money: list[Fraction],
    approx: list[float],
    weights: list[int],
) -> Fraction | None:
    """The lowest rho at which the supporters pay ``cost``; None when they cannot.

    Supporters are taken poorest first: a group that cannot pay the equal part of what
    is still missing pays all it has left, and the rest is shared by the others. The
    place where that stops is found with floats and then checked exactly (the check
    is a threshold: it fails before that place and holds from it on); when the check
    does not confirm it, the level is computed exactly step by step.
    """
    ordered = sorted(groups, key=approx.__getitem__)
    # float pass: where does the water level settle?
    missing_f = float(cost)
    remaining = approvals
    stop = len(ordered)
    for i, g in enumerate(ordered):
        a = approx[g]
        if missing_f <= remaining * a:
            stop = i
            break
        w = weights[g]
        missing_f -= w * a
        remaining -= w
    if stop < len(ordered):
        missing: Fraction = Fraction(cost)
        for g in ordered[:stop]:
            if approx[g] != 0.0:
                missing -= weights[g] * money[g]
        level = missing / remaining
        holds = missing <= remaining * money[ordered[stop]]
        if stop > 0:
            g = ordered[stop - 1]
            w = weights[g]
            holds = holds and missing + w * money[g] > (remaining + w) * money[g]
        # the exact order may differ among groups with the same float amount
        if holds and _in_order(ordered, stop, money, approx, level):
            return level / cost
    else:
        # the floats say the supporters cannot pay: check that exactly
        available: Fraction = Fraction(0)
        for g in ordered:
            if approx[g] != 0.0:
                available += weights[g] * money[g]
        if available < cost:
            return None
    exact = _water_level(cost, approvals, sorted(groups, key=money.__getitem__), money, weights)
    return None if exact is None else exact / cost


def _in_order(ordered: list[int], stop: int, money: list[Fraction], approx: list[float], level: Fraction) -> bool:
    """Groups before ``stop`` have less than ``level``, those from it on at least it."""
    a = approx[ordered[stop]]
    i = stop - 1
    while i >= 0 and approx[ordered[i]] == a:
        if money[ordered[i]] >= level:
            return False
        i -= 1
    i = stop + 1
    while i < len(ordered) and approx[ordered[i]] == a:
        if money[ordered[i]] < level:
            return False
        i += 1
    return True


def _water_level(cost: int, approvals: int, ordered: list[int], money: list[Fraction], weights: list[int]) -> Fraction | None:
    """The equal payment q such that sum(min(money, q)) = cost, groups in exact order."""
    missing: Fraction = Fraction(cost)
    remaining = approvals
    for g in ordered:
        if missing <= remaining * money[g]:
            return missing / remaining
        w = weights[g]
        missing -= w * money[g]
        remaining -= w
    return None
