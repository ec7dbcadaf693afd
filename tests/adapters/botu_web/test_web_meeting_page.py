"""A page per meeting: what was decided there, the opinions given, who came, the minutes;
and the minutes form says that minutes are public unless kept for members."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from botu_core import Cooperations, MeetingKind, RecordMeeting
from web_helpers import sent_form


def test_each_meeting_on_the_list_links_to_its_page(make_client: Any, store_path: Any) -> None:
    app = Cooperations(str(store_path))
    listed = make_client().get("/meetings").text
    for meeting in app.view_as("member").meetings("botu"):
        assert f'href="/meetings/{meeting.id}"' in listed
    app.close()


def test_the_meeting_page_shows_its_decisions_opinions_attendees_and_minutes(make_client: Any,
                                                                            store_path: Any) -> None:
    app = Cooperations(str(store_path))
    meeting = app.view_as("member").meetings("botu")[5]  # meeting-8: the energy budget of 2021
    decision = next(d for d in app.view_as("member").decisions("botu") if d.meeting_id == meeting.id)
    public = app.view_as("public")
    page = html.unescape(make_client().get(f"/meetings/{meeting.id}").text)
    assert f"<h1>{meeting.title}</h1>" in page and "20 oktober 2021" in page
    assert meeting.minutes in page
    assert decision.subject in page and decision.text in page
    shown = next(d for d in public.decisions("botu") if d.id == decision.id)
    for opinion in shown.opinions:
        assert opinion.party_name in page
        if opinion.comment:
            assert opinion.comment in page
    names = {p.id: p.name for p in public.parties("botu")}
    for party_id in meeting.attendees:
        assert names[party_id] in page
    # A resident's name and comment are for members only, as on the decisions page.
    hidden = [o for o in decision.opinions if o.party_name not in {o.party_name for o in shown.opinions}]
    assert hidden and all(o.party_name not in page for o in hidden)
    member = html.unescape(make_client("member").get(f"/meetings/{meeting.id}").text)
    assert all(o.party_name in member for o in decision.opinions)
    app.close()


def test_the_meeting_page_shows_the_disagreements_discussed_there(make_client: Any, store_path: Any) -> None:
    app = Cooperations(str(store_path))
    disagreement = app.disagreements("botu")[0]
    page = html.unescape(make_client().get(f"/meetings/{disagreement.discussed_at[0]}").text)
    assert disagreement.about in page
    app.close()


def test_an_unknown_meeting_is_not_found(make_client: Any) -> None:
    assert make_client().get("/meetings/meeting-999").status_code == 404
    assert make_client("coordinator").get("/meetings/new").status_code == 200  # the form stays the form


def test_the_minutes_form_says_minutes_are_public(make_client: Any) -> None:
    form = make_client("coordinator").get("/meetings/new").text
    assert "Het verslag is openbaar" in form
    assert 'name="minutes_members_only"' in form and "Alleen voor leden" in form
    english = make_client("coordinator").get("/meetings/new?lang=en").text
    assert "The minutes are public" in english and "Members only" in english


def test_members_only_minutes_show_as_such_to_the_public(make_client: Any, store_path: Any) -> None:
    coordinator = make_client("coordinator")
    sent_form(coordinator, "/meetings/new", {"kind": "plenary", "held_on": "2021-12-20", "title": "Besloten",
                                             "minutes": "Priya vertelde over haar huur.", "minutes_members_only": "on"})
    app = Cooperations(str(store_path))
    meeting = next(m for m in app.view_as("member").meetings("botu") if m.title == "Besloten")
    assert meeting.minutes_members_only and meeting.held_on == dt.date(2021, 12, 20)
    app.close()
    for path in ("/meetings", f"/meetings/{meeting.id}"):
        public = make_client().get(path).text
        assert "Priya vertelde" not in public and "(alleen voor leden)" in public, path
        assert "(members only)" in make_client().get(path + "?lang=en").text
        assert "Priya vertelde over haar huur." in make_client("member").get(path).text
    # Without the box the minutes are public, as before.
    sent_form(coordinator, "/meetings/new", {"kind": "plenary", "held_on": "2021-12-21", "title": "Open",
                                             "minutes": "Iedereen mag dit lezen."})
    assert "Iedereen mag dit lezen." in make_client().get("/meetings").text


def test_the_api_hides_members_only_minutes_from_visitors(make_client: Any, store_path: Any,
                                                        tokens: dict[str, str]) -> None:
    app = Cooperations(str(store_path))
    app.execute("botu", RecordMeeting(kind=MeetingKind.PLENARY, held_on=dt.date(2021, 12, 20), title="Besloten",
                                      minutes="Priya vertelde over haar huur.", minutes_members_only=True))
    app.close()
    visitor = make_client().get("/api/v1/cooperations/botu/meetings").json()
    shown = next(m for m in visitor if m["title"] == "Besloten")
    assert shown["minutes"] == "" and shown["minutes_members_only"] is True
    member = make_client().get("/api/v1/cooperations/botu/meetings",
                               headers={"authorization": f"Bearer {tokens['member']}"}).json()
    assert next(m for m in member if m["title"] == "Besloten")["minutes"] == "Priya vertelde over haar huur."
