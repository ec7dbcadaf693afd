"""attrs field helpers shared by the commands: each validates and explains in Dutch and English.

Commands validate their own fields when they are made, so bad input is refused
before any rule runs and long before anything is written.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from .errors import InvalidInput, Wording
from .values import (
    Money,
    check_email,
    check_phone,
    check_year,
    clean_text,
    invalid_amount,
    invalid_number,
    plain_amount,
    plain_date,
    plain_enum,
    plain_number,
    plain_year,
)

# Dutch labels of field names, used in messages such as "Vul 'naam' in".
FIELD_LABELS_NL: dict[str, str] = {
    "name": "naam",
    "slug": "korte naam",
    "neighbourhood": "wijk",
    "title": "titel",
    "plan": "plan",
    "contact": "contactpersoon",
    "party": "partij",
    "note": "persoonlijke noot (PS)",
    "capacity": "met welke pet op",
    "reason": "reden",
    "source": "bron",
    "subject": "onderwerp",
    "text": "tekst",
    "about": "waarover",
    "description": "beschrijving",
    "outcome": "uitkomst",
    "notes": "aantekeningen",
    "minutes": "verslag",
    "process": "proces",
    "goals": "doelen",
    "results": "resultaten",
    "lessons": "lessen",
    "unit": "eenheid",
    "comment": "toelichting",
    "decision": "besluit",
    "meeting": "bijeenkomst",
    "project": "project",
    "allocation": "toekenning",
    "indicator": "indicator",
    "disagreement": "onenigheid",
    "by": "door",
    "phone": "telefoon",
    "email": "e-mail",
    "key": "sleutel",
    "amount": "bedrag",
    "approvals": "goedkeuringen",
    "attendees": "aanwezigen",
    "category": "categorie",
    "category_limits": "grenzen per categorie",
    "co2_kg": "kg CO2",
    "co_benefits": "meekoppelkansen",
    "cost": "kosten",
    "election": "verkiezing",
    "euros": "euro's",
    "evaluation": "evaluatie",
    "founded_on": "opgericht op",
    "funds": "geld",
    "held_on": "gehouden op",
    "kind": "soort",
    "location": "plek",
    "max_approvals": "hoogstens goedkeuringen",
    "on": "datum",
    "parties": "partijen",
    "period_end": "einde periode",
    "period_start": "begin periode",
    "round": "ronde",
    "rule": "regel",
    "series_year": "jaar van de reeks",
    "share_contact": "contact delen",
    "stance": "standpunt",
    "target": "streefwaarde",
    "terms": "overeenkomst",
    "value": "waarde",
    "version": "versie",
    "voter": "stemmer",
    "voting_method": "manier van stemmen",
    "year": "jaar",
}


# English labels where the field's own name does not read as plain English.
FIELD_LABELS_EN: dict[str, str] = {
    "slug": "short name",
    "note": "personal note (PS)",
    "capacity": "in which capacity",
    "by": "by",
    "co2_kg": "kg CO2",
    "on": "date",
}


def label(name: str) -> Wording:
    """A field's name as the reader of each language knows it: 'naam' / 'name'."""
    return Wording(FIELD_LABELS_NL.get(name, name), FIELD_LABELS_EN.get(name, name.replace("_", " ")))


SHORT = 200  # names, titles, subjects
LONG = 10_000  # plans, minutes, notes


def text(max_len: int = SHORT) -> Any:
    """A required piece of text."""

    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        clean_text(label(attribute.name), value, max_len=max_len)

    return attrs.field(validator=check)


def optional_text(max_len: int = SHORT) -> Any:
    """Text that may be left empty."""

    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        clean_text(label(attribute.name), value, max_len=max_len, required=False)

    return attrs.field(default="", validator=check)


def optional_ref() -> Any:
    """An id or name that may be left out."""

    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            clean_text(label(attribute.name), value, max_len=SHORT)

    return attrs.field(default=None, validator=check)


def refs() -> Any:
    """A tuple of ids or names, none twice."""

    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            raise InvalidInput("input.invalid_type", field=label(attribute.name))
        for item in value:
            clean_text(label(attribute.name), item, max_len=SHORT)
        if len(set(value)) != len(value):
            raise InvalidInput("input.duplicate_items", field=label(attribute.name))

    return attrs.field(default=(), converter=_to_tuple, validator=check)


def _to_tuple(value: Any) -> Any:
    # Lists are accepted for convenience; stored and compared as tuples.
    return tuple(value) if isinstance(value, list) else value


def validated(check: Any) -> Any:
    """A required field checked by ``check`` (an attrs validator)."""
    return attrs.field(validator=check)


def non_negative_amount() -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, Money):
            raise invalid_amount(value, None).at(label(attribute.name))
        if value.cents < 0:
            raise InvalidInput("amount.negative")

    return attrs.field(converter=plain_amount, validator=check)


def positive_amount() -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, Money):
            raise invalid_amount(value, None).at(label(attribute.name))
        if value.cents <= 0:
            raise InvalidInput("amount.not_positive")

    return attrs.field(converter=plain_amount, validator=check)


def year() -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        try:
            check_year(value)
        except InvalidInput as error:
            raise error.at(label(attribute.name)) from None

    return attrs.field(converter=plain_year, validator=check)


def optional_date() -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            raise InvalidInput("input.invalid_date", value=value, field=label(attribute.name))

    return attrs.field(default=None, converter=plain_date, validator=check)


def required_date() -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InvalidInput("input.invalid_date", value=value, field=label(attribute.name))

    return attrs.field(converter=plain_date, validator=check)


def number(optional: bool = False) -> Any:
    """A decimal number (measurements, kg CO2); never a float, so it stays exact."""

    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if optional and value is None:
            return
        if not isinstance(value, Decimal) or not value.is_finite() or abs(value) > Decimal("1e12"):
            raise invalid_number(value, None).at(label(attribute.name))

    if optional:
        return attrs.field(default=None, converter=plain_number, validator=check)
    return attrs.field(converter=plain_number, validator=check)


def _email_check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    clean_text(label(attribute.name), value, max_len=SHORT, required=False)
    check_email(value.strip())


def _phone_check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    clean_text(label(attribute.name), value, max_len=40, required=False)
    check_phone(value.strip())


def _flag_check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, bool):
        raise InvalidInput("input.invalid_type", field=label(attribute.name))


def _choice_check(enum_type: type[Any]) -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, enum_type):
            choices = ", ".join(str(m.value) for m in enum_type)
            raise InvalidInput("input.invalid_choice", value=value, field=label(attribute.name), choices=choices)

    return check


def email(optional: bool = False) -> Any:
    if optional:
        return attrs.field(default=None, validator=attrs.validators.optional(_email_check))
    return attrs.field(default="", validator=_email_check)


def phone(optional: bool = False) -> Any:
    if optional:
        return attrs.field(default=None, validator=attrs.validators.optional(_phone_check))
    return attrs.field(default="", validator=_phone_check)


def flag(default: bool | None = False) -> Any:
    if default is None:
        return attrs.field(default=None, validator=attrs.validators.optional(_flag_check))
    return attrs.field(default=default, validator=_flag_check)


def choice(enum_type: type[Any], default: Any = attrs.NOTHING) -> Any:
    """One of ``enum_type``'s members, also given by its value ('resident')."""

    def convert(value: Any) -> Any:
        return plain_enum(enum_type, value)

    if default is None:
        return attrs.field(default=None, converter=convert,
                           validator=attrs.validators.optional(_choice_check(enum_type)))
    return attrs.field(default=default, converter=convert, validator=_choice_check(enum_type))


def choices(enum_type: type[Any]) -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple) or not all(isinstance(v, enum_type) for v in value):
            choices_ = ", ".join(str(m.value) for m in enum_type)
            raise InvalidInput("input.invalid_choice", value=value, field=label(attribute.name), choices=choices_)
        if len(set(value)) != len(value):
            raise InvalidInput("input.duplicate_items", field=label(attribute.name))

    def convert(value: Any) -> Any:
        value = _to_tuple(value)
        return tuple(plain_enum(enum_type, v) for v in value) if isinstance(value, tuple) else value

    return attrs.field(default=(), converter=convert, validator=check)


def personal(subject: str = "party_id", *, only_if_person: bool = False) -> dict[str, Any]:
    """Metadata marking an event field as personal data (AVG/GDPR) of the party named in
    the event's ``subject`` field. The privacy layer stores it encrypted with that
    party's key and exports it on an access request. ``only_if_person``: personal only
    when the party is a natural person (a resident's name; not an organisation's)."""
    return {"personal": True, "subject": subject, "only_if_person": only_if_person}


PERSONAL: dict[str, Any] = personal()

# A field that links a secret ballot to its voter: no log, view or export shows it
# (only the voter sees their own ballot; see ``privacy.hide_secret_fields``).
SECRET: dict[str, Any] = {"secret": True}
