"""The result certificate of a closed round: one plain JSON document anyone can recheck.

It states the rule and its parameters, every ballot (by pseudonym) with the RFC 9162
Merkle root over them, each proposal's cost and support, the winners, and for every
voter the budget they started with, spent and had left — amounts in cents, exact
(fractions written as ``"n/d"``). ``check_round_certificate`` recomputes all of it from
the document alone: the ballots' root, the support, the digest of the inputs (the
one ``RoundClosed`` recorded, for rounds whose ballots were secret), the rule's winners
and the voters' accounts. The format is in ``docs/audit-format.md`` §11.

Voters' accounts follow the rule. Equal shares: each voter starts with the share of the
run that gave the outcome (budget / voters, plus "add one" increments) and pays for the
winners they approved in the order selected, all supporters the same amount or all they
have left if that is less (together exactly the cost). Greedy gives voters no budget;
its accounts are the plain split: each voter starts with budget / voters and pays an
equal part of each winner they approved (``left`` may then be negative).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs

from ..canonical import canonical_json
from ..errors import InvalidInput, RuleViolation
from ..merkle import MemoryTree, leaf_hash
from ..values import Money
from ..state import CooperationState
from .round_values import CategoryLimit
from .rounds import (
    TIE_BREAK,
    ProposalRecord,
    RoundRecord,
    election_of,
    find_round,
    input_digest,
    inputs_of,
    library_version,
)
from .rules import Progress, RuleResult, compute, natural_key

FORMAT = "botu-pb-certificate"
VERSION = 1


def _canonical(value: object) -> bytes:
    return canonical_json(value)


def _fraction(value: Fraction) -> str:
    return str(value)  # "7" or "22/3": exact, and Fraction() reads it back


def ballots_root(ballots: Sequence[tuple[str, Sequence[str]]]) -> str:
    """The RFC 9162 root over the ballots in pseudonym order, each leaf the canonical
    JSON of ``[pseudonym, [approved ids in natural order]]``."""
    tree = MemoryTree([leaf_hash(_canonical([voter, sorted(approved, key=natural_key)])) for voter, approved in ballots])
    return tree.root().hex()


def voter_accounts(
    rule: str, budget: int, ballots: Sequence[tuple[str, Sequence[str]]], winners: Sequence[str],
    costs: Mapping[str, int], share: Fraction | None,
) -> list[dict[str, str]]:
    """Each voter's start, spent and left (cents, exact), replaying the winners in order."""
    if not ballots:
        return []
    start = share if share is not None else Fraction(budget, len(ballots))
    left = {voter: start for voter, _ in ballots}
    supporters = {w: [voter for voter, approved in ballots if w in approved] for w in winners}
    for winner in winners:
        who = supporters[winner]
        if not who:
            continue  # funded with money nobody's share holds (greedy's leftovers)
        if rule == "greedy":
            for voter in who:
                left[voter] -= Fraction(costs[winner], len(who))
            continue
        for voter, paid in _equal_payments(costs[winner], [(voter, left[voter]) for voter in who]).items():
            left[voter] -= paid
    return [
        {"pseudonym": voter, "start_cents": _fraction(start), "spent_cents": _fraction(start - left[voter]),
         "left_cents": _fraction(left[voter])}
        for voter, _ in ballots
    ]


def _equal_payments(cost: int, money: list[tuple[str, Fraction]]) -> dict[str, Fraction]:
    """Everyone pays the same part ``q``, or all they have when that is less; together ``cost``."""
    remaining, payers = Fraction(cost), sorted(money, key=lambda item: item[1])
    paid: dict[str, Fraction] = {}
    for i, (voter, has) in enumerate(payers):
        equal = remaining / (len(payers) - i)
        paid[voter] = min(has, equal)
        remaining -= paid[voter]
    return paid


def round_certificate(cooperation_id: str, rnd: RoundRecord, result: RuleResult | None = None) -> dict[str, Any]:
    """The certificate of a closed round (plain JSON data); ``result``: the rule's outcome
    when the caller computed it already."""
    assert rnd.closed is not None
    if result is None:
        result = compute(rnd.closed.rule, election_of(rnd))
    ballots = [(voter, sorted(rnd.ballots[voter], key=natural_key)) for voter in sorted(rnd.ballots)]
    counts = {p: sum(p in approved for _, approved in ballots) for p in rnd.proposals}
    order = {w: i for i, w in enumerate(rnd.closed.winners, start=1)}
    proposals = sorted(rnd.proposals.values(), key=lambda p: natural_key(p.proposal_id))
    costs = {p.proposal_id: p.cost.cents for p in proposals}
    share = result.voter_share if rnd.closed.rule != "greedy" else None
    shown_share = share if share is not None else (Fraction(rnd.budget.cents, len(ballots)) if ballots else None)
    return {
        "format": FORMAT,
        "version": VERSION,
        "cooperation": cooperation_id,
        "round": rnd.round_id,
        "title": rnd.title,
        "closed_on": rnd.closed.closed_on.isoformat(),
        "rule": rnd.closed.rule,
        "parameters": {
            "budget_cents": rnd.budget.cents,
            "category_limits": sorted([c.category, c.amount.cents] for c in rnd.category_limits),
            "voting_method": rnd.voting_method,
            "max_approvals": rnd.max_approvals,
            "tie_break": TIE_BREAK,
            "increment_cents": 100 if rnd.closed.rule == "equalshares/add1" else None,
            "voter_share_cents": None if shown_share is None else _fraction(shown_share),
        },
        "input_digest": input_digest(rnd),
        "ballots": [[voter, approved] for voter, approved in ballots],
        "ballots_root": ballots_root(ballots),
        "projects": [
            {"id": p.proposal_id, "title": p.title, "cost_cents": p.cost.cents, "categories": sorted(p.categories),
             "support": counts[p.proposal_id], "selected": p.proposal_id in order, "order": order.get(p.proposal_id)}
            for p in proposals
        ],
        "winners": list(rnd.closed.winners),
        "total_cost_cents": rnd.closed.total_cost.cents,
        "voters": voter_accounts(rnd.closed.rule, rnd.budget.cents, ballots, rnd.closed.winners, costs, share),
    }


@attrs.frozen
class RoundCertificateCheck:
    ok: bool
    round_id: str
    winners: tuple[str, ...]
    problem_code: str | None = None
    problem: str | None = None  # Dutch
    problem_en: str | None = None


def _invalid(detail: str) -> InvalidInput:
    return InvalidInput("pb.certificate_invalid", detail=detail)


def _record(doc: Mapping[str, Any]) -> RoundRecord:
    """The round as the certificate states it (only what the rule and the digest need)."""
    params = doc["parameters"]
    rnd = RoundRecord(
        str(doc["round"]), str(doc["title"]), 0, Money(int(params["budget_cents"])), (),
        tuple(CategoryLimit(str(c), Money(int(cents))) for c, cents in params["category_limits"]),
        str(params["voting_method"]), str(doc["rule"]), None, params["max_approvals"], False,
    )
    for p in doc["projects"]:
        rnd.proposals[str(p["id"])] = ProposalRecord(
            str(p["id"]), str(p["title"]), Money(int(p["cost_cents"])), tuple(str(c) for c in p["categories"]), None, "", None
        )
    for voter, approved in doc["ballots"]:
        rnd.ballots[str(voter)] = tuple(str(a) for a in approved)
    return rnd


def check_round_certificate(doc: object) -> RoundCertificateCheck:
    """Recheck a certificate from the document alone (see the module's text)."""
    if not isinstance(doc, Mapping) or doc.get("format") != FORMAT or doc.get("version") != VERSION:
        raise _invalid(f"not a {FORMAT} document, version {VERSION}")
    try:
        rnd = _record(doc)
        ballots = [(str(v), [str(a) for a in approved]) for v, approved in doc["ballots"]]
        projects = list(doc["projects"])
        winners = tuple(str(w) for w in doc["winners"])
        voters = list(doc["voters"])
        share_text = doc["parameters"]["voter_share_cents"]
        share = None if share_text is None else Fraction(str(share_text))
        stated_root, stated_digest = str(doc["ballots_root"]), str(doc["input_digest"])
    except (KeyError, TypeError, ValueError, AttributeError, ZeroDivisionError) as error:
        raise _invalid(type(error).__name__) from None
    if rnd.rule not in ("greedy", "equalshares/add1"):
        raise _invalid("rule")

    def verdict(code: str | None, computed: tuple[str, ...] = ()) -> RoundCertificateCheck:
        if code is None:
            return RoundCertificateCheck(True, rnd.round_id, computed)
        problem = RuleViolation(code, **rnd.named())
        return RoundCertificateCheck(False, rnd.round_id, computed, code, problem.message_nl, problem.message_en)

    if ballots_root(ballots) != stated_root or [v for v, _ in ballots] != sorted(rnd.ballots):
        return verdict("pb.certificate_ballots_root")
    if any(p.get("support") != sum(p.get("id") in a for _, a in ballots) for p in projects):
        return verdict("pb.certificate_support")
    if hashlib.sha256(_canonical(inputs_of(rnd))).hexdigest() != stated_digest:
        return verdict("pb.certificate_digest")
    result = compute(rnd.rule, election_of(rnd))
    order = {w: i for i, w in enumerate(result.winners, start=1)}
    if (
        result.winners != winners
        or result.total_cost != doc.get("total_cost_cents")
        or any((p.get("selected"), p.get("order")) != (p.get("id") in order, order.get(p.get("id"))) for p in projects)
    ):
        return verdict("pb.certificate_winners", result.winners)
    costs = {p.proposal_id: p.cost.cents for p in rnd.proposals.values()}
    own_share = result.voter_share if rnd.rule != "greedy" else None
    if (own_share is not None and share != own_share) or voters != voter_accounts(
        rnd.rule, rnd.budget.cents, ballots, result.winners, costs, own_share
    ):
        return verdict("pb.certificate_voters", result.winners)
    return verdict(None, result.winners)


@attrs.frozen
class RoundVerification:
    """The result of recomputing a closed round from its recorded inputs."""

    round_id: str
    ok: bool
    digest_matches: bool
    winners_match: bool
    recorded_digest: str
    computed_digest: str
    recorded_winners: tuple[str, ...]
    computed_winners: tuple[str, ...]
    recorded_version: str
    library_version: str
    certificate_ok: bool = True  # the round's result certificate (``certificate``) rechecks


def verify_round(state: CooperationState, ref: str, progress: Progress | None = None) -> RoundVerification:
    """Recompute a closed round: same digest of the inputs, same winners, and its result
    certificate rechecks from the document alone."""
    rnd = find_round(state, ref)
    if rnd.closed is None:
        raise RuleViolation("round.not_closed", **rnd.named())
    digest = input_digest(rnd)
    result = compute(rnd.closed.rule, election_of(rnd), progress)
    winners = result.winners
    digest_ok = digest == rnd.closed.input_digest
    winners_ok = winners == rnd.closed.winners
    certificate_ok = check_round_certificate(round_certificate("", rnd, result)).ok
    return RoundVerification(
        rnd.round_id,
        digest_ok and winners_ok and certificate_ok,
        digest_ok,
        winners_ok,
        rnd.closed.input_digest,
        digest,
        rnd.closed.winners,
        winners,
        rnd.closed.library_version,
        library_version(),
        certificate_ok,
    )


__all__ = [
    "RoundCertificateCheck", "RoundVerification", "check_round_certificate", "round_certificate", "verify_round",
]
