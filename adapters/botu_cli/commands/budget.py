"""`botu budget …`: the participatory energy budget: funds, allocations, spending."""

from __future__ import annotations

from typing import Annotated

import typer

from botu_core import AllocateBudget, MakeFundsAvailable, Money, RecordSpending, WithdrawAllocation

from ..inputs import amount, date, year
from ..options import NEGATIVE_OK, command, DecisionOption, group, OnOption, OptionalYear, ProjectArg, YearOption
from ..output import money, out, show, t, table
from ..recording import execute
from ..state import state
from ..texts import label

app = group("De participatieve energiebegroting.", "The participatory energy budget.",
                   "botu budget fund BoTu2028 50000 --year 2021", "botu budget show --year 2021")


@command(app, "fund", "Er komt geld beschikbaar van een bron in een jaar.", "Funds become available from a source in a year.",
         "botu budget fund BoTu2028 50000 --year 2021", **NEGATIVE_OK)
def budget_fund(
    source: Annotated[str, typer.Argument(help="Bron, bijvoorbeeld BoTu2028.  Source.")],
    amount_: Annotated[str, typer.Argument(metavar="AMOUNT", help="Bedrag: 50000 of 50.000,00 (met --lang en: 50,000.00).  Amount.")],
    year_: YearOption,
    decision: DecisionOption = None,
    on: OnOption = None,
) -> None:
    command_ = MakeFundsAvailable(source=source, year=year(year_), amount=amount(amount_), decision=decision, on=date(on))
    execute(command_, "het geld staat op de begroting.", "the funds are in the budget.")


@command(app, "allocate", "Ken geld toe aan een project, met het besluit erachter; toont het id.",
         "Allocate funds to a project, naming the decision; prints its id.",
         'botu budget allocate "Warmtescan" 12500 --source BoTu2028 --year 2021 --decision decision-1', **NEGATIVE_OK)
def budget_allocate(
    project: ProjectArg,
    amount_: Annotated[str, typer.Argument(metavar="AMOUNT", help="Bedrag.  Amount.")],
    source: Annotated[str, typer.Option("--source", help="Bron.  Source.")],
    year_: YearOption,
    decision: Annotated[str, typer.Option("--decision", help="Id van het besluit.  Decision id.")],
    on: OnOption = None,
) -> None:
    command_ = AllocateBudget(project=project, source=source, year=year(year_), amount=amount(amount_),
                              decision=decision, on=date(on))
    execute(command_, "het geld is toegekend.", "the funds were allocated.")


@command(app, "withdraw", "Trek een toekenning in.", "Withdraw an allocation.",
         'botu budget withdraw allocation-3 --reason "Project gaat niet door."')
def budget_withdraw(
    allocation: Annotated[str, typer.Argument(help="Id van de toekenning.  Allocation id.")],
    reason: Annotated[str, typer.Option("--reason", help="Reden.  Reason.")],
    decision: DecisionOption = None,
    on: OnOption = None,
) -> None:
    execute(WithdrawAllocation(allocation=allocation, reason=reason, decision=decision, on=date(on)),
            "de toekenning is ingetrokken.", "the allocation was withdrawn.")


@command(app, "spend", "Leg een uitgave vast op een toekenning; toont het id.",
         "Record spending on an allocation; prints its id.",
         'botu budget spend allocation-1 2500 --description "Warmtecamera\'s"', **NEGATIVE_OK)
def budget_spend(
    allocation: Annotated[str, typer.Argument(help="Id van de toekenning.  Allocation id.")],
    amount_: Annotated[str, typer.Argument(metavar="AMOUNT", help="Bedrag.  Amount.")],
    description: Annotated[str, typer.Option("--description", help="Waaraan.  What for.")],
    on: OnOption = None,
) -> None:
    execute(RecordSpending(allocation=allocation, amount=amount(amount_), description=description, on=date(on)),
            "de uitgave is vastgelegd.", "the spending was recorded.")


@command(app, "show", "Per bron en jaar: beschikbaar, toegekend, uitgegeven en over.",
         "Per source and year: available, allocated, spent and left.", "botu budget show --year 2021 --json")
def budget_show(year_: OptionalYear = None) -> None:
    lines = state().reader().budget(state().coop, year(year_))

    def human() -> None:
        grid = table(t("bron", "source"), t("jaar", "year"), t("beschikbaar", "available"), t("toegekend", "allocated"),
                     t("uitgegeven", "spent"), t("over", "left"), right=(1, 2, 3, 4, 5))
        for b in lines:
            grid.add_row(b.source, str(b.year), money(b.available), money(b.allocated), money(b.spent), money(b.left))
        total = [Money(sum(getattr(b, f).cents for b in lines)) for f in ("available", "allocated", "spent", "left")]
        grid.add_row(t("totaal", "total"), "", *(money(m) for m in total), style="bold")
        out().print(grid)

    show(lines, human)


@command(app, "allocations", "Alle toekenningen.", "All allocations.", "botu budget allocations --year 2021")
def budget_allocations(year_: OptionalYear = None) -> None:
    allocations = state().reader().allocations(state().coop, year(year_))

    def human() -> None:
        grid = table("id", t("project", "project"), t("bron", "source"), t("jaar", "year"), t("bedrag", "amount"),
                     t("uitgegeven", "spent"), t("besluit", "decision"), t("status", "status"), right=(3, 4, 5))
        for a in allocations:
            grid.add_row(a.id, a.project_title, a.source, str(a.year), money(a.amount), money(a.spent), a.decision_id,
                         label(a.status, state().lang))
        out().print(grid)

    show(allocations, human)
