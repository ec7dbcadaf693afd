"""Accounts of the web app: people who log in, bound to a party of the cooperation.

Accounts are not part of the cooperation's history (they are not facts of the
agreement), so they live in their own tables beside the read models, in the same
database: ``web_accounts``, ``web_sessions``, ``web_tokens`` and ``web_secrets``.

- Passwords are hashed with argon2id (argon2-cffi), never stored.
- Sessions and API tokens are random secrets; only their SHA-256 digests are stored,
  so a copy of the database does not let anyone log in.
- What an account holds is per cooperation: a role granted there (coordinator or
  auditor, in ``web_account_roles``) and its party there. Whether that lets it give a
  command is the library's decision (``botu_core.permissions``), from ``Account.actor``.
"""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import attrs
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

from botu_core import Actor, Cooperations, InvalidInput, StoreSettings, name_key
from botu_core.permissions import GRANTABLE

from .texts import WebError

# What ``botu account create --role`` takes: "member" (no role granted: a member once its
# party takes part) or a role granted in the cooperation the account is made for.
ACCOUNT_KINDS = ("member", *GRANTABLE)

SESSION_DAYS = 14
INVITATION_DAYS = 30
MIN_PASSWORD = 10
MAX_USERNAME_KEY = 200

metadata = MetaData()

accounts_table = Table(
    "web_accounts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(80), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("coop_id", String(40), nullable=True),
    Column("party_id", String(40), nullable=True),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

sessions_table = Table(
    "web_sessions",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("account_id", Integer, ForeignKey("web_accounts.id"), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

tokens_table = Table(
    "web_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest", String(64), nullable=False, unique=True),
    Column("account_id", Integer, ForeignKey("web_accounts.id"), nullable=False),
    Column("label", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

# Roles granted per cooperation: coordinator here does not make coordinator there.
roles_table = Table(
    "web_account_roles",
    metadata,
    Column("account_id", Integer, ForeignKey("web_accounts.id"), primary_key=True),
    Column("coop_id", String(40), primary_key=True),
    Column("role", String(20), primary_key=True),
)

# Usernames as people read them (botu_core.name_key), once each: 'fatima', 'Fatima' and
# 'fatima' with a zero-width space are one name, so no one can open a look-alike account.
# The username itself stays in web_accounts as typed. A table of its own (not a column)
# so stores made before it get it from create_all, and keys for their accounts.
username_keys_table = Table(
    "web_username_keys",
    metadata,
    Column("key", String(MAX_USERNAME_KEY), primary_key=True),
    Column("account_id", Integer, ForeignKey("web_accounts.id"), nullable=False, unique=True),
)

# Invitations to make a login for a party that a coordinator entered: used once, for a while.
invitations_table = Table(
    "web_invitations",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("coop_id", String(40), nullable=False),
    Column("party_id", String(40), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
)

secrets_table = Table(
    "web_secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)

_hasher = PasswordHasher()  # argon2id with the library's memory-hard defaults
# A hash to verify against when the user does not exist, so timing does not tell.
_DUMMY_HASH = _hasher.hash("botu-no-such-user-dummy-password")


@attrs.frozen
class Account:
    id: int
    username: str
    kind: str
    coop_id: str | None
    party_id: str | None
    active: bool
    # (cooperation id, role) pairs granted to this account.
    grants: tuple[tuple[str, str], ...] = ()

    @property
    def actor(self) -> Actor:
        """Who this account is to the library: its grants and its party, per cooperation."""
        parties = {self.coop_id: self.party_id} if self.coop_id and self.party_id else {}
        return Actor(self.username, grants=self.grants, parties=parties)

    def roles_in(self, coop_id: str) -> tuple[str, ...]:
        return tuple(role for coop, role in self.grants if coop == coop_id)


@attrs.frozen
class TokenInfo:
    id: int
    account_id: int
    username: str
    label: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite gives naive datetimes back; they were stored in UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _row_account(conn: Any, row: Any) -> Account:
    grants = conn.execute(
        select(roles_table.c.coop_id, roles_table.c.role)
        .where(roles_table.c.account_id == row.id)
        .order_by(roles_table.c.coop_id, roles_table.c.role)
    ).all()
    return Account(row.id, row.username, row.kind, row.coop_id, row.party_id, bool(row.active),
                   tuple((g.coop_id, g.role) for g in grants))


def check_username(username: object) -> str:
    if not isinstance(username, str):
        raise WebError("account.username_invalid")
    name = username.strip()
    if not (3 <= len(name) <= 80) or any(c.isspace() or ord(c) < 32 for c in name):
        raise WebError("account.username_invalid")
    # Only invisible characters, or a key that NFKC made very long: not a name to read.
    if not (3 <= len(name_key(name)) <= MAX_USERNAME_KEY):
        raise WebError("account.username_invalid")
    return name


def _username_key(username: str) -> str:
    return name_key(username)[:MAX_USERNAME_KEY]


def _find_username(conn: Any, username: object) -> Any:
    """The account row of ``username``: the one of exactly that name, else the one it
    reads as (any case, look-alike letters and spaces, invisible characters)."""
    if not isinstance(username, str):
        return None
    exact = conn.execute(select(accounts_table).where(accounts_table.c.username == username.strip())).first()
    if exact is not None:
        return exact
    keyed = select(accounts_table).join(
        username_keys_table, username_keys_table.c.account_id == accounts_table.c.id
    ).where(username_keys_table.c.key == _username_key(username))
    return conn.execute(keyed).first()


def check_password(password: object) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD or len(password) > 1000:
        raise WebError("account.password_too_short", min=MIN_PASSWORD)
    return password


class AccountStore:
    """The web app's accounts, sessions and API tokens, in the cooperation's database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)
        self._key_old_usernames()

    def _key_old_usernames(self) -> None:
        """Accounts made before usernames had keys get theirs; oldest first, so when two
        old accounts look alike the older one holds the key (both can still log in by
        their exact name)."""
        query = (
            select(accounts_table.c.id, accounts_table.c.username)
            .outerjoin(username_keys_table, username_keys_table.c.account_id == accounts_table.c.id)
            .where(username_keys_table.c.key.is_(None))
            .order_by(accounts_table.c.id)
        )
        with self._tx() as conn:
            rows = conn.execute(query).all()
        for row in rows:
            try:
                with self._tx() as conn:
                    conn.execute(insert(username_keys_table).values(key=_username_key(row.username), account_id=row.id))
            except IntegrityError:
                pass  # an older look-alike holds the key, or another process keyed this one first

    @classmethod
    def for_settings(cls, settings: StoreSettings) -> AccountStore:
        """Open the account tables in the same database as the cooperation store."""
        if settings.kind == "memory":
            engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
        elif settings.kind == "sqlite":
            engine = create_engine(settings.sqlalchemy_url, connect_args={"timeout": 30, "check_same_thread": False})
        else:
            connect_args: dict[str, Any] = {}
            if settings.schema:
                connect_args["options"] = f"-csearch_path={settings.schema}"
            engine = create_engine(settings.sqlalchemy_url, connect_args=connect_args, pool_pre_ping=True)
        return cls(engine)

    @classmethod
    def for_app(cls, app: Cooperations) -> AccountStore:
        store = cls.for_settings(app.settings)
        store._grant_legacy_roles([c.id for c in app.cooperations()])
        return store

    def _grant_legacy_roles(self, coop_ids: builtins.list[str]) -> None:
        """Accounts made before roles were per cooperation held their kind everywhere.
        Once, each becomes that role in the cooperation of its party or, in a store
        with a single cooperation, in that one; elsewhere it holds nothing (a store
        with several cooperations must grant again: ``botu account grant``)."""
        with self._tx() as conn:
            done = conn.execute(select(secrets_table.c.value).where(secrets_table.c.name == "roles_per_cooperation")).first()
            if done is not None:
                return
            rows = conn.execute(select(accounts_table).where(accounts_table.c.kind.in_(GRANTABLE))).all()
            for row in rows:
                coop = row.coop_id or (coop_ids[0] if len(coop_ids) == 1 else None)
                if coop is not None:
                    conn.execute(insert(roles_table).values(account_id=row.id, coop_id=coop, role=row.kind))
            conn.execute(insert(secrets_table).values(name="roles_per_cooperation", value="1"))

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Any]:
        with self.engine.begin() as conn:
            yield conn

    # --- secrets -----------------------------------------------------------------------

    def secret(self, name: str) -> str:
        """A random secret kept in the database (e.g. for CSRF tokens), made on first use."""
        with self._tx() as conn:
            row = conn.execute(select(secrets_table.c.value).where(secrets_table.c.name == name)).first()
            if row is not None:
                return str(row.value)
        value = secrets.token_hex(32)
        try:
            with self._tx() as conn:
                conn.execute(insert(secrets_table).values(name=name, value=value))
        except IntegrityError:
            pass  # another process made it first
        with self._tx() as conn:
            return str(conn.execute(select(secrets_table.c.value).where(secrets_table.c.name == name)).scalar_one())

    # --- accounts ------------------------------------------------------------------------

    def create(
        self,
        username: str,
        password: str,
        *,
        kind: str = "member",
        coop_id: str | None = None,
        party_id: str | None = None,
    ) -> Account:
        """A new account. A coordinator or auditor is one in ``coop_id`` only."""
        name = check_username(username)
        check_password(password)
        if kind not in ACCOUNT_KINDS:
            raise InvalidInput("input.invalid_choice", value=kind, field="soort account", choices=", ".join(ACCOUNT_KINDS))
        if kind in GRANTABLE and coop_id is None:
            raise WebError("account.role_needs_cooperation", role=kind)
        try:
            with self._tx() as conn:
                result = conn.execute(
                    insert(accounts_table).values(
                        username=name,
                        password_hash=_hasher.hash(password),
                        kind=kind,
                        coop_id=coop_id,
                        party_id=party_id,
                        active=True,
                        created_at=_now(),
                    )
                )
                account_id = int(result.inserted_primary_key[0])
                # In the same transaction: a look-alike of an existing username fails here.
                conn.execute(insert(username_keys_table).values(key=_username_key(name), account_id=account_id))
                if kind in GRANTABLE:
                    conn.execute(insert(roles_table).values(account_id=account_id, coop_id=coop_id, role=kind))
        except IntegrityError:
            raise WebError("account.username_taken", username=name) from None
        return self.get(account_id)

    def grant(self, account_id: int, coop_id: str, role: str) -> Account:
        """Give the account ``role`` (coordinator or auditor) in one cooperation."""
        if role not in GRANTABLE:
            raise InvalidInput("input.invalid_choice", value=role, field="rol", choices=", ".join(GRANTABLE))
        self.get(account_id)
        try:
            with self._tx() as conn:
                conn.execute(insert(roles_table).values(account_id=account_id, coop_id=coop_id, role=role))
        except IntegrityError:
            pass  # granted already
        return self.get(account_id)

    def revoke(self, account_id: int, coop_id: str, role: str) -> Account:
        """Take ``role`` away from the account in one cooperation."""
        with self._tx() as conn:
            conn.execute(
                delete(roles_table).where(
                    roles_table.c.account_id == account_id, roles_table.c.coop_id == coop_id, roles_table.c.role == role
                )
            )
        return self.get(account_id)

    def get(self, account_id: int) -> Account:
        with self._tx() as conn:
            row = conn.execute(select(accounts_table).where(accounts_table.c.id == account_id)).first()
            if row is None:
                raise WebError("account.unknown", ref=account_id)
            return _row_account(conn, row)

    def by_username(self, username: str) -> Account | None:
        with self._tx() as conn:
            row = _find_username(conn, username)
            return None if row is None else _row_account(conn, row)

    def list(self) -> list[Account]:
        with self._tx() as conn:
            rows = conn.execute(select(accounts_table).order_by(accounts_table.c.id)).all()
            return [_row_account(conn, r) for r in rows]

    def bind_party(self, account_id: int, coop_id: str, party_id: str) -> Account:
        with self._tx() as conn:
            conn.execute(
                update(accounts_table).where(accounts_table.c.id == account_id).values(coop_id=coop_id, party_id=party_id)
            )
        return self.get(account_id)

    def authenticate(self, username: str, password: str) -> Account | None:
        """The account when the password is right, else None (same work either way)."""
        with self._tx() as conn:
            row = _find_username(conn, username)
        stored = row.password_hash if row is not None else _DUMMY_HASH
        try:
            _hasher.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if row is None or not row.active:
            return None
        if _hasher.check_needs_rehash(stored):
            with self._tx() as conn:
                conn.execute(
                    update(accounts_table).where(accounts_table.c.id == row.id).values(password_hash=_hasher.hash(password))
                )
        return self.get(row.id)

    # --- invitations -----------------------------------------------------------------------

    def invite(self, coop_id: str, party_id: str) -> str:
        """A secret that lets one person make a login for the party (shown once, used once)."""
        secret = secrets.token_urlsafe(24)
        with self._tx() as conn:
            conn.execute(insert(invitations_table).values(
                digest=_digest(secret), coop_id=coop_id, party_id=party_id,
                expires_at=_now() + dt.timedelta(days=INVITATION_DAYS)))
        return secret

    def invitation(self, secret: str) -> tuple[str, str] | None:
        """The (cooperation, party) an unused, unexpired invitation is for, or None."""
        with self._tx() as conn:
            row = conn.execute(select(invitations_table).where(invitations_table.c.digest == _digest(secret))).first()
        if row is None or row.used_at is not None or _aware(row.expires_at) < _now():
            return None
        return str(row.coop_id), str(row.party_id)

    def accept(self, secret: str, username: str, password: str) -> Account:
        """Make the invited login, bound to the invitation's party; the invitation is used up."""
        found = self.invitation(secret)
        if found is None:
            raise WebError("account.invitation_unknown")
        coop_id, party_id = found
        with self._tx() as conn:
            # Only one taker: the invitation is marked used before the account exists.
            taken = conn.execute(update(invitations_table).where(
                invitations_table.c.digest == _digest(secret), invitations_table.c.used_at.is_(None),
            ).values(used_at=_now())).rowcount
        if not taken:
            raise WebError("account.invitation_unknown")
        try:
            return self.create(username, password, coop_id=coop_id, party_id=party_id)
        except WebError:
            with self._tx() as conn:  # a taken name or short password: the invitation stays usable
                conn.execute(update(invitations_table).where(invitations_table.c.digest == _digest(secret))
                             .values(used_at=None))
            raise

    # --- sessions ------------------------------------------------------------------------

    def start_session(self, account_id: int) -> str:
        secret = secrets.token_urlsafe(32)
        with self._tx() as conn:
            conn.execute(delete(sessions_table).where(sessions_table.c.expires_at < _now()))
            conn.execute(
                insert(sessions_table).values(
                    digest=_digest(secret), account_id=account_id, expires_at=_now() + dt.timedelta(days=SESSION_DAYS)
                )
            )
        return secret

    def session_account(self, secret: str) -> Account | None:
        with self._tx() as conn:
            row = conn.execute(
                select(sessions_table.c.account_id, sessions_table.c.expires_at).where(
                    sessions_table.c.digest == _digest(secret)
                )
            ).first()
        if row is None or _aware(row.expires_at) < _now():
            return None
        account = self.get(row.account_id)
        return account if account.active else None

    def end_session(self, secret: str) -> None:
        with self._tx() as conn:
            conn.execute(delete(sessions_table).where(sessions_table.c.digest == _digest(secret)))

    # --- API tokens ------------------------------------------------------------------------

    def create_token(self, account_id: int, label: str = "") -> tuple[int, str]:
        """A new bearer token for the account: (its id, the secret, shown only once)."""
        self.get(account_id)
        secret = "botu_" + secrets.token_urlsafe(32)
        with self._tx() as conn:
            result = conn.execute(
                insert(tokens_table).values(
                    digest=_digest(secret), account_id=account_id, label=label.strip()[:200], created_at=_now()
                )
            )
            token_id = int(result.inserted_primary_key[0])
        return token_id, secret

    def revoke_token(self, token_id: int) -> TokenInfo:
        with self._tx() as conn:
            changed = conn.execute(
                update(tokens_table)
                .where(tokens_table.c.id == token_id, tokens_table.c.revoked_at.is_(None))
                .values(revoked_at=_now())
            ).rowcount
        if not changed:
            known = [t for t in self.tokens() if t.id == token_id]
            if not known:
                raise WebError("token.unknown", ref=token_id)
            raise WebError("token.already_revoked", ref=token_id)
        return next(t for t in self.tokens() if t.id == token_id)

    def tokens(self, account_id: int | None = None) -> builtins.list[TokenInfo]:
        # builtins.list: the method ``list`` above hides the type name inside this class.
        query = select(tokens_table, accounts_table.c.username).join(
            accounts_table, accounts_table.c.id == tokens_table.c.account_id
        )
        if account_id is not None:
            query = query.where(tokens_table.c.account_id == account_id)
        with self._tx() as conn:
            rows = conn.execute(query.order_by(tokens_table.c.id)).all()
        return [
            TokenInfo(
                r.id,
                r.account_id,
                r.username,
                r.label,
                _aware(r.created_at),
                _aware(r.revoked_at) if r.revoked_at is not None else None,
            )
            for r in rows
        ]

    def token_account(self, secret: str) -> Account | None:
        with self._tx() as conn:
            row = conn.execute(
                select(tokens_table.c.account_id).where(
                    tokens_table.c.digest == _digest(secret), tokens_table.c.revoked_at.is_(None)
                )
            ).first()
        if row is None:
            return None
        account = self.get(row.account_id)
        return account if account.active else None
