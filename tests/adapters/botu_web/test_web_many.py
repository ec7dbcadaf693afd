"""One server for many cooperations: each under its own path /c/<slug>/…, a front page
listing them, and a session that is coordinator in one cooperation is nobody in another."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from web_helpers import ACCOUNTS, events_in, login, send_form

from botu_core import Cooperations
from botu_web import create_app


@pytest.fixture
def many(store_path: Path) -> Iterator[Callable[..., TestClient[Any]]]:
    """The example store with a second cooperation, served as many cooperations."""
    app = Cooperations(str(store_path))
    app.create_cooperation("Energiekring Spangen", slug="spangen", neighbourhood="Spangen")
    web_app = create_app(app, many=True)

    def make(role: str = "anonymous") -> TestClient[Any]:
        client = TestClient(web_app, base_url="http://testserver.local")
        if role != "anonymous":
            login(client, ACCOUNTS[role]["username"])
        return client

    yield make
    app.close()


def _links(html: str) -> list[str]:
    return re.findall(r'(?:href|action)="([^"#]*)', html)


def test_the_front_page_lists_every_cooperation(many: Callable[..., TestClient[Any]]) -> None:
    page = many().get("/")
    assert page.status_code == 200
    assert 'href="/c/botu/"' in page.text and 'href="/c/spangen/"' in page.text
    assert "Energiekring Spangen" in page.text


def test_every_link_of_a_cooperation_page_stays_under_its_path(many: Callable[..., TestClient[Any]]) -> None:
    client = many("coordinator")
    for path in ("/c/botu/", "/c/botu/agreement", "/c/botu/meetings/new", "/c/botu/account", "/c/botu/parties"):
        page = client.get(path)
        assert page.status_code == 200, (path, page.text[-500:])
        links = [link for link in _links(page.text) if link.startswith("/")]
        assert links
        outside = [link for link in links if not link.startswith(("/c/botu/", "/static/", "/schema/"))]
        # Only the link to the list of all cooperations leaves the cooperation.
        assert outside in ([], ["/"]), (path, outside)


def test_a_form_sent_under_a_cooperation_path_goes_back_under_it(
    many: Callable[..., TestClient[Any]], app_of: Cooperations
) -> None:
    client = many("coordinator")
    before = events_in(app_of)
    response = send_form(client, "/c/botu/decisions/propose", {"subject": "Zonnepanelen", "text": "Op het dak."},
                         page="/c/botu/")
    assert response.status_code == 303
    assert response.headers["location"] == "/c/botu/decisions?done=propose"
    assert events_in(app_of) == before + 1


def test_a_coordinator_of_one_cooperation_may_not_write_in_another(
    many: Callable[..., TestClient[Any]], app_of: Cooperations
) -> None:
    client = many("coordinator")
    assert client.get("/c/botu/decisions/propose").status_code == 200
    assert client.get("/c/spangen/decisions/propose").status_code == 403
    before = events_in(app_of, "spangen")
    response = send_form(client, "/c/spangen/decisions/propose", {"subject": "Wind", "text": "Een molen."},
                         page="/c/spangen/")
    assert response.status_code == 403
    assert events_in(app_of, "spangen") == before


def test_an_unknown_cooperation_path_is_not_found(many: Callable[..., TestClient[Any]]) -> None:
    assert many().get("/c/nergens/agreement").status_code == 404


def test_a_fixed_cooperation_keeps_the_single_paths(make_client: Callable[..., TestClient[Any]]) -> None:
    page = make_client("coordinator").get("/agreement")
    assert page.status_code == 200
    assert 'href="/projects"' in page.text and "/c/botu/" not in page.text


def test_botu_serve_serves_a_store_of_several_cooperations_whole(
    monkeypatch: pytest.MonkeyPatch, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import botu_web.server
    from botu_cli.main import main

    seen: list[tuple[Any, Any]] = []
    monkeypatch.setattr(botu_web.server, "serve", lambda store, **options: seen.append((options["coop"], options["many"])))
    db = str(store_path)
    assert main(["--db", db, "serve"]) == 0  # one cooperation: today's paths
    assert main(["--db", db, "serve", "--all"]) == 0
    app = Cooperations(db)
    app.create_cooperation("Energiekring Spangen", slug="spangen")
    app.close()
    assert main(["--db", db, "serve"]) == 0  # several: each under its own path
    assert main(["--db", db, "--coop", "spangen", "serve"]) == 0
    assert seen == [(None, False), (None, True), (None, True), ("spangen", False)]
    capsys.readouterr()
