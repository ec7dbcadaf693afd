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

from botu_core.participatory.rules import Election, natural_key


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
