"""The event store: eventsourcing's tables, saved in the read models' transaction.

eventsourcing's own SQLite recorder keeps a connection of its own, so every command
paid for two transactions: one saving its events (waiting for the disk), then one
projecting them into the read models and extending the audit chain. This recorder
writes the very same table — ``stored_events``, the same columns and primary key,
the rowid as notification id, ids stored as 32 hex digits — so a log written by either
recorder reads the same with the other. It goes through the read models' SQLAlchemy
engine and takes a ``then`` callback that runs in the saving transaction, after the
insert: a command's events, its read-model rows and its chain links commit together,
with one wait for the disk (``synchronous=FULL``), or not at all.

The hot statements run on the driver's own cursor (the connection SQLAlchemy holds for
the transaction): a command's overhead, not the disk, was what kept it slow.

On PostgreSQL, ``PostgresRecorder`` is eventsourcing's own recorder (its tables, its
reads) with the same ``then``: the insert takes eventsourcing's exclusive table lock,
so events commit in the order of their notification ids, and the read models follow
in that transaction. A second transaction per command, with a lock of its own, made
concurrent writers queue twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, IntegrityError, Notification, StoredEvent, Subscription
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg import IntegrityError as PostgresIntegrityError
from psycopg import sql
from sqlalchemy import Connection, Engine

# Runs in the saving transaction with the connection and the saved events' notifications.
AfterInsert = Callable[[Connection, list[Notification]], None]

TABLE = "stored_events"


class SQLiteRecorder(ApplicationRecorder):
    """eventsourcing's ``ApplicationRecorder`` for a SQLite file, on a SQLAlchemy engine."""

    def __init__(self, engine: Engine, table: str = TABLE) -> None:
        self.engine = engine
        self.events_table_name = table
        self._insert = f"INSERT INTO {table} VALUES (?,?,?,?)"
        self._columns = f"SELECT rowid, originator_id, originator_version, topic, state FROM {table} "
        with engine.connect() as conn:
            conn = conn.execution_options(botu_write="durable")
            with conn.begin():
                # The statement of eventsourcing's SQLiteApplicationRecorder, so that both
                # recorders read and write one and the same table.
                conn.exec_driver_sql(
                    f"CREATE TABLE IF NOT EXISTS {table} (originator_id TEXT, originator_version INTEGER, "
                    "topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))"
                )

    # --- writing ----------------------------------------------------------------------

    def insert_events(
        self, stored_events: Sequence[StoredEvent], *, then: AfterInsert | None = None, **_: Any
    ) -> Sequence[int] | None:
        """Insert the events in one durable transaction; ``then`` runs in it, last.
        A racing writer that took one of the versions first raises ``IntegrityError``
        and nothing is written."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(botu_write="durable")
            with conn.begin():
                cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
                notifications = []
                try:
                    for s in stored_events:
                        originator_id = s.originator_id.hex if isinstance(s.originator_id, UUID) else s.originator_id
                        cursor.execute(self._insert, (originator_id, s.originator_version, s.topic, s.state))
                        notifications.append(_notification(s, int(cursor.lastrowid or 0)))
                except sqlite3.IntegrityError as error:
                    raise IntegrityError(str(error)) from error
                finally:
                    cursor.close()
                if then is not None and notifications:
                    then(conn, notifications)
        return [n.id for n in notifications]

    # --- reading ----------------------------------------------------------------------

    def select_events(
        self,
        originator_id: UUID | str,
        *,
        gt: int | None = None,
        lte: int | None = None,
        desc: bool = False,
        limit: int | None = None,
    ) -> Sequence[StoredEvent]:
        statement = f"SELECT originator_id, originator_version, topic, state FROM {self.events_table_name} WHERE originator_id=? "
        params: list[Any] = [originator_id.hex if isinstance(originator_id, UUID) else originator_id]
        if gt is not None:
            statement += "AND originator_version>? "
            params.append(gt)
        if lte is not None:
            statement += "AND originator_version<=? "
            params.append(lte)
        statement += "ORDER BY originator_version " + ("DESC " if desc else "ASC ")
        if limit is not None:
            statement += "LIMIT ?"
            params.append(limit)
        rows = self._fetch(statement, params)
        if not rows:
            return []
        # One originator: its id parsed once (parsing a UUID per row cost verify a quarter of its time).
        originator = _uuid(rows[0][0])
        return [StoredEvent(originator, row[1], row[2], row[3]) for row in rows]

    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Sequence[Notification]:
        conditions: list[str] = []
        params: list[Any] = []
        if start is not None:
            conditions.append("rowid>=?" if inclusive_of_start else "rowid>?")
            params.append(start)
        if stop is not None:
            conditions.append("rowid<=?")
            params.append(stop)
        if topics:
            conditions.append(f"topic IN ({','.join('?' * len(topics))})")
            params.extend(topics)
        statement = self._columns + (f"WHERE {' AND '.join(conditions)} " if conditions else "") + "ORDER BY rowid LIMIT ?"
        params.append(limit)
        rows = self._fetch(statement, params)
        # One UUID per cooperation, not per event: a rebuild reads a million of them.
        ids: dict[str, UUID] = {}
        out = []
        for row in rows:
            coop = ids.get(row[1])
            if coop is None:
                coop = ids[row[1]] = _uuid(row[1])
            out.append(Notification(id=row[0], originator_id=coop, originator_version=row[2], topic=row[3], state=row[4]))
        return out

    def max_notification_id(self) -> int | None:
        rows = self._fetch(f"SELECT MAX(rowid) FROM {self.events_table_name}", [])
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    def subscribe(self, gt: int | None = None, topics: Sequence[str] = ()) -> Subscription[ApplicationRecorder]:
        raise NotImplementedError("botu's SQLite recorder does not support subscriptions (nor does eventsourcing's)")

    def _fetch(self, statement: str, params: list[Any]) -> list[Any]:
        with self.engine.connect() as conn:
            dbapi = conn.connection.dbapi_connection
            cursor = dbapi.cursor()  # type: ignore[union-attr]
            try:
                # The driver runs in autocommit mode (see readmodels.store): one statement
                # reads one snapshot, no transaction to end.
                cursor.execute(statement, params)
                return list(cursor.fetchall())
            finally:
                cursor.close()


class PostgresRecorder(PostgresApplicationRecorder):
    """eventsourcing's PostgreSQL recorder; ``insert_events(…, then=…)`` saves through
    the read models' engine (``engine``, set by the application) in one transaction."""

    engine: Engine | None = None

    def insert_events(
        self, stored_events: Sequence[StoredEvent], *, then: AfterInsert | None = None, **kwargs: Any
    ) -> Sequence[int] | None:
        if then is None or self.engine is None or not stored_events:
            ids: Sequence[int] | None = super().insert_events(stored_events, **kwargs)
            return ids
        insert = sql.SQL(
            "INSERT INTO {0}.{1} (originator_id, originator_version, topic, state) "
            "VALUES (%s, %s, %s, %s) RETURNING notification_id"
        ).format(sql.Identifier(self.datastore.schema), sql.Identifier(self.events_table_name))
        with self.engine.connect() as conn:
            conn = conn.execution_options(botu_write="durable")
            with conn.begin():
                cursor: Any = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
                notifications = []
                try:
                    # The same statements as eventsourcing's insert: the table lock makes
                    # commit order follow notification ids; NOTIFY wakes its subscribers.
                    self._lock_table(cursor)
                    self._notify_channel(cursor)
                    for s in stored_events:
                        cursor.execute(insert, (s.originator_id, s.originator_version, s.topic, s.state))
                        row = cursor.fetchone()
                        notifications.append(_notification(s, int(row[0])))
                except PostgresIntegrityError as error:
                    raise IntegrityError(str(error)) from error
                finally:
                    cursor.close()
                then(conn, notifications)
        return [n.id for n in notifications]


def _notification(stored: StoredEvent, notification_id: int) -> Notification:
    """A stored event as the notification it became, at its place in the log."""
    return Notification(
        id=notification_id,
        originator_id=stored.originator_id,
        originator_version=stored.originator_version,
        topic=stored.topic,
        state=stored.state,
    )


def _uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))
