"""Where each cooperation's Ed25519 signing key is kept: in files, outside the database.

The key signs published heads. Anyone who can change the database could also rewrite
the chain table, so the private key must not live there: it is one PEM file per
cooperation (``<cooperation id>.ed25519.pem``, mode 0600) in a key folder (mode
0700). Back the folder up separately from the database; share only the public key.

The folder is, in this order: the ``key_dir`` given to ``Audit``, the environment
variable ``BOTU_KEY_DIR``, or next to a SQLite file (``botu.db`` → ``botu.db.keys/``),
or ``~/.config/botu/keys`` for PostgreSQL. An in-memory store keeps keys in memory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from ..config import StoreSettings
from ..errors import StoreError


class SigningKeyStore(Protocol):
    where: str

    def load(self, cooperation_id: UUID) -> Ed25519PrivateKey | None: ...

    def create(self, cooperation_id: UUID) -> Ed25519PrivateKey: ...


class MemorySigningKeys:
    where = "memory"

    def __init__(self) -> None:
        self._keys: dict[UUID, Ed25519PrivateKey] = {}

    def load(self, cooperation_id: UUID) -> Ed25519PrivateKey | None:
        return self._keys.get(cooperation_id)

    def create(self, cooperation_id: UUID) -> Ed25519PrivateKey:
        return self._keys.setdefault(cooperation_id, Ed25519PrivateKey.generate())


class FileSigningKeys:
    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory).expanduser().absolute()
        self.where = str(self.directory)

    def path(self, cooperation_id: UUID) -> Path:
        return self.directory / f"{cooperation_id}.ed25519.pem"

    def load(self, cooperation_id: UUID) -> Ed25519PrivateKey | None:
        path = self.path(cooperation_id)
        if not path.exists():
            return None
        try:
            key = load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError) as error:
            raise StoreError("store.damaged", detail=f"{path}: {error}") from error
        if not isinstance(key, Ed25519PrivateKey):
            raise StoreError("store.damaged", detail=f"{path}: not an Ed25519 key")
        return key

    def create(self, cooperation_id: UUID) -> Ed25519PrivateKey:
        """Make the key once; a key that exists is never replaced."""
        existing = self.load(cooperation_id)
        if existing is not None:
            return existing
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        try:
            fd = os.open(self.path(cooperation_id), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            made = self.load(cooperation_id)  # another process was first
            assert made is not None
            return made
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        return key


def default_key_store(settings: StoreSettings, key_dir: str | os.PathLike[str] | None = None) -> SigningKeyStore:
    if key_dir is not None:
        return FileSigningKeys(key_dir)
    if os.environ.get("BOTU_KEY_DIR"):
        return FileSigningKeys(os.environ["BOTU_KEY_DIR"])
    if settings.kind == "memory":
        return MemorySigningKeys()
    if settings.kind == "sqlite" and settings.path is not None:
        return FileSigningKeys(settings.path.with_name(settings.path.name + ".keys"))
    return FileSigningKeys(Path.home() / ".config" / "botu" / "keys")
