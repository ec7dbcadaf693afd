"""`botu indicator …`: the indicators of a project and their measurements."""

from __future__ import annotations

from typing import Annotated

import typer

from botu_core import DefineIndicator, MeasureIndicator

from ..inputs import date, number
from ..options import NEGATIVE_OK, command, group, OnOption, ProjectArg
from ..recording import execute

app = group("Indicatoren van projecten.", "Project indicators.",
                      'botu indicator define "Warmtescan" "Huizen gemeten" --unit huizen --target 100')


@command(app, "define", "Een nieuwe indicator voor een project; toont het id.",
         "Define an indicator for a project; prints its id.",
         'botu indicator define "Warmtescan" "Huizen gemeten" --unit huizen --target 100')
def indicator_define(
    project: ProjectArg,
    name: Annotated[str, typer.Argument(help="Naam.  Name.")],
    unit: Annotated[str, typer.Option("--unit", help="Eenheid.  Unit.")] = "",
    target: Annotated[str | None, typer.Option("--target", help="Doel (getal).  Target (number).")] = None,
    on: OnOption = None,
) -> None:
    execute(DefineIndicator(project=project, name=name, unit=unit, target=number(target), on=date(on)),
            "de indicator is toegevoegd.", "the indicator was defined.")


@command(app, "measure", "Leg een meting vast.", "Record a measurement.",
         'botu indicator measure "Warmtescan" "Huizen gemeten" 42 --on 2021-10-01', **NEGATIVE_OK)
def indicator_measure(
    project: ProjectArg,
    indicator: Annotated[str, typer.Argument(help="Id of naam van de indicator.  Indicator id or name.")],
    value: Annotated[str, typer.Argument(help="Gemeten waarde.  Measured value.")],
    note: Annotated[str, typer.Option("--note", help="Toelichting.  Note.")] = "",
    on: OnOption = None,
) -> None:
    execute(MeasureIndicator(project=project, indicator=indicator, value=number(value), note=note, on=date(on)),
            "de meting is vastgelegd.", "the measurement was recorded.")
