"""On the web: a registration waits for a coordinator, and ballots stay secret.

An account that joins through the join form (POST /join) or the API is pending: its
ballot is refused, in Dutch first, and nothing is written; the coordinators' page of
parties lists it with a "Bevestigen / Confirm" form (the API's route comes from the
library's ``ConfirmParty``). The log the API gives coordinators and auditors holds no
voter id of any ballot.
"""

from __future__ import annotations

from typing import Any

from web_helpers import events_in, send_form, sent_form

COOP = "/api/v1/cooperations/botu"


def _bearer(tokens: dict[str, str], role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens[role]}"}


def _round_with_a_proposal(client: Any, tokens: dict[str, str]) -> str:
    coordinator = _bearer(tokens, "coordinator")
    opened = {"title": "Buurtbudget", "year": 2021, "decision": "decision-2", "rule": "greedy",
              "funds": [{"source": "BoTu2028", "amount": "2000"}]}
    assert client.post(f"{COOP}/commands/open-round", json=opened, headers=coordinator).status_code == 201
    proposed = client.post(f"{COOP}/commands/submit-proposal", headers=_bearer(tokens, "member"),
                           json={"round": "round-1", "title": "Zon op de school", "cost": "1500", "plan": "Panelen",
                                 "by": "Henk de Vries"})
    assert proposed.status_code == 201, proposed.text
    return str(proposed.json()["id"])


def test_a_registration_through_the_join_form_waits_for_a_coordinator(make_client: Any, tokens: dict[str, str],
                                                                      app_of: Any) -> None:
    proposal = _round_with_a_proposal(make_client(), tokens)
    sanne = make_client("account")
    sent_form(sanne, "/join", {"name": "Sanne Bakker", "kind": "resident"})
    app_of.catch_up()
    party = app_of.party("botu", "Sanne Bakker")
    assert party.confirmed is False
    assert [p.id for p in app_of.pending_parties("botu")] == [party.id]

    # She cannot vote yet (her role is 'pending'), and nothing is written.
    before = events_in(app_of)
    refused = send_form(sanne, "/rounds/vote", {"round": "round-1", "approvals": [proposal]}, page="/rounds")
    assert refused.status_code == 403 and "wacht nog op bevestiging" in refused.text
    assert events_in(app_of) == before
    # Nor can a coordinator cast a ballot for her: the library's round rules refuse, in Dutch first.
    refused = make_client().post(f"{COOP}/commands/cast-ballot", headers=_bearer(tokens, "coordinator"),
                                 json={"round": "round-1", "approvals": [proposal], "voter": party.id})
    assert refused.status_code == 422 and refused.json()["code"] == "party.not_confirmed"
    assert refused.json()["message_nl"] == ("Sanne Bakker is nog niet bevestigd door een coördinator. "
                                            "Na de bevestiging kunt u stemmen en voorstellen doen.")
    assert events_in(app_of) == before
    fatima = make_client("coordinator")

    # A member sees no confirm form; the coordinators' page of parties lists her with one.
    assert "/parties/confirm" not in make_client("member").get("/parties").text
    page = fatima.get("/parties").text
    assert "Wachten op bevestiging" in page and f'name="party" value="{party.id}"' in page and "Bevestigen" in page
    sent_form(fatima, "/parties/confirm", {"party": party.id}, page="/parties")
    app_of.catch_up()
    assert app_of.party("botu", party.id).confirmed is True
    assert "Wachten op bevestiging" not in fatima.get("/parties").text

    # Now she votes, once.
    sent_form(sanne, "/rounds/vote", {"round": "round-1", "approvals": [proposal]}, page="/rounds")
    app_of.catch_up()
    assert app_of.round("botu", "round-1").voters == 1


def test_the_api_joins_pending_and_has_a_route_to_confirm(make_client: Any, tokens: dict[str, str],
                                                          app_of: Any) -> None:
    client = make_client()
    joined = client.post(f"{COOP}/commands/join-party", json={"name": "Sanne Bakker", "kind": "resident"},
                         headers=_bearer(tokens, "account"))
    assert joined.status_code == 201
    party = joined.json()["id"]
    app_of.catch_up()
    assert app_of.party("botu", party).confirmed is False
    assert "/api/v1/cooperations/{coop}/commands/confirm-party" in client.get("/schema/openapi.json").json()["paths"]
    assert client.post(f"{COOP}/commands/confirm-party", json={"party": party},
                       headers=_bearer(tokens, "member")).status_code == 403
    confirmed = client.post(f"{COOP}/commands/confirm-party", json={"party": party},
                            headers=_bearer(tokens, "coordinator"))
    assert confirmed.status_code == 201 and confirmed.json() == {"id": party}
    app_of.catch_up()
    assert app_of.party("botu", party).confirmed is True
    listed = client.get(f"{COOP}/parties/{party}", headers=_bearer(tokens, "coordinator")).json()
    assert listed["confirmed"] is True


def test_the_api_log_shows_no_voter_of_any_ballot(make_client: Any, tokens: dict[str, str], app_of: Any) -> None:
    client = make_client()
    proposal = _round_with_a_proposal(client, tokens)
    for role in ("member", "coordinator"):
        voter = "Henk de Vries" if role == "member" else "Fatima El Amrani"
        voted = client.post(f"{COOP}/commands/cast-ballot", json={"round": "round-1", "approvals": [proposal],
                                                                   "voter": voter},
                            headers=_bearer(tokens, role))
        assert voted.status_code == 201
        assert voted.json()["id"].startswith("round-1:")  # the receipt
    app_of.catch_up()
    parties = {p.id for p in app_of.parties("botu")}
    for role in ("coordinator", "auditor"):
        log = client.get(f"{COOP}/log", headers=_bearer(tokens, role))
        assert log.status_code == 200
        ballots = [e for e in log.json() if e["type"] == "BallotCast"]
        assert len(ballots) == 2, role
        for entry in ballots:
            assert "voter_id" not in entry["data"]
            assert not {str(v) for v in entry["data"].values() if isinstance(v, str)} & parties, (role, entry)
