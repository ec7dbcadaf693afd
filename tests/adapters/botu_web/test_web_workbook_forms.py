"""The coordinators' bookkeeping forms (botu_web.workbook_forms): spending and withdrawing
allocations, a project's indicators, measurements, benefits, plan, contact and end,
discussing a disagreement, choosing coordinators.

Each form is filled in by a coordinator and its effect is read back from the page a person
would look at; per group one refusal by the library (its Dutch message, nothing written);
and members and anonymous visitors neither see the links nor open or send the forms."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from markupsafe import escape

from web_helpers import events_in, send_form, sent_form

from botu_core import show_date

BUDGET_FORMS = ("/budget/spend", "/budget/withdraw")
PROJECT_FORMS = ("/projects/indicator", "/projects/measure", "/projects/benefit", "/projects/plan",
                 "/projects/contact", "/projects/complete", "/projects/stop")
OTHER_FORMS = ("/disagreements/discuss", "/parties/coordinators")
NEW_FORMS = (*BUDGET_FORMS, *PROJECT_FORMS, *OTHER_FORMS)

# Data the library would take, per form: so a refusal for the role is not a refusal for the data.
VALID: dict[str, dict[str, Any]] = {
    "/budget/spend": {"allocation": "allocation-1", "amount": "100", "description": "Lampen"},
    "/budget/withdraw": {"allocation": "allocation-3", "reason": "Gaat niet door"},
    "/projects/indicator": {"project": "project-1", "name": "Nieuw", "unit": "stuks", "target": "3"},
    "/projects/measure": {"project": "project-1", "indicator": "indicator-1", "value": "20"},
    "/projects/benefit": {"project": "project-1", "euros": "10", "co2_kg": "1", "period_start": "2022-01-01",
                          "period_end": "2022-12-31"},
    "/projects/plan": {"project": "project-1", "plan": "Een ander plan."},
    "/projects/contact": {"project": "project-1", "contact": "party-2"},
    "/projects/complete": {"project": "project-1"},
    "/projects/stop": {"project": "project-1", "reason": "Geen geld"},
    "/disagreements/discuss": {"disagreement": "disagreement-1", "meeting": "meeting-5"},
    "/parties/coordinators": {"parties": ["party-1", "party-2"]},
}


def _sent(client: Any, path: str, data: dict[str, Any]) -> str:
    """Send a form that the library takes; follow the redirect and give the page's text."""
    page = client.get(sent_form(client, path, data).headers["location"])
    assert page.status_code == 200
    return str(page.text)


def _refused(client: Any, app_of: Any, path: str, data: dict[str, Any], message: str) -> str:
    before = events_in(app_of)
    response = send_form(client, path, data)
    assert response.status_code in (400, 422), (path, response.status_code)
    assert str(escape(message)) in response.text, response.text[-2000:]
    assert "Er is niets vastgelegd." in response.text
    assert events_in(app_of) == before, "a refused form may write nothing"
    return str(response.text)


def _cells(page: str, marker: str) -> list[str]:
    """The cells of the table row that contains ``marker``, as plain text."""
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if marker in r)
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in cells]


def _selected(page: str, name: str) -> str:
    select = re.search(rf'<select id="f-{name}" name="{name}".*?</select>', page, re.S)
    assert select, name
    chosen = re.findall(r'<option value="([^"]*)" selected>', select.group(0))
    return chosen[0] if chosen else ""


# --- the budget ---------------------------------------------------------------------------------


def test_a_coordinator_records_spending_and_withdraws_an_allocation(make_client: Any, app_of: Any) -> None:
    fatima = make_client("coordinator")
    budget = fatima.get("/budget").text
    # Each standing allocation has its own links, with the allocation filled in.
    assert 'href="/budget/spend?allocation=allocation-1"' in budget
    assert 'href="/budget/withdraw?allocation=allocation-3"' in budget
    assert _cells(budget, 'href="/projects/project-2"')[2:5] == ["€ 20.000,00", "€ 8.450,00", "€ 11.550,00"]

    form = fatima.get("/budget/spend?allocation=allocation-1").text
    assert _selected(form, "allocation") == "allocation-1"
    assert f'value="{app_of.today().isoformat()}"' in form  # the date starts at today

    page = _sent(fatima, "/budget/spend", {"allocation": "allocation-1", "amount": "1.550,00",
                                           "description": "Isolatiemateriaal voor de buurthuiskamer",
                                           "on": dt.date.today().isoformat()})
    assert "De uitgave is vastgelegd." in page
    # The allocation's row: spent and what is left to spend, recomputed.
    assert _cells(page, 'href="/projects/project-2"')[2:5] == ["€ 20.000,00", "€ 10.000,00", "€ 10.000,00"]
    # The source's line: spent goes up; what is left to allocate stays.
    assert _cells(page, "Aardgasvrij 2021")[1:] == ["€ 50.000,00", "€ 30.000,00", "€ 10.000,00", "€ 20.000,00"]

    page = _sent(fatima, "/budget/withdraw", {"allocation": "allocation-3", "reason": "Het project wacht een jaar.",
                                              "decision": "decision-2"})
    assert "De toekenning is ingetrokken." in page
    row = _cells(page, 'href="/projects/project-1"')
    assert row[4] == "—" and row[6] == "ingetrokken"
    assert 'href="/budget/spend?allocation=allocation-3"' not in page  # nothing more to do with it
    # The money comes back: BoTu2028 had 12.500 left, now 25.000.
    assert _cells(page, "BoTu2028 2021")[1:] == ["€ 50.000,00", "€ 25.000,00", "€ 12.000,00", "€ 25.000,00"]
    # And the withdrawn allocation is no longer offered.
    assert 'value="allocation-3"' not in fatima.get("/budget/spend").text


def test_spending_more_than_is_left_is_refused_by_the_library(make_client: Any, app_of: Any) -> None:
    fatima = make_client("coordinator")
    _refused(fatima, app_of, "/budget/spend", {"allocation": "allocation-1", "amount": "20.000,00",
                                               "description": "Te veel"},
             "Dat kan niet: van toekenning voor 'Duurzame buurthuiskamers' (allocation-1) is nog € 11.550,00 over, en de uitgave is € 20.000,00.")
    # Withdrawing an allocation that has spending is refused too.
    _refused(fatima, app_of, "/budget/withdraw", {"allocation": "allocation-1", "reason": "Toch niet"},
             "Toekenning voor 'Duurzame buurthuiskamers' (allocation-1) kan niet worden ingetrokken: er is al € 8.450,00 van uitgegeven.")
    assert _cells(fatima.get("/budget").text, 'href="/projects/project-2"')[3] == "€ 8.450,00"


# --- projects ---------------------------------------------------------------------------------------


def test_a_coordinator_keeps_a_project_up_to_date(make_client: Any, app_of: Any) -> None:
    fatima = make_client("coordinator")
    project = fatima.get("/projects/project-1").text
    for path in ("/projects/plan", "/projects/contact", "/projects/complete", "/projects/stop",
                 "/projects/indicator", "/projects/benefit"):
        assert f'href="{path}?project=project-1"' in project, path
    assert 'href="/projects/measure?project=project-1&amp;indicator=indicator-1"' in project

    # A new indicator, then a measurement of it (in Dutch notation).
    page = _sent(fatima, "/projects/indicator", {"project": "project-1", "name": "Energiecoaches aan huis",
                                                 "unit": "huishoudens", "target": "25"})
    assert "De indicator is toegevoegd." in page
    assert "<h3>Energiecoaches aan huis</h3>" in page and "Doel: 25 huishoudens" in page
    (indicator,) = [i for i in app_of.project("botu", "project-1").indicators if i.name == "Energiecoaches aan huis"]

    form = fatima.get(f"/projects/measure?project=project-1&indicator={indicator.id}").text
    assert _selected(form, "project") == "project-1" and _selected(form, "indicator") == indicator.id
    page = _sent(fatima, "/projects/measure", {"project": "project-1", "indicator": indicator.id, "value": "12,5",
                                               "note": "Na de eerste maand", "on": "2025-03-01"})
    assert "De meting is vastgelegd." in page
    assert "1 maart 2025: 12,5 huishoudens — Na de eerste maand" in page

    # A benefit: euros, kg CO2 and a period.
    page = _sent(fatima, "/projects/benefit", {"project": "project-1", "euros": "3.400,00", "co2_kg": "1250,5",
                                               "period_start": "2025-01-01", "period_end": "2025-12-31",
                                               "note": "Minder afsluitingen"})
    assert "Het voordeel is vastgelegd." in page
    assert "€ 3.400,00, 1.250,5 kg CO2 — Minder afsluitingen" in page

    # The plan form starts from the plan as it is now.
    form = fatima.get("/projects/plan?project=project-1").text
    assert "Betrokkenen werken samen aan sociaal incasseren." in form
    page = _sent(fatima, "/projects/plan", {"project": "project-1", "plan": "Ook de huurders van de Schiehaven."})
    assert "Het plan is bijgewerkt." in page and "<p>Ook de huurders van de Schiehaven.</p>" in page

    form = fatima.get("/projects/contact?project=project-1").text
    assert _selected(form, "contact") == "party-8"  # the contact as it is now
    page = _sent(fatima, "/projects/contact", {"project": "project-1", "contact": "party-3"})
    assert "De contactpersoon is veranderd." in page
    assert re.search(r"<dt>Contactpersoon</dt><dd>Priya Ramdin", page)

    page = _sent(fatima, "/projects/complete", {"project": "project-1", "note": "Veertig regelingen."})
    assert "Het project is afgerond." in page and "<dt>Stand</dt><dd>afgerond</dd>" in page
    # A completed project: no plan, contact or end any more; measurements and benefits still.
    assert 'href="/projects/plan?project=project-1"' not in page
    assert 'href="/projects/benefit?project=project-1"' in page

    page = _sent(fatima, "/projects/stop", {"project": "project-4", "reason": "Het wijkteam stopt ermee."})
    assert "Het project is gestopt." in page and "<dt>Stand</dt><dd>gestopt</dd>" in page
    assert [p.status for p in app_of.projects("botu") if p.id in ("project-1", "project-4")] == ["completed",
                                                                                                  "stopped"]


def test_a_measurement_on_an_indicator_of_another_project_is_refused(make_client: Any, app_of: Any) -> None:
    fatima = make_client("coordinator")
    # indicator-2 belongs to project-2.
    _refused(fatima, app_of, "/projects/measure", {"project": "project-1", "indicator": "indicator-2", "value": "3"},
             "Er is geen indicator 'indicator-2' bij dit project.")
    _refused(fatima, app_of, "/projects/measure", {"project": "project-1", "indicator": "indicator-1",
                                                   "value": "veel"}, "'veel' is geen geldig getal.")
    _refused(fatima, app_of, "/projects/benefit", {"project": "project-1", "euros": "10", "co2_kg": "1",
                                                   "period_start": "2025-12-31", "period_end": "2025-01-01"},
             "De periode eindigt voor hij begint.")
    _sent(fatima, "/projects/stop", {"project": "project-4", "reason": "Gestopt."})
    _refused(fatima, app_of, "/projects/plan", {"project": "project-4", "plan": "Toch door."},
             "Project 'Inzet van sociale teams' loopt niet meer (het is gestopt).")


# --- disagreements and coordinators ---------------------------------------------------------------------


def test_a_coordinator_records_that_a_disagreement_was_discussed(make_client: Any, app_of: Any) -> None:
    fatima, henk = make_client("coordinator"), make_client("member")
    _sent(henk, "/disagreements/new", {"about": "Plek van de laadpalen", "description": "Niet voor mijn deur."})
    (item,) = app_of.disagreements("botu", "open")
    page = fatima.get("/disagreements").text
    assert f'href="/disagreements/discuss?disagreement={item.id}"' in page
    assert f'href="/disagreements/resolve?disagreement={item.id}"' in page
    assert "/disagreements/discuss" not in henk.get("/disagreements").text

    # A meeting after it was raised (today), where it was discussed.
    _sent(fatima, "/meetings/new", {"kind": "monthly", "held_on": dt.date.today().isoformat(),
                                    "title": "Overleg over de laadpalen"})
    meeting = next(m for m in app_of.meetings("botu") if m.title == "Overleg over de laadpalen")
    form = fatima.get(f"/disagreements/discuss?disagreement={item.id}").text
    assert _selected(form, "disagreement") == item.id
    page = _sent(fatima, "/disagreements/discuss", {"disagreement": item.id, "meeting": meeting.id,
                                                    "notes": "We zoeken samen een plek."})
    assert "De bespreking is vastgelegd." in page
    assert "Besproken op" in page and "(Overleg over de laadpalen)" in page
    assert [d.id for d in app_of.disagreements("botu", "open")] == [item.id]  # discussed, not resolved


def test_discussing_at_a_meeting_before_it_was_raised_is_refused(make_client: Any, app_of: Any) -> None:
    fatima, henk = make_client("coordinator"), make_client("member")
    _sent(henk, "/disagreements/new", {"about": "Plek van de laadpalen"})
    (item,) = app_of.disagreements("botu", "open")
    _refused(fatima, app_of, "/disagreements/discuss", {"disagreement": item.id, "meeting": "meeting-5"},
             f"Op 6 november 2021 was deze onenigheid nog niet gemeld (dat was op {show_date(item.raised_on)}).")


def test_a_coordinator_chooses_the_coordinators(make_client: Any, app_of: Any) -> None:
    fatima = make_client("coordinator")
    parties = fatima.get("/parties").text
    assert 'href="/parties/coordinators"' in parties
    form = fatima.get("/parties/coordinators").text
    checked = set(re.findall(r'name="parties" value="([^"]+)" checked', form))
    assert checked == {"party-1", "party-4"}  # the coordinators as they are now
    page = _sent(fatima, "/parties/coordinators", {"parties": ["party-1", "party-3"], "decision": "decision-1"})
    assert "De coördinatoren zijn gekozen." in page
    assert re.search(r"Priya Ramdin <span class=\"tag\">coördinator</span>", page)
    assert not re.search(r"Buurthuiskamer Tussendijken <span class=\"tag\">", page)
    assert {p.id for p in app_of.parties("botu") if p.coordinator} == {"party-1", "party-3"}


def test_choosing_no_coordinators_is_refused(make_client: Any, app_of: Any) -> None:
    fatima = make_client("coordinator")
    _refused(fatima, app_of, "/parties/coordinators", {}, "Kies minstens één coördinator.")
    assert {p.id for p in app_of.parties("botu") if p.coordinator} == {"party-1", "party-4"}


# --- who may ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NEW_FORMS)
def test_members_and_visitors_cannot_open_or_send_them(path: str, make_client: Any, app_of: Any) -> None:
    before = events_in(app_of)
    henk, anonymous = make_client("member"), make_client()
    assert henk.get(path, follow_redirects=False).status_code == 403
    opened = anonymous.get(path, follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == f"/login?next={path}"
    # Even with data the library would take.
    assert send_form(henk, path, VALID[path]).status_code == 403
    assert send_form(anonymous, path, VALID[path]).status_code == 401
    assert events_in(app_of) == before
    # The same data from a coordinator is taken: the refusals above are for the role. (The
    # example's one disagreement is resolved already, so discussing it is the library's refusal.)
    expected = 422 if path == "/disagreements/discuss" else 303
    assert send_form(make_client("coordinator"), path, VALID[path]).status_code == expected


def test_members_and_visitors_see_no_links_to_them(make_client: Any) -> None:
    for role in ("member", "anonymous"):
        client = make_client(role)
        for page in ("/budget", "/projects/project-1", "/disagreements", "/parties"):
            text = client.get(page).text
            for path in NEW_FORMS:
                assert f'href="{path}' not in text, (role, page, path)


def test_every_field_of_the_new_forms_has_a_label(make_client: Any) -> None:
    fatima = make_client("coordinator")
    for path in NEW_FORMS:
        text = fatima.get(path).text
        assert f'action="{path}"' in text
        ids = re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', text)
        assert ids, path
        for field_id in ids:
            assert f'for="{field_id}"' in text, (path, field_id)
