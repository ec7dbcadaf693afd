"""Tamper evidence on a real SQLite file and a real PostgreSQL table.

Each test changes the stored events with raw SQL, as someone with access to the
database could, and checks that ``verify`` finds it at the right position.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from botu_core import Cooperations, JoinParty, PartyKind
from botu_core.audit import check_signed_head
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from audit_helpers import RawEvents, small_history

Small = tuple[Cooperations, UUID, RawEvents]


class TestTamperEvidence:
    """Run against SQLite and PostgreSQL through the ``store_url`` fixture."""

    def test_an_untouched_log_verifies(self, small: Small) -> None:
        app, coop, _raw = small
        verdict = app.audit.verify(coop)
        assert verdict.ok
        assert verdict.events == 10
        assert verdict.first_bad_position is None
        assert verdict.problem is None
        assert verdict.head is not None and verdict.head.position == 10
        assert verdict.to_dict()["first_bad_position"] is None

    def test_the_chain_grows_with_every_command_exactly_once(self, small: Small) -> None:
        app, coop, _raw = small
        assert app.audit.chain.count(coop) == 10
        app.execute(coop, JoinParty(name="Nieuw", kind=PartyKind.OTHER))
        app.catch_up()
        assert app.audit.chain.count(coop) == 11
        assert [link.position for link in app.audit.chain.links(coop)] == list(range(1, 12))
        assert app.audit.verify(coop).ok

    def test_an_edited_payload_byte_is_found_at_its_position(self, small: Small) -> None:
        app, coop, raw = small
        raw.flip_byte(7, b"\"kind\":\"resident\"", b"\"kind\":\"residenT\"")
        verdict = app.audit.verify(coop)
        assert not verdict.ok
        assert verdict.first_bad_position == 7
        assert verdict.problem_code == "audit.event_changed"
        assert "7" in (verdict.problem or "") and "changed" in (verdict.problem_en or "")

    def test_a_deleted_row_is_found_at_its_position(self, small: Small) -> None:
        app, coop, raw = small
        raw.delete(4)
        verdict = app.audit.verify(coop)
        assert (verdict.ok, verdict.first_bad_position, verdict.problem_code) == (False, 4, "audit.event_missing")
        assert verdict.events == 9

    def test_a_deleted_last_row_is_found(self, small: Small) -> None:
        app, coop, raw = small
        raw.delete(10)
        verdict = app.audit.verify(coop)
        assert (verdict.ok, verdict.first_bad_position, verdict.problem_code) == (
            False,
            10,
            "audit.events_missing_at_end",
        )

    def test_a_deleted_and_renumbered_row_is_found(self, small: Small) -> None:
        app, coop, raw = small
        raw.delete_and_renumber(5)
        verdict = app.audit.verify(coop)
        assert (verdict.first_bad_position, verdict.problem_code) == (5, "audit.event_removed_renumbered")

    def test_an_inserted_row_is_found_at_its_position(self, small: Small) -> None:
        app, coop, raw = small
        topic, state = raw.row(5)
        forged = state.replace(b'"kind":"resident"', b'"kind":"other"')
        assert forged != state
        raw.insert_at(5, topic, forged)
        verdict = app.audit.verify(coop)
        assert (verdict.ok, verdict.first_bad_position, verdict.problem_code) == (False, 5, "audit.event_inserted")
        assert verdict.events == 11

    def test_two_swapped_rows_are_found_at_the_first(self, small: Small) -> None:
        app, coop, raw = small
        raw.swap(3, 7)
        verdict = app.audit.verify(coop)
        assert (verdict.ok, verdict.first_bad_position, verdict.problem_code) == (False, 3, "audit.event_moved")
        assert "7" in (verdict.problem or "")

    def test_a_rechained_log_fails_against_a_published_signed_head(self, small: Small) -> None:
        app, coop, raw = small
        signed = app.audit.sign_head(coop)  # printed in the minutes of a meeting
        public_key = app.audit.public_key(coop)  # kept by the auditor
        raw.flip_byte(3, b"\"kind\":\"resident\"", b"\"kind\":\"initiative\"")
        raw.rechain()  # the attacker also rewrites the whole chain table
        assert app.audit.verify(coop).ok  # the table alone is fooled ...
        verdict = app.audit.verify(coop, head=signed.to_text(), public_key=public_key)
        assert not verdict.ok  # ... the published head is not
        assert verdict.problem_code == "audit.head_mismatch"
        assert verdict.first_bad_position == 10  # the table was rewritten: at or before the head
        short = app.audit.verify(coop, head=signed.head.short)
        assert (short.ok, short.problem_code) == (False, "audit.head_mismatch")
        # The head itself still checks out offline: the log changed, not the head.
        assert check_signed_head(signed.to_text(), public_key)

    def test_a_change_before_a_head_is_pinpointed_when_the_table_is_intact(self, small: Small) -> None:
        app, coop, raw = small
        head = app.audit.head(coop, position=8)
        raw.flip_byte(2, b"\"share_contact\":false", b"\"share_contact\":true")
        verdict = app.audit.verify(coop, head=head)
        assert (verdict.ok, verdict.first_bad_position, verdict.problem_code) == (False, 2, "audit.head_mismatch")


def test_a_published_head_still_verifies_after_new_events(memory_app: Cooperations) -> None:
    coop = small_history(memory_app)
    head = memory_app.audit.head(coop)
    memory_app.execute(coop, JoinParty(name="Later", kind=PartyKind.OTHER))
    assert memory_app.audit.verify(coop, head=head.short).ok
    assert memory_app.audit.verify(coop, head=head.digest).ok  # without the position
    assert memory_app.audit.verify(coop, head=str(head)).ok
    assert not memory_app.audit.verify(coop, head="3:" + head.digest[:16]).ok


def test_a_signed_head_is_checked_offline_with_the_public_key_alone(memory_app: Cooperations) -> None:
    coop = small_history(memory_app)
    signed = memory_app.audit.sign_head(coop, position=4)
    text = signed.to_text()
    key = memory_app.audit.public_key(coop)
    assert check_signed_head(text, key)
    assert not check_signed_head(text.replace('"position":4', '"position":5'), key)
    other = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert not check_signed_head(text, other)
    forged = memory_app.audit.verify(coop, head=text, public_key=other.hex())
    assert (forged.ok, forged.problem_code) == (False, "audit.head_signature_invalid")
    assert memory_app.audit.verify(coop, head=text).ok


def test_the_signing_key_lives_in_a_file_outside_the_database(tmp_path: Path) -> None:
    app = Cooperations(str(tmp_path / "botu.db"))
    coop = small_history(app)
    public = app.audit.public_key(coop)
    assert app.settings.path is not None
    key_file = app.settings.path.with_name(app.settings.path.name + ".keys") / f"{coop}.ed25519.pem"
    assert key_file.exists() and (key_file.stat().st_mode & 0o777) == 0o600
    assert b"PRIVATE KEY" in key_file.read_bytes() and b"PRIVATE KEY" not in app.settings.path.read_bytes()
    assert app.audit.public_key(coop) == public  # made once, then kept
    app.close()
