"""A witness: a party that is not the operator, with its own Ed25519 key, that cosigns
a cooperation's checkpoints (c2sp.org/tlog-cosignature) — but only after checking that
the new checkpoint is consistent with the last one it cosigned.

The witness keeps its key and its state (origin, size, root hash, the log's public key)
in files of its own, outside the store. The operator can rewrite every table, re-hash
every event and re-sign every checkpoint with the cooperation's key; it cannot make a
rewritten history consistent with a root the witness already cosigned, nor produce the
witness's signature on the rewritten one. ``verify`` with the witness's key (and, if the
store's copy was removed, the cosigned checkpoint the witness kept) shows the rewrite.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

import attrs
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, load_pem_private_key

from ..errors import InvalidInput
from .notes import COSIGNATURE_V1, NoteSignature, SignedNote, cosign, cosigned_by, key_id, origin_of, parse_note, raw_public, signed_by
from .tree import ConsistencyProof

if TYPE_CHECKING:
    from .service import Audit

# A checkpoint note is a few hundred bytes; room for many witnesses' lines, and no more.
MAX_SUBMISSION_BYTES = 16 * 1024


@attrs.frozen
class WitnessState:
    origin: str
    size: int
    root_hash: str  # hex
    log_key: str  # the log's Ed25519 public key, hex, as first seen
    note: str  # the last cosigned checkpoint, with every signature


def create_key(path: str | os.PathLike[str]) -> Ed25519PrivateKey:
    """Make a witness key in a new PEM file (readable by its owner only); never overwrites."""
    target = Path(path)
    if target.exists():
        raise InvalidInput("audit.witness_key_exists", path=str(target))
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def load_key(path: str | os.PathLike[str]) -> Ed25519PrivateKey:
    try:
        key = load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError):
        raise InvalidInput("audit.witness_key_unreadable", path=str(path)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInput("audit.witness_key_unreadable", path=str(path))
    return key


class Witness:
    def __init__(self, name: str, key: Ed25519PrivateKey, state_path: str | os.PathLike[str]) -> None:
        if not name or any(c.isspace() for c in name):
            raise InvalidInput("audit.witness_bad_name", name=name)
        self.name = name
        self.key = key
        self.state_path = Path(state_path)

    @property
    def public_key(self) -> str:
        return raw_public(self.key).hex()

    def state(self) -> WitnessState | None:
        if not self.state_path.exists():
            return None
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
            return WitnessState(str(data["origin"]), int(data["size"]), str(data["root_hash"]), str(data["log_key"]), str(data["note"]))
        except (OSError, ValueError, KeyError, TypeError):
            raise InvalidInput("audit.witness_state_unreadable", path=str(self.state_path)) from None

    def cosign(
        self, note_text: str, proof: ConsistencyProof | None, *, log_key: str | None = None, timestamp: int
    ) -> SignedNote:
        """Check ``note_text`` against what this witness saw before; cosign it and remember it.

        ``proof``: the consistency proof from the last cosigned size to the new one (not
        needed the first time, nor for the same size). ``log_key``: the log's public key,
        needed the first time (afterwards the one first seen is used)."""
        note = parse_note(note_text)
        checkpoint = note.checkpoint
        state = self.state()
        key_hex = state.log_key if state is not None else log_key
        if key_hex is None:
            raise InvalidInput("audit.witness_needs_log_key")
        if log_key is not None and state is not None and log_key != state.log_key:
            raise InvalidInput("audit.witness_log_key_changed")
        if not signed_by(note, checkpoint.origin, bytes.fromhex(key_hex)):
            raise InvalidInput("audit.witness_not_signed_by_log")
        if state is not None:
            if checkpoint.origin != state.origin:
                raise InvalidInput("audit.witness_other_log", origin=checkpoint.origin)
            if checkpoint.size < state.size:
                raise InvalidInput("audit.witness_inconsistent", size=checkpoint.size, seen=state.size)
            if checkpoint.size == state.size:
                if checkpoint.root_hash.hex() != state.root_hash:
                    raise InvalidInput("audit.witness_inconsistent", size=checkpoint.size, seen=state.size)
            elif (
                proof is None
                or (proof.old_size, proof.new_size) != (state.size, checkpoint.size)
                or proof.old_root.hex() != state.root_hash
                or proof.new_root != checkpoint.root_hash
                or not proof.check()
            ):
                raise InvalidInput("audit.witness_inconsistent", size=checkpoint.size, seen=state.size)
        cosigned = note.with_signature(cosign(note, self.name, self.key, timestamp))
        kept = WitnessState(checkpoint.origin, checkpoint.size, checkpoint.root_hash.hex(), key_hex, cosigned.text())
        temporary = self.state_path.with_name(self.state_path.name + ".new")
        temporary.write_text(json.dumps(attrs.asdict(kept), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        temporary.replace(self.state_path)
        return cosigned


# --- a cosignature handed in from outside (the web, the API) -------------------------------


@attrs.frozen
class AcceptedCosignatures:
    size: int  # the tree size of the checkpoint cosigned
    witnesses: tuple[str, ...]  # the witnesses whose cosignature is now kept (new or already kept)
    note: SignedNote  # the checkpoint as kept, with every signature


def submit_cosignatures(audit: Audit, cooperation: str | UUID | None, submitted: bytes | str) -> AcceptedCosignatures:
    """Keep the cosignatures in ``submitted`` — a cosigned checkpoint note, or only its
    signature lines (then for the latest checkpoint) — after checking everything: each new
    line must be a valid cosignature of a witness registered for this cooperation, over a
    checkpoint this store signed whose tree the log still holds (not cut short, not forked).
    Any refusal is an ``InvalidInput`` and keeps nothing; lines already kept are no error."""
    coop = audit.resolve(cooperation)
    note = _submitted_note(audit, coop, submitted)
    checkpoint = note.checkpoint
    if checkpoint.origin != origin_of(coop):
        raise InvalidInput("audit.checkpoint_other_log", origin=checkpoint.origin[:100])
    tree_size = audit.tree.size(coop)
    if checkpoint.size > tree_size:
        raise InvalidInput("audit.cosignature_beyond_log", size=checkpoint.size, events=tree_size)
    if checkpoint.size < 1:
        raise InvalidInput("audit.checkpoint_unknown", size=checkpoint.size)
    if audit.tree.root(coop, checkpoint.size) != checkpoint.root_hash:
        raise InvalidInput("audit.cosignature_forked", size=checkpoint.size)
    known = audit.checkpoints.witnesses(coop)
    kept = audit.checkpoints.note(coop, checkpoint.size)
    if kept is None or kept.body != note.body:
        raise InvalidInput("audit.checkpoint_unknown", size=checkpoint.size)
    new = [s for s in note.signatures if s not in kept.signatures]
    for signature in new:
        _check_cosignature(note.body, signature, known)
    witnesses = {s.name for s in note.signatures if s.name in known} | {s.name for s in new}
    if not witnesses:
        raise InvalidInput("audit.no_cosignature", size=checkpoint.size)
    merged = audit.checkpoints.add_signatures(coop, note.body, new)
    return AcceptedCosignatures(checkpoint.size, tuple(sorted(witnesses)), merged)


def _submitted_note(audit: Audit, coop: UUID, submitted: bytes | str) -> SignedNote:
    raw = submitted.encode("utf-8") if isinstance(submitted, str) else submitted
    if len(raw) > MAX_SUBMISSION_BYTES:
        raise InvalidInput("audit.cosignature_too_large", limit=MAX_SUBMISSION_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("input.invalid_encoding") from None
    text = text.replace("\r\n", "\n")
    if text and not text.endswith("\n"):
        text += "\n"
    if "\n\n" in text:
        return parse_note(text)
    # Only signature lines: they are meant for the checkpoint the web publishes.
    latest = audit.checkpoints.latest(coop)
    if latest is None:
        raise InvalidInput("audit.no_checkpoint")
    return parse_note(latest.body + "\n" + text)


def _check_cosignature(body: str, signature: NoteSignature, known: dict[str, str]) -> None:
    """A line not kept yet must be the cosignature of a registered witness's key, and valid."""
    public = known.get(signature.name)
    if public is None or key_id(signature.name, bytes.fromhex(public), COSIGNATURE_V1) != signature.key_id:
        raise InvalidInput("audit.cosignature_unknown_witness", name=signature.name[:100])
    if cosigned_by(SignedNote(body, (signature,)), signature.name, bytes.fromhex(public)) is None:
        raise InvalidInput("audit.cosignature_invalid", name=signature.name)
