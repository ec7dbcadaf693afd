"""Helpers for the audit tests (a module of its own, as pytest imports every ``conftest.py``
under the same name): raw SQL on the real event table of either backend.

``RawEvents`` changes the stored events behind botu's back, as an attacker with access
to the database would: on SQLite the ``stored_events`` table in the file, on
PostgreSQL the ``botu_events`` table in the test's schema.
"""

from __future__ import annotations

import botu_testing

import sqlite3
from typing import Any
from uuid import UUID

from botu_core import Cooperations, JoinParty, PartyKind
from botu_core.audit import compute_links

from botu_testing import POSTGRES_URL


class RawEvents:
    def __init__(self, app: Cooperations, coop: UUID) -> None:
        self.app = app
        self.coop = coop
        self.kind = app.settings.kind
        if self.kind == "sqlite":
            self.table, self.param, self.id_value = "stored_events", "?", coop.hex
        else:
            self.table, self.param, self.id_value = f'"{app.settings.schema}".botu_events', "%s", str(coop)

    def _run(self, statements: list[tuple[str, tuple[Any, ...]]]) -> list[Any]:
        results: list[Any] = []
        if self.kind == "sqlite":
            assert self.app.settings.path is not None
            conn = sqlite3.connect(self.app.settings.path)
            try:
                for sql, args in statements:
                    results.append(conn.execute(sql.replace("%s", "?"), args).fetchall())
                conn.commit()
            finally:
                conn.close()
            return results
        import psycopg

        with psycopg.connect(POSTGRES_URL) as conn:
            for sql, args in statements:
                cursor = conn.execute(sql, args)  # type: ignore[arg-type]
                results.append(cursor.fetchall() if cursor.description else [])
        return results

    def row(self, version: int) -> tuple[str, bytes]:
        rows = self._run(
            [(f"SELECT topic, state FROM {self.table} WHERE originator_id = %s AND originator_version = %s", (self.id_value, version))]
        )[0]
        topic, state = rows[0]
        return str(topic), bytes(state)

    def set_state(self, version: int, state: bytes) -> None:
        self._run(
            [(f"UPDATE {self.table} SET state = %s WHERE originator_id = %s AND originator_version = %s", (state, self.id_value, version))]
        )

    def flip_byte(self, version: int, old: bytes, new: bytes) -> None:
        _, state = self.row(version)
        assert old in state
        self.set_state(version, state.replace(old, new, 1))

    def delete(self, version: int) -> None:
        self._run([(f"DELETE FROM {self.table} WHERE originator_id = %s AND originator_version = %s", (self.id_value, version))])

    def swap(self, first: int, second: int) -> None:
        topic_a, state_a = self.row(first)
        topic_b, state_b = self.row(second)
        update = f"UPDATE {self.table} SET topic = %s, state = %s WHERE originator_id = %s AND originator_version = %s"
        self._run([(update, (topic_b, state_b, self.id_value, first)), (update, (topic_a, state_a, self.id_value, second))])

    def _shift(self, from_version: int, by: int) -> list[tuple[str, tuple[Any, ...]]]:
        # Two steps through negative numbers, so the primary key never collides half-way.
        where = f"WHERE originator_id = %s AND originator_version >= %s"
        return [
            (f"UPDATE {self.table} SET originator_version = -(originator_version + %s) {where}", (by, self.id_value, from_version)),
            (f"UPDATE {self.table} SET originator_version = -originator_version WHERE originator_id = %s AND originator_version < 0", (self.id_value,)),
        ]

    def insert_at(self, version: int, topic: str, state: bytes) -> None:
        """Insert an event at ``version``, renumbering the later ones (a forged past event)."""
        insert = f"INSERT INTO {self.table} (originator_id, originator_version, topic, state) VALUES (%s, %s, %s, %s)"
        self._run([*self._shift(version, 1), (insert, (self.id_value, version, topic, state))])

    def delete_and_renumber(self, version: int) -> None:
        self.delete(version)
        self._run(self._shift(version + 1, -1))

    def rechain(self) -> None:
        """What a thorough attacker does after a change: recompute the whole chain table."""
        stored = list(self.app.recorder.select_events(self.coop))
        links = compute_links(self.coop, stored)
        chain = "audit_chain" if self.kind == "sqlite" else f'"{self.app.settings.schema}".audit_chain'
        insert = f"INSERT INTO {chain} (coop_id, position, event_digest, digest) VALUES (%s, %s, %s, %s)"
        self._run(
            [(f"DELETE FROM {chain} WHERE coop_id = %s", (str(self.coop),))]
            + [(insert, (str(self.coop), link.position, link.event_digest, link.digest)) for link in links]
        )
        self.retree()

    def retree(self) -> None:
        """And the transparency log's tree table, from the stored bytes as they now are."""
        from botu_core.merkle import MemoryTree
        from botu_core.audit.tree import event_leaf

        stored = list(self.app.recorder.select_events(self.coop))
        tree = MemoryTree([event_leaf(self.coop, event, self.app.audit._plain) for event in stored])
        table = "audit_tree" if self.kind == "sqlite" else f'"{self.app.settings.schema}".audit_tree'
        insert = f"INSERT INTO {table} (coop_id, level, idx, hash) VALUES (%s, %s, %s, %s)"
        rows = [
            (insert, (str(self.coop), level, index, node))
            for level, nodes in enumerate(tree.levels)
            for index, node in enumerate(nodes)
        ]
        self._run([(f"DELETE FROM {table} WHERE coop_id = %s", (str(self.coop),)), *rows])

    def resign_checkpoints(self) -> None:
        """An operator who holds the cooperation's key: drop every checkpoint kept in the store."""
        table = "audit_checkpoints" if self.kind == "sqlite" else f'"{self.app.settings.schema}".audit_checkpoints'
        self._run([(f"DELETE FROM {table} WHERE coop_id = %s", (str(self.coop),))])


PARTIES = ["Fatima", "Henk", "Priya", "Buurthuiskamer", "Zon", "Schiehaven", "Gemeente", "Wonen", "Wijkteam"]


def small_history(app: Cooperations) -> UUID:
    """A cooperation with ten events: founded, and nine parties joined."""
    coop = app.create_cooperation("Energiewijk Test", slug="test")
    for name in PARTIES:
        app.execute(coop, JoinParty(name=name, kind=PartyKind.RESIDENT))
    return UUID(coop)


def copy_subject_keys(source: Cooperations, target: Cooperations) -> int:
    """Restore the personal-data keys (issue 7) from a backup: they travel apart from the log.

    Export files carry personal data only encrypted; the key table is backed up and moved
    separately. Without it the target shows the placeholder name instead.
    """
    from botu_core.privacy import export_keys, import_keys

    # Through the key backup's own functions: each store wraps keys with its own KEK.
    return sum(
        import_keys(target.keys, coop.id, export_keys(source.keys, coop.id)) for coop in source.cooperations()
    )


def all_queries(app: Cooperations, coop: str) -> dict[str, object]:
    """The answer of every read-model query of ``app`` for one cooperation."""
    answers: dict[str, object] = {
        "cooperations": app.cooperations(),
        "parties": botu_testing.parties_in_full(app, coop),
        "agreement_versions": app.agreement_versions(coop),
        "projects": app.projects(coop),
        "budget": app.budget(coop),
        "allocations": app.allocations(coop),
        "meetings": app.meetings(coop),
        "meetings_per_year": app.meetings_per_year(coop),
        "decisions": app.decisions(coop),
        "disagreements": app.disagreements(coop),
        "evaluations": app.evaluations(coop),
        "benefits": app.benefits(coop),
        "compliance": app.compliance(coop),
        "log": app.log(coop),
        "dump": app.read_models.dump(),
    }
    for version in app.agreement_versions(coop):
        answers[f"agreement-{version}"] = app.agreement(coop, version)
    return answers


def append_copy(raw: RawEvents, version: int) -> int:
    """Copy the event at ``version`` to a new row after the last one; returns its version."""
    topic, state = raw.row(version)
    last = raw._run([(f"SELECT MAX(originator_version) FROM {raw.table} WHERE originator_id = %s", (raw.id_value,))])[0][0][0]
    insert = f"INSERT INTO {raw.table} (originator_id, originator_version, topic, state) VALUES (%s, %s, %s, %s)"
    raw._run([(insert, (raw.id_value, int(last) + 1, topic, state))])
    return int(last) + 1


def drop_read_models(app: Cooperations) -> None:
    """What a copy of only the events and the chain looks like: the read models start from nothing."""
    app.read_models.clear()


def botu(capsys: Any, *args: str) -> tuple[int, str, str]:
    """The command line in this process, in Dutch: exit code, stdout, stderr."""
    from botu_cli.main import main

    capsys.readouterr()
    code = main(["--lang", "nl", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err
