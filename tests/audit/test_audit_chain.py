"""Tamper evidence on a real SQLite file and a real PostgreSQL table.

Each test changes the stored events with raw SQL, as someone with access to the
database could, and checks that ``verify`` finds it at the right position.
"""

from __future__ import annotations

from uuid import UUID

from botu_core import Cooperations, JoinParty, PartyKind
from botu_core.audit import check_signed_head

from conftest import RawEvents  # type: ignore[attr-defined]  # tests/audit/conftest.py

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

    def test_a_published_head_still_verifies_after_new_events(self, small: Small) -> None:
        app, coop, _raw = small
        head = app.audit.head(coop)
        app.execute(coop, JoinParty(name="Later", kind=PartyKind.OTHER))
        assert app.audit.verify(coop, head=head.short).ok
        assert app.audit.verify(coop, head=head.digest).ok  # without the position
        assert app.audit.verify(coop, head=str(head)).ok

    def test_a_change_before_a_head_is_pinpointed_when_the_table_is_intact(self, small: Small) -> None:
        app, coop, raw = small
        head = app.audit.head(coop, position=8)
        raw.flip_byte(2, b"\"share_contact\":false", b"\"share_contact\":true")
        verdict = app.audit.verify(coop, head=head)
        assert (verdict.ok, verdict.first_bad_position, verdict.problem_code) == (False, 2, "audit.head_mismatch")
