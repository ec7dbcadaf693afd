"""Heads: a short digest of a cooperation's log up to a position, to publish.

A head is printed in meeting minutes or on the website, e.g. ``87:3fa9c01be04d7a55``
(position 87, the first 16 characters of the chain digest). Whoever kept it can later
check that the history up to position 87 is unchanged, even if someone rewrote the
whole chain table: ``verify`` recomputes the digest from the stored events.

A *signed* head adds an Ed25519 signature by the cooperation's key. It is a small
JSON text; anyone can check it offline with the public key alone
(``check_signed_head``), without botu's store.
"""

from __future__ import annotations

import base64
import json
import re
import struct
from uuid import UUID

import attrs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_public_key

from ..errors import InvalidInput
from ..json_input import parse_json

SHORT = 16  # hex characters in a short head: 64 bits
SIGNED_TAG = b"botu/audit-head/v1\x00"
FORMAT = "botu-signed-head/v1"
_HEX = re.compile(r"^[0-9a-f]+$")


@attrs.frozen
class Head:
    cooperation_id: str
    position: int
    digest: str  # 64 hex characters: the chain digest up to ``position``

    @property
    def short(self) -> str:
        """The form to print in minutes: ``POSITION:first 16 hex characters``."""
        return f"{self.position}:{self.digest[:SHORT]}"

    def __str__(self) -> str:
        return f"{self.position}:{self.digest}"

    def to_dict(self) -> dict[str, object]:
        return {"cooperation": self.cooperation_id, "position": self.position, "digest": self.digest, "short": self.short}


@attrs.frozen
class PublishedHead:
    """A head as someone wrote it down: maybe without position, maybe shortened."""

    digest_prefix: str
    position: int | None = None

    def matches(self, digest: str) -> bool:
        return digest.startswith(self.digest_prefix)


def parse_head(value: object) -> PublishedHead:
    """Read ``POSITION:DIGEST``, ``DIGEST``, a ``Head`` or a ``SignedHead``."""
    if isinstance(value, Head | SignedHead):
        return PublishedHead(value.digest, value.position)
    if isinstance(value, PublishedHead):
        return value
    if not isinstance(value, str):
        raise InvalidInput("audit.invalid_head", value=value)
    text = value.strip().lower()
    position: int | None = None
    if ":" in text:
        before, _, text = text.partition(":")
        if not before.isdigit() or int(before) < 1:
            raise InvalidInput("audit.invalid_head", value=value)
        position = int(before)
    if len(text) < SHORT or len(text) > 64 or not _HEX.match(text):
        raise InvalidInput("audit.invalid_head", value=value)
    return PublishedHead(text, position)


@attrs.frozen
class SignedHead:
    cooperation_id: str
    position: int
    digest: str
    public_key: str  # raw Ed25519 public key, 64 hex characters (for convenience; trust your own copy)
    signature: str  # base64

    @property
    def head(self) -> Head:
        return Head(self.cooperation_id, self.position, self.digest)

    def message(self) -> bytes:
        return signed_message(self.cooperation_id, self.position, self.digest)

    def to_dict(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "cooperation": self.cooperation_id,
            "position": self.position,
            "digest": self.digest,
            "public_key": self.public_key,
            "signature": self.signature,
        }

    def to_text(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_text(cls, text: str) -> SignedHead:
        try:
            data = parse_json(text)
            if data.get("format") != FORMAT:
                raise ValueError("format")
            head = cls(
                str(UUID(str(data["cooperation"]))),
                int(data["position"]),
                str(data["digest"]),
                str(data["public_key"]),
                str(data["signature"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise InvalidInput("audit.invalid_head", value=text[:60]) from None
        if len(head.digest) != 64 or not _HEX.match(head.digest) or head.position < 1:
            raise InvalidInput("audit.invalid_head", value=text[:60])
        return head


def signed_message(cooperation_id: str, position: int, digest: str) -> bytes:
    """The exact bytes that are signed: tag, cooperation id, position and digest."""
    return SIGNED_TAG + UUID(cooperation_id).bytes + struct.pack(">Q", position) + bytes.fromhex(digest)


def public_key_hex(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def sign_head(head: Head, key: Ed25519PrivateKey) -> SignedHead:
    signature = key.sign(signed_message(head.cooperation_id, head.position, head.digest))
    return SignedHead(
        head.cooperation_id, head.position, head.digest, public_key_hex(key), base64.b64encode(signature).decode()
    )


def load_public_key(value: str | bytes | Ed25519PublicKey) -> Ed25519PublicKey:
    """A public key from 64 hex characters, 32 raw bytes or a PEM text."""
    if isinstance(value, Ed25519PublicKey):
        return value
    try:
        if isinstance(value, bytes) and len(value) == 32:
            return Ed25519PublicKey.from_public_bytes(value)
        text = value.decode() if isinstance(value, bytes) else value
        text = text.strip()
        if text.startswith("-----BEGIN"):
            key = load_pem_public_key(text.encode())
            if not isinstance(key, Ed25519PublicKey):
                raise ValueError("not Ed25519")
            return key
        return Ed25519PublicKey.from_public_bytes(bytes.fromhex(text))
    except (ValueError, UnicodeDecodeError):
        shown = value[:20] if isinstance(value, str | bytes) else value
        raise InvalidInput("audit.invalid_public_key", value=shown) from None


def check_signed_head(signed: SignedHead | str, public_key: str | bytes | Ed25519PublicKey) -> bool:
    """Offline: is ``signed`` signed by the holder of ``public_key``? Needs no store."""
    head = SignedHead.from_text(signed) if isinstance(signed, str) else signed
    key = load_public_key(public_key)
    try:
        key.verify(base64.b64decode(head.signature, validate=True), head.message())
    except (InvalidSignature, ValueError):
        return False
    return True
