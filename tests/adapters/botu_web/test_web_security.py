"""Accounts and security: argon2 hashes, cookies, CSRF, API tokens (login limits: test_login_limits)."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient
from sqlalchemy import create_engine, text

from botu_core import Cooperations
from botu_web import AccountStore, create_app
from web_helpers import PASSWORD, csrf, login


def test_passwords_are_stored_as_argon2id_hashes(store_path: Any) -> None:
    engine = create_engine(f"sqlite:///{store_path}")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT username, password_hash FROM web_accounts")).all()
    engine.dispose()
    assert rows
    for _name, hashed in rows:
        assert hashed.startswith("$argon2id$") and PASSWORD not in hashed


def test_session_cookie_is_httponly_and_samesite(make_client: Any) -> None:
    client = make_client()
    response = login(client, "henk")
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("botu_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "Secure" not in cookie  # plain http in this test


def test_cookies_are_secure_behind_tls(store_path: Any) -> None:
    app = Cooperations(str(store_path))
    try:
        with TestClient(create_app(app, secure_cookies=True)) as client:
            page = client.get("/login")
            csrf_cookie = next(c for c in page.headers.get_list("set-cookie") if c.startswith("botu_csrf="))
            assert "Secure" in csrf_cookie and "HttpOnly" in csrf_cookie
            token = client.cookies.get("botu_csrf")
            # httpx keeps Secure cookies only for https; send the token along by hand.
            response = client.post("/login", data={"username": "henk", "password": PASSWORD, "_csrf_token": token},
                                   headers={"cookie": f"botu_csrf={token}"}, follow_redirects=False)
            assert response.status_code == 303
            cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("botu_session="))
            assert "Secure" in cookie and "HttpOnly" in cookie
    finally:
        app.close()


def test_every_form_needs_the_csrf_token(make_client: Any, app_of: Any) -> None:
    client = make_client("coordinator")
    events = app_of.cooperation("botu").events
    data = {"kind": "plenary", "held_on": "2021-11-30", "title": "Zonder token"}
    no_token = client.post("/meetings/new", data=data, follow_redirects=False)
    assert no_token.status_code == 403
    assert "Dit formulier is verlopen" in no_token.text
    wrong = client.post("/meetings/new", data={**data, "_csrf_token": "vals"}, follow_redirects=False)
    assert wrong.status_code == 403
    # The login form and logging out are protected too.
    assert make_client().post("/login", data={"username": "henk", "password": PASSWORD}).status_code == 403
    assert client.post("/logout", follow_redirects=False).status_code == 403
    app_of.catch_up()
    assert app_of.cooperation("botu").events == events
    token = csrf(client, "/meetings/new")
    ok = client.post("/meetings/new", data={**data, "_csrf_token": token}, follow_redirects=False)
    assert ok.status_code == 303
    app_of.catch_up()
    assert app_of.cooperation("botu").events == events + 1


def test_logging_out_ends_the_session(make_client: Any) -> None:
    client = make_client("member")
    assert client.get("/agreement/sign").status_code == 200
    token = csrf(client, "/")
    assert client.post("/logout", data={"_csrf_token": token}, follow_redirects=False).status_code == 303
    assert client.get("/agreement/sign", follow_redirects=False).status_code == 303


def test_tokens_can_be_created_and_revoked(store_path: Any, make_client: Any) -> None:
    app = Cooperations(str(store_path))
    accounts = AccountStore.for_app(app)
    try:
        fatima = accounts.by_username("fatima")
        assert fatima is not None
        token_id, secret = accounts.create_token(fatima.id, "script")
        client = make_client()
        headers = {"Authorization": f"Bearer {secret}"}
        assert client.get("/api/v1/me", headers=headers).json()["role"] == "coordinator"
        accounts.revoke_token(token_id)
        refused = client.get("/api/v1/me", headers=headers)
        assert refused.status_code == 401 and refused.json()["code"] == "auth.bad_token"
        assert client.get("/api/v1/me", headers={"Authorization": "Bearer botu_verzonnen"}).status_code == 401
    finally:
        accounts.close()
        app.close()


def test_a_coordinator_makes_and_revokes_a_token_on_the_account_page(make_client: Any) -> None:
    client = make_client("coordinator")
    token = csrf(client, "/account")
    made = client.post("/account/tokens", data={"_csrf_token": token, "label": "begroting"})
    assert made.status_code == 201
    import re

    match = re.search(r'<code id="new-token">([^<]+)</code>', made.text)
    assert match is not None
    secret = match.group(1)
    api = make_client()
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).json()["role"] == "coordinator"
    ids = re.findall(r'action="/account/tokens/(\d+)/revoke"', made.text)
    revoke = client.post(f"/account/tokens/{ids[-1]}/revoke", data={"_csrf_token": token}, follow_redirects=False)
    assert revoke.status_code == 303
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_login_next_only_goes_to_this_site(make_client: Any) -> None:
    client = make_client()
    token = csrf(client)
    response = client.post("/login", data={"username": "henk", "password": PASSWORD, "_csrf_token": token,
                                           "next": "https://elders.example/"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/?")


def test_security_headers(make_client: Any) -> None:
    response = make_client().get("/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
