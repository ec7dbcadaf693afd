"""Starting on the web: an installation's coordinator founds a cooperation and adopts its
first agreement from the starting template, each recorded only after a preview."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from web_helpers import PASSWORD, csrf, login, send_form

from botu_core import Cooperations, agreement_template
from botu_core.permissions import INSTALLATION
from botu_web import AccountStore, create_app


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[TestClient[Any], Cooperations]]:
    """An empty store served as many cooperations, with an installation coordinator and a visitor's account."""
    app = Cooperations(str(tmp_path / "leeg.db"))
    accounts = AccountStore.for_app(app)
    boss = accounts.create("gemeente", PASSWORD)
    accounts.grant(boss.id, INSTALLATION, "coordinator")
    accounts.create("bewoner", PASSWORD)
    accounts.close()
    yield TestClient(create_app(app, many=True), base_url="http://testserver.local"), app
    app.close()


def _form_data(html: str) -> dict[str, Any]:
    """What a browser sends for a form as it is shown (text, text areas, checked boxes, choices)."""
    data: dict[str, Any] = {}
    for name, value in re.findall(r'<input id="[^"]*" name="([^"]+)" value="([^"]*)"', html):
        data[name] = value.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")
    for name, value in re.findall(r'<textarea id="[^"]*" name="([^"]+)"[^>]*>([^<]*)</textarea>', html, re.S):
        data[name] = value.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")
    for name, value in re.findall(r'type="radio" id="[^"]*" name="([^"]+)" value="([^"]+)" checked', html):
        data[name] = value
    for name in re.findall(r'type="checkbox" id="[^"]*" name="([^"]+)" value="on" checked', html):
        data[name] = "on"
    return data


def test_an_installation_coordinator_founds_a_cooperation_and_adopts_the_template(
    site: tuple[TestClient[Any], Cooperations],
) -> None:
    client, app = site
    login(client, "gemeente")
    assert 'href="/cooperations/new"' in client.get("/").text
    founded = send_form(client, "/cooperations/new", {"name": "Energiekring Spangen", "slug": "spangen",
                                                       "neighbourhood": "Spangen", "founded_on": "2024-01-01"})
    assert founded.status_code == 303, founded.text[-800:]
    assert founded.headers["location"] == "/c/spangen/agreement/adopt"
    assert [c.slug for c in app.cooperations()] == ["spangen"]

    assert 'href="/c/spangen/agreement/adopt"' in client.get("/c/spangen/agreement").text
    form = client.get("/c/spangen/agreement/adopt")
    assert form.status_code == 200
    template = agreement_template()
    assert template["title"] in form.text and 'name="plenary_meetings_per_year"' in form.text
    data = {**_form_data(form.text), "plenary_meetings_per_year": "4", "consultation": "quarterly"}
    preview = send_form(client, "/c/spangen/agreement/adopt", data, page="/c/spangen/")
    assert preview.status_code == 200, preview.text[-800:]
    assert "plenaire bijeenkomsten per jaar: 4" in preview.text
    assert app.agreement_versions("spangen") == []
    done = send_form(client, "/c/spangen/agreement/adopt", {**data, "confirm": "yes"}, page="/c/spangen/")
    assert done.status_code == 303, done.text[-800:]
    agreement = app.agreement("spangen")
    assert agreement.title == template["title"]
    assert agreement.commitments.plenary_meetings_per_year == 4
    # Now the agreement can be revised, not adopted again.
    account = client.get("/c/spangen/account").text
    assert 'href="/c/spangen/agreement/revise"' in account and "/agreement/adopt" not in account


def test_others_may_not_found_a_cooperation(site: tuple[TestClient[Any], Cooperations]) -> None:
    client, app = site
    login(client, "bewoner")
    assert 'href="/cooperations/new"' not in client.get("/").text
    assert client.get("/cooperations/new").status_code == 403
    token = csrf(client, "/")
    sent = client.post("/cooperations/new", data={"name": "Eigen club", "_csrf_token": token},
                       follow_redirects=False)
    assert sent.status_code == 403
    assert app.cooperations() == []
