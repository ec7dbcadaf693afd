"""Words the command line shows that the library does not: labels and CLI-only messages.

Dutch first, English second, like the library's own catalogue (``botu_core.MESSAGES``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

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
    "cli.internal": (
        "Er ging iets mis in botu zelf ({detail}). Meld dit alstublieft; met BOTU_DEBUG=1 ziet u meer.",
        "Something went wrong inside botu ({detail}). Please report it; BOTU_DEBUG=1 shows more.",
    ),
}

MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

# Labels of the library's enum values and statuses: value -> (Dutch, English).
LABELS: dict[str, tuple[str, str]] = {
    # party kinds
    "resident": ("bewoner", "resident"),
    "initiative": ("initiatief", "initiative"),
    "entrepreneur": ("ondernemer", "entrepreneur"),
    "municipality": ("gemeente", "municipality"),
    "housing-corporation": ("woningcorporatie", "housing corporation"),
    "energy-company": ("energiebedrijf", "energy company"),
    "other": ("anders", "other"),
    # meeting kinds
    "plenary": ("bijeenkomst", "plenary meeting"),
    "consultation": ("overleg", "consultation"),
    # consultation cadences (a commitment of the agreement)
    "consultation-monthly": ("elke maand", "every month"),
    "consultation-quarterly": ("elk kwartaal", "every quarter"),
    "consultation-none": ("geen vast overleg", "no regular consultation"),
    "evaluation": ("evaluatie", "evaluation"),
    # co-benefits
    "education": ("opleiding", "education"),
    "work": ("werk", "work"),
    "care": ("zorg", "care"),
    "language": ("taal", "language"),
    "poverty": ("armoede en schulden", "poverty and debt"),
    "social-cohesion": ("gezelligheid en zorg voor elkaar", "social cohesion"),
    "greening": ("vergroening", "greening"),
    # statuses
    "running": ("loopt", "running"),
    "completed": ("afgerond", "completed"),
    "stopped": ("gestopt", "stopped"),
    "open": ("open", "open"),
    "resolved": ("opgelost", "resolved"),
    "pending": ("nog open", "pending"),
    "taken": ("genomen", "taken"),
    "active": ("toegekend", "allocated"),
    "withdrawn": ("ingetrokken", "withdrawn"),
    "standing": ("staat", "standing"),
    # stances
    "for": ("voor", "for"),
    "against": ("tegen", "against"),
    "neutral": ("neutraal", "neutral"),
    # agreement sections and changes
    "value": ("waarde", "value"),
    "goal": ("doel", "goal"),
    "working-agreement": ("afspraak", "working agreement"),
    "title": ("titel", "title"),
    "organisation": ("organisatie", "organisation"),
    "end-date": ("einddatum", "end date"),
    "commitment": ("afspraak die botu bewaakt", "commitment botu checks"),
    "added": ("toegevoegd", "added"),
    "removed": ("weggehaald", "removed"),
    "changed": ("veranderd", "changed"),
}


def label(value: str, lang: str) -> str:
    nl, en = LABELS.get(value, (value, value))
    return en if lang == "en" else nl


def say(lang: str, nl: str, en: str) -> str:
    return en if lang == "en" else nl


def show_date(value: dt.date | None, lang: str) -> str:
    if value is None:
        return "—"
    months = MONTHS_EN if lang == "en" else MONTHS_NL
    return f"{value.day} {months[value.month - 1]} {value.year}"


def show_datetime(value: dt.datetime, lang: str) -> str:
    return f"{show_date(value.date(), lang)} {value:%H:%M}"


def yes_no(value: bool, lang: str) -> str:
    return say(lang, "ja", "yes") if value else say(lang, "nee", "no")


class CliError(Exception):
    """An error only the command line can make; shown like the library's errors."""

    def __init__(self, code: str, exit_code: int = 2, **params: Any) -> None:
        self.code = code
        self.exit_code = exit_code
        self.params = params
        super().__init__(self.message("nl"))

    def message(self, lang: str = "nl") -> str:
        nl, en = CLI_MESSAGES[self.code]
        return (en if lang == "en" else nl).format(**{k: str(v) for k, v in self.params.items()})

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message("nl"),
            "message_nl": self.message("nl"),
            "message_en": self.message("en"),
        }
