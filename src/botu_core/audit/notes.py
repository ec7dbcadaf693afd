"""Checkpoints as C2SP signed notes, and witnesses' cosignatures (C2SP tlog-cosignature).

A checkpoint (c2sp.org/tlog-checkpoint) is the note body::

    <origin>\\n
    <tree size, decimal>\\n
    <root hash, standard base64>\\n

followed by an empty line and one signature line per signer (c2sp.org/signed-note)::

    — <key name> <base64(key ID (4 bytes) || signature)>\\n

- the cooperation's own signature: Ed25519 over the body bytes; key ID =
  SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4];
- a witness's cosignature (cosignature/v1): key ID = SHA-256(name || 0x0A || 0x04 ||
  public key)[:4]; the signature field is a u64 big-endian POSIX time followed by the
  Ed25519 signature over "cosignature/v1\\ntime <time>\\n" || body.

The em dash is U+2014 (UTF-8 E2 80 94). Everything here is checkable offline with the
public keys alone.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
from collections.abc import Sequence
from uuid import UUID

import attrs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ..errors import InvalidInput

DASH = "\u2014"
ED25519 = 0x01
COSIGNATURE_V1 = 0x04
ORIGIN_PREFIX = "botu/audit/"
_SIGNATURE_LINE = re.compile(r"^\u2014 (\S+) ([A-Za-z0-9+/=]+)$")


def origin_of(cooperation_id: UUID | str) -> str:
    """The checkpoint's origin line for one cooperation's log (also its key name)."""
    return f"{ORIGIN_PREFIX}{UUID(str(cooperation_id))}"


def raw_public(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(name: str, public_key: bytes, kind: int = ED25519) -> bytes:
    return hashlib.sha256(name.encode("utf-8") + b"\n" + bytes([kind]) + public_key).digest()[:4]


@attrs.frozen
class Checkpoint:
    origin: str
    size: int
    root_hash: bytes

    def body(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root_hash).decode('ascii')}\n"

    @classmethod
    def from_body(cls, body: str) -> Checkpoint:
        lines = body.split("\n")
        if len(lines) < 4 or lines[-1] != "" or not lines[1].isdigit() or (lines[1] != "0" and lines[1].startswith("0")):
            raise InvalidInput("audit.invalid_checkpoint", detail="body")
        try:
            root_hash = base64.b64decode(lines[2], validate=True)
        except ValueError:
            raise InvalidInput("audit.invalid_checkpoint", detail="root hash") from None
        if len(root_hash) != 32 or not lines[0]:
            raise InvalidInput("audit.invalid_checkpoint", detail="root hash")
        return cls(lines[0], int(lines[1]), root_hash)


@attrs.frozen
class NoteSignature:
    name: str
    key_id: bytes
    signature: bytes  # after the key ID: 64 bytes, or 8 + 64 for a cosignature

    def line(self) -> str:
        return f"{DASH} {self.name} {base64.b64encode(self.key_id + self.signature).decode('ascii')}\n"


@attrs.frozen
class SignedNote:
    body: str
    signatures: tuple[NoteSignature, ...]

    def text(self) -> str:
        return self.body + "\n" + "".join(s.line() for s in self.signatures)

    @property
    def checkpoint(self) -> Checkpoint:
        return Checkpoint.from_body(self.body)

    def with_signature(self, signature: NoteSignature) -> SignedNote:
        kept = tuple(s for s in self.signatures if (s.name, s.key_id) != (signature.name, signature.key_id))
        return SignedNote(self.body, (*kept, signature))


def parse_note(text: str) -> SignedNote:
    """A signed note's body and signature lines (c2sp.org/signed-note)."""
    body, sep, rest = text.rpartition("\n\n")
    if not sep or not rest.endswith("\n"):
        raise InvalidInput("audit.invalid_checkpoint", detail="no signatures")
    signatures = []
    for line in rest[:-1].split("\n"):
        found = _SIGNATURE_LINE.match(line)
        if found is None:
            raise InvalidInput("audit.invalid_checkpoint", detail="signature line")
        try:
            raw = base64.b64decode(found.group(2), validate=True)
        except ValueError:
            raise InvalidInput("audit.invalid_checkpoint", detail="signature") from None
        if len(raw) < 5:
            raise InvalidInput("audit.invalid_checkpoint", detail="signature")
        signatures.append(NoteSignature(found.group(1), raw[:4], raw[4:]))
    return SignedNote(body + "\n", tuple(signatures))


# --- the log's own signature -----------------------------------------------------------------


def sign_checkpoint(checkpoint: Checkpoint, name: str, key: Ed25519PrivateKey) -> SignedNote:
    body = checkpoint.body()
    signature = key.sign(body.encode("utf-8"))
    return SignedNote(body, (NoteSignature(name, key_id(name, raw_public(key)), signature),))


def signed_by(note: SignedNote, name: str, public_key: bytes) -> bool:
    """Whether ``note`` carries a valid Ed25519 note signature of ``name`` with ``public_key``."""
    wanted = key_id(name, public_key)
    key = Ed25519PublicKey.from_public_bytes(public_key)
    for signature in note.signatures:
        if signature.name == name and signature.key_id == wanted and len(signature.signature) == 64:
            try:
                key.verify(signature.signature, note.body.encode("utf-8"))
                return True
            except InvalidSignature:
                continue
    return False


# --- witnesses' cosignatures -------------------------------------------------------------------


def cosigned_message(body: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n".encode("ascii") + body.encode("utf-8")


def cosign(note: SignedNote, name: str, key: Ed25519PrivateKey, timestamp: int) -> NoteSignature:
    signature = key.sign(cosigned_message(note.body, timestamp))
    return NoteSignature(name, key_id(name, raw_public(key), COSIGNATURE_V1), struct.pack(">Q", timestamp) + signature)


def cosigned_by(note: SignedNote, name: str, public_key: bytes) -> int | None:
    """The time of a valid cosignature of ``name`` with ``public_key`` on ``note``, or None."""
    wanted = key_id(name, public_key, COSIGNATURE_V1)
    key = Ed25519PublicKey.from_public_bytes(public_key)
    for signature in note.signatures:
        if signature.name == name and signature.key_id == wanted and len(signature.signature) == 72:
            (timestamp,) = struct.unpack(">Q", signature.signature[:8])
            try:
                key.verify(signature.signature[8:], cosigned_message(note.body, timestamp))
                return int(timestamp)
            except InvalidSignature:
                continue
    return None


def names(signatures: Sequence[NoteSignature]) -> list[str]:
    return [s.name for s in signatures]
