"""The audit views (issue 6): verify, the head, the state as of a date, why the agreement changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from audit.audit_helpers import RawEvents
from botu_core.audit import check_signed_head

COOP = "/api/v1/cooperations/botu"


def damage(app: Any, coop: UUID, old: bytes, new: bytes) -> int:
    """Change one stored event behind botu's back; returns its position."""
    raw = RawEvents(app, coop)
    for position in range(1, app.cooperation("botu").events + 1):
        if old in raw.row(position)[1]:
            raw.flip_byte(position, old, new)
            return position
    raise AssertionError(f"{old!r} is in no stored event")


def test_the_example_log_verifies(make_client: Any) -> None:
    client = make_client()
    verdict = client.get(f"{COOP}/audit/verify").json()
    assert verdict["ok"] is True and verdict["first_bad_position"] is None and verdict["events"] > 60
    page = client.get("/audit")
    assert page.status_code == 200
    assert f"In orde: {verdict['events']} gebeurtenissen gecontroleerd" in page.text
    head = client.get(f"{COOP}/audit/head").json()
    assert head["position"] == verdict["events"] and head["digest"] == verdict["head"]["digest"]
    assert f'<code id="head-short">{head["short"]}</code>' in page.text
    assert head["signed"] is None and head["public_key"] is None  # no key: nothing signed
    english = client.get("/audit?lang=en").text
    assert f"Intact: {verdict['events']} events checked" in english
    assert '<a href="/audit"' in page.text  # in the main menu


def test_a_damaged_event_is_reported_with_its_position(make_client: Any, app_of: Any,
                                                         template_store: dict[str, Any]) -> None:
    client = make_client("auditor")
    position = damage(app_of, UUID(template_store["coop"]), b"Terugblik en vooruitblik", b"Terugblik en vooruitblak")
    verdict = client.get(f"{COOP}/audit/verify").json()
    assert verdict["ok"] is False
    assert verdict["first_bad_position"] == position and verdict["problem_code"] == "audit.event_changed"
    assert verdict["problem"] and verdict["problem_en"]
    page = client.get("/audit")
    assert page.status_code == 200
    assert f"Beschadigd vanaf gebeurtenis {position}</strong>" in page.text
    assert verdict["problem"].replace("'", "&#39;") in page.text
    assert "Ondertekende kop" not in page.text
    # No head is given out for a damaged log: refused with a reason, not a server error.
    head = client.get(f"{COOP}/audit/head")
    assert head.status_code not in (200, 500) and head.json()["message_nl"]


def test_the_state_as_of_a_date_before_the_revision(make_client: Any) -> None:
    client = make_client()
    assert client.get(f"{COOP}/agreement").json()["version"] == 2
    past = client.get(f"{COOP}/audit/as-of", params={"date": "2021-10-30"}).json()
    assert past["agreement"]["version"] == 1
    assert len(past["agreement"]["signatures"]) == 5
    assert [d["about"] for d in past["open_disagreements"]] == ["Verdeling van de energiebegroting"]
    assert {(b["source"], b["left"]) for b in past["budget"]} == {("BoTu2028", "12500.00"), ("Aardgasvrij", "20000.00")}
    assert len(past["projects"]) == 5 and all(p["status"] == "running" for p in past["projects"])
    now = client.get(f"{COOP}/audit/as-of", params={"date": "2030-01-01"}).json()
    assert now["agreement"]["version"] == 2 and now["open_disagreements"] == [] and now["position"] > past["position"]
    page = client.get("/audit", params={"as_of": "2021-10-30"})
    assert page.status_code == 200
    assert "Zo stond het op 30 oktober 2021" in page.text
    assert '<p id="as-of-agreement">Versie 1, vastgesteld op 15 september 2021.</p>' in page.text
    assert "Ondertekend door (5)" in page.text and "Open onenigheid (1)" in page.text
    before = client.get("/audit", params={"as_of": "2021-01-01"})
    assert before.status_code == 200 and "Op die datum bestond de samenwerking nog niet." in before.text


@pytest.mark.parametrize("bad", ["2021-13-01", "gisteren", "31-12-2021", "2021-02-30", "2021-1-1", "<b>2021</b>"])
def test_a_bad_date_is_refused_in_dutch(bad: str, make_client: Any) -> None:
    client = make_client()
    page = client.get("/audit", params={"as_of": bad})
    assert page.status_code == 400
    assert "klopt niet. Schrijf de datum als jaar-maand-dag, bijvoorbeeld 2021-12-31." in page.text
    assert 'role="alert"' in page.text and "<b>2021</b>" not in page.text  # shown escaped
    api = client.get(f"{COOP}/audit/as-of", params={"date": bad})
    assert api.status_code == 400
    body = api.json()
    assert body["code"] == "audit.bad_date" and "klopt niet" in body["message_nl"]
    assert "is not right" in body["message_en"]


def test_the_signed_head_and_public_key_when_a_key_exists(make_client: Any, app_of: Any, store_path: Path) -> None:
    client = make_client()
    client.get("/audit")
    client.get(f"{COOP}/audit/head")
    assert not list(store_path.parent.glob("*.keys/*")), "a GET must not make a signing key"
    public_key = app_of.audit.public_key("botu")  # what a coordinator does with: botu audit head --sign
    page = client.get("/audit").text
    assert f'<code class="digest" id="public-key">{public_key}</code>' in page
    head = client.get(f"{COOP}/audit/head").json()
    assert head["public_key"] == public_key
    assert check_signed_head(json.dumps(head["signed"]), public_key)
    assert head["signed"]["position"] == head["position"] and head["signed"]["digest"] == head["digest"]


def test_the_agreement_links_to_the_meaning_of_its_change_and_the_cause(make_client: Any) -> None:
    client = make_client()
    agreement = client.get("/agreement").text
    assert '<a href="/audit#changes-2">' in agreement
    audit = client.get("/audit").text
    assert '<h3 id="changes-2">Van versie 1 naar versie 2</h3>' in audit
    assert "Afspraak &#39;nieuwe-reeks&#39;: toegevoegd." in audit
    assert "door evaluatie evaluation-1 van 2021" in audit


def test_the_audit_routes_are_in_the_openapi_schema(make_client: Any) -> None:
    paths = make_client().get("/schema/openapi.json").json()["paths"]
    for route in ("verify", "head", "as-of"):
        assert "get" in paths[f"/api/v1/cooperations/{{coop}}/audit/{route}"]
    parameters = paths["/api/v1/cooperations/{coop}/audit/as-of"]["get"]["parameters"]
    assert any(p["name"] == "date" and p["required"] for p in parameters)
    assert "/audit" not in paths  # the page is not part of the API


def test_the_latest_checkpoint_is_published_at_a_stable_address(make_client: Any, app_of: Any) -> None:
    client = make_client()
    assert client.get("/audit/checkpoint").status_code in (404, 422)  # none signed yet: a GET signs nothing
    note = app_of.audit.checkpoint("botu")
    for path in ("/audit/checkpoint", f"{COOP}/audit/checkpoint"):
        response = client.get(path)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/plain")
        assert response.text == note.text()
        origin, size, root, blank = response.text.split("\n")[:4]
        assert (origin, int(size), blank) == (app_of.audit.origin("botu"), app_of.audit.tree_size("botu"), "")
