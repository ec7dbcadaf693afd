"""`botu coop …`: start a cooperation, list the cooperations in the store, show one."""

from __future__ import annotations

from typing import Annotated

import typer

from ..inputs import date
from ..options import command, group
from ..output import details, done, out, show, t, table
from ..state import state
from ..texts import show_date

app = group("Samenwerkingen.", "Cooperations.", 'botu coop create "Energiewijk BoTu" --neighbourhood "Bospolder-Tussendijken"')


@command(app, "create", "Begin een nieuwe samenwerking; toont het id.", "Create a cooperation; prints its id.",
         'botu coop create "Energiewijk BoTu" --neighbourhood "Bospolder-Tussendijken"')
def coop_create(
    name: Annotated[str, typer.Argument(help="Naam.  Name.")],
    neighbourhood: Annotated[str, typer.Option("--neighbourhood", help="Wijk.  Neighbourhood.")] = "",
    slug: Annotated[str | None, typer.Option("--slug", help="Korte naam (standaard uit de naam).  Short name.")] = None,
    founded_on: Annotated[str | None, typer.Option("--founded-on", help="Startdatum JJJJ-MM-DD.  Start date.")] = None,
) -> None:
    founded = date(founded_on)
    result = state().app().create_cooperation(name, slug=slug, neighbourhood=neighbourhood, founded_on=founded)
    done(result, "de samenwerking is begonnen.", "the cooperation was created.")


@command(app, "list", "Alle samenwerkingen in de opslag.", "All cooperations in the store.", "botu coop list --json")
def coop_list() -> None:
    coops = state().app().cooperations()

    def human() -> None:
        grid = table("id", t("korte naam", "slug"), t("naam", "name"), t("wijk", "neighbourhood"),
                     t("sinds", "since"), t("versie", "version"), t("gebeurtenissen", "events"), right=(5, 6))
        for c in coops:
            grid.add_row(c.id, c.slug, c.name, c.neighbourhood, show_date(c.founded_on, state().lang),
                         str(c.current_version), str(c.events))
        out().print(grid)

    show(coops, human)


@command(app, "show", "Gegevens van de samenwerking.", "Details of the cooperation.", "botu --coop botu coop show")
def coop_show() -> None:
    coop = state().app().cooperation(state().coop)
    show(coop, lambda: details([
        ("id", coop.id),
        (t("naam", "name"), coop.name),
        (t("korte naam", "slug"), coop.slug),
        (t("wijk", "neighbourhood"), coop.neighbourhood),
        (t("begonnen op", "founded on"), show_date(coop.founded_on, state().lang)),
        (t("versie overeenkomst", "agreement version"), str(coop.current_version)),
        (t("gebeurtenissen", "events"), str(coop.events)),
    ]))
