"""Personal data on the web only as the library's privacy rules allow (``botu_core.privacy.Reader``).

Anonymous visitors, auditors and accounts that are not a party see no names of residents,
no personal notes (PS), no comments with opinions, no descriptions of disagreements by
residents, no contact details — in the raw HTML of every page and the raw JSON of every
API query. Members see names and the contact details people consented to share; a person
always sees their own data. Organisations' names stay visible to everyone.
"""

from __future__ import annotations

from typing import Any

import pytest

from test_web_pages import PUBLIC_PAGES

# Personal data of the residents in the BoTu 2021 example (see botu_core.examples.botu_2021).
NAMES = ["Fatima El Amrani", "Henk de Vries", "Priya Ramdin"]
FREE_TEXT = [
    "iedereen in de wijk de energierekening kan betalen",  # Fatima's PS, version 1
    "Fijn dat de verslagen nu openbaar zijn.",  # Fatima's PS, version 2
    "mijn buren wil helpen met isoleren",  # Henk's PS
    "Goed dat de buurthuiskamers geld krijgen.",  # Fatima's opinion
    "Te weinig voor isolatie van gewone woningen.",  # Henk's opinion
    "Er gaat te weinig geld naar isolatie van gewone woningen.",  # Henk's disagreement
]
CONTACTS = ["06 1234 5678", "fatima@example.nl", "06 2345 6789", "priya@example.nl"]
PERSONAL = NAMES + FREE_TEXT + CONTACTS
ORGANISATIONS = ["Gemeente Rotterdam", "Buurthuiskamer Tussendijken", "Woningcorporatie Delfshaven Wonen"]

PAGES = sorted({*PUBLIC_PAGES, "/agreement?version=2", "/projects/project-2", "/projects/project-3",
                "/projects/project-4", "/projects/project-5", "/audit", "/audit?as_of=2021-10-30"})
SAMPLE = {"coop": "botu", "party": "party-1", "project": "project-1", "round_ref": "round-1"}
QUERY = {"/agreement/diff": {"from_version": 1, "to_version": 2}}


def api_paths(client: Any) -> list[tuple[str, dict[str, Any]]]:
    """Every GET route of the API (from its OpenAPI schema), filled in for the example."""
    schema = client.get("/schema/openapi.json").json()
    out = []
    for path, ops in schema["paths"].items():
        if "get" not in ops or path == "/api/v1/me":
            continue
        filled = path.format(**SAMPLE)
        params = next((q for suffix, q in QUERY.items() if path.endswith(suffix)), {})
        if path.endswith("/log/stream"):
            params = {"limit": 50}  # a stream ends after its limit; without one it waits for new events
        if path.endswith("/audit/as-of"):
            params = {"date": "2021-10-30"}  # Henk's disagreement was open then
        out.append((filled, params))
        if path.endswith("/parties/{party}"):
            out += [(path.format(**{**SAMPLE, "party": p}), {}) for p in ("party-2", "party-3", "Henk de Vries")]
        if path.endswith("/agreement"):
            out.append((filled, {"version": 1}))
    assert len(out) > 20  # the schema really lists the queries
    return out


def _leaks(text: str, secrets: list[str]) -> list[str]:
    return [s for s in secrets if s in text]


@pytest.mark.parametrize("role", ["anonymous", "auditor", "account"])
def test_no_personal_data_on_any_page_for_the_public(role: str, make_client: Any) -> None:
    client = make_client(role)
    seen_organisations = set()
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert not _leaks(response.text, PERSONAL), (role, path, _leaks(response.text, PERSONAL))
        seen_organisations |= {o for o in ORGANISATIONS if o in response.text}
    assert seen_organisations == set(ORGANISATIONS)  # organisations are not personal data
    # Where a resident is shown, a placeholder with the party id stands in for the name.
    parties = client.get("/parties").text
    assert "bewoner (party-1)" in parties and "bewoner (party-2)" in parties
    # An organisation's note (PS) and comment are not personal: they stay.
    assert "De gemeente wil luisteren en samen leren" in client.get("/agreement?version=1").text
    assert "Wij willen graag meedoen bij de uitvoering." in client.get("/decisions").text
    # The visitor is told why, in Dutch.
    assert "ziet u als u meedoet en bent ingelogd" in client.get("/decisions").text


@pytest.mark.parametrize("role", ["anonymous", "auditor", "account"])
def test_no_personal_data_in_any_api_query_for_the_public(role: str, make_client: Any, tokens: dict[str, str]) -> None:
    client = make_client()
    headers = {} if role == "anonymous" else {"Authorization": f"Bearer {tokens[role]}"}
    answered = 0
    for path, params in api_paths(client):
        response = client.get(path, params=params, headers=headers)
        # 422: a route for something the example does not hold (say, a budget round)
        assert response.status_code in (200, 401, 403, 422), (path, response.status_code, response.text[:300])
        assert not _leaks(response.text, PERSONAL), (role, path, _leaks(response.text, PERSONAL))
        answered += response.status_code == 200
    assert answered > 20
    parties = client.get("/api/v1/cooperations/botu/parties", headers=headers).json()
    shown = {p["id"]: p["name"] for p in parties}
    assert shown["party-1"] == "bewoner (party-1)" and "Gemeente Rotterdam" in shown.values()


def test_an_auditor_reads_the_log_without_personal_data(make_client: Any, tokens: dict[str, str]) -> None:
    client = make_client()
    auditor = client.get("/api/v1/cooperations/botu/log", headers={"Authorization": f"Bearer {tokens['auditor']}"})
    assert auditor.status_code == 200
    assert not _leaks(auditor.text, PERSONAL)
    assert "Gemeente Rotterdam" in auditor.text and "PartyJoined" in auditor.text
    # A coordinator is a member: names and free text, contact details only where shared.
    coordinator = client.get("/api/v1/cooperations/botu/log",
                             headers={"Authorization": f"Bearer {tokens['coordinator']}"}).text
    assert all(s in coordinator for s in NAMES + FREE_TEXT)
    assert "06 1234 5678" in coordinator and "06 2345 6789" not in coordinator  # Henk did not consent


def test_a_member_sees_names_and_only_the_contact_details_people_share(make_client: Any) -> None:
    # Fatima (coordinator, a member) looks at Henk, who did not consent, and Priya, who did.
    fatima = make_client("coordinator")
    parties = fatima.get("/parties").text
    assert all(name in parties for name in NAMES)
    assert "priya@example.nl" in parties and "06 2345 6789" not in parties
    agreement = fatima.get("/agreement?version=1").text
    assert "mijn buren wil helpen met isoleren" in agreement  # Henk's PS
    decisions = fatima.get("/decisions").text
    assert "Te weinig voor isolatie van gewone woningen." in decisions
    disagreements = fatima.get("/disagreements").text
    assert "Henk de Vries" in disagreements and "Er gaat te weinig geld naar isolatie" in disagreements
    assert "ziet u als u meedoet en bent ingelogd" not in decisions


def test_a_person_always_sees_their_own_data(make_client: Any, tokens: dict[str, str]) -> None:
    henk = make_client("member")
    parties = henk.get("/parties").text
    assert "06 2345 6789" in parties  # his own number, though he shares it with nobody
    assert "06 1234 5678" in parties  # Fatima shares hers with members
    api = make_client()
    own = api.get("/api/v1/cooperations/botu/parties/party-2", headers={"Authorization": f"Bearer {tokens['member']}"})
    assert own.json()["name"] == "Henk de Vries" and own.json()["phone"] == "06 2345 6789"
    other = api.get("/api/v1/cooperations/botu/parties/party-2",
                    headers={"Authorization": f"Bearer {tokens['coordinator']}"})
    assert other.json()["name"] == "Henk de Vries" and other.json()["phone"] is None


def test_organisations_keep_their_names_and_project_contacts(make_client: Any) -> None:
    client = make_client()
    project = client.get("/projects/project-2").text
    assert "Buurthuiskamer Tussendijken" in project
    projects = client.get("/api/v1/cooperations/botu/projects").json()
    assert {p["contact_name"] for p in projects} >= {"Woningcorporatie Delfshaven Wonen", "Wijkteam Delfshaven"}
