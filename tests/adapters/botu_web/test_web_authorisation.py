"""Every writing route against every role: anonymous, account (no party yet), member,
coordinator, auditor. The expectations are written out here, not read from the app,
so a change of the app's permission table shows up as a failing test."""

from __future__ import annotations

from typing import Any

import pytest

from botu_core import COMMANDS, CastBallot, CloseRound, OpenRound, SubmitProposal
from botu_web.commands import COMMAND_NAMES

from web_helpers import ROLES, csrf

EVERYONE_LOGGED_IN_WITH_PARTY = {"member", "coordinator"}
COORDINATOR_ONLY = {"coordinator"}

# The forms that write, and who may use them.
FORM_ROUTES: dict[str, set[str]] = {
    # Joining as oneself is for those without a party here; a coordinator adds others.
    "/join": {"account"},
    "/parties/new": COORDINATOR_ONLY,
    "/agreement/sign": EVERYONE_LOGGED_IN_WITH_PARTY,
    "/opinion": EVERYONE_LOGGED_IN_WITH_PARTY,
    "/disagreements/new": EVERYONE_LOGGED_IN_WITH_PARTY,
    "/projects/new": EVERYONE_LOGGED_IN_WITH_PARTY,
    "/meetings/new": COORDINATOR_ONLY,
    "/decisions/propose": COORDINATOR_ONLY,
    "/decisions/new": COORDINATOR_ONLY,
    "/budget/funds": COORDINATOR_ONLY,
    "/budget/allocate": COORDINATOR_ONLY,
    "/evaluations/new": COORDINATOR_ONLY,
    "/agreement/revise": COORDINATOR_ONLY,
    "/agreement/adopt": COORDINATOR_ONLY,
    "/disagreements/resolve": COORDINATOR_ONLY,
    "/rounds/new": COORDINATOR_ONLY,
    "/rounds/propose": EVERYONE_LOGGED_IN_WITH_PARTY,
    "/rounds/vote": EVERYONE_LOGGED_IN_WITH_PARTY,
    "/rounds/close": COORDINATOR_ONLY,
    # The coordinators' bookkeeping (botu_web.workbook_forms).
    "/budget/spend": COORDINATOR_ONLY,
    "/budget/withdraw": COORDINATOR_ONLY,
    "/projects/indicator": COORDINATOR_ONLY,
    "/projects/measure": COORDINATOR_ONLY,
    "/projects/benefit": COORDINATOR_ONLY,
    "/projects/plan": COORDINATOR_ONLY,
    "/projects/contact": COORDINATOR_ONLY,
    "/projects/complete": COORDINATOR_ONLY,
    "/projects/stop": COORDINATOR_ONLY,
    "/disagreements/discuss": COORDINATOR_ONLY,
    "/parties/coordinators": COORDINATOR_ONLY,
    "/parties/confirm": COORDINATOR_ONLY,
}

# The API's commands, and who may give them (with a bearer token).
MEMBER_COMMANDS = {
    "join-party": {"account", "coordinator"},
    "sign-agreement": EVERYONE_LOGGED_IN_WITH_PARTY,
    "give-opinion": EVERYONE_LOGGED_IN_WITH_PARTY,
    "raise-disagreement": EVERYONE_LOGGED_IN_WITH_PARTY,
    "start-project": EVERYONE_LOGGED_IN_WITH_PARTY,
    "change-party-details": EVERYONE_LOGGED_IN_WITH_PARTY,
    "leave-party": EVERYONE_LOGGED_IN_WITH_PARTY,
    "give-contact-consent": EVERYONE_LOGGED_IN_WITH_PARTY,
    "withdraw-contact-consent": EVERYONE_LOGGED_IN_WITH_PARTY,
    "forget-party": EVERYONE_LOGGED_IN_WITH_PARTY,
    "submit-proposal": EVERYONE_LOGGED_IN_WITH_PARTY,
    "cast-ballot": EVERYONE_LOGGED_IN_WITH_PARTY,
}
API_COMMANDS: dict[str, set[str]] = {
    name: MEMBER_COMMANDS.get(name, COORDINATOR_ONLY) for name in COMMAND_NAMES
}


# The participatory rounds' commands (botu_core.participatory, not in COMMANDS); ImportRound
# reads a pabulib file and stays with the CLI.
ROUND_COMMANDS = (OpenRound, SubmitProposal, CastBallot, CloseRound)


def test_every_command_of_the_library_has_an_api_route() -> None:
    expected = {cls.__name__ for cls in (*COMMANDS, *ROUND_COMMANDS)}
    assert expected == {cls.__name__ for cls in COMMAND_NAMES.values()}
    assert len(API_COMMANDS) == len(COMMANDS) + len(ROUND_COMMANDS)
    assert {"open-round", "close-round"} <= {name for name, roles in API_COMMANDS.items() if roles == COORDINATOR_ONLY}


def _events(app_of: Any) -> int:
    app_of.catch_up()
    return int(app_of.cooperation("botu").events)


@pytest.mark.parametrize("route", sorted(FORM_ROUTES))
def test_form_routes_per_role(route: str, make_client: Any, app_of: Any) -> None:
    before = _events(app_of)
    for role in ROLES:
        client = make_client(role)
        allowed = role in FORM_ROUTES[route]
        page = client.get(route, follow_redirects=False)
        if role == "anonymous":
            assert page.status_code == 303 and page.headers["location"].startswith("/login"), (route, role)
        elif allowed:
            assert page.status_code == 200, (route, role, page.text[:500])
            assert f'action="{route}"' in page.text
        else:
            assert page.status_code == 403, (route, role)
            assert f'action="{route}"' not in page.text

        # Sending the form (with a right CSRF token but nothing filled in).
        token = csrf(client, "/")
        sent = client.post(route, data={"_csrf_token": token}, follow_redirects=False)
        if role == "anonymous":
            assert sent.status_code == 401, (route, role)
        elif not allowed:
            assert sent.status_code == 403, (route, role)
        else:
            # Allowed, but empty: the library refuses, and says so in Dutch.
            assert sent.status_code in (400, 422), (route, role, sent.status_code)
            assert "Er is niets vastgelegd." in sent.text
    assert _events(app_of) == before, "no refused form may write anything"


@pytest.mark.parametrize("name", sorted(API_COMMANDS))
def test_api_commands_per_role(name: str, make_client: Any, tokens: dict[str, str], app_of: Any) -> None:
    before = _events(app_of)
    client = make_client()
    for role in ROLES:
        headers = {"Authorization": f"Bearer {tokens[role]}"} if role != "anonymous" else {}
        response = client.post(f"/api/v1/cooperations/botu/commands/{name}", json={}, headers=headers)
        body = response.json()
        if role == "anonymous":
            assert response.status_code == 401 and body["code"] == "auth.required", (name, role, body)
        elif role not in API_COMMANDS[name]:
            assert response.status_code == 403 and body["code"] == "auth.forbidden", (name, role, body)
        else:
            assert response.status_code in (400, 422), (name, role, body)
            # Refused by the library (the body is empty), never by authorisation.
            assert not body["code"].startswith("auth.") or body["code"] == "auth.needs_party", (name, role, body)
    assert _events(app_of) == before


def test_token_routes_are_for_coordinators_only(make_client: Any) -> None:
    for role in ROLES:
        client = make_client(role)
        token = csrf(client, "/")
        response = client.post("/account/tokens", data={"_csrf_token": token, "label": "x"}, follow_redirects=False)
        expected = {"anonymous": 401, "coordinator": 201}.get(role, 403)
        assert response.status_code == expected, role
        revoke = client.post("/account/tokens/1/revoke", data={"_csrf_token": token}, follow_redirects=False)
        if role == "anonymous":
            assert revoke.status_code == 401
        elif role != "coordinator":
            assert revoke.status_code == 403


def test_the_log_is_not_public(make_client: Any, tokens: dict[str, str]) -> None:
    client = make_client()
    assert client.get("/api/v1/cooperations/botu/log").status_code == 401
    for role, status in (("member", 403), ("account", 403), ("coordinator", 200), ("auditor", 200)):
        response = client.get("/api/v1/cooperations/botu/log", headers={"Authorization": f"Bearer {tokens[role]}"})
        assert response.status_code == status, role


def test_a_member_acts_only_as_its_own_party(make_client: Any, tokens: dict[str, str], app_of: Any) -> None:
    """Henk (a member) cannot raise a disagreement in Priya's name: the library refuses, nothing is recorded."""
    client = make_client()
    response = client.post(
        "/api/v1/cooperations/botu/commands/raise-disagreement",
        json={"by": "Priya Ramdin", "about": "Geluid van de warmtepomp"},
        headers={"Authorization": f"Bearer {tokens['member']}"},
    )
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "permission.not_own_party"
    assert not [d for d in app_of.disagreements("botu") if d.about == "Geluid van de warmtepomp"]
    # In his own name, it is recorded.
    response = client.post(
        "/api/v1/cooperations/botu/commands/raise-disagreement",
        json={"by": "Henk de Vries", "about": "Geluid van de warmtepomp"},
        headers={"Authorization": f"Bearer {tokens['member']}"},
    )
    assert response.status_code == 201, response.text
    raised = [d for d in app_of.view_as("member").disagreements("botu") if d.about == "Geluid van de warmtepomp"]
    assert [d.raised_by_name for d in raised] == ["Henk de Vries"]


def test_a_coordinator_of_another_cooperation_is_a_visitor_here(make_client: Any, store_path: Any) -> None:
    """A coordinator account made for a second cooperation in the same store may not
    record meetings in this one, nor read its log, nor see its members' e-mail addresses."""
    from botu_core import Cooperations
    from botu_web import AccountStore

    store = Cooperations(str(store_path))
    twee = store.create_cooperation("Twee", slug="twee")
    accounts = AccountStore.for_app(store)
    admin = accounts.create("tweeadmin", "een-lang-wachtwoord", kind="coordinator", coop_id=twee)
    secret = accounts.create_token(admin.id, "twee")[1]
    accounts.close()
    before = len(store.events_of("botu"))
    store.close()
    client = make_client()
    headers = {"Authorization": f"Bearer {secret}"}

    meeting = client.post("/api/v1/cooperations/botu/commands/record-meeting", headers=headers,
                          json={"kind": "plenary", "held_on": "2021-12-01"})
    assert meeting.status_code == 403, meeting.text
    assert client.get("/api/v1/cooperations/botu/log", headers=headers).status_code == 403
    parties = client.get("/api/v1/cooperations/botu/parties", headers=headers).json()
    assert parties and not any(p.get("email") for p in parties)
    # In its own cooperation it coordinates.
    there = client.post("/api/v1/cooperations/twee/commands/join-party", headers=headers,
                        json={"name": "Gemeente Rotterdam", "kind": "municipality"})
    assert there.status_code == 201, there.text

    again = Cooperations(str(store_path))
    assert len(again.events_of("botu")) == before
    again.close()


def test_old_coordinator_accounts_keep_their_role_only_in_a_store_with_one_cooperation(tmp_path: Any) -> None:
    """Accounts made before roles were per cooperation: a coordinator without a party was
    coordinator everywhere. In a store with one cooperation it stays coordinator of that
    one; in a store with several it holds nothing until granted again."""
    from sqlalchemy import insert

    from botu_core import Actor, Cooperations
    from botu_web import AccountStore
    from botu_web.accounts import accounts_table

    def legacy_store(path: Any, slugs: tuple[str, ...]) -> tuple[Cooperations, list[str]]:
        app = Cooperations(str(path))
        ids = [app.create_cooperation(s.title(), slug=s) for s in slugs]
        raw = AccountStore.for_settings(app.settings)  # the tables, as the old code left them
        with raw.engine.begin() as conn:
            conn.execute(insert(accounts_table).values(username="oud", password_hash="x", kind="coordinator",
                                                       coop_id=None, party_id=None, active=True,
                                                       created_at=__import__("datetime").datetime(2021, 1, 1)))
        raw.close()
        return app, ids

    one, (botu,) = legacy_store(tmp_path / "one.db", ("botu",))
    accounts = AccountStore.for_app(one)
    account = accounts.by_username("oud")
    assert account is not None and one.role(botu, account.actor) == "coordinator"
    accounts.close()
    one.close()

    two, (botu, twee) = legacy_store(tmp_path / "two.db", ("botu", "twee"))
    accounts = AccountStore.for_app(two)
    account = accounts.by_username("oud")
    assert account is not None and account.grants == ()
    assert two.role(botu, account.actor) == two.role(twee, account.actor) == "account"
    assert two.role(botu, Actor("oud")) == "account"
    accounts.close()
    two.close()


def test_a_member_s_facts_are_dated_by_the_server(make_client: Any, tokens: dict[str, str], app_of: Any) -> None:
    """A member cannot back-date what they do: the date in the body is not theirs to choose."""
    client = make_client()
    response = client.post(
        "/api/v1/cooperations/botu/commands/raise-disagreement",
        json={"by": "Henk de Vries", "about": "Terug in de tijd", "on": "2021-07-05"},
        headers={"Authorization": f"Bearer {tokens['member']}"},
    )
    assert response.status_code == 201, response.text
    (raised,) = [d for d in app_of.disagreements("botu") if d.about == "Terug in de tijd"]
    assert raised.raised_on == app_of.clock().date()
