from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from botu_core import InvalidInput, Money


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("12500", 1_250_000),
        ("12500.00", 1_250_000),
        ("12.500,00", 1_250_000),
        ("12500,5", 1_250_050),
        ("€ 50.000,00", 5_000_000),
        ("1.234.567,89", 123_456_789),
        ("1,234,567.89", 123_456_789),
        ("0.01", 1),
    ],
)
def test_amounts_are_read_as_people_write_them(text: str, cents: int) -> None:
    assert Money.parse(text).cents == cents


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("12.500", "amount.ambiguous"),
        ("12,345.678", "amount.fractional_cents"),
        ("0,001", "amount.fractional_cents"),
        ("0.001", "amount.ambiguous"),
        ("abc", "amount.invalid"),
        ("", "amount.invalid"),
        ("1e5", "amount.invalid"),
        ("12,50,00", "amount.invalid"),
        ("NaN", "amount.invalid"),
        ("99999999999999", "amount.too_large"),
    ],
)
def test_unreadable_amounts_are_refused_with_a_reason(text: str, code: str) -> None:
    with pytest.raises(InvalidInput) as error:
        Money.parse(text)
    assert error.value.code == code
    assert error.value.message_nl and error.value.message_en


def test_floats_are_never_money() -> None:
    with pytest.raises(InvalidInput):
        Money.parse(0.1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        Money(12.5)  # type: ignore[arg-type]


@given(st.integers(min_value=-(10**11), max_value=10**11))
def test_money_round_trips_through_its_text_forms(cents: int) -> None:
    money = Money(cents)
    assert Money.parse(str(money)) == money
    assert Money.parse(money.dutch().replace("€ ", "")) == money
    assert Money.parse(money.english().replace("€ ", "")) == money
    assert money.decimal == Decimal(cents) / 100


def test_dutch_and_english_forms() -> None:
    assert Money.parse("12500").dutch() == "€ 12.500,00"
    assert Money.parse("12500").english() == "€ 12,500.00"
    assert str(Money.parse("12500")) == "12500.00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12,5", "12.5"), ("12.5", "12.5"), ("1.250,5", "1250.5"), ("1,250.5", "1250.5"), (" 14 200,5 ", "14200.5"),
     ("-3", "-3"), (7, "7")],
)
def test_numbers_are_read_as_people_write_them(text: object, expected: str) -> None:
    from decimal import Decimal

    from botu_core import parse_number

    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "twaalf", "1,2,3,4.5.6x", "NaN", "Infinity", True, None, 1.5])
def test_a_number_that_is_not_one_is_refused_in_dutch_and_english(text: object) -> None:
    from botu_core import InvalidInput, parse_number

    with pytest.raises(InvalidInput) as error:
        parse_number(text)
    assert error.value.code == "input.invalid_number"
    assert "/" in str(error.value)  # Dutch / English
