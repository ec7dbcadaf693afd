"""Helpers of the web app tests: the accounts per role, CSRF tokens, logging in."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

PASSWORD = "een-lang-wachtwoord"

# Accounts of the template store, per role (see botu_web.auth for what each may do).
ACCOUNTS: dict[str, dict[str, Any]] = {
    # Fatima El Amrani was chosen as coordinator in the example history.
    "coordinator": {"username": "fatima", "kind": "member", "party": "Fatima El Amrani"},
    "member": {"username": "henk", "kind": "member", "party": "Henk de Vries"},
    "account": {"username": "nieuw", "kind": "member", "party": None},
    "auditor": {"username": "controle", "kind": "auditor", "party": None},
}
ROLES = ("anonymous", "account", "member", "coordinator", "auditor")


def csrf(client: TestClient[Any], path: str = "/login") -> str:
    """The CSRF token the site gives (it comes as a cookie with any page)."""
    client.get(path, follow_redirects=False)
    token = client.cookies.get("botu_csrf")
    assert token, "the site should set a CSRF cookie"
    return str(token)


def login(client: TestClient[Any], username: str, password: str = PASSWORD) -> Any:
    token = csrf(client)
    response = client.post("/login", data={"username": username, "password": password, "_csrf_token": token},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return response


def events_in(app_of: Any, slug: str = "botu") -> int:
    """How many events the cooperation's log holds (after catching up)."""
    app_of.catch_up()
    return int(app_of.cooperation(slug).events)


def send_form(client: TestClient[Any], path: str, data: dict[str, Any], page: str = "/") -> Any:
    """Post a form with the CSRF token a visit to ``page`` gives; the redirect is not followed."""
    token = csrf(client, page)
    return client.post(path, data={**data, "_csrf_token": token}, follow_redirects=False)


def sent_form(client: TestClient[Any], path: str, data: dict[str, Any], page: str = "/") -> Any:
    """``send_form`` for a form the library takes: it answers with a redirect (303)."""
    response = send_form(client, path, data, page)
    assert response.status_code == 303, (path, response.status_code, response.text[-1500:])
    return response


def with_peer(app: Any, host: str) -> Any:
    """The app as seen from the socket address ``host`` (the test client's own peer is no address)."""

    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            scope = {**scope, "client": (host, 40000)}
        await app(scope, receive, send)

    return asgi
