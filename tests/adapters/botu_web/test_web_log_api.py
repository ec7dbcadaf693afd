"""Following the log over HTTP: pages with a cursor, and the Server-Sent Events stream."""

from __future__ import annotations

import json
import threading
from typing import Any

from botu_core import Cooperations, JoinParty, PartyKind, to_json_data

LOG = "/api/v1/cooperations/botu/log"


def hidden_phones(app: Cooperations) -> set[str]:
    """The phone numbers of people who did not consent to share them."""
    return {p.phone for p in app.parties("botu", show_contact=True) if p.phone and not p.share_contact}


def pages(client: Any, limit: int, headers: dict[str, str] | None = None) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    after = 0
    while True:
        page = client.get(f"{LOG}/entries", params={"after": after, "limit": limit}, headers=headers or {}).json()
        if not page["entries"]:
            assert page["next"] == after
            return entries
        entries += page["entries"]
        after = page["next"]
        assert after == entries[-1]["position"]


def events_of(text: str) -> list[dict[str, Any]]:
    """The ``entry`` events of a Server-Sent Events body, with their ids."""
    out = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":"))
        if fields.get("event") == "entry":
            out.append({"id": int(fields["id"]), **json.loads(fields["data"])})
    return out


def test_pages_follow_the_whole_log_with_the_next_cursor(make_client: Any, app_of: Cooperations) -> None:
    entries = pages(make_client(), limit=7)
    expected = to_json_data(list(app_of.follow(cooperation="botu")))
    assert entries == expected and len(entries) == len(app_of.events_of("botu"))


def test_anonymous_callers_see_the_public_log_and_members_theirs(
    make_client: Any, app_of: Cooperations, tokens: dict[str, str]
) -> None:
    app_of.execute("botu", JoinParty(name="Kees Stil", kind=PartyKind.RESIDENT, phone="06 1111 2222"))
    phones = hidden_phones(app_of)
    henk = app_of.party("botu", "Henk de Vries", show_contact=True)
    assert henk.phone in phones and "06 1111 2222" in phones
    public = json.dumps(pages(make_client(), limit=50))
    assert not any(phone in public for phone in phones)
    assert "Henk de Vries" not in public
    member = json.dumps(pages(make_client(), limit=50, headers={"Authorization": f"Bearer {tokens['member']}"}))
    assert "Henk de Vries" in member and henk.phone in member  # Henk sees his own number
    assert not any(phone in member for phone in phones - {henk.phone})
    logged_in = json.dumps(pages(make_client("member"), limit=50))  # a session, as a browser has
    assert logged_in == member


def test_bad_positions_and_limits_are_refused(make_client: Any) -> None:
    client = make_client()
    for params in ({"after": -1}, {"after": "twee"}, {"limit": 0}, {"limit": 5000}):
        assert client.get(f"{LOG}/entries", params=params).status_code == 400
    assert client.get("/api/v1/cooperations/onbekend/log/entries").status_code == 422
    assert client.get(f"{LOG}/stream", headers={"Last-Event-ID": "x"}).status_code == 400


def test_the_stream_sends_the_same_records_with_their_positions(make_client: Any, app_of: Cooperations) -> None:
    client = make_client()
    expected = to_json_data(list(app_of.follow(cooperation="botu", limit=5)))
    response = client.get(f"{LOG}/stream", params={"after": 0, "limit": 5})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    events = events_of(response.text)
    assert [e.pop("id") for e in events] == [e["position"] for e in expected]
    assert events == expected
    # A reconnecting EventSource sends the last id it saw and goes on from there.
    again = events_of(client.get(f"{LOG}/stream", params={"limit": 2}, headers={"Last-Event-ID": str(expected[2]["position"])}).text)
    assert [e["position"] for e in again] == [expected[3]["position"], expected[4]["position"]]


def test_the_stream_waits_for_new_events(make_client: Any, app_of: Cooperations) -> None:
    client = make_client()
    last = list(app_of.follow(cooperation="botu"))[-1].position
    timer = threading.Timer(0.5, lambda: app_of.execute("botu", JoinParty(name="Buurtcentrum", kind=PartyKind.INITIATIVE)))
    timer.start()
    events = events_of(client.get(f"{LOG}/stream", params={"after": last, "limit": 1}, timeout=60).text)
    timer.join()
    assert [(e["type"], e["data"]["name"]) for e in events] == [("PartyJoined", "Buurtcentrum")]
    assert events[0]["id"] > last
