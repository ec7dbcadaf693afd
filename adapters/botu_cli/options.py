"""Shared pieces of the command tree: help texts with examples, the sub-app and command
makers, choice lists for completion, and the argument and option types that several
command groups use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from botu_core import CoBenefit, MeetingKind, PartyKind, Stance

GLOBALS_HELP = (
    "Algemene opties (voor of na de opdracht): --db, --coop, --lang nl|en, --json, --as-of JJJJ-MM-DD.  "
    "General options (before or after the command): --db, --coop, --lang nl|en, --json, --as-of YYYY-MM-DD."
)


def example(*lines: str) -> str:
    text = "\n\n".join(f"  $ {line}" for line in lines)
    return f"Voorbeeld / Example:\n\n{text}\n\n{GLOBALS_HELP}"


def group(nl: str, en: str, *lines: str) -> typer.Typer:
    """A command group (``botu coop …``); ``app`` registers it under its name."""
    return typer.Typer(help=f"{nl}  {en}", epilog=example(*lines), no_args_is_help=True, rich_markup_mode=None)


def single() -> typer.Typer:
    """A sub-app whose commands ``app`` merges into the top level (``botu log``)."""
    return typer.Typer(rich_markup_mode=None)


def command(sub: typer.Typer, name: str, nl: str, en: str, *lines: str, **settings: Any) -> Callable[..., Any]:
    return sub.command(name, help=f"{nl}  {en}", epilog=example(*lines), **settings)


def completer(values: list[str]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [v for v in values if v.startswith(incomplete)]

    return complete


KINDS = [k.value for k in PartyKind]
MEETING_KINDS = [k.value for k in MeetingKind]
CO_BENEFITS = [b.value for b in CoBenefit]
STANCES = [s.value for s in Stance]

OnOption = Annotated[str | None, typer.Option("--on", help="Datum JJJJ-MM-DD (standaard vandaag).  Date YYYY-MM-DD.")]
PartyArg = Annotated[str, typer.Argument(help="Id of precieze naam van de partij.  Party id or exact name.")]
ProjectArg = Annotated[str, typer.Argument(help="Id of precieze titel van het project.  Project id or exact title.")]
AmountArg = Annotated[str, typer.Argument(help="Bedrag in euro: 25.000 of 12,50 (met --lang en: 25,000 of 12.50).  "
                                                "Amount in euros: with --lang en 25,000 or 12.50.")]
YearOption = Annotated[str, typer.Option("--year", help="Jaar, bijvoorbeeld 2021.  Year.")]
OptionalYear = Annotated[str | None, typer.Option("--year", help="Alleen dit jaar.  Only this year.")]
DecisionOption = Annotated[str | None, typer.Option("--decision", help="Id van het besluit.  Decision id.")]
MeetingOption = Annotated[str | None, typer.Option("--meeting", help="Id van de bijeenkomst.  Meeting id.")]
NEGATIVE_OK = {"context_settings": {"ignore_unknown_options": True}}  # so "-50" reaches the amount check
