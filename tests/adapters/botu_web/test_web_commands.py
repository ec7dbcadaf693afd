"""Amounts from the web (botu_web.commands.build_command): forms and the JSON API read
them in the request's language. A malformed amount is refused (400) with the two forms
of that language, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from markupsafe import escape

from web_helpers import events_in, send_form, sent_form

COOP = "/api/v1/cooperations/botu"


def _available(app_of: Any, source: str, year: int = 2022) -> str:
    app_of.catch_up()
    return str({line.source: line.available for line in app_of.budget("botu", year)}[source])


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("nl", "25.000", "25000.00"), ("nl", "12,50", "12.50"), ("nl", "1.250.000,05", "1250000.05"),
    ("en", "25,000", "25000.00"), ("en", "12.50", "12.50"), ("en", "1,250,000.05", "1250000.05"),
])
def test_a_form_reads_the_amount_in_the_pages_language(make_client: Any, app_of: Any, lang: str, text: str,
                                                        expected: str) -> None:
    fatima = make_client("coordinator")
    fatima.cookies.set("botu_lang", lang)
    sent_form(fatima, "/budget/funds", {"source": "Wijkfonds", "year": "2022", "amount": text})
    assert _available(app_of, "Wijkfonds") == expected


@pytest.mark.parametrize(("lang", "text", "message"), [
    ("nl", "1.5,5", "Schrijf een bedrag als 25.000 of 12,50"),
    ("nl", "100,5.5", "Schrijf een bedrag als 25.000 of 12,50"),
    ("nl", "12.3,4", "Schrijf een bedrag als 25.000 of 12,50"),
    ("nl", "12500.00", "Schrijf een bedrag als 25.000 of 12,50"),
    ("nl", "25,000", "meer dan twee cijfers achter de komma"),
    ("en", "1.5,5", "Write an amount as 25,000 or 12.50"),
    ("en", "12,50", "Write an amount as 25,000 or 12.50"),
    ("en", "25.000", "more than two decimals"),
])
def test_a_malformed_amount_on_a_form_is_refused_and_nothing_is_written(make_client: Any, app_of: Any, lang: str,
                                                                         text: str, message: str) -> None:
    fatima = make_client("coordinator")
    fatima.cookies.set("botu_lang", lang)
    before = events_in(app_of)
    response = send_form(fatima, "/budget/funds", {"source": "Wijkfonds", "year": "2022", "amount": text})
    assert response.status_code == 400
    assert str(escape(message)) in response.text
    assert events_in(app_of) == before


def test_numbers_on_a_form_are_read_in_the_pages_language(make_client: Any, app_of: Any) -> None:
    fatima = make_client("coordinator")
    sent_form(fatima, "/projects/measure", {"project": "project-1", "indicator": "indicator-1", "value": "1.250,5"})
    before = events_in(app_of)
    refused = send_form(fatima, "/projects/measure", {"project": "project-1", "indicator": "indicator-1",
                                                      "value": "1.5,5"})
    assert refused.status_code == 400 and "Schrijf een getal als 1.250 of 12,5" in refused.text
    assert events_in(app_of) == before
    measurements = next(i for i in app_of.project("botu", "project-1").indicators if i.id == "indicator-1").measurements
    assert str(measurements[-1].value) == "1250.5"


@pytest.mark.parametrize(("lang", "text", "expected"), [
    (None, "25.000", "25000.00"), ("nl", "12.500,50", "12500.50"), ("en", "25,000", "25000.00"),
    ("en", "25000.50", "25000.50"),  # the plain form the API writes is English
])
def test_the_api_reads_amounts_in_the_requests_language(make_client: Any, tokens: dict[str, str], app_of: Any,
                                                         lang: str | None, text: str, expected: str) -> None:
    headers = {"Authorization": f"Bearer {tokens['coordinator']}", **({"Accept-Language": lang} if lang else {})}
    done = make_client().post(f"{COOP}/commands/make-funds-available",
                              json={"source": "Wijkfonds", "year": 2022, "amount": text}, headers=headers)
    assert done.status_code == 201, done.text
    assert _available(app_of, "Wijkfonds") == expected


def test_a_malformed_amount_on_the_api_is_refused_in_either_language(make_client: Any, tokens: dict[str, str],
                                                                     app_of: Any) -> None:
    client = make_client()
    before = events_in(app_of)
    for text in ("1.5,5", "100,5.5", "12.3,4", "1e5", "12,50,0", "NaN", "١٢"):
        for lang in ("nl", "en"):
            refused = client.post(f"{COOP}/commands/make-funds-available",
                                  json={"source": "Wijkfonds", "year": 2022, "amount": text},
                                  headers={"Authorization": f"Bearer {tokens['coordinator']}", "Accept-Language": lang})
            assert refused.status_code == 400, (text, lang, refused.text)
            assert refused.json()["code"] in ("amount.invalid", "amount.fractional_cents")
    assert events_in(app_of) == before
