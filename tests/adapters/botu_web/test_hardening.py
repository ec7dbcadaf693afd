"""What holds for every answer and every form: security headers (HSTS over https), UTF-8 forms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from botu_core import Cooperations
from botu_web import create_app
from web_helpers import PASSWORD, csrf, events_in, with_peer

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options")


def assert_secured(response: Any) -> None:
    missing = [name for name in SECURITY_HEADERS if name not in response.headers]
    assert not missing, (response.request.method, response.request.url, response.status_code, missing)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_every_answer_has_the_security_headers(make_client: Any, tokens: dict[str, str]) -> None:
    client = make_client()
    member = make_client("member")
    answers = {
        "page": client.get("/"),
        "static file": client.get("/static/style.css"),
        "404 page": client.get("/bestaat-niet"),
        "404 API": client.get("/api/v1/bestaat-niet"),
        "405": client.post("/", data={}),
        "405 API": client.delete("/api/v1/me"),
        "HEAD": client.head("/"),
        "401 API": client.get("/api/v1/me", headers={"Authorization": "Bearer botu_verzonnen"}),
        "403 CSRF": member.post("/logout", follow_redirects=False),
        "403 role": member.get("/meetings/new", follow_redirects=False),
        "403 API": client.post("/api/v1/cooperations/botu/commands/record-meeting", json={},
                               headers={"Authorization": f"Bearer {tokens['member']}"}),
    }
    assert {name: r.status_code for name, r in answers.items()} == {
        "page": 200, "static file": 200, "404 page": 404, "404 API": 404, "405": 405, "405 API": 405, "HEAD": 405,
        "401 API": 401, "403 CSRF": 403, "403 role": 403, "403 API": 403,
    }
    for response in answers.values():
        assert_secured(response)
        assert "strict-transport-security" not in response.headers  # plain http


def test_an_internal_error_has_the_security_headers(make_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client()

    def broken() -> str:
        raise RuntimeError("stuk")

    monkeypatch.setattr(client.app.state.web, "coop_id", broken)
    page = client.get("/")
    assert page.status_code == 500 and "Er ging iets mis in botu" in page.text
    assert_secured(page)


@pytest.fixture
def web_app(store_path: Path) -> Iterator[Any]:
    app = Cooperations(str(store_path))
    yield lambda **options: create_app(app, **options)
    app.close()


def test_hsts_only_when_the_request_came_over_https(web_app: Any) -> None:
    plain = web_app()
    over_tls = TestClient(plain, base_url="https://testserver.local")
    for path in ("/", "/bestaat-niet"):
        response = over_tls.get(path)
        assert_secured(response)
        assert response.headers["strict-transport-security"] == "max-age=31536000"
    # X-Forwarded-Proto from anyone but a trusted proxy is not believed (none by default) ...
    forged = TestClient(with_peer(plain, "127.0.0.1")).get("/", headers={"x-forwarded-proto": "https"})
    assert "strict-transport-security" not in forged.headers
    # ... from a trusted proxy it is, and the session cookie is Secure then too.
    proxied = web_app(trusted_proxies=["10.0.0.2"])
    behind = TestClient(with_peer(proxied, "10.0.0.2"))
    response = behind.get("/bestaat-niet", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 404 and response.headers["strict-transport-security"] == "max-age=31536000"
    token = csrf(behind)
    login = behind.post("/login", data={"username": "henk", "password": PASSWORD, "_csrf_token": token},
                        headers={"x-forwarded-proto": "https"}, follow_redirects=False)
    assert login.status_code == 303
    assert "Secure" in next(c for c in login.headers.get_list("set-cookie") if c.startswith("botu_session="))


MEETING = "kind=plenary&held_on=2021-11-30&title="


def test_a_form_that_is_not_utf8_is_refused_and_nothing_is_recorded(make_client: Any, app_of: Any) -> None:
    client = make_client("coordinator")
    before = events_in(app_of)
    token = csrf(client, "/meetings/new")
    form = {"content-type": "application/x-www-form-urlencoded"}
    bodies = {
        "percent-encoded": f"{MEETING}%FF%FEkapot&_csrf_token={token}".encode(),
        "raw bytes": MEETING.encode() + b"\xff\xfekapot&_csrf_token=" + token.encode(),
        "overlong": f"{MEETING}%C0%AF&_csrf_token={token}".encode(),
    }
    for name, body in bodies.items():
        refused = client.post("/meetings/new", content=body, headers=form, follow_redirects=False)
        assert refused.status_code == 400, (name, refused.status_code)
        assert "niet goed gecodeerd" in refused.text and "UTF-8" in refused.text
        assert_secured(refused)
    boundary = "grens"
    multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf_token\"\r\n\r\n{token}\r\n"
                 f"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n").encode() + \
        b"\xff\xfe\r\n" + f"--{boundary}--\r\n".encode()
    refused = client.post("/meetings/new", content=multipart, follow_redirects=False,
                          headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert refused.status_code == 400 and "niet goed gecodeerd" in refused.text
    english = client.post("/meetings/new", content=bodies["percent-encoded"], follow_redirects=False,
                          headers={**form, "accept-language": "en"})
    assert english.status_code == 400 and "The text is not encoded properly: botu reads only UTF-8." in english.text
    assert events_in(app_of) == before
    # Proper UTF-8 (percent-encoded, as browsers send it) goes through as it always did.
    fine = client.post("/meetings/new", content=f"{MEETING}Caf%C3%A9+overleg&_csrf_token={token}".encode(),
                       headers=form, follow_redirects=False)
    assert fine.status_code == 303
    assert events_in(app_of) == before + 1
    assert any(m.title == "Café overleg" for m in app_of.meetings("botu"))
