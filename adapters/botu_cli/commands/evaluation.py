"""`botu evaluation …`: the yearly evaluation."""

from __future__ import annotations

from typing import Annotated

import typer

from botu_core import RecordEvaluation

from ..inputs import date, year
from ..options import command, group, MeetingOption, OnOption, YearOption
from ..output import out, show, t, table
from ..recording import execute
from ..state import state

app = group("De jaarlijkse evaluatie.", "The yearly evaluation.",
                       'botu evaluation record --year 2021 --process "Goed" --goals "Deels" --results "5 projecten"')


@command(app, "record", "Leg de evaluatie van een jaar vast; toont het id.",
         "Record the evaluation of a year; prints its id.",
         'botu evaluation record --year 2021 --process "Goed" --goals "Deels gehaald" --results "5 projecten" --meeting meeting-9')
def evaluation_record(
    year_: YearOption,
    process: Annotated[str, typer.Option("--process", help="Hoe ging het samenwerken.  The process.")],
    goals: Annotated[str, typer.Option("--goals", help="Hoe staat het met de doelen.  The goals.")],
    results: Annotated[str, typer.Option("--results", help="Wat is er bereikt.  The results.")],
    lessons: Annotated[str, typer.Option("--lessons", help="Wat hebben we geleerd.  Lessons.")] = "",
    meeting: MeetingOption = None,
    on: OnOption = None,
) -> None:
    command_ = RecordEvaluation(year=year(year_), process=process, goals=goals, results=results, lessons=lessons,
                                meeting=meeting, on=date(on))
    execute(command_, "de evaluatie is vastgelegd.", "the evaluation was recorded.")


@command(app, "list", "Alle evaluaties.", "All evaluations.", "botu evaluation list")
def evaluation_list() -> None:
    items = state().reader().evaluations(state().coop)

    def human() -> None:
        grid = table("id", t("jaar", "year"), t("proces", "process"), t("doelen", "goals"), t("resultaten", "results"),
                     t("lessen", "lessons"))
        for e in items:
            grid.add_row(e.id, str(e.year), e.process, e.goals, e.results, e.lessons or "—")
        out().print(grid)

    show(items, human)
