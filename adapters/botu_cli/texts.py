"""Words the command line shows that the library does not: CLI-only messages. Labels and
dates come from the library (the glossary, Babel), the same as on the web.

Dutch first, English second, like the library's own catalogue (``botu_core.MESSAGES``).
"""

from __future__ import annotations

from typing import Any

from botu_core import BotuError, glossary
from botu_core import show_date as show_date
from botu_core import show_datetime as show_datetime

# code -> (Dutch, English), for errors only the command line can make.
CLI_MESSAGES: dict[str, tuple[str, str]] = {
    "cli.missing": (
        "Vul {param} in. Zie '{help}'.",
        "Please give {param}. See '{help}'.",
    ),
    "cli.no_such_option": (
        "botu kent de optie '{option}' niet. Zie '{help}'.",
        "botu does not know the option '{option}'. See '{help}'.",
    ),
    "cli.no_such_command": (
        "botu kent de opdracht '{name}' niet. Zie '{help}'.",
        "botu does not know the command '{name}'. See '{help}'.",
    ),
    "cli.extra_arguments": (
        "Er staat te veel in de opdracht: {args}. Zet tekst met spaties tussen aanhalingstekens.",
        "The command has too much in it: {args}. Put text with spaces between quotes.",
    ),
    "cli.invalid_choice": (
        "'{value}' is geen geldige keuze voor {field}. Kies uit: {choices}.",
        "'{value}' is not a valid choice for {field}. Choose from: {choices}.",
    ),
    "cli.bad_value": (
        "De waarde voor {param} klopt niet: {detail}",
        "The value for {param} is not right: {detail}",
    ),
    "cli.as_of_read_only": (
        "Met --as-of kijk je terug; vastleggen kan alleen in het heden. Laat --as-of weg.",
        "With --as-of you look back; recording is only possible in the present. Leave out --as-of.",
    ),
    "cli.as_of_unsupported": (
        "'{command}' kan niet terugkijken naar een datum. Laat --as-of weg.",
        "'{command}' cannot look back to a date. Leave out --as-of.",
    ),
    "cli.usage": (
        "De opdracht klopt niet: {detail} Zie '{help}'.",
        "The command is not right: {detail} See '{help}'.",
    ),
    "cli.out_not_file": (
        "'{path}' is geen bestandsnaam. Geef een naam voor het bestand, bijvoorbeeld logboek.jsonl.",
        "'{path}' is not a file name. Give a name for the file, for example log.jsonl.",
    ),
    "cli.out_file": (
        "Naar het bestand '{path}' kan niet geschreven worden: {detail}. Kies een andere naam of map.",
        "The file '{path}' cannot be written: {detail}. Choose another name or folder.",
    ),
    "cli.terms_file": (
        "Het bestand '{path}' kan niet gelezen worden: {detail}",
        "The file '{path}' cannot be read: {detail}",
    ),
    "cli.unknown_example": (
        "Er is geen voorbeeld '{name}'. Kies uit: {choices}.",
        "There is no example '{name}'. Choose from: {choices}.",
    ),
    "cli.aborted": (
        "Afgebroken.",
        "Aborted.",
    ),
    "cli.log_positions_or_dates": (
        "Kies plaatsen in het logboek (--after, --follow, --jsonl) of data (--since, --until), niet allebei.",
        "Choose log positions (--after, --follow, --jsonl) or dates (--since, --until), not both.",
    ),
    "cli.dry_run_unsupported": (
        "Deze opdracht kan geen proefrun doen (--dry-run): er is niets vastgelegd. Laat --dry-run weg.",
        "This command cannot do a dry run (--dry-run): nothing was recorded. Leave out --dry-run.",
    ),
    "cli.internal": (
        "Er ging iets mis in botu zelf ({detail}). Meld dit alstublieft; met BOTU_DEBUG=1 ziet u meer.",
        "Something went wrong inside botu ({detail}). Please report it; BOTU_DEBUG=1 shows more.",
    ),
}

def label(value: str, lang: str, kind: str | None = None) -> str:
    """The word for one of the library's codes: the glossary's, the same as on the web."""
    return glossary.label(value, lang, kind)


def say(lang: str, nl: str, en: str) -> str:
    return en if lang == "en" else nl


def yes_no(value: bool, lang: str) -> str:
    return say(lang, "ja", "yes") if value else say(lang, "nee", "no")


class CliError(BotuError):
    """An error only the command line can make: a ``BotuError`` from its own catalogue,
    with the exit code it ends the run with."""

    catalogue = CLI_MESSAGES

    def __init__(self, code: str, exit_code: int = 2, **params: Any) -> None:
        self.exit_code = exit_code
        super().__init__(code, **params)
