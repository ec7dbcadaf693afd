"""The hash chain over a cooperation's stored events: tamper evidence for the log.

Every cooperation has its own chain, in log order (originator_version 1, 2, 3, …)::

    digest_0 = 32 zero bytes
    digest_n = SHA-256("botu/audit-chain/v1\\0" || digest_{n-1} || cooperation id (16 bytes)
                       || n (8 bytes) || len(topic) (4 bytes) || topic || len(state) (8 bytes) || state)

``topic`` and ``state`` are the bytes exactly as the event store keeps them (after
any compression or encryption), so the chain covers what is stored, not what a
reader makes of it: deleting a person's key (crypto-shredding) changes no stored
byte and leaves the chain intact. Lengths are framed, so no two events hash alike.

The chain table (``audit_chain``) is kept like the read models: a tracked pull loop
over the notification log, one transaction per batch, so each event is chained
exactly once, also with several processes. ``verify`` never trusts the table alone:
it recomputes every digest from the stored events and compares. A published head
(see ``heads``) is compared with the recomputed digests only, so rewriting the
whole table cannot hide a change from someone who kept a head.
"""

from __future__ import annotations

import functools
import hashlib
import struct
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import attrs
from sqlalchemy import BigInteger, Column, Connection, Engine, MetaData, String, Table, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..readmodels import driver

LINK_TAG = b"botu/audit-chain/v1\x00"
EVENT_TAG = b"botu/audit-event/v1\x00"
GENESIS = bytes(32)
TRACKING_NAME = "audit_chain"
BATCH = 1000

metadata = MetaData()

chain_table = Table(
    "audit_chain",
    metadata,
    Column("coop_id", String(36), primary_key=True),
    Column("position", BigInteger, primary_key=True),
    Column("event_digest", String(64), nullable=False),  # the event alone, where it stands
    Column("digest", String(64), nullable=False),  # the chain up to and including it
)

tracking_table = Table(
    "audit_tracking",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("position", BigInteger, nullable=False),
)


_U32 = struct.Struct(">I").pack
_U64 = struct.Struct(">Q").pack


@functools.lru_cache(maxsize=1024)
def _framed_topic(topic: str) -> bytes:
    raw_topic = topic.encode("utf-8")
    return _U32(len(raw_topic)) + raw_topic


def _framed(topic: str, state: bytes) -> bytes:
    return _framed_topic(topic) + _U64(len(state)) + bytes(state)


def event_digest(topic: str, state: bytes) -> str:
    """The digest of one event's content, independent of where it stands."""
    return hashlib.sha256(EVENT_TAG + _framed(topic, state)).hexdigest()


def link_digest(previous: bytes, cooperation_id: UUID, position: int, topic: str, state: bytes) -> bytes:
    """digest_n from digest_{n-1} and event n."""
    return hashlib.sha256(
        LINK_TAG + previous + cooperation_id.bytes + struct.pack(">Q", position) + _framed(topic, state)
    ).digest()


@attrs.frozen
class ChainLink:
    position: int
    event_digest: str
    digest: str


def chain_rows(cooperation_id: UUID, events: Sequence[Any], previous: bytes = GENESIS) -> list[tuple[int, str, str]]:
    """(position, event digest, chain digest) for ``events`` (stored events, in order), each
    at its own stored version, as plain tuples: ``event_digest`` and ``link_digest`` in one
    pass, each event's framing built once (verify hashes every stored event this way).

    The caller checks that the versions run without gaps; this only hashes."""
    sha256, join, coop_bytes = hashlib.sha256, b"".join, cooperation_id.bytes
    rows: list[tuple[int, str, str]] = []
    append = rows.append
    for event in events:
        state = event.state
        if type(state) is not bytes:
            state = _raw(state)
        position = int(event.originator_version)
        framing = _framed_topic(event.topic) + _U64(len(state))
        previous = sha256(join((LINK_TAG, previous, coop_bytes, _U64(position), framing, state))).digest()
        append((position, sha256(join((EVENT_TAG, framing, state))).hexdigest(), previous.hex()))
    return rows


def link_of(row: Sequence[Any]) -> ChainLink:
    """A link from a table row (position, event digest, digest)."""
    position, digest_of_event, digest = row
    return ChainLink(int(position), str(digest_of_event), str(digest))


def compute_links(cooperation_id: UUID, events: Sequence[Any], previous: bytes = GENESIS) -> list[ChainLink]:
    """The links for ``events`` (stored events, in order), each at its own stored version.

    The caller checks that the versions run without gaps; this only hashes.
    """
    return [ChainLink(*row) for row in chain_rows(cooperation_id, events, previous)]


class ChainStore:
    """The ``audit_chain`` table beside the read models, caught up from the notification log."""

    def __init__(self, engine: Engine, tree: Any = None) -> None:
        self.engine = engine
        # The transparency log's tree (``tree.TreeStore``) grows with the chain, in its transaction.
        self.tree = tree
        self.is_postgres = engine.dialect.name == "postgresql"
        # Built once: following the log runs these after every command.
        query = select(tracking_table.c.position).where(tracking_table.c.name == TRACKING_NAME)
        self._locked_position = query.with_for_update() if self.is_postgres else query
        self._move = (
            update(tracking_table).where(tracking_table.c.name == TRACKING_NAME).values(position=bindparam("to_position"))
        )
        self._last_link = (
            select(chain_table.c.position, chain_table.c.digest)
            .where(chain_table.c.coop_id == bindparam("coop_id"))
            .order_by(chain_table.c.position.desc())
            .limit(1)
        )
        self._insert_link = insert(chain_table).values(
            {name: bindparam(name) for name in ("coop_id", "position", "event_digest", "digest")}
        )
        # The last link of each cooperation this process chained, valid while the chain's
        # tracked position is ``_known_at``: nobody else has chained anything since then
        # (and chaining the same notifications gives the same links). It spares a query
        # per command.
        self._known: dict[UUID, tuple[int, bytes]] = {}
        self._known_at: int | None = None
        metadata.create_all(engine)
        with self._writing() as conn:
            row = conn.execute(select(tracking_table).where(tracking_table.c.name == TRACKING_NAME)).first()
            if row is None:
                try:
                    with conn.begin_nested():
                        conn.execute(insert(tracking_table).values(name=TRACKING_NAME, position=0))
                except IntegrityError:
                    pass  # another process made it first

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn = conn.execution_options(botu_write=True)  # BEGIN IMMEDIATE on SQLite
            with conn.begin():
                yield conn

    def position(self) -> int:
        with self.engine.connect() as conn, conn.begin():
            return int(
                conn.execute(
                    select(tracking_table.c.position).where(tracking_table.c.name == TRACKING_NAME)
                ).scalar_one()
            )

    def catch_up(self, recorder: Any, batch: int = BATCH) -> int:
        """Chain the events of every cooperation named by new notifications. Returns how many."""
        chained = 0
        while True:
            with self._writing() as conn:
                position = int(driver.run(conn, self._locked_position)[0][0])
                notifications = recorder.select_notifications(start=position, limit=batch, inclusive_of_start=False)
                chained += self._chain(conn, recorder, position, notifications) or 0  # None only if strict
            if len(notifications) < batch:
                return chained

    def follow(
        self, conn: Connection, recorder: Any, start: int, notifications: list[Any], *, strict: bool = False
    ) -> bool:
        """Chain ``notifications`` (those after log position ``start``) in the caller's
        transaction — the read models' catch-up — when the chain stands exactly at
        ``start``; one transaction then serves both. Returns False, changing nothing,
        when the chain stands elsewhere: ``catch_up`` brings it up on its own.

        ``strict``: also return False, changing nothing, unless every cooperation's
        notifications continue its chain as they are — in a transaction that has just
        saved them, the log cannot be read back from another connection."""
        if int(driver.run(conn, self._locked_position)[0][0]) != start:
            return False
        return self._chain(conn, recorder, start, notifications, strict=strict) is not None

    def _chain(
        self, conn: Connection, recorder: Any, start: int, notifications: list[Any], *, strict: bool = False
    ) -> int | None:
        """Chain ``notifications`` after ``start``, where the chain stands (its tracking row
        locked by the caller) and move it on. Returns how many links were made, or None,
        changing nothing, when ``strict`` and the notifications do not continue a chain."""
        if not notifications:
            return 0
        if self._known_at != start:
            self._known = {}
        per_coop: dict[UUID, list[Any]] = {}
        for notification in notifications:
            per_coop.setdefault(_uuid(notification.originator_id), []).append(notification)
        lasts = {coop: self._last(conn, coop) for coop in per_coop}
        if strict and not all(_continues(lasts[coop][0], fresh) for coop, fresh in per_coop.items()):
            return None
        self._known_at = None  # in flux until the links are written
        made = sum(self._extend(conn, recorder, coop, fresh, lasts[coop]) for coop, fresh in per_coop.items())
        driver.run(conn, self._move, {"to_position": notifications[-1].id})
        # Should this transaction not commit, the tracked position stays at ``start``
        # and the next call forgets what it learnt here.
        self._known_at = notifications[-1].id
        return made

    def _last(self, conn: Connection, coop: UUID) -> tuple[int, bytes]:
        """The position and digest of the cooperation's last link (0 and GENESIS if none)."""
        known = self._known.get(coop)
        if known is not None:
            return known
        rows = driver.run(conn, self._last_link, {"coop_id": str(coop)})
        if not rows:
            return 0, GENESIS
        position, digest = rows[0]
        return int(position), bytes.fromhex(digest)

    def _extend(self, conn: Connection, recorder: Any, coop: UUID, fresh: list[Any], last: tuple[int, bytes]) -> int:
        """Chain the events of ``coop`` after its last link. ``fresh`` are the notifications
        just read; when they continue the chain exactly they are used as they are, else
        the events are read from the store."""
        last_position, previous = last
        events: Any = fresh if _continues(last_position, fresh) else recorder.select_events(coop, gt=last_position)
        # Chain only the gap-free continuation: a gap is damage that verify reports.
        following = []
        for expected, event in enumerate(events, start=last_position + 1):
            if int(event.originator_version) != expected:
                break
            following.append(event)
        links = compute_links(coop, following, previous)
        if self.tree is not None and following and self.tree.size_in(conn, coop) == last_position:
            # A tree behind its chain (a store older than the tree) is filled by ``Audit.catch_up``.
            self.tree.append(conn, coop, last_position, following)
        self._known[coop] = (links[-1].position, bytes.fromhex(links[-1].digest)) if links else (last_position, previous)
        if links:
            driver.run_many(
                conn,
                self._insert_link,
                [
                    {"coop_id": str(coop), "position": link.position, "event_digest": link.event_digest, "digest": link.digest}
                    for link in links
                ],
            )
        return len(links)

    def links(self, cooperation_id: UUID) -> list[ChainLink]:
        return [link_of(row) for row in self.link_rows(cooperation_id)]

    def link_rows(self, cooperation_id: UUID) -> list[tuple[Any, ...]]:
        """Every link as the table holds it: (position, event digest, digest). Through the
        driver, as plain tuples: verify reads every link, and result rows cost more than hashing."""
        with self.engine.connect() as conn, conn.begin():
            return driver.run(conn, _ALL_LINKS, {"coop_id": str(cooperation_id)})

    def link_at(self, cooperation_id: UUID, position: int) -> str | None:
        """The chain digest (hex) at ``position``, or None."""
        with self.engine.connect() as conn, conn.begin():
            found = conn.execute(
                select(chain_table.c.digest).where(
                    (chain_table.c.coop_id == str(cooperation_id)) & (chain_table.c.position == position)
                )
            ).scalar()
        return None if found is None else str(found)

    def cooperations(self) -> list[UUID]:
        """Every cooperation with a chain."""
        with self.engine.connect() as conn, conn.begin():
            return [_uuid(row[0]) for row in conn.execute(select(chain_table.c.coop_id).distinct())]

    def count(self, cooperation_id: UUID) -> int:
        with self.engine.connect() as conn, conn.begin():
            return int(
                conn.execute(
                    select(func.count()).select_from(chain_table).where(chain_table.c.coop_id == str(cooperation_id))
                ).scalar_one()
            )


_ALL_LINKS = (
    select(chain_table.c.position, chain_table.c.event_digest, chain_table.c.digest)
    .where(chain_table.c.coop_id == bindparam("coop_id"))
    .order_by(chain_table.c.position)
)


def _continues(last_position: int, fresh: list[Any]) -> bool:
    versions = [int(n.originator_version) for n in fresh]
    return versions == list(range(last_position + 1, last_position + 1 + len(fresh)))


def _raw(state: Any) -> bytes:
    # A row edited by hand can come back as text (SQLite's replace() makes TEXT of a BLOB).
    return state.encode("utf-8") if isinstance(state, str) else bytes(state)


def _uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))
