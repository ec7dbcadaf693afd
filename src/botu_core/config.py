"""Where the cooperation is stored: one URL decides the event store and the read models.

- a file name, or ``sqlite:///path/to/botu.db``: one SQLite file (WAL, durable commits)
- ``sqlite:///:memory:`` or ``memory:``: in memory, for tests and experiments
- ``postgresql://user:pw@host:5432/db`` (or ``postgresql+psycopg://…``), optionally
  with ``?schema=name`` to keep a cooperation store in its own schema.

The key that wraps the per-person keys (``key_encryption``) lives outside the store:
``BOTU_KEY`` (the key itself, base64), else the file ``BOTU_KEY_FILE``, else next to a
SQLite file (``botu.db`` → ``botu.db.key``) or, for PostgreSQL, in the user's config
folder (``~/.config/botu/<host>-<port>-<database>-<schema>.key``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit, urlunsplit

import attrs

from .errors import InvalidInput

DEFAULT_DB = "botu.db"
KEY_FILE_ENV = "BOTU_KEY_FILE"


@attrs.frozen
class StoreSettings:
    kind: str  # "sqlite", "postgres" or "memory"
    eventsourcing_env: dict[str, str]
    sqlalchemy_url: str
    schema: str | None = None
    path: Path | None = None
    key_file: Path | None = None  # where the key-encryption key is kept (None: in memory)

    @property
    def display(self) -> str:
        if self.kind == "sqlite":
            return str(self.path)
        if self.kind == "memory":
            return "memory"
        return self.sqlalchemy_url.split("@")[-1]


def default_url() -> str:
    return os.environ.get("BOTU_DB") or DEFAULT_DB


def settings_from_url(url: str | os.PathLike[str] | None = None) -> StoreSettings:
    raw = os.fspath(url) if url is not None else default_url()
    if raw in ("memory:", "sqlite:///:memory:", ":memory:"):
        return StoreSettings("memory", {"PERSISTENCE_MODULE": "eventsourcing.popo"}, "sqlite://")
    if raw.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        return _postgres(raw)
    if raw.startswith("sqlite:///"):
        path = Path(raw[len("sqlite:///") :])
    elif "://" in raw:
        raise InvalidInput("store.invalid_url", url=raw)
    else:
        path = Path(raw)
    path = path.expanduser().absolute()
    # The events go through botu's own recorder (``eventstore``) on the read models'
    # engine, so that a command commits its events and read models together;
    # eventsourcing's factory is then only asked for the transcoder and cipher.
    env = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    key_file = _key_file_override() or path.with_name(path.name + ".key")
    return StoreSettings("sqlite", env, f"sqlite:///{path}", path=path, key_file=key_file)


def _key_file_override() -> Path | None:
    named = os.environ.get(KEY_FILE_ENV)
    return Path(named).expanduser().absolute() if named else None


def config_dir() -> Path:
    """The user's config folder for botu (``$XDG_CONFIG_HOME/botu`` or ``~/.config/botu``)."""
    base = os.environ.get("XDG_CONFIG_HOME")
    return (Path(base) if base else Path.home() / ".config") / "botu"


def _postgres(raw: str) -> StoreSettings:
    parts = urlsplit(raw)
    query = parse_qs(parts.query)
    schema = query.pop("schema", [None])[0]
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": unquote(parts.path.lstrip("/")) or "postgres",
        "POSTGRES_HOST": parts.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
        "POSTGRES_LOCK_TIMEOUT": "10",
        "POSTGRES_POOL_SIZE": "5",
        "POSTGRES_MAX_OVERFLOW": "10",
        # eventsourcing's recorder, saving in the read models' transaction (``eventstore``).
        "APPLICATION_RECORDER_TOPIC": "botu_core.eventstore:PostgresRecorder",
    }
    if schema:
        env["POSTGRES_SCHEMA"] = schema
    rest = urlencode({k: v[0] for k, v in query.items()})
    sa_url = urlunsplit(("postgresql+psycopg", parts.netloc, parts.path, rest, ""))
    # One key file per database and schema: two stores never share a key by accident.
    name = "-".join((env["POSTGRES_HOST"], env["POSTGRES_PORT"], env["POSTGRES_DBNAME"], schema or "public"))
    key_file = _key_file_override() or config_dir() / (re.sub(r"[^A-Za-z0-9._-]", "_", name) + ".key")
    return StoreSettings("postgres", env, sa_url, schema=schema, key_file=key_file)
