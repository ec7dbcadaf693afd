"""Contract tests of the two ports, the event store and the read models, one suite per backend.

As eventsourcing tests its recorders: the base classes hold the tests, each backend
subclasses them with the URL of a fresh store.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from uuid import UUID
from collections.abc import Iterator
from pathlib import Path

import pytest

import botu_testing
from botu_core import Cooperations, JoinParty, MeetingKind, PartyKind, RecordMeeting, to_json_data
from botu_core.privacy import KeyStore
from botu_core.readmodels import projector
from botu_core.examples import load_botu_2021
from factories import cooperation


def _failing_projection(*_args: object, **_kwargs: object) -> int:
    raise RuntimeError("projection failed")


class StoreContract:
    """Subclasses provide ``url``: a fresh, empty store."""

    @pytest.fixture
    def url(self, tmp_path: Path) -> Iterator[str]:
        raise NotImplementedError

    def open(self, url: str) -> Cooperations:
        return Cooperations(url, clock=botu_testing.fixed_clock)

    def raw_events(self, url: str) -> list[tuple[str, int, str, bytes]]:
        raise NotImplementedError

    def person_after_a_rebuild(self, url: str, coop: str, party_id: str) -> tuple[str, str | None]:
        """A party's name and phone as a fresh process reads them, after rebuilding from the log
        (so decrypted with the key the store kept for them)."""
        app = self.open(url)
        try:
            app.rebuild_read_models()
            found = next(p for p in app.parties(coop, show_contact=True) if p.id == party_id)
            return found.name, found.phone
        finally:
            app.close()

    # --- event store ----------------------------------------------------------------

    def test_events_are_kept_in_order_and_survive_a_restart(self, url: str) -> None:
        app = self.open(url)
        ids = cooperation(app)
        recorded = [(e.originator_version, e.type, e.fact) for e in app.events_of(ids["coop"])]
        app.close()
        again = self.open(url)
        assert [(e.originator_version, e.type, e.fact) for e in again.events_of(ids["coop"])] == recorded
        assert [v for v, _, _ in recorded] == list(range(1, len(recorded) + 1))
        again.close()

    def test_a_stored_event_is_plain_json_anyone_can_read(self, url: str) -> None:
        app = self.open(url)
        ids = cooperation(app)
        app.execute(ids["coop"], JoinParty(name="Rotterdam Energie", kind=PartyKind.ENERGY_COMPANY))
        app.execute(ids["coop"], JoinParty(name="Bea", kind=PartyKind.RESIDENT, phone="0612345678"))
        app.close()
        rows = self.raw_events(url)
        topic_counts = [topic for _, _, topic, _ in rows]
        assert topic_counts[0] == "CooperationFounded"
        last = json.loads(rows[-1][3])
        # A resident's name and phone are personal data: stored encrypted with her own key.
        encrypted = {field: last["event"].pop(field) for field in ("name", "phone")}
        assert last["event"] == {
            "type": "PartyJoined",
            "party_id": "party-4",
            "kind": "resident",
            "email": "",
            "share_contact": False,
            "joined_on": "2023-03-01",
            "confirmed": True,  # the owner added her: no confirmation needed
            "v": 2,
        }
        assert all(set(value) == {"ciphertext", "subject"} and value["subject"] == "party-4" for value in encrypted.values())
        assert b"Bea" not in rows[-1][3] and b"0612345678" not in rows[-1][3]
        assert json.loads(rows[-2][3])["event"]["name"] == "Rotterdam Energie"  # an organisation's name is not
        assert last["recorded_at"].startswith("2023-03-01T12:00:00")
        # Canonical bytes: sorted keys, no spaces.
        again = json.loads(rows[-1][3])
        assert rows[-1][3] == json.dumps(again, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    def test_cooperations_have_separate_logs(self, url: str) -> None:
        app = self.open(url)
        a = cooperation(app, slug="a")["coop"]
        b = cooperation(app, slug="b")["coop"]
        assert len(app.events_of(a)) == len(app.events_of(b))
        assert {e.originator_id for e in app.events_of(a)} == {uuid.UUID(a)}
        app.close()

    # --- read models ----------------------------------------------------------------

    def test_example_history_gives_the_same_answers_on_every_backend(self, url: str) -> None:
        app = self.open(url)
        coop = load_botu_2021(app)
        answers = {
            "budget": to_json_data(app.budget(coop)),
            "projects": [p["title"] for p in to_json_data(app.projects(coop))],
            "compliance_2021": to_json_data(app.compliance(coop, 2021)),
            "disagreements": [d["status"] for d in to_json_data(app.disagreements(coop))],
            "versions": app.agreement_versions(coop),
        }
        assert answers["budget"] == [
            {"source": "Aardgasvrij", "year": 2021, "available": "50000.00", "allocated": "30000.00", "spent": "8450.00", "left": "20000.00"},
            {"source": "BoTu2028", "year": 2021, "available": "50000.00", "allocated": "37500.00", "spent": "12000.00", "left": "12500.00"},
        ]
        assert len(answers["projects"]) == 5
        assert answers["compliance_2021"][0]["ok"] is True
        assert answers["disagreements"] == ["resolved"]
        assert answers["versions"] == [1, 2]
        app.close()

    def test_each_event_is_projected_once_across_restarts(self, url: str) -> None:
        app = self.open(url)
        coop = load_botu_2021(app)
        live = app.read_models.dump()
        position = app.read_models.position()
        app.close()
        # A new process catches up from the tracked position: nothing applied twice.
        again = self.open(url)
        assert again.read_models.position() == position
        assert again.catch_up() == 0
        assert again.read_models.dump() == live
        # The read models lag behind (as after a crash between save and projection)…
        again.read_models.clear()
        assert again.read_models.position() == 0
        # …and a query catches them up before it answers.
        assert len(again.projects(coop)) == 5
        assert again.read_models.dump() == live
        again.close()

    def test_a_command_commits_its_events_read_models_and_chain_together(self, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
        app = self.open(url)
        ids = cooperation(app)
        before = (app.recorder.max_notification_id(), app.read_models.dump(), app.audit.chain.count(UUID(ids["coop"])))

        monkeypatch.setattr(projector, "apply_all", _failing_projection)
        with pytest.raises(RuntimeError, match="projection failed"):
            app.execute(ids["coop"], JoinParty(name="Buurthuis", kind=PartyKind.INITIATIVE))
        monkeypatch.undo()
        # Nothing of the command is anywhere: not in the log, not in the read models, not in the chain.
        assert (app.recorder.max_notification_id(), app.read_models.dump(), app.audit.chain.count(UUID(ids["coop"]))) == before
        app.close()
        # A fresh process decides the same command again on the unchanged log.
        again = self.open(url)
        party = again.execute(ids["coop"], JoinParty(name="Buurthuis", kind=PartyKind.INITIATIVE))
        assert party in {p.id for p in again.parties(ids["coop"])}
        assert again.audit.verify(ids["coop"]).ok
        again.close()

    def test_a_writer_that_finds_the_read_models_behind_catches_up_in_log_order(self, url: str) -> None:
        one = self.open(url)
        ids = cooperation(one)
        two = self.open(url)
        other = two.create_cooperation("Tweede", slug="tweede", founded_on=dt.date(2021, 1, 1))
        # The read models lag behind the log (as in a store restored without them).
        two.read_models.clear()
        meeting = RecordMeeting(kind=MeetingKind.MONTHLY, held_on=dt.date(2021, 8, 1), attendees=(ids["ann"],))
        one.execute(ids["coop"], meeting)
        # ``one`` found them elsewhere than right before its event: it caught up after saving.
        assert one.read_models.position() == one.recorder.max_notification_id()
        assert {c.slug for c in one.cooperations()} == {"botu", "tweede"}
        assert len(one.meetings(ids["coop"])) == 2
        live = one.read_models.dump()
        one.rebuild_read_models()
        assert one.read_models.dump() == live
        assert one.audit.verify(ids["coop"]).ok and one.audit.verify(other).ok
        one.close()
        two.close()

    def test_a_new_persons_key_commits_with_their_event_or_not_at_all(
        self, url: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        app = self.open(url)
        ids = cooperation(app)
        keys_before = app.keys.count()

        monkeypatch.setattr(projector, "apply_all", _failing_projection)
        with pytest.raises(RuntimeError):
            app.execute(ids["coop"], JoinParty(name="Bea", kind=PartyKind.RESIDENT, phone="0612345678"))
        monkeypatch.undo()
        assert app.keys.count() == keys_before  # no key without its event
        bea = app.execute(ids["coop"], JoinParty(name="Bea", kind=PartyKind.RESIDENT, phone="0612345678"))
        assert app.keys.count() == keys_before + 1
        app.close()
        assert self.person_after_a_rebuild(url, ids["coop"], bea) == ("Bea", "0612345678")

    def test_a_key_another_process_made_first_is_a_conflict_and_the_command_is_decided_again(
        self, url: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        app = self.open(url)
        ids = cooperation(app)
        other = self.open(url)
        coop = ids["coop"]
        # The id the next party will get, and a key for it made by another process
        # after this one looked (the race is made certain by hiding the first look).
        next_id = f"party-{len(app.parties(coop)) + 1}"
        other.keys.get_or_create(coop, next_id)
        looks = []
        real_read_one = KeyStore._read_one

        def first_look_misses(store: KeyStore, coop_id: str, subject_id: str) -> bytes | None:
            looks.append(subject_id)
            return None if len(looks) == 1 else real_read_one(store, coop_id, subject_id)

        monkeypatch.setattr(KeyStore, "_read_one", first_look_misses)
        bea = app.execute(coop, JoinParty(name="Bea", kind=PartyKind.RESIDENT, phone="0612345678"))
        monkeypatch.undo()
        assert bea == next_id and len(looks) == 2  # decided twice, the second time with their key
        assert self.person_after_a_rebuild(url, coop, bea) == ("Bea", "0612345678")
        app.close()
        other.close()


class TestSQLite(StoreContract):
    @pytest.fixture
    def url(self, tmp_path: Path) -> Iterator[str]:
        yield str(tmp_path / "botu.db")

    def raw_events(self, url: str) -> list[tuple[str, int, str, bytes]]:
        with sqlite3.connect(url) as conn:
            return conn.execute(
                "SELECT originator_id, originator_version, topic, state FROM stored_events ORDER BY rowid"
            ).fetchall()

    def test_the_file_uses_wal_and_full_sync(self, url: str) -> None:
        self.open(url).close()
        with sqlite3.connect(url) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.postgres
class TestPostgres(StoreContract):
    @pytest.fixture
    def url(self, tmp_path: Path) -> Iterator[str]:
        botu_testing.require_postgres()
        schema = f"t_{uuid.uuid4().hex[:12]}"
        yield f"{botu_testing.POSTGRES_URL}?schema={schema}"
        botu_testing.drop_schema(schema)

    def raw_events(self, url: str) -> list[tuple[str, int, str, bytes]]:
        import psycopg

        schema = url.rsplit("schema=", 1)[1]
        with psycopg.connect(botu_testing.POSTGRES_URL) as conn:
            rows = conn.execute(
                f'SELECT originator_id::text, originator_version, topic, state FROM "{schema}".botu_events '
                "ORDER BY notification_id"
            ).fetchall()
        return [(r[0], r[1], r[2], bytes(r[3])) for r in rows]


def test_read_models_of_an_older_botu_are_made_anew(tmp_path: Path) -> None:
    """A store whose read-model tables lack a column (made by an older version) opens,
    drops them and rebuilds them from the log."""
    url = str(tmp_path / "botu.db")
    app = Cooperations(url, clock=botu_testing.fixed_clock)
    coop = load_botu_2021(app)
    live = app.read_models.dump()
    app.close()
    with sqlite3.connect(url) as conn:  # as an older botu left it: no 'location', older version
        conn.execute("ALTER TABLE rm_meetings DROP COLUMN location")
        conn.execute("UPDATE rm_tracking SET schema_version = schema_version - 1")
    again = Cooperations(url, clock=botu_testing.fixed_clock)
    assert again.read_models.dump() == live
    assert len(again.meetings(coop)) == 10
    again.close()
