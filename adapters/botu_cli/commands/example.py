"""`botu example load NAME`: record an example history."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from botu_core.examples import EXAMPLES

from ..options import command, completer, group
from ..output import done, t
from ..state import state
from ..texts import CliError

app = group("Voorbeelden.", "Examples.", "botu example load botu-2021")


@command(app, "load", "Zet een voorbeeldgeschiedenis in de opslag (twee keer laden verandert niets).",
         "Record an example history into the store (loading twice changes nothing).",
         "botu example load botu-2021")
def example_load(
    name: Annotated[str, typer.Argument(help="Naam: " + ", ".join(EXAMPLES) + ".", autocompletion=completer(list(EXAMPLES)))],
) -> None:
    if name not in EXAMPLES:
        raise CliError("cli.unknown_example", name=name, choices=", ".join(EXAMPLES))
    loader = EXAMPLES[name]
    a = state().app()
    if not state().json and sys.stdout.isatty() and sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(console=Console(file=sys.stderr), transient=True) as progress:
            task = progress.add_task(t("Voorbeeld laden", "Loading example"), total=None)

            def step(count: int, total: int) -> None:
                progress.update(task, completed=count, total=total)

            result = loader(a, progress=step)
    else:
        result = loader(a)
    done(result, f"het voorbeeld '{name}' staat in de opslag.", f"the example '{name}' is in the store.")
