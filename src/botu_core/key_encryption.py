"""The key-encryption key (KEK): it wraps every per-person key, and it lives outside the store.

The per-person keys (``privacy.KeyStore``) sit in the database next to the events they
open. Without this layer a copied ``.db`` file (or a dump of the schema) would hold both
the ciphertext and its keys. So each per-person key is stored *wrapped*: AES-GCM under
one key of the store, bound to its cooperation and person (a wrapped key cannot be moved
to another person's row). That key is kept where a copy of the database does not go:

- ``BOTU_KEY``: the key itself, 32 bytes in base64 (for containers and secret stores);
- else a key file (``StoreSettings.key_file``): ``BOTU_KEY_FILE``, or ``botu.db.key`` next
  to a SQLite file, or ``~/.config/botu/<host>-<port>-<db>-<schema>.key`` for PostgreSQL.
  It is made on first use (mode 0600) and never replaced;
- an in-memory store makes a key in memory: it lives as long as the store.

The store remembers that its keys are wrapped, and by which key: a row in
``botu_key_encryption`` with a check value (a fixed text sealed under the KEK). Opening a
store without its KEK, or with another one, stops with a coded error before anything is
read or written; no new key file is made for a store whose keys are wrapped already.

A store written before this layer (keys unwrapped, no marker row) is migrated once, when
it is first opened: every key is wrapped and the marker written in one transaction.

Losing the KEK loses every person's personal data (names of people, contact details,
notes): the events stay and the audit chain still verifies, but the personal fields can
no longer be read. Back the key up apart from the database backups.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Column, Connection, DateTime, Engine, LargeBinary, MetaData, String, Table, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from .config import StoreSettings
from .errors import StoreError

KEY_ENV = "BOTU_KEY"
KEY_BYTES = 32
MARKER = "kek-v1"
_CHECK_TEXT = b"botu key-encryption key check"
_NONCE = 12

kek_metadata = MetaData()
key_encryption = Table(
    "botu_key_encryption",
    kek_metadata,
    Column("name", String(20), primary_key=True),
    Column("check_value", LargeBinary, nullable=False),
    Column("wrapped_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)


class KeyEncryptionKey:
    """Wraps and unwraps per-person keys; ``where`` names the key's place for messages."""

    def __init__(self, key: bytes, where: str | Path) -> None:
        self._aead = AESGCM(key)
        self.where = where

    def wrap(self, coop_id: str, subject_id: str, key: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        return nonce + self._aead.encrypt(nonce, key, _aad(coop_id, subject_id))

    def unwrap(self, coop_id: str, subject_id: str, wrapped: bytes) -> bytes:
        wrapped = bytes(wrapped)
        try:
            return self._aead.decrypt(wrapped[:_NONCE], wrapped[_NONCE:], _aad(coop_id, subject_id))
        except InvalidTag:
            # The marker said this KEK fits: a key that does not open was altered or moved.
            raise StoreError("store.damaged", detail=f"key of {subject_id} ({coop_id}) cannot be unwrapped") from None

    def check_value(self) -> bytes:
        nonce = os.urandom(_NONCE)
        return nonce + self._aead.encrypt(nonce, _CHECK_TEXT, MARKER.encode())

    def fits(self, check_value: bytes) -> bool:
        check_value = bytes(check_value)
        try:
            return self._aead.decrypt(check_value[:_NONCE], check_value[_NONCE:], MARKER.encode()) == _CHECK_TEXT
        except InvalidTag:
            return False


def _aad(coop_id: str, subject_id: str) -> bytes:
    return f"botu-subject-key-v1|{coop_id}|{subject_id}".encode()


def _decode(text: str, where: str | Path) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise StoreError("store.key_invalid", where=where) from None
    if len(key) != KEY_BYTES:
        raise StoreError("store.key_invalid", where=where)
    return key


def _load(settings: StoreSettings) -> KeyEncryptionKey | None:
    """The KEK from the environment or the key file; None when the file does not exist."""
    given = os.environ.get(KEY_ENV)
    if given:
        return KeyEncryptionKey(_decode(given, KEY_ENV), KEY_ENV)
    path = settings.key_file
    if path is None or not path.exists():
        return None
    try:
        text = path.read_text(encoding="ascii")
    except UnicodeDecodeError:
        raise StoreError("store.key_invalid", where=path) from None
    except OSError as error:
        raise StoreError("store.unavailable", detail=f"{path}: {error.strerror}") from error
    return KeyEncryptionKey(_decode(text, path), path)


def _create(settings: StoreSettings) -> KeyEncryptionKey:
    """Make the key file (mode 0600). Two processes making it at once get the same key:
    the file is written apart and linked into place, and linking fails if one is there."""
    path = settings.key_file
    if settings.kind == "memory":
        return KeyEncryptionKey(AESGCM.generate_key(bit_length=256), "memory")
    if path is None:  # a store on disk never gets a key that would vanish with the process
        raise StoreError("store.key_missing", where=KEY_ENV)
    key = AESGCM.generate_key(bit_length=256)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(base64.b64encode(key).decode("ascii") + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        finally:
            draft.unlink()
    except OSError as error:
        raise StoreError("store.unavailable", detail=f"{path}: {error.strerror}") from error
    made = _load(settings)
    assert made is not None
    return made


def create_tables(engine: Engine, metadata: MetaData) -> None:
    """Create missing tables in a writing transaction (BEGIN IMMEDIATE on SQLite), so two
    processes opening a store at once take turns instead of failing as 'locked'."""
    with engine.connect() as conn:
        conn = conn.execution_options(botu_write="durable")
        with conn.begin():
            metadata.create_all(conn)


def open_key_encryption(engine: Engine, settings: StoreSettings, subject_keys: Table) -> tuple[KeyEncryptionKey, bool]:
    """The store's KEK, checked against the store, and whether this call wrapped the keys
    of an older store (done once, for a store that has no marker yet).

    Raises ``StoreError`` (``store.key_missing``, ``store.key_wrong``, ``store.key_invalid``)
    when the store's keys are wrapped and the right KEK is not there.
    """
    create_tables(engine, kek_metadata)
    with engine.connect() as conn:
        check = conn.execute(select(key_encryption.c.check_value).where(key_encryption.c.name == MARKER)).scalar()
    if check is not None:
        kek = _load(settings)
        if kek is None:
            raise StoreError("store.key_missing", where=settings.key_file or KEY_ENV)
        if not kek.fits(check):
            raise StoreError("store.key_wrong", where=kek.where)
        return kek, False
    kek = _load(settings) or _create(settings)
    # On SQLite ``botu_write`` makes the transaction BEGIN IMMEDIATE (``readmodels.store``):
    # one process migrates, another waits and then finds the marker.
    wrapped = False
    with engine.connect() as conn:
        conn = conn.execution_options(botu_write="durable")
        try:
            with conn.begin():
                wrapped = _wrap_all(conn, kek, subject_keys)
        except IntegrityError:
            pass  # another process wrote the marker first (PostgreSQL): check against it
        check = conn.execute(select(key_encryption.c.check_value).where(key_encryption.c.name == MARKER)).scalar_one()
        conn.rollback()
    if not kek.fits(check):
        raise StoreError("store.key_wrong", where=kek.where)
    return kek, wrapped


def _wrap_all(conn: Connection, kek: KeyEncryptionKey, subject_keys: Table) -> bool:
    """In the caller's transaction: wrap every unwrapped key and write the marker.
    Returns False when another process did it meanwhile."""
    if conn.execute(select(key_encryption.c.name).where(key_encryption.c.name == MARKER)).first() is not None:
        return False
    c = subject_keys.c
    rows = conn.execute(select(c.coop_id, c.subject_id, c.key)).all()
    for row in rows:
        conn.execute(
            update(subject_keys)
            .where(c.coop_id == row.coop_id, c.subject_id == row.subject_id)
            .values(key=kek.wrap(row.coop_id, row.subject_id, bytes(row.key)))
        )
    conn.execute(insert(key_encryption).values(name=MARKER, check_value=kek.check_value()))
    return True
