"""The transparency log of each cooperation: RFC 9162 Merkle tree over canonical entries.

An entry is one stored event, framed so that no two differ only in where one field ends::

    entry = "botu-audit-entry/v1" 0x00
            || cooperation id (16 bytes) || position (u64, big-endian)
            || u32 length || timestamp    (UTF-8: the envelope's "recorded_at", as in the export)
            || u32 length || actor        (UTF-8: the envelope's "actor" when recorded, else empty)
            || u32 length || topic        (UTF-8: the event type)
            || u64 length || state        (the stored bytes, exactly)

A decision or an allocation (``recording``) also names the agreement version in force;
its entry is "botu-audit-entry/v2" 0x00 with ``u32 agreement version`` after the actor.
Events without one keep the first form, so the leaves of older stores stay as they were.

    leaf n (0-based) = SHA-256(0x00 || entry of position n + 1)

The ``audit_tree`` table keeps the hash of every complete subtree (level 0: the leaf
hashes), written with the chain in the transaction that saves the events. A proof then
reads O(log n) rows. The table is a cache for proofs, not the truth: ``verify``
recomputes every leaf from the stored bytes and compares roots with the checkpoints.
"""

from __future__ import annotations

import functools
import json
import json.scanner
import struct
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

import attrs
from sqlalchemy import (
    BigInteger, Column, Connection, Engine, LargeBinary, MetaData, SmallInteger, String, Table, and_, bindparam, func, insert,
    select,
)

from ..readmodels import driver
from .. import merkle

ENTRY_TAG = b"botu-audit-entry/v1\x00"
ENTRY_TAG_V2 = b"botu-audit-entry/v2\x00"

metadata = MetaData()

tree_table = Table(
    "audit_tree",
    metadata,
    Column("coop_id", String(36), primary_key=True),
    Column("level", SmallInteger, primary_key=True),
    Column("idx", BigInteger, primary_key=True),
    Column("hash", LargeBinary(32), nullable=False),
)

# Built once and run through the read models' driver (compiled once): a command's append
# and a proof each read up to log2(n) subtrees, where building and compiling a statement
# every time would cost more than reading the row.
_NODE = select(tree_table.c.hash).where(
    and_(tree_table.c.coop_id == bindparam("coop_id"), tree_table.c.level == bindparam("level"), tree_table.c.idx == bindparam("idx"))
)
_INSERT = insert(tree_table).values({name: bindparam(name) for name in ("coop_id", "level", "idx", "hash")})
_SIZE = select(func.max(tree_table.c.idx)).where(and_(tree_table.c.coop_id == bindparam("coop_id"), tree_table.c.level == 0))


def _node(conn: Connection, coop: UUID, level: int, index: int) -> bytes:
    rows = driver.run(conn, _NODE, {"coop_id": str(coop), "level": level, "idx": index})
    if not rows:
        raise LookupError(f"no subtree {level}/{index}")
    return bytes(rows[0][0])


# state bytes as stored -> the plain canonical JSON (eventsourcing's cipher and compressor undone)
Plain = Callable[[bytes], bytes]


@attrs.frozen
class Entry:
    """One event as the transparency log holds it (its bytes: ``encoded``)."""

    cooperation_id: UUID
    position: int
    timestamp: str
    actor: str
    topic: str
    state: bytes
    agreement_version: int | None = None

    def encoded(self) -> bytes:
        return entry_bytes(
            self.cooperation_id.bytes, self.position, self.timestamp, self.actor, self.agreement_version, self.topic, self.state
        )

    def leaf_hash(self) -> bytes:
        return merkle.leaf_hash(self.encoded())


@attrs.frozen
class EnvelopeFields:
    """What an entry carries from the event's envelope besides its bytes."""

    timestamp: str = ""
    actor: str = ""
    agreement_version: int | None = None


_U32 = struct.Struct(">I").pack
_U64 = struct.Struct(">Q").pack


def _short(text: str) -> bytes:
    raw = text.encode("utf-8")
    return _U32(len(raw)) + raw


# Actors and topics are few and repeat on every event; timestamps differ each time.
_short_repeated = functools.lru_cache(maxsize=4096)(_short)
_DECODER = json.JSONDecoder()
# The C scanner is made from a decoder (typeshed names another type).
_scan_json: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(_DECODER)  # type: ignore[arg-type]


def _decode_json(text: str) -> Any:
    """``json.loads(text)``, faster for a document with no whitespace around it (canonical
    JSON): scanned in one call, and only taken when the scan ends exactly at the end;
    anything else goes through the full decoder (same result, same errors)."""
    try:
        value, end = _scan_json(text, 0)
    except (StopIteration, ValueError):
        end = -1
    if end == len(text):
        return value
    return _DECODER.decode(text)


def entry_bytes(
    cooperation_id: bytes, position: int, timestamp: str, actor: str, agreement_version: int | None, topic: str, state: bytes
) -> bytes:
    """The entry's bytes (see the module's description): the one place its layout is written."""
    if agreement_version is None:
        tag, bound = ENTRY_TAG, b""
    else:
        tag, bound = ENTRY_TAG_V2, _U32(agreement_version)
    return b"".join((tag, cooperation_id, _U64(position), _short(timestamp), _short_repeated(actor), bound,
                     _short_repeated(topic), _U64(len(state)), state))


def _envelope(plain: bytes) -> tuple[str, str, int | None]:
    try:
        data = _decode_json(plain.decode("utf-8"))  # canonical JSON is UTF-8: no guessing of the encoding
    except (ValueError, UnicodeDecodeError):
        return "", "", None
    if type(data) is not dict:
        return "", "", None
    stamp, actor, version = data.get("recorded_at"), data.get("actor"), data.get("agreement_version")
    return (
        stamp if isinstance(stamp, str) else "",
        actor if isinstance(actor, str) else "",
        version if isinstance(version, int) and not isinstance(version, bool) and 0 < version < 2**32 else None,
    )


def envelope_fields(plain: bytes) -> EnvelopeFields:
    """The timestamp, actor and agreement version an entry carries, read from the event's plain JSON."""
    return EnvelopeFields(*_envelope(plain))


def event_entry(cooperation_id: UUID, event: Any, plain: Plain) -> Entry:
    state = _raw(event.state)
    stamp, actor, version = _envelope(plain(state))
    return Entry(cooperation_id, int(event.originator_version), stamp, actor, event.topic, state, version)


def event_leaf(cooperation_id: UUID, event: Any, plain: Plain) -> bytes:
    return event_entry(cooperation_id, event, plain).leaf_hash()


def event_leaves(cooperation_id: UUID, events: Sequence[Any], plain: Plain | None) -> list[bytes]:
    """The leaf hash of each of ``events``, as ``event_leaf`` gives it, in one pass (verify
    hashes every stored event). ``plain`` None: the stored bytes are the plain JSON."""
    coop_bytes, leaf_hash = cooperation_id.bytes, merkle.leaf_hash
    leaves: list[bytes] = []
    append = leaves.append
    for event in events:
        state = event.state
        if type(state) is not bytes:
            state = _raw(state)
        stamp, actor, version = _envelope(state if plain is None else plain(state))
        entry = entry_bytes(coop_bytes, int(event.originator_version), stamp, actor, version, event.topic, state)
        append(leaf_hash(entry))
    return leaves


class TreeStore:
    """The ``audit_tree`` table: complete-subtree hashes per cooperation."""

    def __init__(self, engine: Engine, plain: Plain) -> None:
        self.engine = engine
        self.plain = plain
        metadata.create_all(engine)

    # --- writing (in the caller's transaction) -------------------------------------------

    def size_in(self, conn: Connection, coop: UUID) -> int:
        found = driver.run(conn, _SIZE, {"coop_id": str(coop)})[0][0]
        return 0 if found is None else int(found) + 1

    def append(self, conn: Connection, coop: UUID, start: int, events: Sequence[Any]) -> None:
        """Add the leaves of ``events`` (positions start+1, …) to a tree of ``start`` leaves."""
        if not events:
            return
        made: dict[tuple[int, int], bytes] = {}

        def get(level: int, index: int) -> bytes:
            known = made.get((level, index))
            return known if known is not None else _node(conn, coop, level, index)

        for offset, event in enumerate(events):
            index = start + offset
            current = event_leaf(coop, event, self.plain)
            level = 0
            made[(0, index)] = current
            while index & 1:
                current = merkle.node_hash(get(level, index - 1), current)
                level += 1
                index >>= 1
                made[(level, index)] = current
        driver.run_many(conn, _INSERT, [{"coop_id": str(coop), "level": lv, "idx": ix, "hash": h} for (lv, ix), h in made.items()])

    # --- reading ---------------------------------------------------------------------------

    def size(self, coop: UUID) -> int:
        with self.engine.connect() as conn, conn.begin():
            return self.size_in(conn, coop)

    def reader(self, conn: Connection, coop: UUID) -> merkle.NodeSource:
        cache: dict[tuple[int, int], bytes] = {}

        def get(level: int, index: int) -> bytes:
            key = (level, index)
            if key not in cache:
                cache[key] = _node(conn, coop, level, index)
            return cache[key]

        return get

    def root(self, coop: UUID, size: int) -> bytes:
        with self.engine.connect() as conn, conn.begin():
            return merkle.root(self.reader(conn, coop), size)

    def inclusion(self, coop: UUID, index: int, size: int) -> tuple[bytes, list[bytes], bytes]:
        """The leaf hash, its inclusion path and the root of the tree of ``size`` leaves."""
        with self.engine.connect() as conn, conn.begin():
            get = self.reader(conn, coop)
            return get(0, index), merkle.inclusion_path(get, index, size), merkle.root(get, size)

    def consistency(self, coop: UUID, old: int, new: int) -> tuple[bytes, bytes, list[bytes]]:
        with self.engine.connect() as conn, conn.begin():
            get = self.reader(conn, coop)
            return merkle.root(get, old), merkle.root(get, new), merkle.consistency_path(get, old, new)


def _raw(state: Any) -> bytes:
    return state.encode("utf-8") if isinstance(state, str) else bytes(state)




@attrs.frozen
class InclusionProof:
    """That the entry at ``leaf_index`` is in the tree of ``tree_size`` leaves (RFC 9162 2.1.3)."""

    leaf_index: int
    tree_size: int
    leaf_hash: bytes
    path: list[bytes]
    root_hash: bytes

    def check(self) -> bool:
        return merkle.verify_inclusion(self.leaf_index, self.tree_size, self.leaf_hash, self.path, self.root_hash)

    def to_dict(self) -> dict[str, object]:
        return {
            "leaf_index": self.leaf_index,
            "tree_size": self.tree_size,
            "leaf_hash": self.leaf_hash.hex(),
            "path": [p.hex() for p in self.path],
            "root_hash": self.root_hash.hex(),
        }


@attrs.frozen
class ConsistencyProof:
    """That the tree of ``old_size`` leaves is the start of the tree of ``new_size`` (RFC 9162 2.1.4)."""

    old_size: int
    new_size: int
    old_root: bytes
    new_root: bytes
    path: list[bytes]

    def check(self) -> bool:
        return merkle.verify_consistency(self.old_size, self.new_size, self.old_root, self.new_root, self.path)

    def to_dict(self) -> dict[str, object]:
        return {
            "old_size": self.old_size,
            "new_size": self.new_size,
            "old_root": self.old_root.hex(),
            "new_root": self.new_root.hex(),
            "path": [p.hex() for p in self.path],
        }
