"""pabutools as the reference (test-only: it is GPL, the library never imports it).

``botu_tie_break`` is botu's documented tie-break written as a pabutools rule: more
approvals first, then lower cost, then id in natural order.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
from pabutools.tiebreaking import TieBreakingRule

from botu_core.participatory.rules import Candidate, Election, natural_key


def to_pabutools(election: Election) -> tuple[Instance, ApprovalProfile]:
    """The same election in pabutools' terms, amounts in euros (exact fractions)."""
    instance = Instance(budget_limit=Fraction(election.budget, 100))
    projects = {}
    for c in election.candidates:
        cost = Fraction(c.cost, 100)
        project = Project(c.id, int(cost) if cost.denominator == 1 else cost, categories=set(c.categories))
        projects[c.id] = project
        instance.add(project)
    profile = ApprovalProfile([ApprovalBallot(projects[p] for p in ballot) for ballot in election.ballots])
    return instance, profile


def botu_tie_break(instance: Instance, profile: ApprovalProfile) -> TieBreakingRule:
    score = {p.name: profile.approval_score(p) for p in instance}
    return TieBreakingRule(lambda _inst, _prof, p: (-score[p.name], p.cost, natural_key(p.name)))


def pabutools_winners(
    rule: str, instance: Instance, profile: ApprovalProfile, tie_breaking: TieBreakingRule | None = None
) -> frozenset[str]:
    if tie_breaking is None:
        tie_breaking = botu_tie_break(instance, profile)
    if rule == "greedy":
        outcome = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat, tie_breaking=tie_breaking)
    elif rule == "equalshares/add1":
        outcome = method_of_equal_shares(
            instance, profile, sat_class=Cost_Sat, voter_budget_increment=1, tie_breaking=tie_breaking
        )
    else:
        raise ValueError(rule)
    return frozenset(p.name for p in outcome)


def greedy_with_limits(election: Election) -> frozenset[str]:
    """A second, naive greedy with category limits, to check the library against."""
    votes = {c.id: sum(c.id in b for b in election.ballots) for c in election.candidates}
    limits = dict(election.category_limits)
    used = dict.fromkeys(limits, 0)
    left = election.budget
    chosen: set[str] = set()
    order: Iterable = sorted(election.candidates, key=lambda c: (-votes[c.id], c.cost, natural_key(c.id)))
    for c in order:
        limited = [k for k in c.categories if k in limits]
        if c.cost <= left and all(used[k] + c.cost <= limits[k] for k in limited):
            chosen.add(c.id)
            left -= c.cost
            for k in limited:
                used[k] += c.cost
    return frozenset(chosen)


def equal_shares_add1_reference(election: Election) -> tuple[str, ...]:
    """The Method of Equal Shares with "add one", written the plain way (one Fraction per
    voter, every rho computed again in every step), with botu's tie-break and category
    limits: what the fast library rule must give, step for step."""
    n = len(election.ballots)
    if n == 0:
        return ()
    approvals = {c.id: sum(c.id in b for b in election.ballots) for c in election.candidates}
    projects = [c for c in election.candidates if approvals[c.id] > 0]

    def fits(chosen: list[Candidate], c: Candidate, left: dict[str, int]) -> bool:
        return all(c.cost <= left[k] for k in c.categories if k in left)

    def one_run(share: Fraction) -> list[Candidate]:
        money = [share] * n
        left = dict(election.category_limits)
        chosen: list[Candidate] = []
        active = list(projects)
        while True:
            best: tuple[Fraction, tuple[int, int, object], Candidate] | None = None
            for c in list(active):
                if not fits(chosen, c, left):
                    active.remove(c)
                    continue
                supporters = sorted((money[v] for v, b in enumerate(election.ballots) if c.id in b))
                if sum(supporters) < c.cost:
                    active.remove(c)
                    continue
                missing, remaining, q = Fraction(c.cost), len(supporters), None
                for m in supporters:
                    if missing <= remaining * m:
                        q = missing / remaining
                        break
                    missing -= m
                    remaining -= 1
                assert q is not None
                key = (q / c.cost, (-approvals[c.id], c.cost, natural_key(c.id)), c)
                if best is None or key[:2] < best[:2]:
                    best = key
            if best is None:
                return chosen
            rho, _, c = best
            for v, b in enumerate(election.ballots):
                if c.id in b:
                    money[v] -= min(money[v], rho * c.cost)
            chosen.append(c)
            active.remove(c)
            for k in c.categories:
                if k in left:
                    left[k] -= c.cost

    def exhaustive(chosen: list[Candidate]) -> bool:
        left = dict(election.category_limits)
        for c in chosen:
            for k in c.categories:
                if k in left:
                    left[k] -= c.cost
        room = election.budget - sum(c.cost for c in chosen)
        return not any(c not in chosen and c.cost <= room and fits(chosen, c, left) for c in projects)

    share = Fraction(election.budget, n)
    previous: list[Candidate] = []
    while True:
        chosen = one_run(share)
        if sum(c.cost for c in chosen) > election.budget:
            return tuple(c.id for c in previous)
        if exhaustive(chosen):
            return tuple(c.id for c in chosen)
        previous = chosen
        share += 100
