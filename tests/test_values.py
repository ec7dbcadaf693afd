from __future__ import annotations

import re
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from botu_core import InvalidInput, Money, name_key, parse_number

LOCALES = {"nl": "nl_NL", "en": "en"}


@pytest.mark.parametrize(
    ("text", "lang", "cents"),
    [
        ("25.000", "nl", 2_500_000),
        ("12,50", "nl", 1_250),
        ("12500", "nl", 1_250_000),
        ("12.500,00", "nl", 1_250_000),
        ("12500,5", "nl", 1_250_050),
        ("€ 50.000,00", "nl", 5_000_000),
        ("1.234.567,89", "nl", 123_456_789),
        ("0,01", "nl", 1),
        ("-12.500,00", "nl", -1_250_000),
        ("25,000", "en", 2_500_000),
        ("12.50", "en", 1_250),
        ("12500", "en", 1_250_000),
        ("12500.00", "en", 1_250_000),
        ("€ 50,000.00", "en", 5_000_000),
        ("1,234,567.89", "en", 123_456_789),
        ("0.01", "en", 1),
    ],
)
def test_amounts_are_read_in_the_users_language(text: str, lang: str, cents: int) -> None:
    assert Money.parse(text, lang).cents == cents


def test_amounts_are_read_in_dutch_unless_told_otherwise() -> None:
    assert Money.parse("25.000") == Money.parse("25.000", "nl") == Money(2_500_000)


@pytest.mark.parametrize(
    ("text", "lang", "code"),
    [
        # A malformed amount is never read as some other number.
        ("100,5.5", "nl", "amount.invalid"),
        ("100,5.5", "en", "amount.invalid"),
        ("1.5,5", "nl", "amount.invalid"),
        ("1.5,5", "en", "amount.invalid"),
        ("12.3,4", "nl", "amount.invalid"),
        ("12.3,4", "en", "amount.invalid"),
        # The other language's form is refused, never misread.
        ("12.50", "nl", "amount.invalid"),
        ("12500.00", "nl", "amount.invalid"),
        ("12,500.00", "nl", "amount.invalid"),
        ("12,50", "en", "amount.invalid"),
        ("12.500,00", "en", "amount.invalid"),
        ("1.000.000", "en", "amount.invalid"),
        # Three digits after the decimal sign: not cents (an English 25,000 under Dutch).
        ("25,000", "nl", "amount.fractional_cents"),
        ("25.000", "en", "amount.fractional_cents"),
        ("0,001", "nl", "amount.fractional_cents"),
        ("12,345.678", "en", "amount.fractional_cents"),
        ("abc", "nl", "amount.invalid"),
        ("", "nl", "amount.invalid"),
        ("1e5", "nl", "amount.invalid"),
        ("1_000", "nl", "amount.invalid"),
        ("١٢", "nl", "amount.invalid"),
        ("１２", "en", "amount.invalid"),
        ("12 500", "nl", "amount.invalid"),
        ("12,50,00", "nl", "amount.invalid"),
        ("NaN", "nl", "amount.invalid"),
        ("Infinity", "en", "amount.invalid"),
        ("99999999999999", "nl", "amount.too_large"),
    ],
)
def test_unreadable_amounts_are_refused_with_a_reason(text: str, lang: str, code: str) -> None:
    with pytest.raises(InvalidInput) as error:
        Money.parse(text, lang)
    assert error.value.code == code
    assert error.value.message_nl and error.value.message_en


def test_a_malformed_amount_shows_both_forms_of_its_language() -> None:
    with pytest.raises(InvalidInput) as dutch:
        Money.parse("100,5.5", "nl")
    assert "Schrijf een bedrag als 25.000 of 12,50" in dutch.value.message("nl")
    with pytest.raises(InvalidInput) as english:
        Money.parse("100,5.5", "en")
    assert "Write an amount as 25,000 or 12.50" in english.value.message("en")


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(InvalidInput) as error:
        Money.parse("12", "fr")
    assert error.value.code == "input.invalid_choice"


def test_floats_are_never_money() -> None:
    with pytest.raises(InvalidInput):
        Money.parse(0.1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        Money(12.5)  # type: ignore[arg-type]


def test_ints_and_decimals_are_read_as_they_are() -> None:
    assert Money.parse(12500) == Money.parse(12500, "en") == Money(1_250_000)
    assert Money.parse(Decimal("12.5"), "nl") == Money.parse(Decimal("12.5"), "en") == Money(1_250)
    with pytest.raises(InvalidInput) as error:
        Money.parse(Decimal("0.001"))
    assert error.value.code == "amount.fractional_cents"


@pytest.mark.parametrize(("text", "cents"), [("12500", 1_250_000), ("12500.5", 1_250_050), ("12500.00", 1_250_000),
                                             ("-3.10", -310), ("0", 0)])
def test_the_plain_form_of_machines(text: str, cents: int) -> None:
    assert Money.parse_plain(text).cents == cents


@pytest.mark.parametrize("text", ["12.500,00", "12,50", "25.000", "1,000", "1e3", " 12", "12.", ".5", "+5", "١٢", "", "12.345"])
def test_the_plain_form_is_strict(text: str) -> None:
    with pytest.raises(InvalidInput):
        Money.parse_plain(text)


CENTS = st.integers(min_value=-(10**11), max_value=10**11)


@given(CENTS, st.sampled_from(["nl", "en"]))
def test_money_round_trips_through_its_text_forms(cents: int, lang: str) -> None:
    money = Money(cents)
    assert Money.parse_plain(str(money)) == money
    assert Money.parse(money.show(lang), lang) == money
    assert Money.parse(money.show(lang).replace("€ ", ""), lang) == money
    assert money.decimal == Decimal(cents) / 100


@given(CENTS, st.sampled_from(["nl", "en"]), st.sampled_from(["#,##0.00", "#,##0.##", "0.00", "0.##", "#,##0.0#"]))
def test_what_babel_writes_in_a_language_is_read_back(cents: int, lang: str, pattern: str) -> None:
    value = Decimal(cents) / 100
    text = format_decimal(value, format=pattern, locale=LOCALES[lang])
    assert Money.parse(text, lang) == Money(cents)


def _whole_part_is_grouped_as_babel_would(text: str, lang: str, money: Money) -> bool:
    decimal_sign = "," if lang == "nl" else "."
    whole = text.lstrip("-").split(decimal_sign)[0]
    group_sign = "." if lang == "nl" else ","
    if group_sign not in whole:
        return True
    return whole == format_decimal(abs(money.cents) // 100, format="#,##0", locale=LOCALES[lang])


@given(st.text(alphabet="0123456789.,-", max_size=14), st.sampled_from(["nl", "en"]))
def test_random_text_is_read_only_as_a_well_formed_amount(text: str, lang: str) -> None:
    try:
        money = Money.parse(text, lang)
    except InvalidInput:
        return
    decimal_sign = "," if lang == "nl" else "."
    # What was read is what the digits say: the whole part grouped as Babel groups it
    # (or not grouped), at most two decimals after the language's decimal sign.
    assert _whole_part_is_grouped_as_babel_would(text, lang, money)
    digits = text.replace("." if lang == "nl" else ",", "").replace(decimal_sign, ".")
    assert re.fullmatch(r"-?[0-9]+(\.[0-9]{0,2})?", digits), text
    assert Decimal(digits) == money.decimal


@given(st.text(alphabet="0123456789.,", max_size=14))
def test_no_text_means_one_amount_in_dutch_and_another_in_english(text: str) -> None:
    readings = set()
    for lang in ("nl", "en"):
        try:
            readings.add(Money.parse(text, lang))
        except InvalidInput:
            pass
    assert len(readings) <= 1, (text, readings)


def test_dutch_and_english_forms() -> None:
    assert Money.parse("12500").dutch() == "€ 12.500,00"
    assert Money.parse("12500").english() == "€ 12,500.00"
    assert str(Money.parse("12500")) == "12500.00"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [("12,5", "nl", "12.5"), ("12.5", "en", "12.5"), ("1.250,5", "nl", "1250.5"), ("1,250.5", "en", "1250.5"),
     (" 14.200,5 ", "nl", "14200.5"), ("0,125", "nl", "0.125"), ("-3", "nl", "-3"), (7, "nl", "7"),
     (Decimal("12.5"), "nl", "12.5")],
)
def test_numbers_are_read_in_the_users_language(text: object, lang: str, expected: str) -> None:
    assert parse_number(text, lang) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("", "nl"), ("twaalf", "nl"), ("1,2,3,4.5.6x", "nl"), ("NaN", "nl"), ("Infinity", "en"), (True, "nl"),
     (None, "nl"), (1.5, "nl"), ("100,5.5", "nl"), ("1.5,5", "en"), ("12.3,4", "nl"), ("12.5", "nl"),
     ("12,5", "en"), ("1e5", "en"), ("١٢", "nl")],
)
def test_a_number_that_is_not_one_is_refused_in_dutch_and_english(text: object, lang: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_number(text, lang)
    assert error.value.code == "input.invalid_number"
    assert "/" in str(error.value)  # Dutch / English


def test_a_malformed_number_shows_both_forms_of_its_language() -> None:
    with pytest.raises(InvalidInput) as error:
        parse_number("1.5,5", "nl")
    assert "1.250 of 12,5" in error.value.message("nl")
    with pytest.raises(InvalidInput) as error:
        parse_number("1.5,5", "en")
    assert "1,250 or 12.5" in error.value.message("en")


# --- names as people read them --------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Gemeente Rotterdam", "Gemeente  Rotterdam"),  # two spaces
        ("Gemeente Rotterdam", " gemeente rotterdam "),
        ("Gemeente Rotterdam", "GEMEENTE\tROTTERDAM"),
        ("Gemeente Rotterdam", "Gemeente\u00a0Rotterdam"),  # no-break space
        ("Gemeente Rotterdam", "Gemeente\u3000Rotterdam"),  # ideographic space
        ("Gemeente Rotterdam", "Ｇｅｍｅｅｎｔｅ Rotterdam"),  # full-width letters (NFKC)
        ("Gemeente Rotterdam", "Gemeente Rott\u200berdam"),  # zero-width space
        ("Gemeente Rotterdam", "Gemeente\u200b Rotterdam"),
        ("Gemeente Rotterdam", "\ufeffGemeente Rotterdam"),  # byte order mark
        ("Gemeente Rotterdam", "Gemeente Rotter\u00addam"),  # soft hyphen
        ("Gemeente Rotterdam", "Gemeente Rotterdam\u2060"),  # word joiner
        ("Straße", "STRASSE"),  # case folding, not lower()
        ("Café", "Cafe\u0301"),  # composed and decomposed é
        ("ﬁets", "fiets"),  # ligature (NFKC)
    ],
)
def test_names_that_people_read_as_the_same_have_the_same_key(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(("one", "other"), [("Gemeente Rotterdam", "Gemeente Schiedam"), ("Ann", "Anne"),
                                            ("Cafe", "Café"), ("A B", "AB")])
def test_different_names_have_different_keys(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


@given(st.text(max_size=40))
def test_the_name_key_is_its_own_key(text: str) -> None:
    key = name_key(text)
    assert name_key(key) == key
    assert key == key.strip() and "  " not in key
