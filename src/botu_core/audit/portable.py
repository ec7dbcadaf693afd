"""Portable export and import of a cooperation's log as JSON Lines.

The format is published, byte for byte, in ``docs/audit-format.md``; in short, every
line one canonical JSON object (sorted keys, no spaces, UTF-8)::

    {"cooperation":"<id>","format":"botu-audit-log","version":3}
    {"actor":"owner","agreement_version":null,"digest":"<chain digest>","payload":{…},"position":1,"timestamp":"…","type":"CooperationFounded"}
    …
    {"checkpoint":"<signed note>"|null,"events":66,"head":{"digest":"…","position":66},"tree":{"root_hash":"…","size":66}}

``payload`` is the stored event as JSON, exactly the stored bytes; when the store
keeps bytes that are not plain JSON (compressed or encrypted by eventsourcing) the
line has ``state_base64`` instead. Personal data that botu stores encrypted stays
encrypted in the file. The digest on each line is the chain digest up to it; the
timestamp, actor and agreement version are hashed into the transparency log's leaf (``tree``), whose
root the footer gives with the latest checkpoint the store signed.

Import reads and checks the whole file first — format, positions 1..n, every
digest and the tree recomputed, the head, the checkpoint, every event readable, the
target without this cooperation — and then writes all events in one transaction. A
damaged or altered file is refused with a clear error and nothing is written.
Export → import → export gives the same bytes. Files of version 1 (without actor,
tree and checkpoint) and 2 (without agreement version) are still read.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, cast
from uuid import UUID

import attrs
from eventsourcing.persistence import StoredEvent

from ..cooperation import Cooperation, Recorded
from ..errors import BotuError, InvalidInput
from ..json_input import parse_json
from ..canonical import canonical_json
from .chain import GENESIS, link_digest
from .heads import Head, PublishedHead, parse_head
from ..merkle import MemoryTree
from .notes import origin_of, parse_note
from .tree import Entry, EnvelopeFields, envelope_fields

if TYPE_CHECKING:
    from ..application import Cooperations

FORMAT = "botu-audit-log"
VERSION = 3
READABLE = (1, 2, 3)


def _line(data: dict[str, Any]) -> bytes:
    return canonical_json(data) + b"\n"


def export_lines(app: Cooperations, coop: UUID) -> Iterator[bytes]:
    """The export file, line by line (bytes, each ending in a newline)."""
    yield _line({"cooperation": str(coop), "format": FORMAT, "version": VERSION})
    previous = GENESIS
    position = 0
    tree = MemoryTree()
    for stored in app.recorder.select_events(coop):
        position += 1
        line, entry = event_line(app, coop, stored)
        previous = link_digest(previous, coop, entry.position, entry.topic, entry.state)
        tree.append(entry.leaf_hash())
        yield _line({**line, "digest": previous.hex()})
    note = app.audit.checkpoints.latest(coop)
    if note is not None and note.checkpoint.size > position:
        note = None  # the store is shorter than its checkpoint: export refuses such a store anyway
    yield _line(
        {
            "checkpoint": None if note is None else note.text(),
            "events": position,
            "head": {"digest": previous.hex(), "position": position},
            "tree": {"root_hash": tree.root().hex(), "size": position},
        }
    )


def event_line(app: Cooperations, coop: UUID, stored: Any) -> tuple[dict[str, Any], Entry]:
    """A stored event as an export line says it (without the chain digest), and its entry."""
    state = stored.state.encode("utf-8") if isinstance(stored.state, str) else bytes(stored.state)
    fields = envelope_fields(app.audit._plain(state))
    entry = Entry(
        coop, int(stored.originator_version), fields.timestamp, fields.actor, stored.topic, state, fields.agreement_version
    )
    line: dict[str, Any] = {
        "actor": entry.actor,
        "agreement_version": entry.agreement_version,
        "position": entry.position,
        "timestamp": entry.timestamp,
        "type": entry.topic,
    }
    payload = _as_json(state)
    if payload is not None:
        line["payload"] = payload
    else:
        line["state_base64"] = base64.b64encode(state).decode("ascii")
    return line, entry


def line_state(data: dict[str, Any]) -> bytes | None:
    """The stored bytes a line holds (``payload`` or ``state_base64``); None if unreadable."""
    if "payload" in data:
        return canonical_json(data["payload"])
    try:
        return base64.b64decode(str(data.get("state_base64")), validate=True)
    except ValueError:
        return None


def _as_json(state: bytes) -> Any:
    try:
        data = json.loads(state)
    except (ValueError, UnicodeDecodeError):
        return None
    return data if canonical_json(data) == state else None


def export_log(app: Cooperations, coop: UUID, target: str | os.PathLike[str] | IO[bytes]) -> Head:
    """Write the export to a file name or a binary stream; returns the head it ends with."""
    last = b""
    if isinstance(target, str | os.PathLike):
        with open(target, "wb") as handle:
            for last in export_lines(app, coop):
                handle.write(last)
    else:
        for last in export_lines(app, coop):
            target.write(last)
    head = json.loads(last)["head"]
    return Head(str(coop), int(head["position"]), str(head["digest"]))


@attrs.frozen
class ImportResult:
    cooperation_id: str
    events: int
    head: Head


def import_log(
    app: Cooperations,
    source: str | os.PathLike[str] | IO[bytes] | bytes,
    *,
    expected_head: Head | PublishedHead | str | None = None,
) -> ImportResult:
    """Check the whole file, then load it into this store in one transaction."""
    raw = _read(source)
    coop, events, stamps, head = _check(raw)
    if expected_head is not None:
        _check_expected(coop, events, parse_head(expected_head))
    if list(app.recorder.select_events(coop, limit=1)):
        raise InvalidInput("audit.import_not_empty", cooperation=str(coop))
    _check_readable(app, events, stamps)
    try:
        app.recorder.insert_events(events)
    except BotuError:
        raise
    except Exception as error:  # the store refused (e.g. another writer was first): nothing is written
        if "unique" in str(error).lower() or "integrity" in type(error).__name__.lower():
            raise InvalidInput("audit.import_not_empty", cooperation=str(coop)) from error
        raise
    app.catch_up()
    return ImportResult(str(coop), len(events), head)


def _read(source: str | os.PathLike[str] | IO[bytes] | bytes) -> bytes:
    try:
        if isinstance(source, bytes):
            return source
        if isinstance(source, str | os.PathLike):
            with open(source, "rb") as handle:
                return handle.read()
        return source.read()
    except OSError as error:
        raise InvalidInput("audit.import_unreadable", detail=str(error)[:120]) from error


def _invalid(line: int, detail: str) -> InvalidInput:
    return InvalidInput("audit.import_invalid_line", line=line, detail=detail)


def _check(raw: bytes) -> tuple[UUID, list[StoredEvent], list[tuple[int, str, EnvelopeFields | None]], Head]:
    if not raw.endswith(b"\n"):
        raise InvalidInput("audit.import_unreadable", detail="the file is not complete / het bestand is niet compleet")
    lines = raw[:-1].split(b"\n")
    if len(lines) < 2:
        raise InvalidInput("audit.import_unreadable", detail="too short / te kort")
    parsed = []
    for number, text in enumerate(lines, start=1):
        try:
            data = parse_json(text)
        except InvalidInput as error:
            deep = error.code == "input.too_deep"
            raise _invalid(number, "nested too deeply / te diep genest" if deep else "no JSON / geen JSON") from None
        if not isinstance(data, dict) or canonical_json(data) + b"\n" != text + b"\n":
            raise _invalid(number, "not in the canonical form / niet in de vaste vorm")
        parsed.append(data)
    header = parsed[0]
    if header.get("format") != FORMAT or header.get("version") not in READABLE or set(header) != {"cooperation", "format", "version"}:
        raise _invalid(1, f"not a {FORMAT} file, version 1, 2 or 3 / geen {FORMAT}-bestand")
    version = int(header["version"])
    extra = {"actor", "agreement_version"} if version >= 3 else {"actor"} if version == 2 else set()
    try:
        coop = UUID(str(header["cooperation"]))
    except ValueError:
        raise _invalid(1, "cooperation id") from None
    previous = GENESIS
    events: list[StoredEvent] = []
    # line number and what the line says of each event (its actor only from version 2 on)
    stamps: list[tuple[int, str, EnvelopeFields | None]] = []
    tree = MemoryTree()
    for number, data in enumerate(parsed[1:-1], start=2):
        position = len(events) + 1
        keys = set(data)
        if keys not in ({"digest", "position", "timestamp", "type", "payload"} | extra, {"digest", "position", "timestamp", "type", "state_base64"} | extra):
            raise _invalid(number, "unexpected fields / onverwachte velden")
        agreement = data.get("agreement_version")
        if (
            not isinstance(data["timestamp"], str)
            or not isinstance(data.get("actor", ""), str)
            or not (agreement is None or (type(agreement) is int and 0 < agreement < 2**32))
        ):
            raise _invalid(number, "timestamp, actor or agreement version / tijdstip, actor of versie")
        if data["position"] != position or not isinstance(data["type"], str):
            raise _invalid(number, f"position {data['position']} where {position} belongs / plek klopt niet")
        state = line_state(data)
        if state is None:
            raise _invalid(number, "state_base64")
        previous = link_digest(previous, coop, position, data["type"], state)
        if previous.hex() != data["digest"]:
            raise InvalidInput("audit.import_altered", line=number, position=position)
        events.append(StoredEvent(originator_id=coop, originator_version=position, topic=data["type"], state=state))
        said = EnvelopeFields(data["timestamp"], str(data.get("actor", "")), agreement)
        stamps.append((number, said.timestamp, said if version >= 2 else None))
        tree.append(Entry(coop, position, said.timestamp, said.actor, data["type"], state, agreement).leaf_hash())
    footer = parsed[-1]
    head = footer.get("head") if isinstance(footer.get("head"), dict) else None
    if (
        set(footer) != ({"events", "head", "tree", "checkpoint"} if version >= 2 else {"events", "head"})
        or head is None
        or footer["events"] != len(events)
        or head.get("position") != len(events)
        or head.get("digest") != (previous.hex() if events else GENESIS.hex())
    ):
        raise InvalidInput("audit.import_head_mismatch")
    if version >= 2:
        _check_tree(coop, footer, tree, len(events), len(parsed))
    return coop, events, stamps, Head(str(coop), len(events), str(head["digest"]))


def _check_tree(coop: UUID, footer: dict[str, Any], tree: MemoryTree, count: int, line: int) -> None:
    """The footer's tree root, and its checkpoint's root at the checkpoint's size."""
    given = footer.get("tree")
    if not isinstance(given, dict) or given != {"root_hash": tree.root().hex(), "size": count}:
        raise InvalidInput("audit.import_tree_mismatch", line=line)
    note = footer.get("checkpoint")
    if note is None:
        return
    if not isinstance(note, str):
        raise InvalidInput("audit.import_tree_mismatch", line=line)
    checkpoint = parse_note(note).checkpoint
    if checkpoint.origin != origin_of(coop) or not 0 < checkpoint.size <= count or tree.root(checkpoint.size) != checkpoint.root_hash:
        raise InvalidInput("audit.import_tree_mismatch", line=line)


def _check_readable(app: Cooperations, events: list[StoredEvent], stamps: list[tuple[int, str, EnvelopeFields | None]]) -> None:
    """Every event can be read by this version of botu and the log replays without gaps;
    what each line says of the event (timestamp, actor, agreement version) is what it holds."""
    aggregate: Cooperation | None = None
    for stored, (number, stamp, said) in zip(events, stamps, strict=True):
        if said is not None and envelope_fields(app.audit._plain(bytes(stored.state))) != said:
            raise _invalid(number, "actor or agreement version does not match the event / actor of versie past niet bij de gebeurtenis")
        try:
            recorded = cast(Recorded, app.mapper.to_domain_event(stored))
        except BotuError as error:
            raise _invalid(number, error.message_en) from error
        if recorded.timestamp.isoformat() != stamp:
            raise _invalid(number, "timestamp does not match the event / tijdstip past niet bij de gebeurtenis")
        if aggregate is None:
            aggregate = Cooperation(recorded.originator_id)
        aggregate.apply(recorded)


def _check_expected(coop: UUID, events: list[StoredEvent], published: PublishedHead) -> None:
    from .verification import verify_log

    verdict = verify_log(coop, events, [], published)
    if verdict.problem_code in ("audit.head_mismatch", "audit.head_not_found", "audit.head_beyond_log"):
        raise InvalidInput("audit.import_expected_head", problem=verdict.problem or "")
