"""An old log keeps loading: events of version 1, written before two event types changed
shape, are upcast on reading and give the same read models as they did then."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent

import botu_testing
from botu_core import Commitments, Cooperations, MeetingKind, to_json_data
from botu_core.privacy import import_keys

FIXTURES = Path(__file__).parent / "fixtures"
# Fields added since the fixture was written; the old answers do not have them.
ADDED_SINCE = {"meetings": {"location", "minutes_members_only"}, "parties": {"confirmed"}, "agreement": {"commitments"},
               "compliance": {"version", "clause", "required_plenary_meetings", "consultation", "evaluation_required",
                              "indicators_required", "disagreement_open_days", "checked"}}
# Names changed since: the meeting kind "monthly" is now "consultation", and a compliance
# year counts consultations of any cadence.
RENAMED_SINCE = {"monthly_consultations": "consultations", "months_without_consultation": "missing_consultation_periods"}


def in_todays_words(data: Any) -> Any:
    """An old answer as today's code says the same thing."""
    if isinstance(data, list):
        return [in_todays_words(d) for d in data]
    if isinstance(data, dict):
        return {RENAMED_SINCE.get(k, k): ("consultation" if k == "kind" and v == "monthly" else in_todays_words(v))
                for k, v in data.items()}
    return data


def load_fixture_log(url: str, stem: str) -> tuple[Cooperations, str]:
    """A fresh store holding the fixture log ``stem``.jsonl, with its subject keys."""
    app = Cooperations(url, clock=botu_testing.fixed_clock)
    keys = json.loads((FIXTURES / f"{stem}_keys.json").read_text())
    # The keys are put back the way a key backup is (stored wrapped by the store's KEK).
    import_keys(app.keys, keys["coop_id"], keys["keys"])
    lines = (FIXTURES / f"{stem}.jsonl").read_text().splitlines()
    app.recorder.insert_events([
        StoredEvent(UUID(e["originator_id"]), e["originator_version"], e["topic"], e["state"].encode())
        for e in map(json.loads, lines)
    ])
    app.catch_up()
    return app, keys["coop_id"]


def load_old_log(url: str) -> tuple[Cooperations, str]:
    return load_fixture_log(url, "log_2021_v1")


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
        assert without(to_json_data(answer), ADDED_SINCE.get(name, set())) == in_todays_words(expected[name]), name
    # The upcast events read as today's classes.
    benefit = next(e for e in app.events_of(coop) if e.type == "BenefitRecorded")
    assert str(benefit.fact.euros_saved) == "9600.00"
    meeting = next(e for e in app.events_of(coop) if e.type == "MeetingHeld")
    assert meeting.fact.location == ""
    assert meeting.fact.kind is MeetingKind.CONSULTATION  # stored as "monthly"
    assert app.audit.verify(coop).ok
    # A rebuild from the old log gives the same tables again.
    live = app.read_models.dump()
    app.rebuild_read_models()
    assert app.read_models.dump() == live
    app.close()


def test_new_events_are_stored_with_their_version(memory_app: Cooperations) -> None:
    from botu_core import RecordMeeting

    from factories import D, cooperation

    ids = cooperation(memory_app)
    memory_app.execute(ids["coop"], RecordMeeting(kind=MeetingKind.MONTHLY, held_on=D(2021, 10, 1), location="Buurthuis"))
    stored = list(memory_app.recorder.select_events(UUID(ids["coop"])))[-1]
    data = json.loads(stored.state)["event"]
    assert (data["v"], data["location"], data["minutes_members_only"]) == (3, "Buurthuis", False)
    assert memory_app.meetings(ids["coop"])[-1].location == "Buurthuis"


# --- a store with participatory rounds, recorded before parties needed confirmation,
# before agreements held commitments and before ballots were secret -----------------------


def load_ballots_log(url: str) -> tuple[Cooperations, str]:
    return load_fixture_log(url, "log_2021_ballots_v1")


def test_the_ballots_log_has_old_versions() -> None:
    text = (FIXTURES / "log_2021_ballots_v1.jsonl").read_text()
    assert text.count('\\"voter_id\\":\\"party-') == 5 and "pseudonym" not in text
    assert "confirmed" not in text and "commitments" not in text


def test_old_parties_are_confirmed_and_old_terms_get_the_default_commitments(store_url: str) -> None:
    from botu_core import Commitments

    app, coop = load_ballots_log(store_url)
    expected = json.loads((FIXTURES / "log_2021_ballots_v1_expected.json").read_text())
    assert without(to_json_data(app.parties(coop)), {"confirmed"}) == expected["parties"]
    assert all(p.confirmed for p in app.parties(coop)) and app.pending_parties(coop) == []
    assert without(to_json_data(app.agreement(coop)), {"commitments"}) == expected["agreement"]
    assert app.agreement(coop).commitments == Commitments()


def test_old_ballots_recount_the_same_and_show_no_voter(store_url: str) -> None:
    from botu_core import CastBallot, JoinParty, PartyKind, RuleViolation
    from botu_core.participatory.rounds import recount

    app, coop = load_ballots_log(store_url)
    expected = json.loads((FIXTURES / "log_2021_ballots_v1_expected.json").read_text())
    # The closed round still verifies: same digest (over the old voter ids), same winners.
    check = app.verify_round(coop, "round-1")
    assert check.ok and to_json_data(check) == expected["verify_round_1"]
    for rnd in ("round-1", "round-2"):
        assert to_json_data(app.proposals(coop, rnd)) == expected["proposals"][rnd]
        old = expected["ballots"][rnd]
        shown = app.ballots(coop, rnd)
        assert sorted(tuple(b.approvals) for b in shown) == sorted(tuple(b["approvals"]) for b in old)
    # Everyone recounts the old round from the public views: the same winners.
    public = app.view_as("public")
    assert recount(public.round(coop, "round-1"), public.proposals(coop, "round-1"),
                   public.ballots(coop, "round-1")).winners == check.recorded_winners
    # The old ballots keep their voter id in the stored events, but no view or log shows it.
    parties = {p.id for p in app.parties(coop)}
    for rnd in ("round-1", "round-2"):
        assert not {b.pseudonym for b in app.ballots(coop, rnd)} & parties
    for entry in app.log(coop):
        if entry.type == "BallotCast":
            assert "voter_id" not in entry.data and not {str(v) for v in entry.data.values()} & parties
    # Nor does the round written as a pabulib file.
    assert not {line.split(";")[0] for line in app.export_pabulib(coop, "round-1").splitlines()} & parties
    # Only the voter sees her own old ballot: Ann's second one, which replaced her first.
    ann = app.party(coop, "Ann").id
    own = app.own_ballot(coop, "round-1", ann)
    assert own is not None and own.approvals == ("proposal-1", "proposal-3") and own.pseudonym.startswith("earlier-")
    assert app.view_as("member", viewer=ann).own_ballot(coop, "round-1") == own
    # In the round still open, Cor's open ballot stands and cannot be replaced by a secret one
    # (that would say whose it was); a new voter votes secretly.
    cor = app.party(coop, "Cor").id
    with pytest.raises(RuleViolation) as refused:
        app.execute(coop, CastBallot(round="round-2", voter=cor, approvals=("proposal-4",)))
    assert refused.value.code == "round.voted_before_secret_ballots"
    dirk = app.execute(coop, JoinParty(name="Dirk", kind=PartyKind.RESIDENT))
    receipt = str(app.execute(coop, CastBallot(round="round-2", voter=str(dirk), approvals=("proposal-4",))))
    assert app.check_receipt(coop, "round-2", receipt).counted
    assert app.round(coop, "round-2").voters == 2
    # A rebuild from the old log gives the same tables again.
    live = app.read_models.dump()
    app.rebuild_read_models()
    assert app.read_models.dump() == live


# --- a store recorded when commitments held only parties_need_confirmation and the
# consultation was the meeting kind "monthly" ----------------------------------------------


def load_commitments_log(url: str) -> tuple[Cooperations, str]:
    return load_fixture_log(url, "log_2022_commitments_v1")


def test_the_commitments_log_has_old_versions() -> None:
    text = (FIXTURES / "log_2022_commitments_v1.jsonl").read_text()
    assert text.count('\\"kind\\":\\"monthly\\"') == 7 and "consultation" not in text
    assert text.count('\\"commitments\\":{\\"parties_need_confirmation\\":true}') == 2
    assert "plenary_meetings_per_year" not in text


def test_old_commitments_read_as_botus_and_old_monthly_meetings_as_consultations(store_url: str) -> None:
    app, coop = load_commitments_log(store_url)
    expected = json.loads((FIXTURES / "log_2022_commitments_v1_expected.json").read_text())
    for version in (1, 2):
        assert app.agreement(coop, version).commitments == Commitments()
    assert without(to_json_data(app.agreement(coop)), {"commitments"}) == without(expected["agreement"], {"commitments"})
    assert without(to_json_data(app.meetings(coop)), {"minutes_members_only"}) == in_todays_words(expected["meetings"])
    per_year = {str(y): kinds for y, kinds in app.meetings_per_year(coop).items()}
    assert per_year == {y: {("consultation" if k == "monthly" else k): n for k, n in kinds.items()}
                        for y, kinds in expected["meetings_per_year"].items()}
    # The same findings as then, now with the version and the figures checked.
    answer = to_json_data(app.compliance(coop))
    assert without(answer, ADDED_SINCE["compliance"]) == in_todays_words(expected["compliance"])
    assert [(y["year"], y["version"], y["required_plenary_meetings"], y["consultation"]) for y in answer] == [
        (2021, 1, 3, "monthly"), (2022, 2, 3, "monthly"), (2023, 2, 3, "monthly")]
    # The stored bytes are unchanged: the audit chain still verifies, before and after a rebuild.
    assert expected["audit_ok"] and app.audit.verify(coop).ok
    live = app.read_models.dump()
    app.rebuild_read_models()
    assert app.read_models.dump() == live
    app.close()


# --- a store recorded before minutes could be marked members-only -----------------------------


def load_minutes_log(url: str) -> tuple[Cooperations, str]:
    return load_fixture_log(url, "log_2021_minutes_v2")


def test_the_minutes_log_has_old_versions() -> None:
    text = (FIXTURES / "log_2021_minutes_v2.jsonl").read_text()
    assert text.count('\\"type\\":\\"MeetingHeld\\",\\"v\\":2') == 3 and "members_only" not in text


def test_old_minutes_stay_public(store_url: str) -> None:
    app, coop = load_minutes_log(store_url)
    expected = json.loads((FIXTURES / "log_2021_minutes_v2_expected.json").read_text())
    added = {"minutes_members_only"}
    assert without(to_json_data(app.meetings(coop)), added) == expected["meetings"]
    public = app.view_as("public").meetings(coop)
    assert without(to_json_data(public), added) == expected["public_meetings"]
    assert not any(m.minutes_members_only for m in public)
    assert all(not e.fact.minutes_members_only for e in app.events_of(coop) if e.type == "MeetingHeld")
    assert expected["audit_ok"] and app.audit.verify(coop).ok
    live = app.read_models.dump()
    app.rebuild_read_models()
    assert app.read_models.dump() == live
    app.close()
