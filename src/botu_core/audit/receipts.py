"""Inclusion receipts: the proof, for whoever recorded an event (a signature, a ballot,
an opinion), that it is in the cooperation's log, to keep and check later, offline.

A receipt is one canonical JSON object (``docs/audit-format.md`` §9)::

    {"checkpoint": "<signed note>", "cooperation": "<id>", "entry": {<the export line, without digest>},
     "format": "botu-audit-receipt", "inclusion": {<RFC 9162 inclusion proof>},
     "log_key": "<the log's Ed25519 public key, hex>", "version": 1}

Checking needs nothing but the receipt: the entry's leaf, its path up to the root, the
checkpoint of that root at that size, signed by the log (and cosigned by witnesses).
The key in the receipt only says which key signed; trust comes from a key kept elsewhere
(``log_key``), or from witnesses one trusts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from uuid import UUID

import attrs

from ..errors import InvalidInput
from ..canonical import canonical_json
from .heads import load_public_key
from .messages import texts
from .notes import SignedNote, cosigned_by, origin_of, parse_note, raw_public, signed_by
from .portable import line_state
from .tree import Entry, InclusionProof

FORMAT = "botu-audit-receipt"
VERSION = 1
ENTRY_KEYS = {"actor", "agreement_version", "position", "timestamp", "type"}


@attrs.frozen
class InclusionReceipt:
    cooperation_id: UUID
    entry: dict[str, Any]  # the event's export line without its chain digest
    proof: InclusionProof
    checkpoint: SignedNote
    log_key: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "checkpoint": self.checkpoint.text(),
            "cooperation": str(self.cooperation_id),
            "entry": self.entry,
            "format": FORMAT,
            "inclusion": self.proof.to_dict(),
            "log_key": self.log_key,
            "version": VERSION,
        }

    def to_json(self) -> bytes:
        return canonical_json(self.to_dict()) + b"\n"


@attrs.frozen
class InclusionReceiptCheck:
    """The verdict on a receipt. ``key_trusted``: checked with a key given by the caller
    (kept elsewhere), not only with the one the receipt carries."""

    ok: bool
    cooperation_id: str
    position: int
    event_type: str
    actor: str
    agreement_version: int | None
    timestamp: str
    tree_size: int
    log_key: str
    key_trusted: bool
    witnessed_by: tuple[str, ...] = ()
    problem_code: str | None = None
    problem: str | None = None  # Dutch
    problem_en: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {**attrs.asdict(self), "witnessed_by": list(self.witnessed_by)}


def _invalid(detail: str) -> InvalidInput:
    return InvalidInput("audit.receipt_invalid", detail=detail)


def _hex32(value: object, detail: str) -> bytes:
    if not isinstance(value, str) or len(value) != 64:
        raise _invalid(detail)
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise _invalid(detail) from None


def _count(value: object, detail: str) -> int:
    if type(value) is not int or value < 0:
        raise _invalid(detail)
    return value


@attrs.frozen
class _Parsed:
    coop: UUID
    entry: Entry
    proof: InclusionProof
    note: SignedNote
    log_key: str


def _parse(source: str | bytes | Mapping[str, Any]) -> _Parsed:
    """The receipt's parts, each of the right form, or ``audit.receipt_invalid``."""
    if isinstance(source, Mapping):
        data: Any = dict(source)
    else:
        try:
            data = json.loads(source)
        except (ValueError, UnicodeDecodeError):
            raise _invalid("no JSON / geen JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise _invalid(f"not a {FORMAT} file, version {VERSION} / geen bewijs van opname")
    if set(data) != {"checkpoint", "cooperation", "entry", "format", "inclusion", "log_key", "version"}:
        raise _invalid("fields / velden")
    try:
        coop = UUID(str(data["cooperation"]))
    except ValueError:
        raise _invalid("cooperation") from None
    line, inclusion = data["entry"], data["inclusion"]
    if not isinstance(line, dict) or set(line) - {"payload", "state_base64"} != ENTRY_KEYS or len(line) != 6:
        raise _invalid("entry")
    agreement = line["agreement_version"]
    state = line_state(line)
    if (
        state is None
        or not all(isinstance(line[key], str) for key in ("actor", "timestamp", "type"))
        or not (agreement is None or (type(agreement) is int and 0 < agreement < 2**32))
    ):
        raise _invalid("entry")
    entry = Entry(coop, _count(line["position"], "position"), line["timestamp"], line["actor"], line["type"], state, agreement)
    if not isinstance(inclusion, dict) or set(inclusion) != {"leaf_index", "tree_size", "leaf_hash", "path", "root_hash"}:
        raise _invalid("inclusion")
    path = inclusion["path"]
    if not isinstance(path, list) or len(path) > 64:
        raise _invalid("inclusion path")
    proof = InclusionProof(
        _count(inclusion["leaf_index"], "leaf_index"),
        _count(inclusion["tree_size"], "tree_size"),
        _hex32(inclusion["leaf_hash"], "leaf_hash"),
        [_hex32(p, "inclusion path") for p in path],
        _hex32(inclusion["root_hash"], "root_hash"),
    )
    if not isinstance(data["checkpoint"], str):
        raise _invalid("checkpoint")
    note = parse_note(data["checkpoint"])
    log_key = data["log_key"]
    if not isinstance(log_key, str):
        raise _invalid("log_key")
    load_public_key(log_key)
    return _Parsed(coop, entry, proof, note, log_key)


def check_inclusion_receipt(
    source: str | bytes | Mapping[str, Any],
    *,
    log_key: str | None = None,
    witnesses: Mapping[str, str] | None = None,
) -> InclusionReceiptCheck:
    """Check a receipt offline: its entry, inclusion proof and signed checkpoint agree.

    ``log_key``: the cooperation's public key as *you* kept it (hex); without it the
    receipt is checked with the key it carries (``key_trusted`` False). ``witnesses``:
    name → public key (hex) of witnesses you trust; those that cosigned are named.
    A receipt of the wrong form raises ``InvalidInput`` (``audit.receipt_invalid``, or
    ``audit.invalid_checkpoint`` / ``audit.invalid_public_key`` for its note or key)."""
    parsed = _parse(source)
    entry, proof, note = parsed.entry, parsed.proof, parsed.note
    key = parsed.log_key if log_key is None else log_key
    public = raw_public(load_public_key(key))
    key = public.hex()
    checkpoint = note.checkpoint

    def verdict(code: str | None, witnessed: tuple[str, ...] = ()) -> InclusionReceiptCheck:
        nl, en = texts(code, position=entry.position, size=proof.tree_size) if code else (None, None)
        return InclusionReceiptCheck(
            code is None, str(parsed.coop), entry.position, entry.topic, entry.actor, entry.agreement_version,
            entry.timestamp, proof.tree_size, key, log_key is not None, witnessed, code, nl, en,
        )

    if entry.position != proof.leaf_index + 1 or entry.leaf_hash() != proof.leaf_hash:
        return verdict("audit.receipt_entry_mismatch")
    if not proof.check():
        return verdict("audit.receipt_proof_invalid")
    if (checkpoint.origin, checkpoint.size, checkpoint.root_hash) != (origin_of(parsed.coop), proof.tree_size, proof.root_hash):
        return verdict("audit.receipt_checkpoint_mismatch")
    if not signed_by(note, checkpoint.origin, public):
        return verdict("audit.receipt_signature_invalid")
    trusted = witnesses or {}
    return verdict(None, tuple(name for name, hex_key in trusted.items() if cosigned_by(note, name, raw_public(load_public_key(hex_key))) is not None))


__all__ = ["InclusionReceipt", "InclusionReceiptCheck", "check_inclusion_receipt"]
