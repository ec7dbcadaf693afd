"""The library's commands as web input: a URL name, a JSON body type, and one way to build them.

The JSON body types (msgspec structs) are made from the attrs command classes, so the
OpenAPI schema follows the library. Amounts and decimal numbers travel as strings, so
nothing is rounded through a float, and read in the request's language (Dutch "25.000"
and "12,50", English "25,000" and "12.50"; the plain form the API writes, "12500.00",
is English). Building a command goes through the library's own converter for that
language, so the library's validators decide and its error codes come back
(``InvalidInput`` → 400, ``RuleViolation`` → 422).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from decimal import Decimal
from typing import Any

import attrs
import msgspec

from botu_core import (
    COMMANDS,
    AdoptAgreement,
    AgreementTerms,
    CastBallot,
    CloseRound,
    InvalidInput,
    Money,
    OpenRound,
    ReviseAgreement,
    SubmitProposal,
    terms_from_data,
    structure,
    terms_to_data,
)

# The commands the web gives: the library's COMMANDS and the participatory rounds'
# (those live in botu_core.participatory). ImportRound reads a pabulib file: CLI only.
ROUND_COMMANDS: tuple[type, ...] = (OpenRound, SubmitProposal, CastBallot, CloseRound)
WEB_COMMANDS: tuple[type, ...] = (*COMMANDS, *ROUND_COMMANDS)

# URL names: JoinParty -> join-party
COMMAND_NAMES: dict[str, type] = {re.sub(r"(?<!^)(?=[A-Z])", "-", cls.__name__).lower(): cls for cls in WEB_COMMANDS}
NAME_OF: dict[type, str] = {cls: name for name, cls in COMMAND_NAMES.items()}


class ClauseIn(msgspec.Struct, kw_only=True):
    key: str
    text: str


# What the agreement commits to: a JSON object of the library's ``Commitments`` fields. The
# library reads it (``terms_from_data``: each key checked and named when wrong); a key left
# out keeps the value of the version revised, or the library's default for a first version.
CommitmentsIn = dict[str, Any]


class TermsIn(msgspec.Struct, kw_only=True):
    title: str
    values: list[ClauseIn]
    goals: list[ClauseIn]
    working_agreements: list[ClauseIn]
    end_date: dt.date
    organisation: str = ""
    commitments: CommitmentsIn = msgspec.field(default_factory=dict)


def _json_type(tp: Any) -> Any:
    """The JSON-facing type of an attrs field type."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _json_type(args[0]) if len(args) == 1 else Any
        return inner | None
    if origin is tuple:
        (item, *_rest) = typing.get_args(tp)
        return list[_json_type(item)]  # type: ignore[misc]
    if tp is Money or tp is Decimal:
        return str
    if tp is AgreementTerms:
        return TermsIn
    if origin is dict:
        _key, value = typing.get_args(tp)
        return dict[str, _json_type(value)]  # type: ignore[misc]
    if origin is list:
        return list[_json_type(typing.get_args(tp)[0])]  # type: ignore[misc]
    if tp in (str, int, bool, dt.date) or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
        return tp
    if attrs.has(tp):
        return _body_type(tp, suffix="In")
    return Any


_BODIES: dict[tuple[type, str], type] = {}


def _body_type(cls: type, suffix: str = "Body") -> type:
    """A msgspec struct with the fields of an attrs class (nested attrs classes too)."""
    if (cls, suffix) in _BODIES:
        return _BODIES[(cls, suffix)]
    hints = typing.get_type_hints(cls)
    fields: list[Any] = []
    for field in attrs.fields(cls):
        json_type = _json_type(hints[field.name])
        if field.default is attrs.NOTHING:
            fields.append((field.name, json_type))
        else:
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = msgspec.field(default_factory=default.factory)
            elif isinstance(default, tuple):
                default = msgspec.field(default_factory=list)
            elif isinstance(default, enum.Enum):
                pass
            fields.append((field.name, json_type, default))
    body = msgspec.defstruct(f"{cls.__name__}{suffix}", fields, kw_only=True, forbid_unknown_fields=False)
    _BODIES[(cls, suffix)] = body
    return body


BODY_TYPES: dict[type, type] = {cls: _body_type(cls) for cls in WEB_COMMANDS}


def complete_terms(read: Any, coop: str, cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The terms of an adopt or revise command read by the library, with the commitments left
    out kept from the version in force (a revision never resets them to BoTu's by omission)."""
    if cls not in (AdoptAgreement, ReviseAgreement) or not isinstance(data.get("terms"), dict):
        return data
    base = read.agreement(coop).commitments if cls is ReviseAgreement and read.agreement_versions(coop) else None
    given = {k: v for k, v in data["terms"].items() if v is not None or k == "commitments"}
    given.setdefault("commitments", {})
    if given["commitments"] is None:
        given["commitments"] = {}
    return {**data, "terms": terms_to_data(terms_from_data(given, base))}


def build_command(cls: type, data: dict[str, Any], lang: str | None) -> Any:
    """A command from plain data, through the library's one converter (``botu_core.structure``):
    refused with its coded ``InvalidInput`` when it does not fit. Amounts and numbers are read
    in ``lang`` ('nl', 'en'), or with None in the plain form. Fields left empty (None) take
    the command's default; what the page sends besides the command's fields is not passed on."""
    if not isinstance(data, dict):
        raise InvalidInput("input.not_an_object", command=cls.__name__)
    names = {field.name for field in attrs.fields(cls)}
    return structure(cls, {k: v for k, v in data.items() if v is not None and k in names}, lang=lang)


def body_to_data(body: msgspec.Struct) -> dict[str, Any]:
    data: dict[str, Any] = msgspec.to_builtins(body)
    return data
