"""An old log keeps loading: events of version 1, written before two event types changed
shape, are upcast on reading and give the same read models as they did then."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

import botu_testing
from botu_core import Cooperations, to_json_data
from botu_core.privacy import import_keys

FIXTURES = Path(__file__).parent / "fixtures"
# Fields added since the fixture was written; the old answers do not have them.
ADDED_SINCE = {"meetings": {"location"}}


def load_old_log(url: str) -> tuple[Cooperations, str]:
    app = Cooperations(url, clock=botu_testing.fixed_clock)
    keys = json.loads((FIXTURES / "log_2021_v1_keys.json").read_text())
    # The keys are put back the way a key backup is (stored wrapped by the store's KEK).
    import_keys(app.keys, keys["coop_id"], keys["keys"])
    lines = (FIXTURES / "log_2021_v1.jsonl").read_text().splitlines()
    stored = [
        StoredEvent(UUID(e["originator_id"]), e["originator_version"], e["topic"], e["state"].encode())
        for e in map(json.loads, lines)
    ]
    app.recorder.insert_events(stored)
    app.catch_up()
    return app, keys["coop_id"]


def without(data: Any, names: set[str]) -> Any:
    if isinstance(data, list):
        return [without(d, names) for d in data]
    if isinstance(data, dict):
        return {k: without(v, names) for k, v in data.items() if k not in names}
    return data


def test_the_old_log_has_old_versions() -> None:
    text = (FIXTURES / "log_2021_v1.jsonl").read_text()
    assert '\\"euros\\":' in text
    assert "euros_saved" not in text and '\\"location\\"' not in text


def test_old_log_gives_the_same_read_models(store_url: str) -> None:
    app, coop = load_old_log(store_url)
    expected = json.loads((FIXTURES / "log_2021_v1_expected.json").read_text())
    answers = {
        "parties": app.parties(coop),
        "agreement": app.agreement(coop),
        "projects": app.projects(coop),
        "budget": app.budget(coop),
        "allocations": app.allocations(coop),
        "meetings": app.meetings(coop),
        "decisions": app.decisions(coop),
        "disagreements": app.disagreements(coop),
        "evaluations": app.evaluations(coop),
        "benefits": app.benefits(coop),
        "compliance": app.compliance(coop),
    }
    for name, answer in answers.items():
        assert without(to_json_data(answer), ADDED_SINCE.get(name, set())) == expected[name], name
    # The upcast events read as today's classes.
    benefit = next(e for e in app.events_of(coop) if e.type == "BenefitRecorded")
    assert str(benefit.fact.euros_saved) == "9600.00"
    meeting = next(e for e in app.events_of(coop) if e.type == "MeetingHeld")
    assert meeting.fact.location == ""
    # A rebuild from the old log gives the same tables again.
    live = app.read_models.dump()
    app.rebuild_read_models()
    assert app.read_models.dump() == live
    app.close()


def test_new_events_are_stored_with_their_version(memory_app: Cooperations) -> None:
    from botu_core import MeetingKind, RecordMeeting

    from factories import D, cooperation

    ids = cooperation(memory_app)
    memory_app.execute(ids["coop"], RecordMeeting(kind=MeetingKind.MONTHLY, held_on=D(2021, 10, 1), location="Buurthuis"))
    stored = list(memory_app.recorder.select_events(UUID(ids["coop"])))[-1]
    data = json.loads(stored.state)["event"]
    assert (data["v"], data["location"]) == (2, "Buurthuis")
    assert memory_app.meetings(ids["coop"])[-1].location == "Buurthuis"
