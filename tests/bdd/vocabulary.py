"""Dutch words in the scenarios, and the model values the drivers take."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

MONTHS = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}

PARTY_KINDS = {
    "bewoner": "resident",
    "initiatief": "initiative",
    "ondernemer": "entrepreneur",
    "gemeente": "municipality",
    "woningcorporatie": "housing-corporation",
    "energiebedrijf": "energy-company",
    "andere partij": "other",
}

MEETING_KINDS = {
    "bijeenkomst": "plenary",
    "overleg": "consultation",
    # the consultation's old name, which botu still accepts
    "maandelijks overleg": "monthly",
    "evaluatiebijeenkomst": "evaluation",
}

CO_BENEFITS = {
    "opleiding": "education",
    "werk": "work",
    "zorg": "care",
    "taal": "language",
    "armoede en schulden": "poverty",
    "gezelligheid en zorg voor elkaar": "social-cohesion",
    "vergroening": "greening",
}

STANCES = {"voor": "for", "tegen": "against", "neutraal": "neutral"}

YES = {"ja": True, "nee": False, "": False}


def nl_date(text: str) -> dt.date:
    """'15 september 2021' -> date(2021, 9, 15)."""
    match = re.fullmatch(r"(\d{1,2}) ([a-z]+) (\d{4})", text.strip())
    if not match or match.group(2) not in MONTHS:
        raise ValueError(f"geen datum: {text!r}")
    return dt.date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))


nl_date.pattern = r"\d{1,2} [a-z]+ \d{4}"  # type: ignore[attr-defined]


def quoted(text: str) -> str:
    return text


quoted.pattern = r'[^"]*'  # type: ignore[attr-defined]


def party_kind(text: str) -> str:
    return PARTY_KINDS[text]


party_kind.pattern = "|".join(sorted(PARTY_KINDS, key=len, reverse=True))  # type: ignore[attr-defined]


def meeting_kind(text: str) -> str:
    return MEETING_KINDS[text]


meeting_kind.pattern = "|".join(sorted(MEETING_KINDS, key=len, reverse=True))  # type: ignore[attr-defined]

TYPES = {"Datum": nl_date, "Q": quoted, "Soort": party_kind, "Vergadering": meeting_kind}


CADENCES = {"elke maand": "monthly", "elk kwartaal": "quarterly", "geen": "none"}


def _optional(read: Any) -> Any:
    return lambda text: None if text.strip() == "geen" else read(text)


# How the scenarios name an agreement's commitments, and how each value is read as JSON data.
COMMITMENTS: dict[str, tuple[str, Any]] = {
    "plenaire bijeenkomsten per jaar": ("plenary_meetings_per_year", int),
    "overleg": ("consultation", CADENCES.__getitem__),
    "elk jaar een evaluatie": ("evaluation_every_year", lambda text: YES[text.strip()]),
    "elk project heeft indicatoren": ("indicators_required", lambda text: YES[text.strip()]),
    "dagen onenigheid open": ("disagreement_open_days", _optional(int)),
    "loopt in elk geval tot": ("minimum_end_date", _optional(lambda text: nl_date(text).isoformat())),
}


def commitments_table(rows: list[list[str]]) -> tuple[dict[str, Any], dt.date | None]:
    """A table | afspraak | waarde | as commitments (JSON data) and an end date ('einddatum')."""
    header, *body = rows
    assert header == ["afspraak", "waarde"], header
    commitments: dict[str, Any] = {}
    end_date = None
    for name, value in body:
        if name == "einddatum":
            end_date = nl_date(value)
            continue
        key, read = COMMITMENTS[name]
        commitments[key] = read(value)
    return commitments, end_date


def names(text: str) -> list[str]:
    """'A, B, C' -> ['A', 'B', 'C']."""
    return [part.strip() for part in text.split(",") if part.strip()]


def euro(text: str) -> Decimal:
    """'€ 12.500,00' (how the scenarios write amounts) -> Decimal('12500.00')."""
    cleaned = text.replace("€", "").replace(" ", "").replace(".", "").replace(",", ".")
    return Decimal(cleaned)


def number(value: object) -> Decimal:
    return Decimal(str(value).replace(",", "."))
