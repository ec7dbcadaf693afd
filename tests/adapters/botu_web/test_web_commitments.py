"""The web pages show what the agreement in force commits to, from the data (no figure of
BoTu's in a template), and a revision through the form or the API keeps the commitments
it does not change."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from litestar.testing import TestClient
from web_helpers import events_in, send_form, sent_form

from botu_core import AdoptAgreement, Commitments, Consultation, Cooperations, MeetingKind, RecordMeeting
from botu_web import create_app
from factories import terms

SPANGEN = Commitments(plenary_meetings_per_year=4, consultation=Consultation.QUARTERLY, minimum_end_date=None)


@pytest.fixture
def spangen(tmp_path: Path) -> Iterator[TestClient[Any]]:
    """Energiekring Spangen: 4 meetings a year, a consultation every quarter, until 2027."""
    app = Cooperations(str(tmp_path / "spangen.db"))
    coop = app.create_cooperation("Energiekring Spangen", slug="spangen", neighbourhood="Spangen",
                                  founded_on=dt.date(2024, 1, 1))
    app.execute(coop, AdoptAgreement(attrs.evolve(terms(end=dt.date(2027, 12, 31)), commitments=SPANGEN),
                                     on=dt.date(2024, 1, 1)))
    for day in (dt.date(2024, 2, 1), dt.date(2024, 5, 1), dt.date(2024, 8, 1)):
        app.execute(coop, RecordMeeting(kind=MeetingKind.PLENARY, held_on=day))
    app.execute(coop, RecordMeeting(kind=MeetingKind.CONSULTATION, held_on=dt.date(2024, 1, 20)))
    yield TestClient(create_app(app), base_url="http://testserver.local")
    app.close()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_spangens_pages_show_its_own_figures(spangen: TestClient[Any]) -> None:
    agreement = _text(spangen.get("/agreement").text)
    assert "minstens 4 per jaar" in agreement and "elk kwartaal" in agreement
    assert "Er is geen afgesproken minimale looptijd." in agreement
    assert "keuze van de samenwerking, het staat niet in de tekst" in agreement
    compliance_html = spangen.get("/compliance").text
    compliance = _text(compliance_html)
    assert "In 2024 waren er 3 bijeenkomsten; afgesproken is minstens 4." in compliance
    assert "In 2024 was er geen overleg in kwartaal 2, 3, 4" in compliance
    assert "kwartaal 2, 3, 4" in compliance  # the missing periods in the table, as quarters
    meetings_html = spangen.get("/meetings").text
    for html in (compliance_html, meetings_html):
        assert "min. 4" in html
        assert "min. 3" not in html and "minstens 3" not in html and "maandelijks" not in html
    desc = re.search(r'<desc id="meetings-chart-desc">([^<]*)</desc>', meetings_html)
    assert desc is not None and "2024: 3 bijeenkomsten, afgesproken minstens 4 (te weinig)" in desc.group(1)
    english = _text(spangen.get("/compliance?lang=en").text)
    assert "the agreement asks for at least 4" in english and "every quarter" in english


def test_the_revise_form_shows_and_changes_the_commitments(make_client: Any, app_of: Any) -> None:
    fatima = make_client("coordinator")
    form = fatima.get("/agreement/revise").text
    assert 'name="plenary_meetings_per_year"' in form and 'value="3"' in form
    current = app_of.agreement("botu")
    data = {
        "reason": "Evaluatie: vaker samen", "decision": "decision-2", "title": current.title,
        "end_date": current.end_date.isoformat(), "organisation": current.organisation,
        "values": "\n".join(f"{c.key}: {c.text}" for c in current.values),
        "goals": "\n".join(f"{c.key}: {c.text}" for c in current.goals),
        "working_agreements": "\n".join(f"{c.key}: {c.text}" for c in current.working_agreements),
        "plenary_meetings_per_year": "4", "consultation": "monthly", "evaluation_every_year": "on",
        "indicators_required": "on", "disagreement_open_days": "90", "minimum_end_date": "2028-01-01",
    }
    before = events_in(app_of)
    wrong = send_form(fatima, "/agreement/revise", {**data, "plenary_meetings_per_year": "vier"})
    assert wrong.status_code == 400 and "plenary_meetings_per_year" in wrong.text
    lowered = send_form(fatima, "/agreement/revise", {**data, "minimum_end_date": ""})
    assert lowered.status_code == 422 and "1 januari 2028" in lowered.text
    assert events_in(app_of) == before
    # First the difference in meaning, nothing recorded; then recorded on confirming.
    preview = send_form(fatima, "/agreement/revise", data)
    assert preview.status_code == 200
    assert "plenaire bijeenkomsten per jaar: 3 → 4" in preview.text
    assert events_in(app_of) == before
    sent_form(fatima, "/agreement/revise", {**data, "confirm": "yes"})
    revised = app_of.agreement("botu")
    assert revised.version == current.version + 1
    assert revised.commitments == attrs.evolve(current.commitments, plenary_meetings_per_year=4)


def test_an_api_revision_without_commitments_keeps_those_in_force(
    make_client: Any, tokens: dict[str, str], app_of: Any
) -> None:
    client = make_client()
    coordinator = {"Authorization": f"Bearer {tokens['coordinator']}"}
    current = app_of.agreement("botu")
    body = {
        "reason": "Nieuwe titel", "decision": "decision-2",
        "terms": {"title": current.title + " (2023)", "end_date": current.end_date.isoformat(),
                  "organisation": current.organisation,
                  "values": [{"key": c.key, "text": c.text} for c in current.values],
                  "goals": [{"key": c.key, "text": c.text} for c in current.goals],
                  "working_agreements": [{"key": c.key, "text": c.text} for c in current.working_agreements]},
    }
    bad = client.post("/api/v1/cooperations/botu/commands/revise-agreement",
                      json={**body, "terms": {**body["terms"], "commitments": {"consultation": "weekly"}}},
                      headers=coordinator)
    assert bad.status_code == 400 and bad.json()["code"] == "agreement.invalid_commitment"
    made = client.post("/api/v1/cooperations/botu/commands/revise-agreement", json=body, headers=coordinator)
    assert made.status_code == 201, made.text
    assert app_of.agreement("botu").commitments == current.commitments
    shown = client.get("/api/v1/cooperations/botu/agreement").json()
    assert shown["commitments"]["plenary_meetings_per_year"] == 3 and shown["commitments"]["consultation"] == "monthly"
