"""The public pages: they show the example history, in Dutch by default and English by choice."""

from __future__ import annotations

import re
from typing import Any

import pytest

PUBLIC_PAGES = ["/", "/agreement", "/agreement?version=1", "/projects", "/projects/project-1", "/budget",
                "/budget?year=2021", "/meetings", "/decisions", "/disagreements", "/compliance", "/benefits",
                "/parties", "/login", "/register"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_show_without_login(path: str, make_client: Any) -> None:
    response = make_client().get(path)
    assert response.status_code == 200, response.text[:500]
    assert '<html lang="nl">' in response.text
    assert "<main" in response.text and "<h1" in response.text
    # No script is needed (nor served): every page works without JavaScript.
    assert "<script" not in response.text


def test_the_budget_page_shows_the_money_of_2021(make_client: Any) -> None:
    text = make_client().get("/budget").text
    # € 50.000 from each source; the example allocated € 45.000 of Aardgasvrij... see the numbers.
    assert "BoTu2028 2021" in text and "Aardgasvrij 2021" in text
    assert "€ 50.000,00" in text
    # BoTu2028: 25.000 + 12.500 allocated, so 12.500 left.
    assert "€ 12.500,00" in text


def test_charts_are_accessible_svg_with_a_text_alternative(make_client: Any) -> None:
    client = make_client()
    for path, chart in (("/budget", "budget-chart"), ("/meetings", "meetings-chart"), ("/benefits", "benefits-chart")):
        text = client.get(path).text
        svg = re.search(r"<svg[^>]*>", text)
        assert svg is not None, path
        assert 'role="img"' in svg.group(0) and f'aria-labelledby="{chart}-title {chart}-desc"' in svg.group(0)
        assert f'<title id="{chart}-title">' in text and f'<desc id="{chart}-desc">' in text
        assert "<figcaption>" in text and "<table" in text  # the same numbers as a table
    meetings = client.get("/meetings").text
    assert "min. 3" in meetings  # BoTu's agreement asks for three, from the data
    desc = re.search(r'<desc id="meetings-chart-desc">([^<]*)</desc>', meetings)
    assert desc is not None and "2021: 3 bijeenkomsten, afgesproken minstens 3" in desc.group(1)


def test_english_by_switch_and_by_accept_language(make_client: Any) -> None:
    client = make_client()
    english = client.get("/budget?lang=en")
    assert '<html lang="en">' in english.text and "The energy budget" in english.text
    assert "€ 50,000.00" in english.text
    # The choice is remembered in a cookie.
    assert '<html lang="en">' in client.get("/projects").text
    other = make_client()
    assert '<html lang="en">' in other.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).text
    assert '<html lang="nl">' in other.get("/", headers={"Accept-Language": "nl-NL,en;q=0.5"}).text
    assert '<html lang="nl">' in other.get("/", headers={"Accept-Language": "fr-FR"}).text


def test_every_form_field_has_a_label(make_client: Any) -> None:
    client = make_client("coordinator")
    for path in ("/meetings/new", "/budget/allocate", "/decisions/new", "/evaluations/new", "/agreement/revise",
                 "/projects/new", "/agreement/sign", "/disagreements/new"):
        text = client.get(path).text
        ids = re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', text)
        assert ids, path
        for field_id in ids:
            assert f'for="{field_id}"' in text, (path, field_id)


def test_unknown_pages_are_404_in_dutch(make_client: Any) -> None:
    response = make_client().get("/bestaat-niet")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet." in response.text
    assert make_client().get("/projects/project-99").status_code == 404


def test_pages_say_what_they_are_for_anonymous_visitors(make_client: Any) -> None:
    """Personal notes (PS) and contact details are for members, not for anonymous visitors."""
    anonymous = make_client().get("/agreement").text
    assert "PS:" not in anonymous
    member = make_client("member").get("/agreement").text
    assert "PS:" in member
    parties = make_client().get("/parties").text
    assert "06 1234 5678" not in parties
    assert "06 1234 5678" in make_client("member").get("/parties").text


def test_an_empty_store_says_how_to_load_the_example(tmp_path: Any) -> None:
    from litestar.testing import TestClient

    from botu_web import create_app

    app = create_app(str(tmp_path / "leeg.db"))
    with TestClient(app) as client:
        response = client.get("/")
        assert response.status_code == 200
        assert "botu example load botu-2021" in response.text
