"""Following the log by position: what a tool outside botu reads to stay in step.

A position is the store's notification id: one sequence over every cooperation in
the store, increasing in the order the events were committed (eventsourcing's
PostgreSQL recorder takes a table lock for it; SQLite has one writer at a time), and
never reused. A tool keeps the last position it handled and asks for what came
after it, so it restarts exactly where it stopped — after a crash too.

Waiting for new events listens on PostgreSQL (eventsourcing's recorder NOTIFYs on
each insert) and looks every so often on SQLite, which has nothing to listen to.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, Protocol, cast
from uuid import UUID

import attrs

from .errors import InvalidInput
from .privacy import MEMBER, PUBLIC, hide_secret_fields
from .query_surface import Reader

if TYPE_CHECKING:
    from .application import Cooperations
    from .cooperation import Recorded

PAGE = 500  # notifications read at a time
POLL_SECONDS = 0.2  # how often a SQLite store is looked at while waiting


@attrs.frozen
class LogRecord:
    """One event of the log at its position, with its data as one audience may see it."""

    position: int  # the store's notification id: pass it as ``after`` to go on from here
    cooperation: str  # the cooperation's id
    version: int  # the event's place in its cooperation's own log (1, 2, 3, …)
    type: str  # the event type (``PartyJoined``, …)
    date: dt.date  # the day the fact happened (a meeting's date, a joining date, …)
    recorded_at: dt.datetime
    actor: str | None  # who gave the command, where the store recorded it
    data: dict[str, Any]


class _Waiter(Protocol):
    def wait(self, after: int, deadline: float | None, stop: threading.Event | None) -> bool:
        """Block until the log holds a position after ``after``; False at the deadline or on stop."""


def follow(
    app: Cooperations,
    after: int,
    *,
    cooperation: str | UUID | None,
    audience: str,
    viewer: str | None,
    wait: bool,
    limit: int | None,
    timeout: float | None,
    stop: threading.Event | None,
) -> Iterator[LogRecord]:
    """The entries after position ``after`` (see ``Cooperations.follow``); bad input is
    refused here, before the first record is asked for."""
    _check(after, limit, timeout, audience)
    coop_id = app.resolve(cooperation) if cooperation is not None else None
    return _records(app, after, coop_id, _Shown(app, Reader(app, audience, viewer)), wait, limit, timeout, stop)


def _records(
    app: Cooperations,
    after: int,
    coop_id: UUID | None,
    shown: _Shown,
    wait: bool,
    left: int | None,
    timeout: float | None,
    stop: threading.Event | None,
) -> Iterator[LogRecord]:
    # Listening starts before the first read: an event committed in between still wakes us.
    with _waiter(app) if wait else _no_waiter() as waiter:
        while left is None or left > 0:
            page = app.recorder.select_notifications(
                start=after, limit=PAGE if left is None else min(PAGE, left), inclusive_of_start=False
            )
            for notification in page:
                after = notification.id
                if coop_id is not None and notification.originator_id != coop_id:
                    continue
                yield shown.record(notification)
                if left is not None:
                    left -= 1
                if stop is not None and stop.is_set():
                    return
            if page:
                continue
            deadline = None if timeout is None else time.monotonic() + timeout
            if waiter is None or not waiter.wait(after, deadline, stop):
                return


def _check(after: int, limit: int | None, timeout: float | None, audience: str) -> None:
    if isinstance(after, bool) or not isinstance(after, int) or after < 0:
        raise InvalidInput("follow.invalid_position", value=after)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise InvalidInput("follow.invalid_limit", value=limit)
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout < 0):
        raise InvalidInput("follow.invalid_timeout", value=timeout)
    if audience not in (PUBLIC, MEMBER):
        raise InvalidInput("input.invalid_choice", value=audience, field="audience", choices=f"{PUBLIC}, {MEMBER}")


class _Shown:
    """Notifications as log records, with personal data as the reader's audience may see it."""

    def __init__(self, app: Cooperations, reader: Reader) -> None:
        self.app = app
        self.reader = reader
        self._parties: dict[UUID, tuple[set[str], set[str], int]] = {}  # persons, sharing, as of position

    def record(self, notification: Any) -> LogRecord:
        from .query_surface import effective_date

        recorded = cast("Recorded", self.app.mapper.to_domain_event(notification))
        persons, sharing = self._who(recorded.originator_id, notification.id)
        data = hide_secret_fields(type(recorded.fact), _fact_data(recorded.fact))
        return LogRecord(
            position=notification.id,
            cooperation=str(recorded.originator_id),
            version=recorded.originator_version,
            type=recorded.type,
            date=effective_date(recorded),
            recorded_at=recorded.timestamp,
            actor=recorded.actor or None,
            data=self.reader.event_data(recorded.type, data, persons, sharing),
        )

    def _who(self, coop_id: UUID, position: int) -> tuple[set[str], set[str]]:
        """Who in the cooperation is a person and who shares contact details, from read
        models that have seen at least ``position``: a person who joined after the last
        look is known before their data is shown."""
        known = self._parties.get(coop_id)
        if known is None or known[2] < position:
            views = self.app.parties(coop_id)  # catches the read models up first
            known = (
                {p.id for p in views if p.kind == "resident"},
                {p.id for p in views if p.share_contact},
                self.app.read_models.position(),
            )
            self._parties[coop_id] = known
        return known[0], known[1]


def _fact_data(fact: Any) -> dict[str, Any]:
    from .serialization import fact_to_dict

    return fact_to_dict(fact)


@contextmanager
def _no_waiter() -> Iterator[None]:
    yield None


def _waiter(app: Cooperations) -> AbstractContextManager[_Waiter]:
    from .eventstore import PostgresRecorder

    if isinstance(app.recorder, PostgresRecorder):
        return _listening(app.recorder)
    return _polling(app)


@contextmanager
def _polling(app: Cooperations) -> Iterator[_Waiter]:
    yield _Poller(app)


class _Poller:
    def __init__(self, app: Cooperations) -> None:
        self.app = app

    def wait(self, after: int, deadline: float | None, stop: threading.Event | None) -> bool:
        while (self.app.recorder.max_notification_id() or 0) <= after:
            pause = POLL_SECONDS if deadline is None else min(POLL_SECONDS, deadline - time.monotonic())
            if pause <= 0:
                return False
            if stop is not None:
                if stop.wait(pause):
                    return False
            else:
                time.sleep(pause)
        return stop is None or not stop.is_set()


@contextmanager
def _listening(recorder: Any) -> Iterator[_Waiter]:
    import psycopg
    from psycopg import sql

    params = {k: v for k, v in recorder.datastore.pool.kwargs.items() if k != "row_factory"}
    # A connection of its own: a pooled one would be held for as long as the tool follows.
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute(sql.SQL("LISTEN {0}").format(sql.Identifier(recorder.channel_name)))
        yield _Listener(recorder, conn)


class _Listener:
    def __init__(self, recorder: Any, conn: Any) -> None:
        self.recorder = recorder
        self.conn = conn

    def wait(self, after: int, deadline: float | None, stop: threading.Event | None) -> bool:
        # The channel is shared by every schema of the database: a NOTIFY says "look", not "new".
        while (self.recorder.max_notification_id() or 0) <= after:
            if stop is not None and stop.is_set():
                return False
            pause = POLL_SECONDS if deadline is None else min(POLL_SECONDS, deadline - time.monotonic())
            if pause <= 0:
                return False
            # Short waits, so a stop is seen soon; a NOTIFY ends the wait at once.
            for _ in self.conn.notifies(timeout=pause, stop_after=1):
                pass
        return stop is None or not stop.is_set()


__all__ = ["LogRecord", "follow"]
