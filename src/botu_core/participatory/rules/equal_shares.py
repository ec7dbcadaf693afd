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

Everything is exact (``Fraction`` values of cents); the outcome is the definition's, only
the bookkeeping is faster:

- Voters are bits of Python integers: a proposal's supporters are one integer, so
  counting the supporters in a group of voters is ``(group & supporters).bit_count()``,
  whatever the number of approvals per ballot.
- Voters who paid the same so far have the same money left; they form one class.
  A rule step splits only the classes that hold supporters of the winner.
- ``rho`` only rises during a run, so proposals wait in a heap under their last value
  (a lower bound) and only the ones whose supporters paid since are computed again.
- A step where every supporter could pay the equal part (nobody pays "all they have")
  does not depend on the share: the classes it makes are kept, and the next "add one"
  run, which mostly selects the same proposals first, takes them again from memory.
"""

from __future__ import annotations

import heapq
from math import gcd, lcm
from fractions import Fraction
from typing import Any

from . import CategoryBudget, Election, Progress, RuleResult, approval_counts, tie_break_key

INCREMENT_CENTS = 100  # "add1": one euro more per voter in each completion step


def equal_shares_add1(election: Election, progress: Progress | None = None) -> RuleResult:
    """Equal shares with "add one" completion. ``progress(done, total)`` is told, after
    every run, how much of the budget (cents) the best outcome so far spends; at the
    end ``done == total``."""
    return _EqualShares(election).run(INCREMENT_CENTS, progress)


def equal_shares(election: Election, progress: Progress | None = None) -> RuleResult:
    """The Method of Equal Shares without completion (one run at budget / voters)."""
    return _EqualShares(election).run(None, progress)


class _Class:
    """Voters (a bit mask) who paid the same amount ``paid`` (cents) so far."""

    __slots__ = ("counts", "full", "mask", "paid", "positive", "splits")

    def __init__(self, mask: int, paid: Fraction) -> None:
        self.mask = mask
        self.paid = paid
        self.counts: dict[int, int] = {}  # project -> its supporters in this class
        self.full = False  # counts hold every project
        self.positive: dict[int, int] = {}  # once full: the projects it holds supporters of
        self.splits: dict[int, tuple[_Class | None, _Class | None]] = {}  # uncapped steps, memoised


class _State:
    """The classes after a sequence of steps where nobody paid less than the equal part.

    Such a state does not depend on the share, so the runs of "add one" share it."""

    __slots__ = ("after", "classes", "items", "paid", "parent", "paying")

    def __init__(self, classes: tuple[_Class, ...]) -> None:
        self.classes = classes
        # project -> [(paid, supporters)] of the classes holding supporters, most paid first
        self.items: dict[int, tuple[tuple[Fraction, int], ...]] = {}
        self.after: dict[int, _State] = {}  # winner -> next state (uncapped step)
        self.paid: dict[int, tuple[Fraction, float, Fraction, float]] = {}  # see ``_paid``
        self.parent: _State | None = None  # the state before the last step …
        self.paying: frozenset[int] = frozenset()  # … and the projects whose supporters paid in it


class _EqualShares:
    def __init__(self, election: Election) -> None:
        self.election = election
        self.voters = len(election.ballots)
        counts = approval_counts(election)
        self.candidates = [c for c in election.candidates if counts[c.id] > 0]
        index = {c.id: i for i, c in enumerate(self.candidates)}
        self.ids = [c.id for c in self.candidates]
        self.cost_by_id = {c.id: c.cost for c in self.candidates}
        self.cost = [c.cost for c in self.candidates]
        self.approvals = [counts[c.id] for c in self.candidates]
        self.tie_key = [tie_break_key(c, counts[c.id]) for c in self.candidates]
        # Voters with the same ballot are one bit with a weight when ballots repeat a lot
        # (a choose-1 city file: 108,499 voters, 220 ballots), else each voter is a bit
        # and voters with the same ballot get neighbouring bits.
        groups: dict[frozenset[str], int] = {}
        for ballot in election.ballots:
            groups[ballot] = groups.get(ballot, 0) + 1
        weighted = len(groups) * 16 <= self.voters
        # the weights, bit by bit: plane p holds the groups whose weight has bit p set
        self.planes: list[int] = []
        supporters = [0] * len(self.candidates)
        position = 0
        for ballot, weight in groups.items():
            if weighted:
                block = 1 << position
                position += 1
                for p in range(weight.bit_length()):
                    if weight >> p & 1:
                        while len(self.planes) <= p:
                            self.planes.append(0)
                        self.planes[p] |= block
            else:
                block = ((1 << weight) - 1) << position
                position += weight
            for pid in ballot:
                i = index.get(pid)
                if i is not None:
                    supporters[i] |= block
        self.supporters = supporters
        self.everyone = (1 << position) - 1
        self.overlap: dict[int, list[int]] = {}  # winner -> projects sharing a supporter
        self.root = _State((_Class(self.everyone, Fraction(0)),))
        self.floor_rho = [Fraction(1, a) for a in self.approvals]  # everyone pays the equal part
        start = [(1 / a, Fraction(1, a), k, i) for i, (a, k) in enumerate(zip(self.approvals, self.tie_key, strict=True))]
        heapq.heapify(start)
        self.start_heap: list[tuple[float, Fraction, Any, int]] = start

    # --- the "add one" loop ---------------------------------------------------------

    def run(self, increment: int | None, progress: Progress | None) -> RuleResult:
        budget = self.election.budget
        if self.voters == 0:
            if progress is not None:
                progress(budget, budget)
            return RuleResult((), 0)
        share = Fraction(budget, self.voters)
        previous: tuple[str, ...] = ()
        reported = 0
        while True:
            winners = tuple(self.ids[i] for i in self._fixed(share))
            total = sum(self.cost_of(w) for w in winners)
            if increment is None:
                result = RuleResult(winners, total, share)
                break
            if total > budget:
                result = RuleResult(previous, sum(self.cost_of(w) for w in previous), share - increment)
                break
            if self._exhaustive(winners, total):
                result = RuleResult(winners, total, share)
                break
            if progress is not None and total > reported:
                reported = total
                progress(total, budget)
            share += increment
            previous = winners
        if progress is not None:
            progress(budget, budget)
        return result

    def cost_of(self, pid: str) -> int:
        return self.cost_by_id[pid]

    def _exhaustive(self, winners: tuple[str, ...], total: int) -> bool:
        chosen = set(winners)
        categories = CategoryBudget(self.election.category_limits)
        for c in self.candidates:
            if c.id in chosen:
                categories.take(c)
        left = self.election.budget - total
        return not any(
            c.id not in chosen and c.cost <= left and categories.fits(c) for c in self.candidates
        )

    # --- one run of equal shares ---------------------------------------------------

    def _fixed(self, share: Fraction) -> list[int]:
        """One run of equal shares with ``share`` (cents) per voter; the winners' indexes."""
        cost = self.cost
        candidates = self.candidates
        categories = CategoryBudget(self.election.category_limits)
        # Every project starts under its lowest possible rho (1 / supporters: everyone
        # pays the equal part), marked stale: it is computed when it comes up.
        # Entries are (float(rho), rho, tie key, project): a float strictly smaller means
        # the exact value is strictly smaller (float() of a Fraction is correctly rounded,
        # hence monotone), and equal floats fall through to the exact Fraction.
        heap = list(self.start_heap)
        stale = set(range(len(candidates)))
        state: _State | None = self.root
        share_f = float(share)
        concrete = _Concrete(1)  # once a supporter paid all they had
        winners: list[int] = []
        while heap:
            _, bound, key, i = heapq.heappop(heap)
            if not categories.fits(candidates[i]):
                continue
            if i in stale:
                stale.discard(i)
                if state is not None:
                    found = self._rho_symbolic(state, i, share, share_f)
                else:
                    found = self._rho_concrete(concrete, i)
                if found is not None:
                    heapq.heappush(heap, (float(found), found, key, i))
                # else: its supporters cannot pay for it, now or later in this run
                continue
            # the lowest value in the heap is exact: i wins this step
            winners.append(i)
            categories.take(candidates[i])
            q = bound * cost[i]  # the equal payment
            if state is not None:
                after = self._uncapped_step(state, i, q, share)
                if after is not None:
                    state = after
                else:
                    concrete = self._concrete(state, share)
                    state = None
            if state is None:
                stale.update(self._pay(concrete, i, q))
            else:
                stale.update(self._overlapping(i))
            stale.discard(i)
        return winners

    def _concrete(self, state: _State, share: Fraction) -> _Concrete:
        money = [share - k.paid for k in state.classes]
        concrete = _Concrete(lcm(*(m.denominator for m in money)))
        for k, m in zip(state.classes, money, strict=True):
            if m > 0:
                concrete.add(_Money(k.mask, m.numerator * (concrete.denominator // m.denominator), self._full_counts(k)))
        return concrete

    def _size(self, voters: int) -> int:
        """How many voters a mask holds."""
        if not self.planes:
            return voters.bit_count()
        return sum((voters & plane).bit_count() << p for p, plane in enumerate(self.planes))

    def _overlapping(self, i: int) -> list[int]:
        found = self.overlap.get(i)
        if found is None:
            mask = self.supporters[i]
            found = [j for j, other in enumerate(self.supporters) if other & mask]
            self.overlap[i] = found
        return found

    def _items(self, state: _State, i: int) -> tuple[tuple[Fraction, int], ...]:
        items = state.items.get(i)
        if items is None and state.parent is not None and i not in state.paying:
            items = self._items(state.parent, i)
            state.items[i] = items
        if items is None:
            mask = self.supporters[i]
            found = []
            for k in state.classes:
                n = k.counts.get(i)
                if n is None:
                    n = self._size(k.mask & mask)
                    k.counts[i] = n
                if n:
                    found.append((k.paid, n))
            found.sort(key=lambda item: item[0], reverse=True)
            items = tuple(found)
            state.items[i] = items
        return items

    def _rho_symbolic(self, state: _State, i: int, share: Fraction, share_f: float) -> Fraction | None:
        # The classes of a state hold every voter, so these are all the supporters.
        items = self._items(state, i)
        cost = self.cost[i]
        most, most_f, together, together_f = self._paid(state, i)
        # Floats decide only when far from the edge; else the exact values do.
        margin = 1e-9 * (share_f + 1.0) * self.approvals[i]
        gap = (share_f - most_f) * self.approvals[i] - cost  # the poorest pays the equal part?
        if gap > margin or (gap >= -margin and (share - most) * self.approvals[i] >= cost):
            return self.floor_rho[i]
        short = share_f * self.approvals[i] - together_f - cost  # all their money is not enough?
        if short < -margin or (short <= margin and share * self.approvals[i] - together < cost):
            return None
        return _water_level(cost, [(share - paid, n) for paid, n in items if share > paid])

    def _paid(self, state: _State, i: int) -> tuple[Fraction, float, Fraction, float]:
        """The most one supporter of ``i`` paid so far, and what they paid together (and floats)."""
        paid = state.paid.get(i)
        if paid is None:
            items = self._items(state, i)
            together = sum((p * n for p, n in items), Fraction(0))
            paid = (items[0][0], float(items[0][0]), together, float(together))
            state.paid[i] = paid
        return paid

    def _rho_concrete(self, concrete: _Concrete, i: int) -> Fraction | None:
        classes = concrete.classes
        found = sorted((classes[k].money, classes[k].counts[i]) for k in concrete.index.get(i, ()))
        # integer water level: money is in units of 1 / denominator cent
        cost = self.cost[i]
        missing = cost * concrete.denominator
        remaining = sum(n for _, n in found)
        for money, n in found:
            if missing <= remaining * money:
                return Fraction(missing, remaining * concrete.denominator * cost)
            missing -= n * money
            remaining -= n
        return None

    def _full_counts(self, k: _Class) -> dict[int, int]:
        """Every project's supporters in ``k`` (kept on the class: classes outlive a run)."""
        if not k.full:
            mask = k.mask
            counts = k.counts
            for j, supporters in enumerate(self.supporters):
                if j not in counts:
                    counts[j] = self._size(mask & supporters)
            k.full = True
            k.positive = {j: n for j, n in k.counts.items() if n}
        return dict(k.positive)  # a copy: the run changes it

    def _uncapped_step(self, state: _State, i: int, q: Fraction, share: Fraction) -> _State | None:
        """The next state when every supporter of ``i`` can pay ``q``; else None."""
        items = self._items(state, i)
        if items and share - items[0][0] < q:
            return None
        after = state.after.get(i)
        if after is None:
            mask = self.supporters[i]
            classes: list[_Class] = []
            for k in state.classes:
                split = k.splits.get(i)
                if split is None:
                    inside = k.mask & mask
                    if not inside:
                        split = (k, None)
                    else:
                        rest = k.mask & ~mask
                        split = (_Class(rest, k.paid) if rest else None, _Class(inside, k.paid + q))
                    k.splits[i] = split
                classes.extend(c for c in split if c is not None)
            after = _State(tuple(classes))
            # a project none of whose supporters paid sees the same classes as before
            after.parent = state
            after.paying = frozenset(self._overlapping(i))
            state.after[i] = after
        return after

    def _pay(self, concrete: _Concrete, i: int, q: Fraction) -> set[int]:
        """The supporters of ``i`` pay ``q`` each (or all they had); the projects whose
        supporters paid (their rho may have risen)."""
        scale = q.denominator // gcd(q.denominator, concrete.denominator)
        if scale != 1:
            concrete.rescale(scale)
        payment = q.numerator * (concrete.denominator // q.denominator)
        mask = self.supporters[i]
        supporters = self.supporters
        touched: set[int] = set()
        classes = concrete.classes
        index = concrete.index
        overlapping = self._overlapping(i)  # only their supporters can be among the payers
        weighted = bool(self.planes)
        for key in list(index.get(i, ())):
            old = classes[key]
            counts = old.counts
            inside = old.mask & mask
            rest = old.mask ^ inside
            keep = old.money > payment  # who pays all they have is left with nothing: dropped
            if not rest:  # the whole class pays
                touched.update(counts)
                if keep and old.money - payment not in concrete.by_money:
                    del concrete.by_money[old.money]  # same voters, same projects: only the money moves
                    old.money -= payment
                    concrete.by_money[old.money] = key
                    continue
                concrete.remove(key)
                if keep:
                    old.money -= payment
                    concrete.add(old)
                continue
            # the class keeps those who did not pay; the payers become a class of their own
            inside_counts: dict[int, int] = {}
            for j in overlapping if len(overlapping) < len(counts) else list(counts):
                n = counts.get(j)
                if n is None:
                    continue
                if j == i:
                    n_in = n
                elif weighted:
                    n_in = self._size(inside & supporters[j])
                else:  # the common case, inline: one voter a bit
                    n_in = (inside & supporters[j]).bit_count()
                if n_in:
                    touched.add(j)
                    inside_counts[j] = n_in
                    if n == n_in:
                        del counts[j]
                        index[j].discard(key)
                    else:
                        counts[j] = n - n_in
            old.mask = rest
            if keep:
                concrete.add(_Money(inside, old.money - payment, inside_counts))
        return touched


class _Money:
    """Voters (a bit mask) with the same money left, and every project's supporters among them."""

    __slots__ = ("counts", "mask", "money")

    def __init__(self, mask: int, money: int, counts: dict[int, int]) -> None:
        self.mask = mask
        self.money = money
        self.counts = counts


class _Concrete:
    """The classes once the run depends on the share. Money is in units of
    1 / ``denominator`` cent (one common denominator: every comparison is of integers);
    voters with the same money are one class; ``index`` lists each project's classes."""

    __slots__ = ("by_money", "classes", "denominator", "index", "next_id")

    def __init__(self, denominator: int) -> None:
        self.denominator = denominator
        self.classes: dict[int, _Money] = {}
        self.by_money: dict[int, int] = {}
        self.index: dict[int, set[int]] = {}
        self.next_id = 0

    def add(self, k: _Money) -> None:
        known = self.by_money.get(k.money)
        if known is not None:  # same money: one class
            other = self.classes[known]
            other.mask |= k.mask
            counts = other.counts
            for j, n in k.counts.items():
                if j in counts:
                    counts[j] += n
                else:
                    counts[j] = n
                    self.index.setdefault(j, set()).add(known)
            return
        key = self.next_id
        self.next_id += 1
        self.classes[key] = k
        self.by_money[k.money] = key
        for j in k.counts:
            self.index.setdefault(j, set()).add(key)

    def remove(self, key: int) -> _Money:
        k = self.classes.pop(key)
        del self.by_money[k.money]
        for j in k.counts:
            self.index[j].discard(key)
        return k

    def rescale(self, scale: int) -> None:
        self.denominator *= scale
        self.by_money = {}
        for key, k in self.classes.items():
            k.money *= scale
            self.by_money[k.money] = key


def _water_level(cost: int, items: list[tuple[Fraction, int]]) -> Fraction | None:
    """rho for a project of ``cost`` whose supporters hold ``items`` ([(money, how many)],
    poorest first): the equal payment q with sum(min(money, q)) = cost, divided by the
    cost; None when all their money together is less than the cost."""
    missing: Fraction = Fraction(cost)
    remaining = sum(n for _, n in items)
    for money, n in items:
        if missing <= remaining * money:
            return missing / remaining / cost
        missing -= n * money
        remaining -= n
    return None
