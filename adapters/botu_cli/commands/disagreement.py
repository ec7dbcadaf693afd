"""`botu disagreement …`: raise, discuss and resolve disagreements."""

from __future__ import annotations

from typing import Annotated

import typer

from botu_core import DiscussDisagreement, InvalidInput, RaiseDisagreement, ResolveDisagreement

from ..inputs import date
from ..options import command, completer, group, MeetingOption, OnOption
from ..output import out, show, t, table
from ..recording import execute
from ..state import state
from ..texts import label, show_date

app = group("Onenigheid: melden, bespreken, oplossen.", "Disagreements: raise, discuss, resolve.",
                         'botu disagreement raise --by "Henk de Vries" --about "Verdeling van het geld"')


@command(app, "raise", "Meld onenigheid; toont het id.", "Raise a disagreement; prints its id.",
         'botu disagreement raise --by "Henk de Vries" --about "Verdeling van het geld"')
def disagreement_raise(
    by: Annotated[str, typer.Option("--by", help="Partij die het meldt.  Party raising it.")],
    about: Annotated[str, typer.Option("--about", help="Waarover.  About what.")],
    description: Annotated[str, typer.Option("--description", help="Beschrijving.  Description.")] = "",
    on: OnOption = None,
) -> None:
    execute(RaiseDisagreement(by=by, about=about, description=description, on=date(on)),
            "de onenigheid is gemeld.", "the disagreement was raised.")


@command(app, "discuss", "Leg vast dat onenigheid besproken is op een bijeenkomst.",
         "Record that a disagreement was discussed at a meeting.",
         'botu disagreement discuss disagreement-1 --meeting meeting-4 --notes "Goed gesprek."')
def disagreement_discuss(
    disagreement: Annotated[str, typer.Argument(help="Id.")],
    meeting: Annotated[str, typer.Option("--meeting", help="Id van de bijeenkomst.  Meeting id.")],
    notes: Annotated[str, typer.Option("--notes", help="Aantekeningen.  Notes.")] = "",
) -> None:
    execute(DiscussDisagreement(disagreement=disagreement, meeting=meeting, notes=notes),
            "de bespreking is vastgelegd.", "the discussion was recorded.")


@command(app, "resolve", "Leg vast hoe onenigheid is opgelost.", "Record how a disagreement was resolved.",
         'botu disagreement resolve disagreement-1 --outcome "We verdelen het geld anders."')
def disagreement_resolve(
    disagreement: Annotated[str, typer.Argument(help="Id.")],
    outcome: Annotated[str, typer.Option("--outcome", help="Uitkomst.  Outcome.")],
    meeting: MeetingOption = None,
    on: OnOption = None,
) -> None:
    execute(ResolveDisagreement(disagreement=disagreement, outcome=outcome, meeting=meeting, on=date(on)),
            "de onenigheid is opgelost.", "the disagreement was resolved.")


@command(app, "list", "Alle onenigheid (--status open of resolved).", "All disagreements (--status open or resolved).",
         "botu disagreement list --status open")
def disagreement_list(
    status: Annotated[str | None, typer.Option("--status", help="open of resolved.", autocompletion=completer(["open", "resolved"]))] = None,
) -> None:
    if status is not None and status not in ("open", "resolved"):
        raise InvalidInput("input.invalid_choice", value=status, field="status", choices="open, resolved")
    items = state().reader().disagreements(state().coop, status)

    def human() -> None:
        grid = table("id", t("status", "status"), t("waarover", "about"), t("door", "by"), t("gemeld op", "raised on"),
                     t("opgelost op", "resolved on"), t("uitkomst", "outcome"))
        for d in items:
            grid.add_row(d.id, label(d.status, state().lang), d.about, d.raised_by_name, show_date(d.raised_on, state().lang),
                         show_date(d.resolved_on, state().lang), d.outcome or "—")
        out().print(grid)

    show(items, human)
