"""One cattrs converter for everything botu stores or prints as JSON.

A stored event is plain JSON anyone can read: ``{"type": "PartyJoined", "party_id":
"party-1", …}``. Amounts are strings with two decimals ("50000.00"), dates ISO
strings, numbers decimal strings, so nothing is ever rounded through a float.
The canonical form (sorted keys, no spaces, UTF-8) is what the store keeps, so the
same event always has the same bytes (the audit chain depends on it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

import typing

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.gen import make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from .agreement import TERMS_KEYS, terms_from_data
from .errors import UNNAMED, BotuError, InvalidInput, Wording
from .events import EVENT_TYPES, EVENT_TYPES_BY_NAME, Fact
from .fields import label
from .formatting import NUMBER_LOCALES
from .values import (
    ENUMS,
    AgreementTerms,
    Money,
    invalid_amount,
    parse_date,
    parse_number,
    parse_plain_number,
)

TAG = "type"


# The form every stored amount has: read it directly, the rest goes the long way.
_CANONICAL_AMOUNT = re.compile(r"-?[0-9]+\.[0-9]{2}")


def _money_hook(lang: str | None) -> Callable[[Any, Any], Money]:
    """Amounts in ``lang`` ('nl', 'en': text people typed) or, with None, in the plain
    form of stored events and machines ('12500.00')."""

    def structure(value: Any, _type: Any) -> Money:
        if type(value) is str and lang is None and _CANONICAL_AMOUNT.fullmatch(value):
            return Money(int(value.replace(".", "")))
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise invalid_amount(value, lang)
        if isinstance(value, int):
            return Money.parse(value)
        return Money.parse_plain(value) if lang is None else Money.parse(value, lang)

    return structure


def _decimal_hook(lang: str | None) -> Callable[[Any, Any], Decimal]:
    # Commands from the front ends carry the text people typed ("12,5"); stored events
    # carry str(Decimal) ("14200.5").
    def structure(value: Any, _type: Any) -> Decimal:
        return parse_plain_number(value) if lang is None else parse_number(value, lang)

    return structure


def _structure_date(value: Any, _type: Any) -> dt.date:
    if type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-" and value.isascii():
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return parse_date(value)


def _enum_value(value: Any) -> Any:
    return value.value


def _strict_str(value: Any, _type: Any) -> str:
    # cattrs would make text of anything (str({...})): a command's text is text.
    if type(value) is str:
        return value
    raise InvalidInput("input.invalid_type", field=UNNAMED)


def _strict_int(value: Any, _type: Any) -> int:
    # cattrs would cut 2021.7 to 2021 and read True as 1; digits in text are fine ('2026').
    if type(value) is int:
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise InvalidInput("input.invalid_type", field=UNNAMED)


_BOOLS = {"true": True, "false": False}


def _strict_bool(value: Any, _type: Any) -> bool:
    # cattrs would read the text 'false' as True.
    if type(value) is bool:
        return value
    if isinstance(value, str) and value.strip().lower() in _BOOLS:
        return _BOOLS[value.strip().lower()]
    raise InvalidInput("input.invalid_type", field=UNNAMED)


def _enum_hook(enum_type: type[Any]) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _type: Any) -> Any:
        if isinstance(value, enum_type):
            return value
        try:
            return enum_type(value)
        except (ValueError, TypeError):
            choices = ", ".join(str(m.value) for m in enum_type)
            raise InvalidInput("input.invalid_choice", value=value, field=UNNAMED, choices=choices) from None

    return structure


def _is_list(tp: Any) -> bool:
    return typing.get_origin(tp) in (tuple, list) and (
        typing.get_origin(tp) is list or typing.get_args(tp)[1:] == (Ellipsis,))


def _list_hook(tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    # cattrs would read a text as the list of its letters and a dict as its keys.
    if typing.get_origin(tp) is list:
        items = list_structure_factory(tp, conv)
    else:
        items = homogenous_tuple_structure_factory(tp, conv)

    def structure(value: Any, _type: Any) -> Any:
        if isinstance(value, str | bytes | Mapping):
            raise InvalidInput("input.invalid_type", field=UNNAMED)
        return items(value, _type)

    return structure


def _terms_hook(value: Any, _type: Any) -> Any:
    return terms_from_data(value)


def make_converter(*, detailed_validation: bool = True, lang: str | None = "nl", strict: bool = False) -> cattrs.Converter:
    """A converter that reads amounts and numbers in ``lang`` ('nl', 'en'), or with
    None in the plain form stored events have. ``strict``: plain data from outside,
    where text, whole numbers and yes/no must be what they say (stored events are)."""
    conv = cattrs.Converter(detailed_validation=detailed_validation)
    if strict:
        conv.register_structure_hook(str, _strict_str)
        conv.register_structure_hook(int, _strict_int)
        conv.register_structure_hook(bool, _strict_bool)
        for enum_type in ENUMS:
            conv.register_structure_hook(enum_type, _enum_hook(enum_type))
        conv.register_structure_hook(AgreementTerms, _terms_hook)
        conv.register_structure_hook_factory(_is_list, _list_hook)
    conv.register_unstructure_hook(Money, str)
    conv.register_structure_hook(Money, _money_hook(lang))
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, _decimal_hook(lang))
    conv.register_unstructure_hook(dt.datetime, lambda v: v.isoformat())
    conv.register_structure_hook(dt.datetime, lambda v, _t: dt.datetime.fromisoformat(v))
    conv.register_unstructure_hook(dt.date, lambda v: v.isoformat())
    conv.register_structure_hook(dt.date, _structure_date)
    for enum_type in ENUMS:
        # str-based enums would otherwise pass through as enum objects
        conv.register_unstructure_hook(enum_type, _enum_value)
    conv.register_unstructure_hook(UUID, str)
    conv.register_structure_hook(UUID, lambda v, _t: UUID(str(v)))
    for event_type in EVENT_TYPES:
        # A field that would link a secret ballot to its voter is left out of what is
        # stored when it is empty (it is set only in ballots recorded before they were secret).
        secret: dict[str, Any] = {
            a.name: override(omit_if_default=True) for a in attrs.fields(event_type) if a.metadata.get("secret")
        }
        if secret:
            conv.register_unstructure_hook(event_type, make_dict_unstructure_fn(event_type, conv, **secret))
    configure_tagged_union(Fact, conv, tag_name=TAG, tag_generator=lambda cls: cls.__name__)
    return conv


# Commands built from what people typed: amounts and numbers in their language.
# ``converter`` reads Dutch, the default; ``command_converter`` gives one per language.
converter = make_converter(lang="nl")
_COMMAND_CONVERTERS: dict[str | None, cattrs.Converter] = {
    lang: make_converter(lang=lang, strict=True) for lang in NUMBER_LOCALES
}
# Commands from machines (the JSON API, scripts): amounts in the plain form botu writes itself.
_COMMAND_CONVERTERS[None] = make_converter(lang=None, strict=True)


def command_converter(lang: str | None = None) -> cattrs.Converter:
    """The converter that builds commands from plain data with amounts and numbers in
    ``lang`` ('nl', 'en': what people typed), or with None in the plain form machines
    write ('12500.00', '14200.5'). Use ``structure`` for its errors as botu's."""
    try:
        return _COMMAND_CONVERTERS[lang]
    except KeyError:
        raise InvalidInput("input.invalid_choice", value=lang, field=_LANGUAGE, choices="nl, en") from None


_LANGUAGE = Wording("taal", "language")
T = TypeVar("T")


def structure(command_type: type[T], data: Any, *, lang: str | None = None) -> T:
    """A command (or any attrs value of botu) from plain data: a dict of strings, numbers,
    ISO dates ('2022-01-05'), lists and dicts, enums by value ('resident').

    Amounts and numbers are plain ('12500.00', 100, '14200.5'), or with ``lang``
    ('nl', 'en') as people write them in that language ('12.500,00' / '12,500.00').
    Every refusal is an ``InvalidInput`` with a code that names the field in the
    reader's language: a missing field (``input.required``), one the command does not
    have (``input.unknown_field``), a value of the wrong form or out of range."""
    conv = command_converter(lang)
    shape: Any = command_type  # any attrs class; its instances are what the caller asked for
    if not attrs.has(shape):
        raise InvalidInput("command.unknown", name=getattr(command_type, "__name__", repr(command_type)))
    if not isinstance(data, Mapping):
        raise InvalidInput("input.not_an_object", command=command_type.__name__)
    fields = {a.name: a for a in attrs.fields(shape)}
    for key in data:
        if key not in fields:
            raise InvalidInput("input.unknown_field", command=command_type.__name__, field=str(key),
                               known=", ".join(fields))
    for name, attribute in fields.items():
        if attribute.default is attrs.NOTHING and name not in data:
            raise InvalidInput("input.required", field=label(name))
    try:
        return conv.structure(dict(data), command_type)
    except BotuError:
        raise
    except Exception as error:  # noqa: BLE001 - cattrs groups every problem: the first is shown
        raise _first_problem(error, []) from None


def _first_problem(error: BaseException, path: list[str]) -> BotuError:
    """The first leaf of a cattrs error group as botu's error, said of its field."""
    if isinstance(error, BotuError):
        return error.at(label(path[-1])) if path else error
    for sub in getattr(error, "exceptions", ()):
        return _first_problem(sub, [*path, *_attribute_of(sub)])
    return InvalidInput("input.invalid_type", field=label(path[-1]) if path else UNNAMED)


def _attribute_of(sub: BaseException) -> list[str]:
    # cattrs notes which attribute each sub-error comes from ("... @ attribute kind").
    for note in getattr(sub, "__notes__", ()):
        match = re.search(r"@ attribute (\w+)", str(note))
        if match:
            return [match.group(1)]
    return []


# Stored events were valid when they were written: reading them back needs no
# per-field error report (a damaged event still fails, as ``store.damaged``), and the
# structure code cattrs generates without it is much faster. Their amounts and numbers
# are in the plain form, never in a language.
_stored = make_converter(detailed_validation=False, lang=None)
_STRUCTURE: dict[str, Callable[[Any, Any], Any]] = {}


def _structure_fact(name: str, data: dict[str, Any]) -> Any:
    hook = _STRUCTURE.get(name)
    if hook is None:
        hook = _STRUCTURE[name] = _stored.get_structure_hook(EVENT_TYPES_BY_NAME[name])
    return hook(data, EVENT_TYPES_BY_NAME[name])


def fact_to_dict(fact: Any) -> dict[str, Any]:
    data: dict[str, Any] = converter.unstructure(fact, Fact)
    version = getattr(type(fact), "class_version", 1)
    if version > 1:
        data["v"] = version  # events of version 1 carry no "v", as they always did
    return data


def fact_from_dict(data: dict[str, Any]) -> Any:
    """Read a stored event dict; older versions are upcast step by step.

    An event class that changed shape has ``class_version = N`` and static methods
    ``upcast_v1_v2``, ``upcast_v2_v3``, … that turn a stored dict of one version into
    the next (eventsourcing's convention), so old logs keep loading unchanged."""
    name = data.get(TAG)
    if name not in EVENT_TYPES_BY_NAME:
        raise ValueError(f"unknown event type {name!r}")
    cls = EVENT_TYPES_BY_NAME[str(name)]
    version = 1
    if "v" in data or getattr(cls, "class_version", 1) > 1:
        data = dict(data)  # upcasters may change what they are given: never the caller's dict
        version = int(data.pop("v", 1))
    while version < getattr(cls, "class_version", 1):
        data = getattr(cls, f"upcast_v{version}_v{version + 1}")(data)
        version += 1
    return _structure_fact(str(name), data)


def to_json_data(obj: Any) -> Any:
    """Plain JSON data (dicts, lists, strings, numbers) for any botu value or view."""
    return converter.unstructure(obj)


def terms_to_data(terms: AgreementTerms) -> dict[str, Any]:
    """The JSON document of a version's terms (``terms_from_data`` reads it back)."""
    data: dict[str, Any] = to_json_data(terms)
    return {key: data[key] for key in TERMS_KEYS}


__all__ = [
    "EVENT_TYPES", "command_converter", "converter", "fact_from_dict", "fact_to_dict", "structure",
    "terms_to_data", "to_json_data",
]
