"""One glossary: every code botu shows has a Dutch and an English word, and the command
line, the web and the library's messages all use the same words and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from botu_cli import texts as cli_texts
from botu_web import texts as web_texts

from botu_core import (
    GLOSSARY, Cooperations, InvalidInput, MeetingKind, RecordMeeting, RuleViolation, label, show_date, term,
)
from botu_core.glossary import ENUM_KINDS
from botu_core.participatory.rules import RULE_NAMES
from botu_core.permissions import ROLE_LABELS, ROLES
from botu_core.values import ENUMS

EVERY_TERM = [(kind, code) for kind, part in GLOSSARY.items() for code in part]


@pytest.mark.parametrize(("kind", "code"), EVERY_TERM, ids=[f"{k}:{c}" for k, c in EVERY_TERM])
def test_every_code_has_a_dutch_and_an_english_word(kind: str, code: str) -> None:
    nl, en = GLOSSARY[kind][code]
    assert nl.strip() and en.strip()
    assert label(code, "nl", kind) == nl and label(code, "en", kind) == en


@pytest.mark.parametrize("enum_type", ENUMS, ids=[e.__name__ for e in ENUMS])
def test_every_member_of_the_librarys_enums_is_in_the_glossary(enum_type: type) -> None:
    kind = ENUM_KINDS[enum_type]
    for member in enum_type:
        assert member.value in GLOSSARY[kind], f"{enum_type.__name__}.{member.name}"
        assert term(member) == GLOSSARY[kind][member.value]


def test_every_role_and_every_rule_is_in_the_glossary() -> None:
    assert set(ROLES) == set(GLOSSARY["role"])
    assert ROLE_LABELS is GLOSSARY["role"]
    assert set(RULE_NAMES) == set(GLOSSARY["rule"])


def test_a_code_with_two_meanings_is_told_apart_by_its_kind() -> None:
    assert label("pending", "nl", "decision_status") == "nog niet besloten"
    assert label("pending", "nl", "role") == "wacht op bevestiging"


@pytest.mark.parametrize(("kind", "code"), EVERY_TERM, ids=[f"{k}:{c}" for k, c in EVERY_TERM])
def test_the_command_line_and_the_web_use_the_glossarys_words(kind: str, code: str) -> None:
    for lang in ("nl", "en"):
        assert cli_texts.label(code, lang, kind) == web_texts.label(code, lang, kind) == label(code, lang, kind)


def test_dates_read_the_same_in_messages_the_command_line_and_the_web() -> None:
    day = dt.date(2026, 3, 12)
    assert show_date(day, "nl") == "12 maart 2026" and show_date(day, "en") == "12 March 2026"
    assert cli_texts.show_date(day, "nl") == web_texts.show_date(day, "nl") == "12 maart 2026"
    error = InvalidInput("date.in_future", on=day)
    assert "12 maart 2026" in error.message("nl") and "2026-03-12" not in error.message("nl")
    assert "12 March 2026" in error.message("en")


def test_a_rule_of_the_library_names_its_dates_in_words(memory_app: Cooperations) -> None:
    coop = memory_app.create_cooperation("Energiekring Spangen", slug="spangen")
    with pytest.raises((InvalidInput, RuleViolation)) as caught:
        memory_app.execute(coop, RecordMeeting(kind=MeetingKind.PLENARY, held_on=dt.date(2099, 1, 5)))
    assert "5 januari 2099" in caught.value.message("nl")
    assert "5 January 2099" in caught.value.message("en")


def test_amounts_in_messages_read_as_on_the_pages_in_each_language() -> None:
    from botu_core import Money

    error = RuleViolation("budget.exceeds_left", source="BoTu2028", year=2021, left=Money(100000), amount=Money(250000))
    assert "€ 1.000,00" in error.message("nl") and "€ 2.500,00" in error.message("nl")
    assert "€ 1,000.00" in error.message("en") and "€ 2,500.00" in error.message("en")
