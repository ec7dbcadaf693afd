"""Value objects of the cooperation: money, kinds, co-benefits, agreement clauses.

All are frozen attrs classes or string enums, so they compare by value, hash, and
serialise to plain JSON through the one converter in ``serialization``.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs
import regex
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from .errors import InvalidInput, Wording
from .formatting import NUMBER_LOCALES

MAX_CENTS = 1_000_000_000_00  # one billion euros: far above any neighbourhood budget


# Before Babel reads a number it must look like one: ASCII digits with '.' and ','
# only. Babel alone would also take '1e5', '1_000', 'NaN' and digits of other scripts.
_NUMBER_SHAPE = re.compile(r"-?[0-9][0-9.,]*")
_PLAIN_AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]{1,2})?")
# str() of a Decimal: what stored events and read models hold.
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:E[+-]?[0-9]+)?")


def _locale(lang: object) -> str:
    if not isinstance(lang, str) or lang not in NUMBER_LOCALES:
        raise InvalidInput("input.invalid_choice", value=lang, field=Wording("taal", "language"), choices="nl, en")
    return NUMBER_LOCALES[lang]


def _read_decimal(text: str, lang: str) -> Decimal | None:
    """The number ``text`` writes in ``lang``, or None when it is not a well-formed one.

    Babel's strict reading refuses group signs in the wrong places ('1.5,5', '100,5.5'
    in Dutch) instead of dropping them, so nothing is read as another number."""
    locale = _locale(lang)
    if not _NUMBER_SHAPE.fullmatch(text):
        return None
    try:
        value = parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError:
        return None
    return value if value.is_finite() else None


def _examples(lang: str | None, whole: int, part: Decimal, pattern: str) -> tuple[str, str]:
    if lang not in NUMBER_LOCALES:
        return str(whole), str(part)  # the plain form machines write
    locale = NUMBER_LOCALES[lang]
    return format_decimal(whole, format="#,##0", locale=locale), format_decimal(part, format=pattern, locale=locale)


def invalid_amount(value: object, lang: str | None = "nl") -> InvalidInput:
    """The refusal of an amount that cannot be read, showing how to write one in
    ``lang`` ('nl', 'en'; None: the plain form, '25000' or '12.50')."""
    thousands, cents = _examples(lang, 25000, Decimal("12.50"), "#,##0.00")
    return InvalidInput("amount.invalid", value=value, thousands=thousands, cents=cents)


def invalid_number(value: object, lang: str | None = "nl") -> InvalidInput:
    """The refusal of a number that cannot be read, showing how to write one in ``lang``."""
    thousands, decimals = _examples(lang, 1250, Decimal("12.5"), "0.0")
    return InvalidInput("input.invalid_number", value=value, thousands=thousands, decimals=decimals)


@attrs.frozen(order=True)
class Money:
    """An exact amount of euros, kept as whole cents (never a float)."""

    cents: int = attrs.field()

    @cents.validator
    def _check(self, _attribute: Any, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput("input.invalid_type", field=Wording("bedrag", "amount"))
        if abs(value) > MAX_CENTS:
            raise InvalidInput("amount.too_large")

    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def parse(cls, text: str | int | Decimal | Money, lang: str = "nl") -> Money:
        """Read an amount as people write it in their language (``lang``: 'nl' or 'en').

        Dutch: 25.000 and 12,50; English: 25,000 and 12.50 (Babel's number forms of
        nl_NL and en). Text that is not a well-formed number in that language is refused,
        never read as some other number; more than two decimals too (so an English
        25,000 under Dutch is refused, not read as 25). Ints and Decimals are exact as
        they are.
        """
        _locale(lang)
        if isinstance(text, Money):
            return text
        if isinstance(text, bool):
            raise invalid_amount(text, lang)
        if isinstance(text, int):
            return cls(text * 100)
        if isinstance(text, Decimal):
            return cls._from_decimal(text, str(text))
        if not isinstance(text, str):
            raise invalid_amount(text, lang)
        shown = text.strip()
        number = shown.removeprefix("€").strip()
        value = _read_decimal(number, lang)
        if value is None:
            raise invalid_amount(text, lang)
        if _decimals(value) > 2:
            # Also when they are zeros: '25,000' in Dutch is an English amount, not 25.
            raise InvalidInput("amount.fractional_cents", value=shown)
        return cls._from_decimal(value, shown)

    @classmethod
    def parse_plain(cls, text: str) -> Money:
        """Read an amount in the plain form machines write: digits, optionally a '.' and
        one or two decimals ('12500', '12500.5', '12500.00'); nothing else."""
        if not isinstance(text, str) or not _PLAIN_AMOUNT.fullmatch(text):
            raise invalid_amount(text, None)
        return cls._from_decimal(Decimal(text), text)

    @classmethod
    def _from_decimal(cls, value: Decimal, raw: object) -> Money:
        if not value.is_finite():
            raise invalid_amount(raw, None)
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


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


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




class CoBenefit(str, enum.Enum):
    """Meekoppelkansen: what a project improves besides energy."""

    EDUCATION = "education"
    WORK = "work"
    CARE = "care"
    LANGUAGE = "language"
    POVERTY = "poverty"
    SOCIAL_COHESION = "social-cohesion"
    GREENING = "greening"




class MeetingKind(str, enum.Enum):
    PLENARY = "plenary"  # bijeenkomst; how many a year is a commitment of the agreement
    CONSULTATION = "consultation"  # the regular consultation (BoTu: Energiewijk BoTu, monthly)
    EVALUATION = "evaluation"  # the yearly evaluation meeting
    # Before consultations had a cadence of their own this kind was called "monthly":
    # the old name stays an alias of the same member, so stored events and scripts read on.
    MONTHLY = "consultation"

    @classmethod
    def _missing_(cls, value: object) -> MeetingKind | None:
        return cls.CONSULTATION if value == "monthly" else None




class Consultation(str, enum.Enum):
    """How often the involved parties consult, as the agreement says (BoTu: every month)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    NONE = "none"


class ProjectStatus(str, enum.Enum):
    RUNNING = "running"
    COMPLETED = "completed"
    STOPPED = "stopped"




class Stance(str, enum.Enum):
    """An opinion given on a pending decision."""

    FOR = "for"
    AGAINST = "against"
    NEUTRAL = "neutral"


class ClauseSection(str, enum.Enum):
    VALUE = "value"
    GOAL = "goal"
    WORKING_AGREEMENT = "working-agreement"


ENUMS: tuple[type[enum.Enum], ...] = (
    PartyKind, CoBenefit, MeetingKind, Consultation, ProjectStatus, Stance, ClauseSection,
)


@attrs.frozen
class Clause:
    """One value, goal or working agreement of the agreement text.

    The ``key`` stays the same across versions, so a revision can say which clause
    changed, was added or was removed.
    """

    key: str
    text: str


def _commitment_error(name: str, expected: tuple[str, str]) -> InvalidInput:
    label_nl, label_en = COMMITMENT_LABELS.get(name, (name, name))
    return InvalidInput("agreement.invalid_commitment", key=name, label_nl=label_nl, label_en=label_en,
                        expected_nl=expected[0], expected_en=expected[1])


_YES_NO = ("ja of nee (true of false)", "yes or no (true or false)")
_COUNT = ("een heel getal van 0 tot en met 366", "a whole number from 0 to 366")
_DAYS = ("een heel getal van 1 tot en met 3660, of leeg (null)", "a whole number from 1 to 3660, or empty (null)")
_CADENCE = ("monthly, quarterly of none", "monthly, quarterly or none")
_DATE = ("een datum JJJJ-MM-DD, of leeg (null)", "a date YYYY-MM-DD, or empty (null)")
_CLAUSE_KEYS = ("per afspraak de sleutel van een artikel", "per commitment the key of a clause")


def _whole(value: object, low: int, high: int) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and low <= value <= high


def _yes_no(_instance: object, attribute: Any, value: object) -> None:
    if not isinstance(value, bool):
        raise _commitment_error(attribute.name, _YES_NO)


def _count(_instance: object, attribute: Any, value: object) -> None:
    if not _whole(value, attribute.metadata["minimum"], attribute.metadata["maximum"]):
        raise _commitment_error(attribute.name, _COUNT)


def _days(_instance: object, attribute: Any, value: object) -> None:
    if value is not None and not _whole(value, attribute.metadata["minimum"], attribute.metadata["maximum"]):
        raise _commitment_error(attribute.name, _DAYS)


def _cadence(_instance: object, attribute: Any, value: object) -> None:
    if not isinstance(value, Consultation):
        raise _commitment_error(attribute.name, _CADENCE)


def _optional_date(_instance: object, attribute: Any, value: object) -> None:
    if value is not None and (isinstance(value, _dt.datetime) or not isinstance(value, _dt.date)):
        raise _commitment_error(attribute.name, _DATE)


def _clause_keys(_instance: object, attribute: Any, value: object) -> None:
    if not isinstance(value, Mapping):
        raise _commitment_error(attribute.name, _CLAUSE_KEYS)
    for name, key in value.items():
        if name not in COMMITMENT_NAMES or name == attribute.name:
            raise InvalidInput("agreement.unknown_commitment", key=f"{attribute.name}.{name}")
        if not isinstance(key, str) or not key.strip() or len(key) > 80:
            raise _commitment_error(f"{attribute.name}.{name}", _CLAUSE_KEYS)


def _to_cadence(value: object) -> object:
    # Accept the plain text a JSON file or a form gives; anything else the validator refuses.
    if isinstance(value, str):
        try:
            return Consultation(value)
        except ValueError:
            return value
    return value


def _to_mapping(value: object) -> object:
    return dict(value) if isinstance(value, Mapping) else value


@attrs.frozen
class Commitments:
    """The choices and figures of an agreement version that botu checks and enforces.

    Each cooperation's agreement says them its own way; nothing here is a constant in
    code. The defaults are BoTu's agreement of 2021. New commitments are added as
    fields with a default, so the terms recorded before a commitment existed read as
    that default (``AgreementAdopted`` upcasts). Every field is checked when the
    object is made, with ``agreement.invalid_commitment`` naming the key.
    """

    # A party that registers itself waits for a coordinator's confirmation before it
    # votes, proposes or sees what members share (parties a coordinator adds are confirmed).
    parties_need_confirmation: bool = attrs.field(default=True, validator=_yes_no)
    # "Daarvoor komen wij tenminste 3 keer per jaar bij elkaar."
    plenary_meetings_per_year: int = attrs.field(
        default=3, validator=_count, metadata={"minimum": 0, "maximum": 366})
    # "Energiewijk BoTu is het maandelijkse overleg": how often the parties consult.
    consultation: Consultation = attrs.field(default=Consultation.MONTHLY, converter=_to_cadence, validator=_cadence)
    # "Elk jaar beoordelen we het proces, de doelen en de resultaten."
    evaluation_every_year: bool = attrs.field(default=True, validator=_yes_no)
    # "Dat laten we zien door indicatoren op te stellen": every project defines indicators.
    indicators_required: bool = attrs.field(default=True, validator=_yes_no)
    # How many days a disagreement may stay open before it is reported. BoTu's text names
    # no figure ("blijven we samenwerken"): 90 is the cooperation's own choice. None: never.
    disagreement_open_days: int | None = attrs.field(
        default=90, validator=_days, metadata={"minimum": 1, "maximum": 3660})
    # "Ook deze samenwerking duurt daarom in elk geval tot 2028": the agreement promises to
    # last at least until this day; no revision may end it earlier or lower it. None: no promise.
    minimum_end_date: _dt.date | None = attrs.field(default=_dt.date(2028, 1, 1), validator=_optional_date)
    # Which clause of the text each commitment comes from (commitment name → clause key),
    # so a finding can quote it. Not part of the hash: a mapping is not hashable.
    clauses: Mapping[str, str] = attrs.field(
        factory=dict, converter=_to_mapping, validator=_clause_keys, hash=False
    )

    def clause_for(self, name: str) -> str | None:
        return self.clauses.get(name)


# What each commitment is called, Dutch and English (the pages, the diff and the errors use it).
COMMITMENT_LABELS: dict[str, tuple[str, str]] = {
    "parties_need_confirmation": (
        "nieuwe partijen wachten op bevestiging", "new parties wait for confirmation"),
    "plenary_meetings_per_year": ("plenaire bijeenkomsten per jaar", "plenary meetings a year"),
    "consultation": ("overleg", "consultation"),
    "evaluation_every_year": ("elk jaar een evaluatie", "an evaluation every year"),
    "indicators_required": ("elk project heeft indicatoren", "every project has indicators"),
    "disagreement_open_days": (
        "dagen onenigheid open (keuze van de samenwerking, niet uit de tekst)",
        "days a disagreement may stay open (the cooperation's choice, not the text's)",
    ),
    "minimum_end_date": ("loopt in elk geval tot", "runs at least until"),
    "clauses": ("artikelen bij de afspraken", "clauses of the commitments"),
}


COMMITMENT_NAMES: tuple[str, ...] = tuple(COMMITMENT_LABELS)


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

# Control characters, and the bidirectional embeddings, overrides and isolates: these
# show a text in another order than it is written ('\u202e' before 'madrettoR etneemeG'
# makes it show as 'Gemeente Rotterdam'), so a name could look like another one.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,19}$")


def clean_text(field: str | Wording, value: object, *, max_len: int, required: bool = True) -> str:
    """Check free text: a string, not empty (when required), not too long, no
    control characters (newlines and tabs are fine). Returns it NFC-normalised and
    stripped."""
    if not isinstance(value, str):
        raise InvalidInput("input.invalid_type", field=field)
    text = unicodedata.normalize("NFC", value).strip()
    if required and not name_key(text):
        # Empty, or only white space and invisible characters: nothing anyone can read.
        raise InvalidInput("input.required", field=field)
    if len(text) > max_len:
        raise InvalidInput("input.too_long", field=field, max=max_len)
    if _CONTROL.search(text):
        raise InvalidInput("input.control_characters", field=field)
    return text


# Characters Unicode says to show as nothing (zero-width space and joiners, soft hyphen,
# byte order mark, bidirectional controls, variation selectors, Hangul fillers, tags).
# NFKC keeps them, so two names that look the same could differ by one of them.
_INVISIBLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")


def name_key(name: str) -> str:
    """A name as people read it, for telling names apart (is this name taken? which
    party is meant?): NFKC-normalised (full-width letters, ligatures and odd spaces
    become plain ones), invisible characters dropped, case folded (casefold, so
    'Straße' is 'STRASSE'), runs of white space made one space, ends stripped.

    Names are stored as typed; only comparisons go through the key, so 'Gemeente
    Rotterdam', 'gemeente  rotterdam' and 'Gemeente\u200bRotterdam ' are one name."""
    text = unicodedata.normalize("NFKC", name)
    text = _INVISIBLE.sub("", text)
    # Case folding can undo NFKC (e.g. it expands some letters), so normalise again.
    text = unicodedata.normalize("NFKC", text.casefold())
    return " ".join(text.split())


def check_email(value: str) -> None:
    if value and not _EMAIL.match(value):
        raise InvalidInput("input.invalid_email", value=value)


def check_phone(value: str) -> None:
    if value and not _PHONE.match(value):
        raise InvalidInput("input.invalid_phone", value=value)


def parse_number(value: object, lang: str = "nl") -> Decimal:
    """A number as people write it in their language (``lang``: 'nl' or 'en'): Dutch
    12,5 and 1.250,5; English 12.5 and 1,250.5. Text that is not a well-formed number
    in that language is refused with ``input.invalid_number``, never read as another
    number. Ints and Decimals are taken as they are."""
    _locale(lang)
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise invalid_number(value, lang)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise invalid_number(value, lang)
        return value
    number = _read_decimal(value.strip(), lang)
    if number is None:
        raise invalid_number(value, lang)
    return number


def parse_plain_number(value: object) -> Decimal:
    """A number in the plain form machines write ('14200.5', '-3'): what ``str`` of a
    Decimal gives for stored values. Ints and Decimals are taken as they are."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise invalid_number(value, None)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise invalid_number(value, None)
        return value
    if not _PLAIN_NUMBER.fullmatch(value):
        raise invalid_number(value, None)
    return Decimal(value)


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


# --- plain values given for typed fields ----------------------------------------------
# Commands accept the plain form of each value (what JSON, a form or a script gives):
# 'resident' for PartyKind.RESIDENT, '2022-01-05' for a date, '100' or 100 for € 100,00.
# These converters never raise: what they cannot read is passed on unchanged, and the
# field's validator refuses it with a coded error naming the field.


def _read_or_keep(read: Callable[[Any], object], value: object) -> object:
    try:
        return read(value)
    except ValueError:  # InvalidInput is one too
        return value


def plain_enum(enum_type: type[enum.Enum], value: object) -> object:
    return _read_or_keep(enum_type, value) if isinstance(value, str) and not isinstance(value, enum_type) else value


def plain_date(value: object) -> object:
    return _read_or_keep(parse_date, value) if isinstance(value, str) else value


def plain_amount(value: object) -> object:
    """Money from plain text ('100', '12500.50') or whole euros (100)."""
    if isinstance(value, str):
        return _read_or_keep(lambda text: Money.parse_plain(text.strip()), value)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return _read_or_keep(Money.parse, value)
    return value


def plain_number(value: object) -> object:
    if isinstance(value, str):
        return _read_or_keep(lambda text: parse_plain_number(text.strip()), value)
    return value if isinstance(value, bool) or not isinstance(value, int) else Decimal(value)


def plain_year(value: object) -> object:
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return value


def check_ref(ref: object) -> str:
    """An id or name given to find something (a cooperation, party, project, round):
    text, or refused with ``input.invalid_ref``."""
    if not isinstance(ref, str):
        raise InvalidInput("input.invalid_ref", value=ref)
    return ref


def query_date(value: object) -> _dt.date | None:
    """A query's date: None, a date or an ISO text ('2022-01-05'); else ``input.invalid_date``."""
    return None if value is None else parse_date(value)


def query_whole(value: object, field: Wording) -> int | None:
    """A query's whole number (a version): None, an int or its digits ('2')."""
    if value is None:
        return None
    value = plain_year(value)  # digits in text read as a whole number
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput("input.invalid_type", field=field)
    return value


def query_year(value: object) -> int | None:
    """A query's year: None (every year), a whole number or its digits ('2026');
    anything else is refused with ``input.invalid_year``."""
    return None if value is None else check_year(plain_year(value))


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
