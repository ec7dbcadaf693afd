"""Dates as people read them, in Dutch and English, through Babel: "12 maart 2026",
"12 March 2026". The library's messages, the command line and the web all write dates
this way, so an error says the same date as the page it is shown on."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_datetime

# The languages people read and write dates and numbers in, and the Babel locale of each:
# Dutch 25.000 and 12,50, English 25,000 and 12.50. Here, at the bottom, so that values
# (which parse numbers) and errors (which show dates) can both read it.
NUMBER_LOCALES = {"nl": "nl_NL", "en": "en"}


def _locale(lang: str) -> str:
    return NUMBER_LOCALES.get(lang, NUMBER_LOCALES["nl"])


def show_date(value: dt.date | None, lang: str = "nl") -> str:
    """A day in words ('12 maart 2026'); a dash when there is none."""
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, "d MMMM y", locale=_locale(lang))


def show_datetime(value: dt.datetime, lang: str = "nl") -> str:
    """A moment: the day in words and the time ('12 maart 2026 14:05')."""
    return format_datetime(value, "d MMMM y HH:mm", tzinfo=value.tzinfo, locale=_locale(lang))


__all__ = ["show_date", "show_datetime"]
