"""Value objects of the cooperation: money, kinds, co-benefits, agreement clauses.

All are frozen attrs classes or string enums, so they compare by value, hash, and
serialise to plain JSON through the one converter in ``serialization``.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from .errors import InvalidInput

MAX_CENTS = 1_000_000_000_00  # one billion euros: far above any neighbourhood budget


@attrs.frozen(order=True)
class Money:
    """An exact amount of euros, kept as whole cents (never a float)."""

    cents: int = attrs.field()

    @cents.validator
    def _check(self, _attribute: Any, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput("input.invalid_type", field="amount")
        if abs(value) > MAX_CENTS:
            raise InvalidInput("amount.too_large")

    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def parse(cls, text: str | int | Decimal | Money) -> Money:
        """Read an amount as people write it: 12500, 12500.00, 12.500,00 or 12500,5.

        A dot followed by exactly three digits and no comma ("12.500") is refused as
        ambiguous: Dutch readers mean twelve thousand five hundred, English twelve and a half.
        """
        if isinstance(text, Money):
            return text
        if isinstance(text, bool):
            raise InvalidInput("amount.invalid", value=text)
        if isinstance(text, int):
            return cls(text * 100)
        if isinstance(text, Decimal):
            return cls._from_decimal(text, str(text))
        if not isinstance(text, str):
            raise InvalidInput("amount.invalid", value=text)
        raw = text
        s = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
        if not re.fullmatch(r"-?[0-9][0-9.,]*", s):
            raise InvalidInput("amount.invalid", value=raw)
        if "," in s and "." in s:
            # The last separator is the decimal one; the other groups thousands.
            if s.rfind(",") > s.rfind("."):
                s = s.replace(".", "").replace(",", ".")
            else:
                s = s.replace(",", "")
        elif "," in s:
            if s.count(",") > 1:
                raise InvalidInput("amount.invalid", value=raw)
            s = s.replace(",", ".")
        elif s.count(".") > 1:
            if not re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})+", s):
                raise InvalidInput("amount.invalid", value=raw)
            s = s.replace(".", "")
        elif re.fullmatch(r"-?[0-9]+\.[0-9]{3}", s):
            raise InvalidInput("amount.ambiguous", value=raw)
        try:
            value = Decimal(s)
        except InvalidOperation:
            raise InvalidInput("amount.invalid", value=raw) from None
        return cls._from_decimal(value, raw)

    @classmethod
    def _from_decimal(cls, value: Decimal, raw: str) -> Money:
        if not value.is_finite():
            raise InvalidInput("amount.invalid", value=raw)
        cents = value * 100
        if cents != cents.to_integral_value():
            raise InvalidInput("amount.fractional_cents", value=raw)
        if abs(cents) > MAX_CENTS:
            raise InvalidInput("amount.too_large")
        return cls(int(cents))

    def __add__(self, other: Money) -> Money:
        return Money(self.cents + other.cents)

    def __sub__(self, other: Money) -> Money:
        return Money(self.cents - other.cents)

    def __str__(self) -> str:
        """Machine form with two decimals: '12500.00'."""
        sign = "-" if self.cents < 0 else ""
        whole, cents = divmod(abs(self.cents), 100)
        return f"{sign}{whole}.{cents:02d}"

    def dutch(self) -> str:
        """Dutch form for people: '€ 12.500,00'."""
        sign = "-" if self.cents < 0 else ""
        whole, cents = divmod(abs(self.cents), 100)
        return f"€ {sign}{whole:,}".replace(",", ".") + f",{cents:02d}"

    def english(self) -> str:
        sign = "-" if self.cents < 0 else ""
        whole, cents = divmod(abs(self.cents), 100)
        return f"€ {sign}{whole:,}.{cents:02d}"

    def show(self, lang: str = "nl") -> str:
        return self.english() if lang == "en" else self.dutch()

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.cents) / 100


class PartyKind(str, enum.Enum):
    """Who takes part (the text names residents, initiatives, entrepreneurs, the
    municipality, the housing corporation and the energy company)."""

    RESIDENT = "resident"
    INITIATIVE = "initiative"
    ENTREPRENEUR = "entrepreneur"
    MUNICIPALITY = "municipality"
    HOUSING_CORPORATION = "housing-corporation"
    ENERGY_COMPANY = "energy-company"
    OTHER = "other"

    @property
    def is_person(self) -> bool:
        """A resident is a natural person: the name is personal data."""
        return self is PartyKind.RESIDENT


PARTY_KIND_NL = {
    PartyKind.RESIDENT: "bewoner",
    PartyKind.INITIATIVE: "initiatief",
    PartyKind.ENTREPRENEUR: "ondernemer",
    PartyKind.MUNICIPALITY: "gemeente",
    PartyKind.HOUSING_CORPORATION: "woningcorporatie",
    PartyKind.ENERGY_COMPANY: "energiebedrijf",
    PartyKind.OTHER: "anders",
}


class CoBenefit(str, enum.Enum):
    """Meekoppelkansen: what a project improves besides energy."""

    EDUCATION = "education"
    WORK = "work"
    CARE = "care"
    LANGUAGE = "language"
    POVERTY = "poverty"
    SOCIAL_COHESION = "social-cohesion"
    GREENING = "greening"


CO_BENEFIT_NL = {
    CoBenefit.EDUCATION: "opleiding",
    CoBenefit.WORK: "werk",
    CoBenefit.CARE: "zorg",
    CoBenefit.LANGUAGE: "taal",
    CoBenefit.POVERTY: "armoede en schulden",
    CoBenefit.SOCIAL_COHESION: "gezelligheid en zorg voor elkaar",
    CoBenefit.GREENING: "vergroening",
}


class MeetingKind(str, enum.Enum):
    PLENARY = "plenary"  # bijeenkomst, at least three a year
    MONTHLY = "monthly"  # Energiewijk BoTu, the monthly consultation
    EVALUATION = "evaluation"  # the yearly evaluation meeting


MEETING_KIND_NL = {
    MeetingKind.PLENARY: "bijeenkomst",
    MeetingKind.MONTHLY: "maandelijks overleg",
    MeetingKind.EVALUATION: "evaluatie",
}


class ProjectStatus(str, enum.Enum):
    RUNNING = "running"
    COMPLETED = "completed"
    STOPPED = "stopped"


PROJECT_STATUS_NL = {
    ProjectStatus.RUNNING: "loopt",
    ProjectStatus.COMPLETED: "afgerond",
    ProjectStatus.STOPPED: "gestopt",
}


class Stance(str, enum.Enum):
    """An opinion given on a pending decision."""

    FOR = "for"
    AGAINST = "against"
    NEUTRAL = "neutral"


class ClauseSection(str, enum.Enum):
    VALUE = "value"
    GOAL = "goal"
    WORKING_AGREEMENT = "working-agreement"


ENUMS: tuple[type[enum.Enum], ...] = (PartyKind, CoBenefit, MeetingKind, ProjectStatus, Stance, ClauseSection)


@attrs.frozen
class Clause:
    """One value, goal or working agreement of the agreement text.

    The ``key`` stays the same across versions, so a revision can say which clause
    changed, was added or was removed.
    """

    key: str
    text: str


@attrs.frozen
class Commitments:
    """The choices and figures of an agreement version that botu checks and enforces.

    Each cooperation's agreement says them its own way; nothing here is a constant in
    code. New commitments are added as fields with a default, so the terms recorded
    before a commitment existed read as that default (``AgreementAdopted`` upcasts).
    """

    # A party that registers itself waits for a coordinator's confirmation before it
    # votes, proposes or sees what members share (parties a coordinator adds are confirmed).
    parties_need_confirmation: bool = True


@attrs.frozen
class AgreementTerms:
    """What a version of the agreement says."""

    title: str
    values: tuple[Clause, ...]
    goals: tuple[Clause, ...]
    working_agreements: tuple[Clause, ...]
    end_date: _dt.date
    organisation: str = ""
    commitments: Commitments = Commitments()

    def clauses(self) -> list[tuple[ClauseSection, Clause]]:
        return (
            [(ClauseSection.VALUE, c) for c in self.values]
            + [(ClauseSection.GOAL, c) for c in self.goals]
            + [(ClauseSection.WORKING_AGREEMENT, c) for c in self.working_agreements]
        )


# --- validators shared by commands ------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,19}$")


def clean_text(field: str, value: object, *, max_len: int, required: bool = True) -> str:
    """Check free text: a string, not empty (when required), not too long, no
    control characters (newlines and tabs are fine). Returns it NFC-normalised and
    stripped."""
    if not isinstance(value, str):
        raise InvalidInput("input.invalid_type", field=field)
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise InvalidInput("input.required", field=field)
    if len(text) > max_len:
        raise InvalidInput("input.too_long", field=field, max=max_len)
    if _CONTROL.search(text):
        raise InvalidInput("input.control_characters", field=field)
    return text


def check_email(value: str) -> None:
    if value and not _EMAIL.match(value):
        raise InvalidInput("input.invalid_email", value=value)


def check_phone(value: str) -> None:
    if value and not _PHONE.match(value):
        raise InvalidInput("input.invalid_phone", value=value)


def parse_number(value: object) -> Decimal:
    """A number as people write it, Dutch or English: 12,5 · 12.5 · 1.250,5 · 1,250.5.
    With both separators the last one is the decimal one; a comma alone is decimal
    (the Dutch way), a dot alone too. Refused with ``input.invalid_number``."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise InvalidInput("input.invalid_number", value=value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if "," in text and "." in text:
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "")
    text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except ArithmeticError:
        raise InvalidInput("input.invalid_number", value=value) from None
    if not number.is_finite():
        raise InvalidInput("input.invalid_number", value=value)
    return number


def parse_date(value: object, field: str = "datum") -> _dt.date:
    """A date from a ``date`` or an ISO string 'YYYY-MM-DD'."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidInput("input.invalid_date", value=value)


def check_year(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
        raise InvalidInput("input.invalid_year", value=value)
    return value


def parse_enum(enum_cls: type[enum.Enum], value: object, field: str) -> Any:
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(value)
    except ValueError:
        choices = ", ".join(str(m.value) for m in enum_cls)
        raise InvalidInput("input.invalid_choice", value=value, field=field, choices=choices) from None
