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


