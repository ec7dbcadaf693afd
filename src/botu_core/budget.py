"""The participatory energy budget: funds per source and year, allocations, spending.

Rules from the text ("In 2021 is er €50.000,- vanuit BoTu2028 en €50.000,- vanuit
Aardgasvrij beschikbaar"; "Energiewijk BoTu maakt ook een participatieve
energiebegroting, waarover we samen overleggen"):
- Allocations never exceed what a source has left in that year.
- Every allocation names the decision it comes from, a decision that was taken.
- Amounts are exact euros and cents (``Money``), never floats.
- Spending never exceeds what is left of its allocation; an allocation on which
  money was spent cannot be withdrawn (the money is gone).
"""

from __future__ import annotations

import datetime as dt

import attrs

from . import fields as f
from .errors import RuleViolation
from .state import AllocationRecord, Context, CooperationState, FundRecord, Outcome, applies, handles
from .values import Money, name_key

# --- commands --------------------------------------------------------------------


@attrs.frozen
class MakeFundsAvailable:
    source: str = f.text()
    year: int = f.year()
    amount: Money = f.positive_amount()
    decision: str | None = f.optional_ref()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class AllocateBudget:
    project: str = f.text()
    source: str = f.text()
    year: int = f.year()
    amount: Money = f.positive_amount()
    decision: str = f.text()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class WithdrawAllocation:
    allocation: str = f.text()
    reason: str = f.text(f.LONG)
    decision: str | None = f.optional_ref()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class RecordSpending:
    allocation: str = f.text()
    amount: Money = f.positive_amount()
    description: str = f.text(f.LONG)
    on: dt.date | None = f.optional_date()


# --- events ----------------------------------------------------------------------


@attrs.frozen
class FundsMadeAvailable:
    source: str
    year: int
    amount: Money
    decision_id: str | None
    made_available_on: dt.date


@attrs.frozen
class BudgetAllocated:
    allocation_id: str
    project_id: str
    source: str
    year: int
    amount: Money
    decision_id: str
    allocated_on: dt.date


@attrs.frozen
class AllocationWithdrawn:
    allocation_id: str
    reason: str
    decision_id: str | None
    withdrawn_on: dt.date


@attrs.frozen
class SpendingRecorded:
    spending_id: str
    allocation_id: str
    amount: Money
    description: str
    spent_on: dt.date


# --- rules -----------------------------------------------------------------------


def _fund(state: CooperationState, source: str, year: int) -> tuple[str, FundRecord]:
    """The fund of this source in this year; the source name is matched as people read it."""
    for (name, fund_year), fund in state.funds.items():
        if fund_year == year and name_key(name) == name_key(source):
            return name, fund
    raise RuleViolation("budget.unknown_source", source=source, year=year)


def _taken_decision(state: CooperationState, ref: str) -> str:
    decision = state.decision(ref)
    if not decision.taken:
        raise RuleViolation("decision.not_taken", **decision.named())
    return decision.decision_id


@handles(MakeFundsAvailable)
def make_available(state: CooperationState, cmd: MakeFundsAvailable, ctx: Context) -> Outcome:
    source = cmd.source.strip()
    try:
        source, _ = _fund(state, source, cmd.year)  # keep the spelling first used
    except RuleViolation:
        pass
    decision_id = _taken_decision(state, cmd.decision) if cmd.decision else None
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    fact = FundsMadeAvailable(source, cmd.year, cmd.amount, decision_id, on)
    return Outcome((fact,), f"{source}/{cmd.year}")


@handles(AllocateBudget)
def allocate(state: CooperationState, cmd: AllocateBudget, ctx: Context) -> Outcome:
    project = state.running_project(cmd.project)
    source, fund = _fund(state, cmd.source, cmd.year)
    decision_id = _taken_decision(state, cmd.decision)
    if cmd.amount > fund.left:
        raise RuleViolation(
            "budget.exceeds_left",
            source=source,
            year=cmd.year,
            left=fund.left,
            amount=cmd.amount,
        )
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    allocation_id = state.next_id("allocation")
    fact = BudgetAllocated(allocation_id, project.project_id, source, cmd.year, cmd.amount, decision_id, on)
    return Outcome((fact,), allocation_id)


@handles(WithdrawAllocation)
def withdraw(state: CooperationState, cmd: WithdrawAllocation, ctx: Context) -> Outcome:
    allocation = state.allocation(cmd.allocation)
    if allocation.withdrawn:
        raise RuleViolation("budget.allocation_withdrawn", **allocation.named(state))
    if allocation.spent.cents > 0:
        raise RuleViolation(
            "budget.allocation_has_spending", **allocation.named(state), spent=allocation.spent
        )
    decision_id = _taken_decision(state, cmd.decision) if cmd.decision else None
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    fact = AllocationWithdrawn(allocation.allocation_id, cmd.reason.strip(), decision_id, on)
    return Outcome((fact,), allocation.allocation_id)


@handles(RecordSpending)
def spend(state: CooperationState, cmd: RecordSpending, ctx: Context) -> Outcome:
    allocation = state.allocation(cmd.allocation)
    if allocation.withdrawn:
        raise RuleViolation("budget.allocation_withdrawn", **allocation.named(state))
    left = allocation.amount - allocation.spent
    if cmd.amount > left:
        raise RuleViolation(
            "budget.overspending", **allocation.named(state), left=left, amount=cmd.amount
        )
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    spending_id = state.next_id("spending")
    fact = SpendingRecorded(spending_id, allocation.allocation_id, cmd.amount, cmd.description.strip(), on)
    return Outcome((fact,), spending_id)


# --- how the facts change the state ------------------------------------------------


@applies(FundsMadeAvailable)
def _available(state: CooperationState, fact: FundsMadeAvailable) -> None:
    fund = state.funds.setdefault((fact.source, fact.year), FundRecord())
    fund.available = fund.available + fact.amount


@applies(BudgetAllocated)
def _allocated(state: CooperationState, fact: BudgetAllocated) -> None:
    fund = state.funds[(fact.source, fact.year)]
    fund.allocated = fund.allocated + fact.amount
    state.allocations[fact.allocation_id] = AllocationRecord(
        fact.allocation_id, fact.project_id, fact.source, fact.year, fact.amount
    )
    state.count(fact.allocation_id)


@applies(AllocationWithdrawn)
def _withdrawn(state: CooperationState, fact: AllocationWithdrawn) -> None:
    allocation = state.allocations[fact.allocation_id]
    allocation.withdrawn = True
    fund = state.funds[(allocation.source, allocation.year)]
    fund.allocated = fund.allocated - allocation.amount


@applies(SpendingRecorded)
def _spent(state: CooperationState, fact: SpendingRecorded) -> None:
    allocation = state.allocations[fact.allocation_id]
    allocation.spent = allocation.spent + fact.amount
    state.count(fact.spending_id)
