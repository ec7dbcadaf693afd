"""The read-model store: tables in SQLAlchemy, caught up from the notification log.

Catching up is a pull loop: read the notifications after the tracked position,
apply them, and move the position, all in one transaction. On SQLite the transaction
starts with BEGIN IMMEDIATE and on PostgreSQL it locks the tracking row, so two
processes catching up at once apply every event once, in log order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, create_engine, delete, event, insert, inspect, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

from ..config import StoreSettings
from . import driver, projector
from . import tables as t

TRACKING_NAME = "read_models"
BATCH = 1000


def make_engine(settings: StoreSettings) -> Engine:
    if settings.kind == "memory":
        engine = create_engine(
            "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
        )
        _sqlite_transactions(engine)
        return engine
    if settings.kind == "sqlite":
        engine = create_engine(settings.sqlalchemy_url, connect_args={"timeout": 30, "check_same_thread": False})
        _sqlite_transactions(engine)
        return engine
    connect_args: dict[str, Any] = {}
    if settings.schema:
        connect_args["options"] = f"-csearch_path={settings.schema}"
    engine = create_engine(settings.sqlalchemy_url, connect_args=connect_args, pool_pre_ping=True)
    _postgres_transactions(engine)
    return engine


def _sqlite_transactions(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, start transactions, so writers can BEGIN IMMEDIATE."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        _record.info["botu_synchronous"] = "FULL"
        # Freed space is overwritten with zeros: forgotten personal data leaves no trace.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        writing = conn.get_execution_options().get("botu_write", False)
        # Catch-up writers (botu_write=True: read models, audit chain) write only what is
        # derived from the log: their commits need no fsync of their own. Saving events
        # (botu_write="durable", with their read-model rows in the same transaction) and
        # everything else stay synchronous=FULL; in WAL mode the next durable commit
        # syncs the earlier frames too, and after a crash the tracked position falls
        # back with its tables and catching up redoes them.
        wanted = "NORMAL" if writing is True else "FULL"
        # Each connection remembers its setting: a PRAGMA per transaction cost as much
        # as the catch-up's own statements.
        info = conn.connection.info
        if info.get("botu_synchronous") != wanted:
            conn.exec_driver_sql(f"PRAGMA synchronous={wanted}")
            info["botu_synchronous"] = wanted
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _postgres_transactions(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get("botu_write", False) is True:
            # As on SQLite: derived tables are rebuilt from the log, their commits need
            # not wait for the WAL flush (the events' own commits still do).
            conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")


class ReadModelStore:
    def __init__(self, settings: StoreSettings, engine: Engine | None = None) -> None:
        self.settings = settings
        self.engine = engine or make_engine(settings)
        self.is_postgres = self.engine.dialect.name == "postgresql"
        # Built once: catching up runs these after every command.
        query = select(t.tracking.c.position).where(t.tracking.c.name == TRACKING_NAME)
        self._locked_position = query.with_for_update() if self.is_postgres else query
        self._move = (
            update(t.tracking)
            .where(t.tracking.c.name == TRACKING_NAME)
            .values(position=bindparam("to_position"), schema_version=t.SCHEMA_VERSION)
        )
        self.dropped_outdated = False  # whether tables of an older botu were dropped
        self._setup()

    def _setup(self) -> None:
        if self.is_postgres and self.settings.schema:
            with self.engine.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.settings.schema}"'))
        self._drop_outdated_tables()
        # In a writing transaction (BEGIN IMMEDIATE on SQLite): two processes opening a new
        # or outdated store at once take turns instead of failing with 'database is locked'.
        with self._writing() as conn:
            t.metadata.create_all(conn)
        with self._writing() as conn:
            row = conn.execute(select(t.tracking).where(t.tracking.c.name == TRACKING_NAME)).first()
            if row is None:
                try:
                    with conn.begin_nested():
                        conn.execute(
                            insert(t.tracking).values(
                                name=TRACKING_NAME, position=0, schema_version=t.SCHEMA_VERSION
                            )
                        )
                except IntegrityError:
                    pass  # another process made it first
            elif row.schema_version != t.SCHEMA_VERSION:
                self._clear(conn)

    def _drop_outdated_tables(self) -> None:
        """Read models made by an older botu may lack columns: drop them, so they are made
        anew and rebuilt from the log (the log is the truth; these tables only follow it)."""
        if not inspect(self.engine).has_table(t.tracking.name):
            return
        with self._writing() as conn:
            row = conn.execute(select(t.tracking).where(t.tracking.c.name == TRACKING_NAME)).first()
            if row is None or row.schema_version == t.SCHEMA_VERSION:
                return
            for table in reversed(t.STATE_TABLES):
                table.drop(conn, checkfirst=True)
            self.dropped_outdated = True
            conn.execute(
                update(t.tracking)
                .where(t.tracking.c.name == TRACKING_NAME)
                .values(position=0, schema_version=t.SCHEMA_VERSION)
            )

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn = conn.execution_options(botu_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def _lock_position(self, conn: Connection) -> int:
        return int(driver.run(conn, self._locked_position)[0][0])

    def position(self) -> int:
        with self.reading() as conn:
            return int(
                conn.execute(select(t.tracking.c.position).where(t.tracking.c.name == TRACKING_NAME)).scalar_one()
            )

    def catch_up(
        self, recorder: Any, mapper: Any, batch: int = BATCH, follow: Callable[[Connection, int, list[Any]], None] | None = None
    ) -> int:
        """Apply every notification after the tracked position. Returns how many.
        ``follow(conn, position, notifications)`` runs in each batch's transaction: other
        projections of the same log (the audit chain) ride along instead of paying for
        their own transaction and their own read of the notifications."""
        applied = 0
        memo = projector.new_memo()
        while True:
            with self._writing() as conn:
                position = self._lock_position(conn)
                notifications = recorder.select_notifications(start=position, limit=batch, inclusive_of_start=False)
                projector.apply_all(conn, (mapper.to_domain_event(n) for n in notifications), memo)
                if follow is not None:
                    follow(conn, position, notifications)
                if notifications:
                    driver.run(conn, self._move, {"to_position": notifications[-1].id})
            applied += len(notifications)
            if len(notifications) < batch:
                return applied

    def project_saved(
        self,
        conn: Connection,
        notifications: list[Any],
        records: list[Any],
        follow: Callable[[Connection, int, list[Any]], None] | None = None,
    ) -> bool:
        """In the transaction that saves ``records`` (at ``notifications``): project them
        when the read models stand right before them. Returns False, changing nothing,
        when they stand elsewhere (another process saved in between and nobody caught
        up yet): the caller then catches up after the commit."""
        ids = [n.id for n in notifications]
        position = self._lock_position(conn)
        if not ids or ids != list(range(position + 1, position + 1 + len(ids))):
            return False
        projector.apply_all(conn, records)
        if follow is not None:
            follow(conn, position, notifications)
        driver.run(conn, self._move, {"to_position": ids[-1]})
        return True

    def _clear(self, conn: Connection) -> None:
        for table in reversed(t.STATE_TABLES):
            conn.execute(delete(table))
        conn.execute(
            update(t.tracking)
            .where(t.tracking.c.name == TRACKING_NAME)
            .values(position=0, schema_version=t.SCHEMA_VERSION)
        )

    def clear(self) -> None:
        with self._writing() as conn:
            self._lock_position(conn)
            self._clear(conn)

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every read-model table, sorted: to compare a live store with a rebuild."""
        out: dict[str, list[tuple[Any, ...]]] = {}
        with self.reading() as conn:
            for table in t.STATE_TABLES:
                rows = conn.execute(select(table)).all()
                out[table.name] = sorted((tuple(r) for r in rows), key=repr)
        return out

    def compact(self) -> None:
        """SQLite: copy the write-ahead log into the file and empty it, so that no old page
        image (with data that was scrubbed since) stays in the WAL file."""
        if self.engine.dialect.name == "sqlite" and self.settings.kind == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self.engine.dispose()

    def rebuild(self, recorder: Any, mapper: Any, batch: int = BATCH) -> int:
        """Throw the tables away and apply the whole log again, in one transaction,
        so readers see either the old tables or the rebuilt ones."""
        applied = 0
        with self._writing() as conn:
            self._lock_position(conn)
            self._clear(conn)
            position = 0
            memo = projector.new_memo()
            while True:
                notifications = recorder.select_notifications(start=position, limit=batch, inclusive_of_start=False)
                projector.apply_all(conn, (mapper.to_domain_event(n) for n in notifications), memo)
                applied += len(notifications)
                if notifications:
                    position = notifications[-1].id
                if len(notifications) < batch:
                    break
            conn.execute(update(t.tracking).where(t.tracking.c.name == TRACKING_NAME).values(position=position))
        return applied
