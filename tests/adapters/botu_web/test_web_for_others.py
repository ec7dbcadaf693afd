"""A coordinator enters facts for others: parties with or without an account (invited to
make one later), a disagreement on someone's behalf, and the dates things happened on.
Members' own facts stay dated by the server. Every action /account lists works."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from web_helpers import PASSWORD, csrf, events_in, login, send_form, sent_form

from botu_core import Cooperations
from botu_web import AccountStore
from botu_web.forms import FORMS
from botu_core.permissions import SELF_FIELDS


@pytest.fixture
def secretary(app_of: Cooperations) -> str:
    """A coordinator granted in the cooperation, without a party of her own."""
    accounts = AccountStore.for_app(app_of)
    account = accounts.create("secretaris", PASSWORD, kind="coordinator", coop_id=str(app_of.resolve("botu")))
    accounts.close()
    return account.username


def _listed_actions(client: TestClient[Any]) -> list[str]:
    page = client.get("/account")
    assert page.status_code == 200
    section = page.text.split("Wat u kunt doen", 1)
    return re.findall(r'<li><a href="([^"]+)">', section[1]) if len(section) == 2 else []


@pytest.mark.parametrize("role", ["secretary", "coordinator", "member", "account", "auditor"])
def test_every_action_the_account_page_lists_opens_for_that_account(
    role: str, make_client: Callable[..., TestClient[Any]], secretary: str
) -> None:
    if role == "secretary":
        client = make_client()
        login(client, secretary)
    else:
        client = make_client(role)
    actions = _listed_actions(client)
    if role in ("secretary", "coordinator", "member"):
        assert actions, role
    for path in actions:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 200, (role, path, response.status_code, response.text[-400:])
        # A form that acts for a party either names the viewer's own, or asks for whom.
        spec = next((f for f in FORMS if f.path == path.partition("?")[0]), None)
        field = SELF_FIELDS.get(spec.command_name) if spec is not None else None
        if field is not None:
            assert "U doet dit als" in response.text or f'name="{field}"' in response.text, (role, path)


def test_a_coordinator_without_a_party_raises_a_disagreement_for_a_resident_on_a_past_date(
    make_client: Callable[..., TestClient[Any]], secretary: str, app_of: Cooperations
) -> None:
    client = make_client()
    login(client, secretary)
    form = client.get("/disagreements/new")
    assert form.status_code == 200
    assert 'name="by"' in form.text and 'name="on"' in form.text
    henk = app_of.party("botu", "Henk de Vries").id
    sent_form(client, "/disagreements/new", {"by": henk, "about": "De route van de wandeling",
                                              "on": "2021-09-14"})
    raised = [d for d in app_of.disagreements("botu") if d.about == "De route van de wandeling"]
    assert len(raised) == 1
    assert raised[0].raised_by == henk and raised[0].raised_on == dt.date(2021, 9, 14)


def test_a_members_own_facts_stay_dated_by_the_server(
    make_client: Callable[..., TestClient[Any]], app_of: Cooperations
) -> None:
    client = make_client("member")
    form = client.get("/disagreements/new")
    assert 'name="on"' not in form.text and 'name="by"' not in form.text
    sent_form(client, "/disagreements/new", {"about": "Het geluid van de warmtepomp", "on": "2021-01-05"})
    raised = [d for d in app_of.disagreements("botu") if d.about == "Het geluid van de warmtepomp"]
    assert len(raised) == 1 and raised[0].raised_on == app_of.clock().date()


def test_a_coordinator_adds_a_party_without_an_account_and_invites_it_later(
    make_client: Callable[..., TestClient[Any]], app_of: Cooperations
) -> None:
    client = make_client("coordinator")
    assert 'href="/parties/new"' in client.get("/parties").text
    before = events_in(app_of)
    sent_form(client, "/parties/new", {"name": "Bakkerij Zoet", "kind": "entrepreneur", "on": "2021-10-02"})
    assert events_in(app_of) == before + 1
    party = app_of.party("botu", "Bakkerij Zoet")
    assert party.joined_on == dt.date(2021, 10, 2)
    # The coordinator's own account is untouched: adding a party does not make it hers.
    assert "Fatima El Amrani" in client.get("/account").text

    invited = send_form(client, "/parties/invite", {"party": party.id}, page="/parties")
    assert invited.status_code == 201, invited.text[-500:]
    link = re.search(r'<code id="invitation">https?://[^/]+(/invite/[A-Za-z0-9_-]+)</code>', invited.text)
    assert link is not None, invited.text[-1500:]

    guest = make_client()
    page = guest.get(link.group(1))
    assert page.status_code == 200 and "Bakkerij Zoet" in page.text
    made = guest.post(link.group(1), data={"username": "bakker", "password": PASSWORD, "password2": PASSWORD,
                                           "_csrf_token": csrf(guest, link.group(1))}, follow_redirects=False)
    assert made.status_code == 303, made.text[-500:]
    assert "Bakkerij Zoet" in guest.get("/account").text
    # An invitation is used once.
    again = make_client()
    assert again.get(link.group(1)).status_code == 404


def test_only_those_who_act_for_others_add_parties_or_invite(
    make_client: Callable[..., TestClient[Any]], app_of: Cooperations
) -> None:
    client = make_client("member")
    assert client.get("/parties/new").status_code == 403
    henk = app_of.party("botu", "Henk de Vries").id
    assert send_form(client, "/parties/invite", {"party": henk}, page="/parties").status_code == 403
    assert 'href="/parties/new"' not in client.get("/parties").text
