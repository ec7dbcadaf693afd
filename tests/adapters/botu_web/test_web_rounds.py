"""The neighbourhood budget rounds on the web ("Buurtbudget"): a whole round through the
forms, the public pages with the outcome and its recomputation, the JSON API, and what is
refused (by the library, or for the role)."""

from __future__ import annotations

import re
from typing import Any

from botu_core import Money, NotFound, RuleViolation
from botu_core.privacy import PERSON_PLACEHOLDER
from markupsafe import escape

from web_helpers import events_in, send_form, sent_form

COOP = "/api/v1/cooperations/botu"
WRITING_FORMS = ("/rounds/new", "/rounds/propose", "/rounds/vote", "/rounds/close")


def _send(client: Any, path: str, data: dict[str, Any]) -> Any:
    return send_form(client, path, data, page="/rounds")


def _sent(client: Any, path: str, data: dict[str, Any]) -> Any:
    return sent_form(client, path, data, page="/rounds")


def _open_round(client: Any) -> None:
    response = _sent(client, "/rounds/new", {"title": "Buurtbudget 2021", "fund": "BoTu2028|2021",
                                              "amount": "10.000,00", "decision": "decision-2", "rule": "greedy"})
    assert response.headers["location"] == "/rounds?done=round-open"


def _new_member(make_client: Any) -> Any:
    """The 'account' login joins as a resident through the join form and a coordinator
    confirms her: a second member."""
    sanne = make_client("account")
    _sent(sanne, "/join", {"name": "Sanne Bakker", "kind": "resident"})
    page = make_client("coordinator").get("/parties").text
    party = re.search(r'name="party" value="([^"]+)"><span>Sanne Bakker', page)
    assert party is not None, "the coordinators' page lists her registration"
    sent_form(make_client("coordinator"), "/parties/confirm", {"party": party.group(1)}, page="/parties")
    assert "deelnemer" in sanne.get("/rounds").text  # her role in the header is now 'member'
    return sanne


def _checked(page: str) -> set[str]:
    return set(re.findall(r'name="approvals" value="([^"]+)" checked', page))


def test_a_round_from_opening_to_outcome_through_the_forms(make_client: Any, app_of: Any) -> None:
    fatima, henk = make_client("coordinator"), make_client("member")
    sanne = _new_member(make_client)
    anonymous = make_client()

    _open_round(fatima)
    app_of.catch_up()
    (rnd,) = app_of.rounds("botu")
    assert (rnd.id, rnd.budget, rnd.decision_id, rnd.status) == ("round-1", Money(1_000_000), "decision-2", "open")
    listing = anonymous.get("/rounds")
    assert listing.status_code == 200 and "Buurtbudget 2021" in listing.text and "€ 10.000,00" in listing.text

    # Two members each submit a proposal, as their own party (whatever else the form says).
    _sent(henk, "/rounds/propose", {"round": "round-1", "title": "Zonnepanelen op het buurthuis", "cost": "6000",
                                    "plan": "Twaalf panelen op het dak.", "category": "zon", "by": "Priya Ramdin"})
    _sent(sanne, "/rounds/propose", {"round": "round-1", "title": "Isolatie voor de Bellamystraat",
                                     "cost": "5.000,00", "plan": "Vloerisolatie voor tien huizen."})
    proposals = {p.title: p for p in app_of.proposals("botu", "round-1")}
    panels, insulation = proposals["Zonnepanelen op het buurthuis"], proposals["Isolatie voor de Bellamystraat"]
    assert panels.submitted_by == app_of.party("botu", "Henk de Vries").id
    assert insulation.submitted_by == app_of.party("botu", "Sanne Bakker").id
    assert panels.categories == ("zon",)

    # The vote form offers both proposals, labelled with their round.
    form = henk.get("/rounds/vote?round=round-1")
    assert form.status_code == 200
    assert "Zonnepanelen op het buurthuis — € 6.000,00 (ronde: Buurtbudget 2021)" in form.text
    assert '<option value="round-1" selected>' in form.text

    _sent(henk, "/rounds/vote", {"round": "round-1", "approvals": [panels.id]})
    _sent(sanne, "/rounds/vote", {"round": "round-1", "approvals": [panels.id]})
    _sent(fatima, "/rounds/vote", {"round": "round-1", "approvals": [insulation.id]})
    # Sanne changes her ballot: the form starts from her last one, and the new one counts.
    assert _checked(sanne.get("/rounds/vote").text) == {panels.id}
    _sent(sanne, "/rounds/vote", {"round": "round-1", "approvals": [insulation.id]})
    assert _checked(sanne.get("/rounds/vote").text) == {insulation.id}
    assert {p.title: p.approvals for p in app_of.proposals("botu", "round-1")} == {
        "Zonnepanelen op het buurthuis": 1, "Isolatie voor de Bellamystraat": 2}
    assert app_of.round("botu", "round-1").voters == 3
    mine = sanne.get("/rounds/round-1").text
    assert "Uw stem" in mine and "Isolatie voor de Bellamystraat" in mine

    # An anonymous visitor sees the open round, but reaches no writing form and cannot send one.
    before = events_in(app_of)
    page = anonymous.get("/rounds/round-1")
    assert page.status_code == 200 and "Zonnepanelen op het buurthuis" in page.text
    for path in WRITING_FORMS:
        assert f'href="{path}' not in page.text, path
        shown = anonymous.get(path, follow_redirects=False)
        assert shown.status_code == 303 and shown.headers["location"].startswith("/login"), path
        assert _send(anonymous, path, {"round": "round-1", "approvals": [panels.id]}).status_code == 401, path
    assert anonymous.post(f"{COOP}/commands/cast-ballot",
                          json={"round": "round-1", "voter": "Henk de Vries", "approvals": [panels.id]}
                          ).status_code == 401
    assert events_in(app_of) == before
    # A member sees the forms to propose and vote, with the round filled in; not the one to close.
    member_page = henk.get("/rounds/round-1").text
    assert 'href="/rounds/vote?round=round-1"' in member_page
    assert 'href="/rounds/propose?round=round-1"' in member_page
    assert 'href="/rounds/close' not in member_page
    assert 'href="/rounds/close?round=round-1"' in fatima.get("/rounds/round-1").text

    # The coordinator closes the round: most approvals first, and the panels no longer fit.
    _sent(fatima, "/rounds/close", {"round": "round-1"})
    closed = app_of.round("botu", "round-1")
    assert closed.status == "closed" and closed.winners == (insulation.id,)

    page = anonymous.get("/rounds/round-1")
    assert page.status_code == 200
    text = page.text
    assert 'role="img"' in text and 'aria-labelledby="approvals-chart-title approvals-chart-desc"' in text
    assert "<title id=\"approvals-chart-title\">Stemmen per voorstel</title>" in text
    desc = re.search(r'<desc id="approvals-chart-desc">(.*?)</desc>', text)
    assert desc is not None
    assert "Isolatie voor de Bellamystraat: 2 stemmen, € 5.000,00, gekozen" in desc.group(1)
    assert "Zonnepanelen op het buurthuis: 1 stem, € 6.000,00, niet gekozen" in desc.group(1)
    table = text[text.index('id="outcome-table"'):]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]+)</td><td class="num">(\d+)</td>'
                      r'<td>([^<]+)</td></tr>', table)
    assert rows == [("Isolatie voor de Bellamystraat", "€ 5.000,00", "2", "✔ ja, gekozen"),
                    ("Zonnepanelen op het buurthuis", "€ 6.000,00", "1", "nee")]
    verification = text[text.index('id="verification"'):]
    assert re.search(r"Opnieuw uitgerekend: zelfde uitkomst\?</dt><dd><strong>ja</strong>", verification)
    assert closed.input_digest in verification and len(closed.input_digest) == 64
    assert closed.library_version in verification
    assert "Meeste stemmen eerst" in text and "het goedkoopste" in text
    # No more voting: the links are gone, and the library refuses a late ballot.
    assert 'href="/rounds/vote' not in henk.get("/rounds/round-1").text
    late = _send(henk, "/rounds/vote", {"round": "round-1", "approvals": [panels.id]})
    assert late.status_code == 422 and escape("Stemronde 'Buurtbudget 2021' (round-1) is al gesloten.") in late.text
    listing = anonymous.get("/rounds").text
    assert "gesloten" in listing

    # Closing made a project for the winner and gave it its money from the round's source.
    budget = anonymous.get("/budget").text
    allocations = budget[budget.index("Toekenningen"):]
    assert re.search(r"Isolatie voor de Bellamystraat</a></th><td>BoTu2028 2021</td><td class=\"num\">€ 5\.000,00"
                     r"</td><td class=\"num\">€ 0,00</td><td class=\"num\">€ 5\.000,00</td><td>decision-2</td>",
                     allocations)
    left = {b.source: b.left for b in app_of.budget("botu", 2021)}
    assert left["BoTu2028"] == Money(1_250_000 - 500_000)
    assert "Zonnepanelen op het buurthuis" not in allocations


def test_the_library_refuses_and_nothing_changes(make_client: Any, app_of: Any) -> None:
    fatima, henk = make_client("coordinator"), make_client("member")
    _open_round(fatima)
    _sent(henk, "/rounds/propose", {"round": "round-1", "title": "Warmtepomp voor de school", "cost": "4000",
                                    "plan": "Een warmtepomp."})
    before = events_in(app_of)

    too_expensive = _send(henk, "/rounds/propose", {"round": "round-1", "title": "Een warmtenet", "cost": "20000",
                                                    "plan": "Een warmtenet voor de hele wijk."})
    assert too_expensive.status_code == 422
    expected = RuleViolation("round.proposal_too_expensive", cost=Money(2_000_000).dutch(),
                             budget=Money(1_000_000).dutch()).message("nl")
    assert escape(expected) in too_expensive.text
    assert "Er is niets vastgelegd." in too_expensive.text
    assert 'value="Een warmtenet"' in too_expensive.text  # what was typed stays

    unknown = _send(henk, "/rounds/vote", {"round": "round-1", "approvals": ["proposal-99"]})
    assert unknown.status_code == 422
    expected = NotFound("round.unknown_proposal", ref="proposal-99", round="round-1",
                        round_title="Buurtbudget 2021").message("nl")
    assert escape(expected) in unknown.text

    empty = _send(henk, "/rounds/vote", {"round": "round-1"})
    assert empty.status_code == 400 and "Kies minstens één voorstel om op te stemmen." in empty.text

    too_much = _send(fatima, "/rounds/new", {"title": "Te veel", "fund": "BoTu2028|2021", "amount": "99000",
                                             "decision": "decision-2", "rule": "greedy"})
    assert too_much.status_code == 422 and "BoTu2028" in too_much.text and "Er is niets vastgelegd." in too_much.text

    assert events_in(app_of) == before
    assert [p.title for p in app_of.proposals("botu", "round-1")] == ["Warmtepomp voor de school"]
    assert app_of.round("botu", "round-1").voters == 0
    assert len(app_of.rounds("botu")) == 1


def test_the_api_gives_the_round_commands_and_queries(make_client: Any, tokens: dict[str, str],
                                                       app_of: Any) -> None:
    client = make_client()
    coordinator = {"Authorization": f"Bearer {tokens['coordinator']}"}
    member = {"Authorization": f"Bearer {tokens['member']}"}
    schema = client.get("/schema/openapi.json").json()["paths"]
    for name in ("open-round", "submit-proposal", "cast-ballot", "close-round"):
        assert f"/api/v1/cooperations/{{coop}}/commands/{name}" in schema, name
    for path in ("/rounds", "/rounds/{round_ref}", "/rounds/{round_ref}/proposals", "/rounds/{round_ref}/verify"):
        assert f"/api/v1/cooperations/{{coop}}{path}" in schema, path
    assert "/api/v1/cooperations/{coop}/commands/import-round" not in schema

    opened = {"title": "Energiebudget", "year": 2021, "decision": "decision-2", "rule": "equalshares/add1",
              "funds": [{"source": "Aardgasvrij", "amount": "3000"}, {"source": "BoTu2028", "amount": "2000"}],
              "category_limits": [{"category": "zon", "amount": "4000"}]}
    assert client.post(f"{COOP}/commands/open-round", json=opened).status_code == 401
    assert client.post(f"{COOP}/commands/open-round", json=opened, headers=member).status_code == 403
    created = client.post(f"{COOP}/commands/open-round", json=opened, headers=coordinator)
    assert created.status_code == 201 and created.json() == {"id": "round-1"}

    # A member proposes and votes as its own party only: in another's name it is refused.
    in_priyas_name = client.post(f"{COOP}/commands/submit-proposal", headers=member,
                                 json={"round": "Energiebudget", "title": "Zon op de school", "cost": "3500",
                                       "plan": "Panelen", "category": "zon", "by": "Priya Ramdin"})
    assert in_priyas_name.status_code == 403 and in_priyas_name.json()["code"] == "permission.not_own_party"
    proposed = client.post(f"{COOP}/commands/submit-proposal", headers=member,
                           json={"round": "Energiebudget", "title": "Zon op de school", "cost": "3500",
                                 "plan": "Panelen", "category": "zon", "by": "Henk de Vries"})
    assert proposed.status_code == 201, proposed.text
    proposal_id = proposed.json()["id"]
    voted = client.post(f"{COOP}/commands/cast-ballot", headers=member,
                        json={"round": "round-1", "voter": "Priya Ramdin", "approvals": [proposal_id]})
    assert voted.status_code == 403 and voted.json()["code"] == "permission.not_own_party"
    voted = client.post(f"{COOP}/commands/cast-ballot", headers=member,
                        json={"round": "round-1", "voter": "Henk de Vries", "approvals": [proposal_id]})
    assert voted.status_code == 201, voted.text
    assert voted.status_code == 201
    henk = app_of.party("botu", "Henk de Vries").id
    assert app_of.proposals("botu", "round-1")[0].submitted_by == henk
    mine = app_of.own_ballot("botu", "round-1", henk)
    assert mine is not None and app_of.ballots("botu", "round-1") == [mine]

    view = client.get(f"{COOP}/rounds/round-1").json()
    assert (view["budget"], view["rule"], view["status"], view["voters"]) == ("5000.00", "equalshares/add1", "open", 1)
    assert [r["id"] for r in client.get(f"{COOP}/rounds").json()] == ["round-1"]
    not_closed = client.get(f"{COOP}/rounds/round-1/verify")
    assert not_closed.status_code == 422 and not_closed.json()["code"] == "round.not_closed"
    assert client.get(f"{COOP}/rounds/round-9").json()["code"] == "round.unknown"

    refused = client.post(f"{COOP}/commands/cast-ballot", headers=member,
                          json={"round": "round-1", "voter": "Henk de Vries", "approvals": ["proposal-99"]})
    assert refused.status_code == 422 and refused.json()["code"] == "round.unknown_proposal"
    assert client.post(f"{COOP}/commands/close-round", json={"round": "round-1"}, headers=member).status_code == 403
    closed = client.post(f"{COOP}/commands/close-round", json={"round": "round-1"}, headers=coordinator)
    assert closed.status_code == 201
    proposals = client.get(f"{COOP}/rounds/round-1/proposals").json()
    assert [(p["title"], p["approvals"], p["selected"]) for p in proposals] == [("Zon op de school", 1, True)]
    verified = client.get(f"{COOP}/rounds/round-1/verify").json()
    assert verified["ok"] is True and verified["recorded_winners"] == [proposal_id]


def test_the_round_pages_follow_the_privacy_rules_and_the_languages(make_client: Any, tokens: dict[str, str]) -> None:
    client = make_client()
    coordinator = {"Authorization": f"Bearer {tokens['coordinator']}"}
    member = {"Authorization": f"Bearer {tokens['member']}"}
    client.post(f"{COOP}/commands/open-round", headers=coordinator,
                json={"title": "Buurtbudget", "year": 2021, "decision": "decision-2",
                      "funds": [{"source": "BoTu2028", "amount": "1000"}]})
    client.post(f"{COOP}/commands/submit-proposal", headers=member,
                json={"round": "round-1", "title": "Bloembakken met zonnelampjes", "cost": "800", "plan": "Lampjes",
                      "by": "Henk de Vries"})
    client.post(f"{COOP}/commands/submit-proposal", headers=coordinator,
                json={"round": "round-1", "title": "Energiecafé", "cost": "300", "plan": "Koffie en advies",
                      "by": "Buurthuiskamer Tussendijken"})
    # A resident's name is for members only; an organisation's is public.
    public = client.get("/rounds/round-1").text
    assert "Henk de Vries" not in public and PERSON_PLACEHOLDER in public
    assert "Buurthuiskamer Tussendijken" in public
    assert "Henk de Vries" in make_client("member").get("/rounds/round-1").text

    english = client.get("/rounds/round-1?lang=en").text
    assert "Most approvals first" in english and "Submitted by" in english
    assert 'href="/rounds"' in english and "Neighbourhood budget" in english
    assert 'href="/rounds">Buurtbudget</a>' in client.get("/?lang=nl").text  # in the main menu

    missing = client.get("/rounds/round-9")
    assert missing.status_code == 404 and "Deze pagina bestaat niet." in missing.text
    assert "This page does not exist." in client.get("/rounds/round-9?lang=en").text


def test_an_empty_list_of_rounds_says_so(make_client: Any) -> None:
    page = make_client().get("/rounds")
    assert page.status_code == 200
    assert "<h1>Buurtbudget: rondes</h1>" in page.text and "Er is nog geen ronde." in page.text
    assert 'href="/rounds/new"' not in page.text
    assert 'href="/rounds/new"' in make_client("coordinator").get("/rounds").text
