"""Participatory rounds: proposals, one ballot per voter, and a recomputable outcome.

"Energiewijk BoTu maakt ook een participatieve energiebegroting, waarover we samen
overleggen." A round lets the neighbourhood choose together which proposals get money.

How a round goes (what users can expect):

- **Opening** (``OpenRound``). The cooperation first takes a decision at a meeting
  ("we hold a round of € 20.000 from BoTu2028 in 2021, with equal shares, and we follow
  its outcome"). The round names that decision, the funds of one year it draws from
  (one or more sources, an amount from each, never more than a fund has left), optional
  category limits, the voting method (approval) and the rule (``greedy`` or
  ``equalshares/add1``, see ``participatory.rules``).
- **Proposals** (``SubmitProposal``). A party (a resident, initiative, entrepreneur, …)
  submits a proposal: title, cost, category, a plan. It may name a project that already
  runs (then the money goes to that project); otherwise the proposal becomes a new
  project when it wins, with its plan and the submitter as contact person.
- **Ballots** (``CastBallot``). Every confirmed party that takes part may cast one
  approval ballot: the proposals it supports. Every ballot counts the same, residents'
  as much as organisations'. A resident who wants to vote joins the cooperation as a
  party of kind "resident" (anyone may join at any time); one who registered herself
  votes once a coordinator has confirmed her (``ConfirmParty``). A party may cast its
  ballot again until the round closes; the last ballot counts.
- **Secret ballots** (``docs/ballots.md``). A ballot is recorded under the voter's
  pseudonym for that round, ``HMAC(voter's secret, cooperation | round)``, never under
  the party's id: the approvals are public (anyone recounts), the link to the party is
  not. The same party gets the same pseudonym in the same round, so a second ballot
  replaces the first and every party counts once; in another round it gets another
  pseudonym, so ballots cannot be linked across rounds. The rules get the pseudonym
  from ``Context.pseudonym`` (the application derives it from the person's key,
  ``privacy.ballot_pseudonym``). Casting a ballot returns a receipt
  (``round:pseudonym:digest``) with which the voter checks that their ballot is the
  one counted (``Cooperations.check_receipt``).
- **Dates.** A proposal or ballot lies inside its round's open period: not before the
  round opened (for anyone, also a coordinator entering a paper ballot), and a round
  does not close before its last ballot or proposal.
- **Closing** (``CloseRound``). The rule computes the winners from the proposals and
  ballots. In the same step (one transaction) botu records: a new project for each
  winning proposal that did not name one; budget allocations for every winner, paid
  from the round's funds in the order they were named (a winner may be split over two
  funds), each naming the round's decision; and ``RoundClosed`` with the winners, the
  rule, a SHA-256 digest of every input (canonical JSON) and botu's version. If a fund
  has less left than the outcome needs (money was allocated elsewhere meanwhile), the
  round is not closed and nothing is written.
- **Checking** (``verify_round``). Anyone can recompute a closed round from the log:
  same inputs give the same digest, and the rule gives the same winners.

Imported rounds (``ImportRound``, from a pabulib ``.pb`` file) keep the file's
projects as proposals (their ids are the file's ``project_id`` values) and the file's
voters as voter ids from the file: they are not parties, and nobody can add proposals or
ballots to an imported round. Its money belonged to the city that held it, so closing
an imported round records the outcome only: no projects, no allocations.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

import attrs

from .. import fields as f
from ..budget import BudgetAllocated
from ..canonical import canonical_json
from ..errors import InvalidInput, NotFound, RuleViolation, Wording
from ..projects import ProjectStarted
from ..state import Context, CooperationState, Outcome, applies, handles
from ..version import __version__
from ..values import Money, check_ref, check_year, clean_text, invalid_number, name_key
from .pabulib_meta import check_procedure
from .round_values import CategoryLimit, FundShare, ImportedBallot, PabulibElection
from .rules import RULE_NAMES, Candidate, Election, compute, natural_key

VOTING_METHODS = ("approval",)
TIE_BREAK = "more approvals first, then lower cost, then id in natural order"

# --- small values ------------------------------------------------------------------


# --- commands --------------------------------------------------------------------


def _fund_shares() -> Any:
    def check(_i: Any, _a: Any, value: Any) -> None:
        if not isinstance(value, tuple) or not value:
            raise InvalidInput("round.no_funds")
        for share in value:
            if not isinstance(share, FundShare):
                raise InvalidInput("input.invalid_type", field=Wording("bronnen", "sources"))
            clean_text(Wording("bron", "source"), share.source, max_len=f.SHORT)
            if not isinstance(share.amount, Money) or share.amount.cents <= 0:
                raise InvalidInput("amount.not_positive")
        names = [name_key(s.source) for s in value]
        if len(set(names)) != len(names):
            raise InvalidInput("input.duplicate_items", field=Wording("bronnen", "sources"))

    return attrs.field(converter=f._to_tuple, validator=check)


def _category_limits() -> Any:
    def check(_i: Any, _a: Any, value: Any) -> None:
        if not isinstance(value, tuple):
            raise InvalidInput("input.invalid_type", field=Wording("categorieën", "categories"))
        for limit in value:
            if not isinstance(limit, CategoryLimit):
                raise InvalidInput("input.invalid_type", field=Wording("categorieën", "categories"))
            clean_text(Wording("categorie", "category"), limit.category, max_len=f.SHORT)
            if not isinstance(limit.amount, Money) or limit.amount.cents <= 0:
                raise InvalidInput("amount.not_positive")
        names = [name_key(x.category) for x in value]
        if len(set(names)) != len(names):
            raise InvalidInput("input.duplicate_items", field=Wording("categorieën", "categories"))

    return attrs.field(default=(), converter=f._to_tuple, validator=check)


def _rule_name() -> Any:
    def check(_i: Any, _a: Any, value: Any) -> None:
        if value not in RULE_NAMES:
            raise InvalidInput("round.unknown_rule", rule=value, choices=", ".join(RULE_NAMES))

    return attrs.field(default="greedy", validator=check)


def _voting_method() -> Any:
    def check(_i: Any, _a: Any, value: Any) -> None:
        if value not in VOTING_METHODS:
            raise InvalidInput("round.unknown_voting_method", method=value)

    return attrs.field(default="approval", validator=check)


def _optional_count() -> Any:
    def check(_i: Any, _a: Any, value: Any) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise invalid_number(value)

    return attrs.field(default=None, validator=check)


@attrs.frozen
class OpenRound:
    title: str = f.text()
    year: int = f.year()
    funds: tuple[FundShare, ...] = _fund_shares()
    decision: str = f.text()
    rule: str = _rule_name()
    category_limits: tuple[CategoryLimit, ...] = _category_limits()
    voting_method: str = _voting_method()
    max_approvals: int | None = _optional_count()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class SubmitProposal:
    round: str = f.text()
    title: str = f.text()
    cost: Money = f.positive_amount()
    by: str = f.text()
    plan: str = f.text(f.LONG)
    category: str = f.optional_text()
    project: str | None = f.optional_ref()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class CastBallot:
    round: str = f.text()
    voter: str = f.text()
    approvals: tuple[str, ...] = f.refs()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class CloseRound:
    round: str = f.text()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class ImportRound:
    """Record an election read from a pabulib file (see ``participatory.pabulib``)."""

    election: Any  # PabulibElection; checked by the rule below
    rule: str | None = attrs.field(default=None)
    title: str | None = f.optional_ref()
    # The file's budget_per_category limits count by default (the city used them);
    # False leaves them out, e.g. to compare with tools that ignore them.
    category_limits: bool = f.flag(True)
    on: dt.date | None = f.optional_date()

    @rule.validator
    def _rule(self, _a: Any, value: Any) -> None:
        if value is not None and value not in RULE_NAMES:
            raise InvalidInput("round.unknown_rule", rule=value, choices=", ".join(RULE_NAMES))


# --- events ----------------------------------------------------------------------


@attrs.frozen
class RoundOpened:
    round_id: str
    title: str
    year: int
    budget: Money
    funds: tuple[FundShare, ...]
    category_limits: tuple[CategoryLimit, ...]
    voting_method: str
    rule: str
    decision_id: str | None
    max_approvals: int | None
    imported: bool
    meta: tuple[tuple[str, str], ...]  # pabulib META of an imported file, kept for export
    opened_on: dt.date


@attrs.frozen
class ProposalSubmitted:
    round_id: str
    proposal_id: str
    title: str
    cost: Money
    categories: tuple[str, ...]
    submitted_by: str | None  # a party id; None for a proposal from an imported file
    plan: str
    project_id: str | None  # the running project it funds, if it names one
    extra: tuple[tuple[str, str], ...]  # other pabulib columns of an imported file
    submitted_on: dt.date


@attrs.frozen
class BallotCast:
    """Version 2: the ballot stands under the voter's pseudonym for the round, not their id.

    Ballots recorded before (version 1) keep the ``voter_id`` they were stored with (old
    events cannot be rewritten) and get an empty pseudonym: every view and log hides that
    id (``SECRET`` metadata) from everyone but the voter, and the round's digest, computed
    over it when the round closed, still verifies.
    """

    class_version = 2

    round_id: str
    pseudonym: str  # the voter's pseudonym in this round; empty in version-1 ballots
    approvals: tuple[str, ...]
    cast_on: dt.date
    voter_id: str | None = attrs.field(default=None, metadata=f.SECRET)  # version-1 ballots only

    @staticmethod
    def upcast_v1_v2(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "pseudonym": ""}


@attrs.frozen
class BallotsImported:
    round_id: str
    ballots: tuple[ImportedBallot, ...]
    imported_on: dt.date


@attrs.frozen
class RoundClosed:
    round_id: str
    rule: str
    winners: tuple[str, ...]  # proposal ids, in the order the rule selected them
    total_cost: Money
    input_digest: str  # SHA-256 of the canonical JSON of every input
    library_version: str
    tie_break: str
    project_ids: tuple[str, ...]  # the project each winner funds (empty for imported rounds)
    allocation_ids: tuple[str, ...]
    decision_id: str | None
    closed_on: dt.date


# --- the state the rules need ------------------------------------------------------


@attrs.define
class ProposalRecord:
    proposal_id: str
    title: str
    cost: Money
    categories: tuple[str, ...]
    submitted_by: str | None
    plan: str
    project_id: str | None


@attrs.define
class RoundRecord:
    round_id: str
    title: str
    year: int
    budget: Money
    funds: tuple[FundShare, ...]
    category_limits: tuple[CategoryLimit, ...]
    voting_method: str
    rule: str
    decision_id: str | None
    max_approvals: int | None
    imported: bool
    opened_on: dt.date | None = None
    proposals: dict[str, ProposalRecord] = attrs.Factory(dict)
    # pseudonym -> approvals; for ballots recorded before ballots were secret, and for
    # an imported file's ballots, the voter id they were recorded with
    ballots: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    voted_openly: set[str] = attrs.Factory(set)  # party ids of version-1 ballots
    last_on: dt.date | None = None  # the date of the latest proposal or ballot
    closed: RoundClosed | None = None

    def named(self) -> dict[str, str]:
        """The round's id and title, for a message that names it."""
        return {"round": self.round_id, "round_title": self.title}


def rounds_of(state: CooperationState) -> dict[str, RoundRecord]:
    rounds: dict[str, RoundRecord] = state.rounds
    return rounds


def find_round(state: CooperationState, ref: str) -> RoundRecord:
    rounds = rounds_of(state)
    if check_ref(ref) in rounds:
        return rounds[ref]
    wanted = name_key(ref)
    matches = [r for r in rounds.values() if name_key(r.title) == wanted]
    if len(matches) == 1:
        return matches[0]
    raise NotFound("round.unknown", ref=ref)


def _open_round(state: CooperationState, ref: str, *, live: bool) -> RoundRecord:
    rnd = find_round(state, ref)
    if rnd.closed is not None:
        raise RuleViolation("round.closed", **rnd.named())
    if live and rnd.imported:
        raise RuleViolation("round.imported", **rnd.named())
    return rnd


def _date(state: CooperationState, on: dt.date | None, ctx: Context) -> dt.date:
    day = on or ctx.today
    state.check_date(day, ctx.today)
    return day


def _in_round(state: CooperationState, rnd: RoundRecord, on: dt.date | None, ctx: Context) -> dt.date:
    """The date of a proposal or ballot: inside the round's open period, for anyone."""
    day = _date(state, on, ctx)
    if rnd.opened_on is not None and day < rnd.opened_on:
        raise RuleViolation(
            "round.before_opening", on=day, **rnd.named(), opened_on=rnd.opened_on
        )
    return day


def _with_voice(state: CooperationState, ref: str) -> Any:
    """A party that may propose and vote: taking part, and confirmed when it registered itself."""
    party = state.active_party(ref)
    if not party.confirmed:
        raise RuleViolation("party.not_confirmed", party=party.name)
    return party


def _next_ids(state: CooperationState, prefix: str, n: int) -> list[str]:
    start = state.counters.get(prefix, 0)
    return [f"{prefix}-{start + i}" for i in range(1, n + 1)]


# --- the inputs of the rule, and their digest -----------------------------------------


def election_of(rnd: RoundRecord) -> Election:
    candidates = tuple(
        Candidate(p.proposal_id, p.cost.cents, p.categories)
        for p in sorted(rnd.proposals.values(), key=lambda p: natural_key(p.proposal_id))
    )
    ballots = tuple(frozenset(rnd.ballots[v]) for v in sorted(rnd.ballots))
    limits = tuple((c.category, c.amount.cents) for c in rnd.category_limits)
    return Election(rnd.budget.cents, candidates, ballots, limits)


def inputs_of(rnd: RoundRecord) -> dict[str, Any]:
    """Every input of the outcome, as plain JSON data in one canonical order."""
    return {
        "round_id": rnd.round_id,
        "rule": rnd.rule,
        "voting_method": rnd.voting_method,
        "tie_break": TIE_BREAK,
        "budget": str(rnd.budget),
        "category_limits": sorted([c.category, str(c.amount)] for c in rnd.category_limits),
        "proposals": [
            {"id": p.proposal_id, "cost": str(p.cost), "categories": sorted(p.categories)}
            for p in sorted(rnd.proposals.values(), key=lambda p: natural_key(p.proposal_id))
        ],
        "ballots": [[voter, sorted(rnd.ballots[voter], key=natural_key)] for voter in sorted(rnd.ballots)],
    }


def input_digest(rnd: RoundRecord) -> str:
    return hashlib.sha256(canonical_json(inputs_of(rnd))).hexdigest()


def library_version() -> str:
    return str(__version__)


# --- rules -----------------------------------------------------------------------


@handles(OpenRound)
def open_round(state: CooperationState, cmd: OpenRound, ctx: Context) -> Outcome:
    from ..budget import _fund, _taken_decision

    decision_id = _taken_decision(state, cmd.decision)
    shares = []
    for share in cmd.funds:
        source, fund = _fund(state, share.source, cmd.year)
        if share.amount > fund.left:
            raise RuleViolation(
                "budget.exceeds_left", source=source, year=cmd.year, left=fund.left, amount=share.amount
            )
        shares.append(FundShare(source, share.amount))
    budget = Money(sum(s.amount.cents for s in shares))
    limits = tuple(CategoryLimit(c.category.strip(), c.amount) for c in cmd.category_limits)
    for limit in limits:
        if limit.amount > budget:
            raise RuleViolation(
                "round.limit_above_budget", category=limit.category, amount=limit.amount, budget=budget
            )
    on = _date(state, cmd.on, ctx)
    round_id = state.next_id("round")
    fact = RoundOpened(
        round_id,
        cmd.title.strip(),
        cmd.year,
        budget,
        tuple(shares),
        limits,
        cmd.voting_method,
        cmd.rule,
        decision_id,
        cmd.max_approvals,
        False,
        (),
        on,
    )
    return Outcome((fact,), round_id)


@handles(SubmitProposal)
def submit(state: CooperationState, cmd: SubmitProposal, ctx: Context) -> Outcome:
    rnd = _open_round(state, cmd.round, live=True)
    party = _with_voice(state, cmd.by)
    title = cmd.title.strip()
    if any(name_key(p.title) == name_key(title) for p in rnd.proposals.values()):
        raise RuleViolation("round.proposal_title_taken", title=title)
    if cmd.cost > rnd.budget:
        raise RuleViolation("round.proposal_too_expensive", cost=cmd.cost, budget=rnd.budget)
    project_id = None
    if cmd.project is not None:
        project_id = state.running_project(cmd.project).project_id
    elif any(name_key(p.title) == name_key(title) for p in state.projects.values()):
        # A winning proposal becomes a project with this title: it must be free.
        raise RuleViolation("project.title_taken", title=title)
    category = cmd.category.strip()
    on = _in_round(state, rnd, cmd.on, ctx)
    proposal_id = state.next_id("proposal")
    fact = ProposalSubmitted(
        rnd.round_id,
        proposal_id,
        title,
        cmd.cost,
        (category,) if category else (),
        party.party_id,
        cmd.plan.strip(),
        project_id,
        (),
        on,
    )
    return Outcome((fact,), proposal_id)


@handles(CastBallot)
def cast(state: CooperationState, cmd: CastBallot, ctx: Context) -> Outcome:
    rnd = _open_round(state, cmd.round, live=True)
    party = _with_voice(state, cmd.voter)
    if not cmd.approvals:
        raise InvalidInput("round.empty_ballot")
    approvals = []
    for ref in cmd.approvals:
        proposal = _proposal(rnd, ref)
        approvals.append(proposal.proposal_id)
    if len(set(approvals)) != len(approvals):
        raise InvalidInput("input.duplicate_items", field=Wording("stemmen", "ballots"))
    if rnd.max_approvals is not None and len(approvals) > rnd.max_approvals:
        raise RuleViolation("round.too_many_approvals", max=rnd.max_approvals, count=len(approvals))
    on = _in_round(state, rnd, cmd.on, ctx)
    if party.party_id in rnd.voted_openly:
        # Its open ballot cannot be replaced without saying whose it was.
        raise RuleViolation("round.voted_before_secret_ballots", party=party.name, **rnd.named())
    pseudonym = ctx.pseudonym(party.party_id, rnd.round_id) if ctx.pseudonym is not None else None
    if pseudonym is None:
        raise RuleViolation("round.secret_unavailable", party=party.name)
    fact = BallotCast(rnd.round_id, pseudonym, tuple(sorted(approvals, key=natural_key)), on)
    return Outcome((fact,), receipt_of(fact))


def ballot_digest(round_id: str, pseudonym: str, approvals: Iterable[str], cast_on: dt.date) -> str:
    """What a receipt binds: the round, the pseudonym, the approvals and the date (public data)."""
    data = {"round_id": round_id, "pseudonym": pseudonym, "approvals": list(approvals), "cast_on": cast_on.isoformat()}
    return hashlib.sha256(b"botu-ballot-receipt-v1|" + canonical_json(data)).hexdigest()[:32]


def receipt_of(fact: BallotCast) -> str:
    """The receipt a voter gets for a ballot: ``round:pseudonym:digest``."""
    return f"{fact.round_id}:{fact.pseudonym}:{ballot_digest(fact.round_id, fact.pseudonym, fact.approvals, fact.cast_on)}"


def parse_receipt(receipt: object) -> tuple[str, str, str]:
    """The round, pseudonym and digest of a receipt; ``round.receipt_malformed`` when it is none."""
    parts = receipt.strip().split(":") if isinstance(receipt, str) else []
    if len(parts) != 3 or not all(parts) or not all(len(p) == 32 and _is_hex(p) for p in parts[1:]):
        raise InvalidInput("round.receipt_malformed")
    return parts[0], parts[1], parts[2]


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


@attrs.frozen
class ReceiptCheck:
    """Whether the ballot a receipt was given for is the one counted in its round.

    ``status``: ``counted`` (this ballot counts), ``replaced`` (the same voter cast a
    later ballot in this round, which counts instead) or ``unknown`` (no ballot under
    this pseudonym: a forged or mistyped receipt, or a ballot that went missing).
    """

    round_id: str
    pseudonym: str
    status: str
    counted: bool
    cast_on: dt.date | None  # the date of the ballot that counts under this pseudonym


@attrs.frozen
class PublicRecount:
    """A round's outcome recomputed from its public views alone (``recount``)."""

    round_id: str
    winners: tuple[str, ...]
    input_digest: str


def recount(round_view: Any, proposals: Iterable[Any], ballots: Iterable[Any]) -> PublicRecount:
    """Recompute a round from what everyone may see: the round (``RoundView``), its
    proposals (``ProposalView``) and its ballots by pseudonym (``BallotView``).

    The winners are always the same as ``verify_round``'s. The digest is the same as the
    recorded one for rounds whose ballots were all cast secretly (or imported): a ballot
    recorded before ballots were secret entered the digest with its voter's id, which no
    view shows.
    """
    rnd = RoundRecord(
        round_view.id, round_view.title, round_view.year, round_view.budget, (),
        tuple(CategoryLimit(c.category, c.amount) for c in round_view.category_limits),
        round_view.voting_method, round_view.rule, round_view.decision_id, round_view.max_approvals,
        round_view.imported,
    )
    for p in proposals:
        rnd.proposals[p.id] = ProposalRecord(p.id, p.title, p.cost, tuple(p.categories), p.submitted_by, p.plan, p.project_id)
    for b in ballots:
        rnd.ballots[b.pseudonym] = tuple(b.approvals)
    winners = compute(rnd.rule, election_of(rnd)).winners
    return PublicRecount(rnd.round_id, winners, hashlib.sha256(canonical_json(inputs_of(rnd))).hexdigest())


def _proposal(rnd: RoundRecord, ref: str) -> ProposalRecord:
    if check_ref(ref) in rnd.proposals:
        return rnd.proposals[ref]
    wanted = name_key(ref)
    for proposal in rnd.proposals.values():
        if name_key(proposal.title) == wanted:
            return proposal
    raise NotFound("round.unknown_proposal", ref=ref, **rnd.named())


@handles(CloseRound)
def close(state: CooperationState, cmd: CloseRound, ctx: Context) -> Outcome:
    rnd = _open_round(state, cmd.round, live=False)
    if not rnd.proposals:
        raise RuleViolation("round.no_proposals", **rnd.named())
    on = _date(state, cmd.on, ctx)
    last = max((d for d in (rnd.opened_on, rnd.last_on) if d is not None), default=None)
    if last is not None and on < last:
        # Every ballot and proposal lies inside the open period: closing cannot leave one after it.
        raise RuleViolation("round.closing_before_last", **rnd.named(), on=on, last=last)
    result = compute(rnd.rule, election_of(rnd), ctx.progress)
    winners = [rnd.proposals[w] for w in result.winners]
    facts: list[Any] = []
    project_ids: list[str] = []
    allocation_ids: list[str] = []
    if not rnd.imported:
        new_projects = [p for p in winners if p.project_id is None]
        fresh = iter(_next_ids(state, "project", len(new_projects)))
        for proposal in winners:
            if proposal.project_id is not None:
                project_ids.append(state.running_project(proposal.project_id).project_id)
                continue
            title = proposal.title
            if any(name_key(p.title) == name_key(title) for p in state.projects.values()):
                raise RuleViolation("project.title_taken", title=title)
            project_id = next(fresh)
            assert proposal.submitted_by is not None
            facts.append(
                ProjectStarted(project_id, title, proposal.plan, proposal.submitted_by, (), (), rnd.year, on)
            )
            project_ids.append(project_id)
        facts.extend(_allocations(state, rnd, winners, project_ids, on, allocation_ids))
    fact = RoundClosed(
        rnd.round_id,
        rnd.rule,
        result.winners,
        Money(result.total_cost),
        input_digest(rnd),
        library_version(),
        TIE_BREAK,
        tuple(project_ids),
        tuple(allocation_ids),
        rnd.decision_id,
        on,
    )
    facts.append(fact)
    return Outcome(tuple(facts), rnd.round_id)


def _allocations(
    state: CooperationState,
    rnd: RoundRecord,
    winners: list[ProposalRecord],
    project_ids: list[str],
    on: dt.date,
    allocation_ids: list[str],
) -> Iterable[BudgetAllocated]:
    """Pay the winners from the round's funds, in the order the funds were named."""
    from ..budget import _fund

    assert rnd.decision_id is not None
    sources: list[str] = []
    left: list[int] = []
    for share in rnd.funds:
        source, fund = _fund(state, share.source, rnd.year)
        sources.append(source)
        left.append(min(share.amount.cents, fund.left.cents))
    needed = sum(p.cost.cents for p in winners)
    if needed > sum(left):
        have = Money(sum(left))
        raise RuleViolation(
            "round.funds_short", **rnd.named(), needed=Money(needed), left=have
        )
    facts = []
    pairs: list[tuple[str, str, int]] = []
    for proposal, project_id in zip(winners, project_ids, strict=True):
        due = proposal.cost.cents
        for i, source in enumerate(sources):
            if due == 0:
                break
            take = min(due, left[i])
            if take > 0:
                pairs.append((project_id, source, take))
                left[i] -= take
                due -= take
    for allocation_id, (project_id, source, cents) in zip(
        _next_ids(state, "allocation", len(pairs)), pairs, strict=True
    ):
        facts.append(BudgetAllocated(allocation_id, project_id, source, rnd.year, Money(cents), rnd.decision_id, on))
        allocation_ids.append(allocation_id)
    return facts


@handles(ImportRound)
def import_round(state: CooperationState, cmd: ImportRound, ctx: Context) -> Outcome:
    election = cmd.election
    if not isinstance(election, PabulibElection):
        raise InvalidInput("input.invalid_type", field=Wording("verkiezing", "election"))
    rule = cmd.rule or election.rule
    if rule not in RULE_NAMES:
        raise InvalidInput("pabulib.unsupported_rule", rule=election.rule, choices=", ".join(RULE_NAMES))
    # META starts on line 3 (after "META" and "key;value"), one key a line.
    check_procedure(dict(election.meta), rule, cmd.rule is not None, {k: 3 + i for i, (k, _) in enumerate(election.meta)})
    on = _date(state, cmd.on, ctx)
    year = election.year if election.year is not None else on.year
    check_year(year)
    round_id = state.next_id("round")
    title = (cmd.title or election.description or round_id).strip()
    opened = RoundOpened(
        round_id,
        title,
        year,
        election.budget,
        (),
        election.category_limits if cmd.category_limits else (),
        "approval",
        rule,
        None,
        election.max_approvals,
        True,
        election.meta,
        on,
    )
    facts: list[Any] = [opened]
    for p in election.projects:
        facts.append(
            ProposalSubmitted(round_id, p.project_id, p.name, p.cost, p.categories, None, "", None, p.extra, on)
        )
    facts.append(BallotsImported(round_id, election.ballots, on))
    return Outcome(tuple(facts), round_id)


# --- how the facts change the state ------------------------------------------------


@applies(RoundOpened)
def _opened(state: CooperationState, fact: RoundOpened) -> None:
    rounds_of(state)[fact.round_id] = RoundRecord(
        fact.round_id,
        fact.title,
        fact.year,
        fact.budget,
        fact.funds,
        fact.category_limits,
        fact.voting_method,
        fact.rule,
        fact.decision_id,
        fact.max_approvals,
        fact.imported,
        fact.opened_on,
    )
    state.count(fact.round_id)


@applies(ProposalSubmitted)
def _submitted(state: CooperationState, fact: ProposalSubmitted) -> None:
    rnd = rounds_of(state)[fact.round_id]
    rnd.proposals[fact.proposal_id] = ProposalRecord(
        fact.proposal_id, fact.title, fact.cost, fact.categories, fact.submitted_by, fact.plan, fact.project_id
    )
    rnd.last_on = _later(rnd.last_on, fact.submitted_on)
    if fact.proposal_id.startswith("proposal-"):  # ids from a file are the file's own
        state.count(fact.proposal_id)


def _later(a: dt.date | None, b: dt.date) -> dt.date:
    return b if a is None or b > a else a


@applies(BallotCast)
def _cast(state: CooperationState, fact: BallotCast) -> None:
    # The same voter has the same pseudonym in a round: a later ballot replaces the earlier.
    rnd = rounds_of(state)[fact.round_id]
    if fact.voter_id is not None:  # recorded before ballots were secret
        rnd.ballots[fact.voter_id] = fact.approvals
        rnd.voted_openly.add(fact.voter_id)
    else:
        rnd.ballots[fact.pseudonym] = fact.approvals
    rnd.last_on = _later(rnd.last_on, fact.cast_on)


@applies(BallotsImported)
def _imported(state: CooperationState, fact: BallotsImported) -> None:
    ballots = rounds_of(state)[fact.round_id].ballots
    for ballot in fact.ballots:
        ballots[ballot.voter_id] = ballot.approvals


@applies(RoundClosed)
def _closed(state: CooperationState, fact: RoundClosed) -> None:
    rounds_of(state)[fact.round_id].closed = fact
