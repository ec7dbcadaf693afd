"""Reading arguments: amounts, dates, years, numbers and choices, in the language of the
run. The library does the parsing and gives the coded errors; here only what the command
line adds (the whole list of choices)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, overload

from botu_core import InvalidInput, Money, parse_date, parse_enum, parse_number

from .state import state
from .texts import CliError


def amount(text: str) -> Money:
    """An amount in the language of the run (--lang, else LANG): Dutch 25.000 or 12,50,
    English 25,000 or 12.50."""
    return Money.parse(text, state().lang)


def date(text: str | None) -> dt.date | None:
    return None if text is None else parse_date(text)


@overload
def year(text: str) -> int: ...
@overload
def year(text: None) -> None: ...
@overload
def year(text: str | None) -> int | None: ...
def year(text: str | None) -> int | None:
    if text is None:
        return None
    value = text.strip()
    if not value.isdigit():
        raise InvalidInput("input.invalid_year", value=text)
    return int(value)


@overload
def number(text: str) -> Decimal: ...
@overload
def number(text: None) -> None: ...
@overload
def number(text: str | None) -> Decimal | None: ...
def number(text: str | None) -> Decimal | None:
    return None if text is None else parse_number(text, state().lang)


def choice(enum_type: type[Any], value: str | None, option: str) -> Any:
    if value is None:
        return None
    try:
        return parse_enum(enum_type, value.strip(), option)
    except InvalidInput:
        # The library cuts long messages; here the whole list of choices is shown.
        choices = ", ".join(str(m.value) for m in enum_type)
        raise CliError("cli.invalid_choice", value=value, field=option, choices=choices) from None
