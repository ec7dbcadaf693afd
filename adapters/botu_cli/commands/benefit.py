"""`botu benefit …`: the benefit of projects, in euros and kg CO2."""

from __future__ import annotations

from typing import Annotated

import typer

from botu_core import parse_date, RecordBenefit

from ..inputs import amount, number
from ..options import command, group, ProjectArg
from ..output import money, out, show, t, table
from ..recording import execute
from ..state import state

app = group("Voordeel in euro en CO2 per project.", "Benefits in euros and CO2 per project.",
                    'botu benefit record "Warmtescan" --euros 1200 --co2-kg 800 --from 2021-07-01 --until 2021-12-31')


@command(app, "record", "Leg voordeel vast: euro bespaard en kg CO2 minder.",
         "Record a benefit: euros saved and kg CO2 avoided.",
         'botu benefit record "Warmtescan" --euros 1.200,00 --co2-kg 800 --from 2021-07-01 --until 2021-12-31')
def benefit_record(
    project: ProjectArg,
    euros: Annotated[str, typer.Option("--euros", help="Euro bespaard voor bewoners.  Euros saved.")],
    co2_kg: Annotated[str, typer.Option("--co2-kg", help="Kg CO2 minder.  Kg CO2 avoided.")],
    period_start: Annotated[str, typer.Option("--from", help="Begin van de periode.  Period start.")],
    period_end: Annotated[str, typer.Option("--until", help="Einde van de periode.  Period end.")],
    note: Annotated[str, typer.Option("--note", help="Toelichting.  Note.")] = "",
) -> None:
    command_ = RecordBenefit(project=project, euros=amount(euros), co2_kg=number(co2_kg),
                             period_start=parse_date(period_start), period_end=parse_date(period_end), note=note)
    execute(command_, "het voordeel is vastgelegd.", "the benefit was recorded.")


@command(app, "show", "Het voordeel per project en bij elkaar.", "Benefits per project and in total.",
         "botu benefit show")
def benefit_show() -> None:
    view = state().reader().benefits(state().coop)

    def human() -> None:
        grid = table("id", t("project", "project"), t("euro", "euros"), "kg CO2", right=(2, 3))
        for p in view.projects:
            grid.add_row(p.project_id, p.title, money(p.euros), str(p.co2_kg))
        grid.add_row("", t("totaal", "total"), money(view.total_euros), str(view.total_co2_kg))
        out().print(grid)

    show(view, human)
