"""Personal data inside an append-only log: classified, encrypted per person, forgettable.

"Mensen die meedoen in projecten zijn makkelijk bereikbaar voor iedereen: we delen
onze namen en nummers" — with consent; and the AVG/GDPR gives every person the right
to see and erase their data. The log cannot be edited, so:

- **Classification.** Event fields that hold personal data carry attrs metadata
  (``fields.personal(subject=...)``): the names of people (residents), phone numbers,
  e-mail addresses, personal notes (the PS), free text a person wrote. Organisation
  names, amounts, dates and ids are not personal.
- **Crypto-shredding.** Each such field is stored as ``{"ciphertext": …, "subject": …}``,
  encrypted with AES-GCM under a key of its own per data subject (per party of a
  cooperation), kept in a separate table ``botu_subject_keys``. Forgetting a person
  deletes that key: every event stays, the audit chain over the stored bytes still
  verifies, but the data can no longer be read by anyone — read models, exports and
  rebuilds show the placeholder ``FORGOTTEN_NAME`` or an empty text instead.
- **Keys at rest.** The keys are stored wrapped by the store's key-encryption key, kept
  outside the database (``key_encryption``): a copy of the database alone reveals no
  personal data. Restoring keys that were deleted would undo a forgetting: only restore
  key backups taken after the last forgetting.
- **Read models** keep what they copy of personal data sealed under the same person's key
  (``KeyStore.seal``: AES-SIV under a key derived from it, deterministic, so a rebuild
  gives the same bytes), and the queries open it. Forgetting deletes the key, so even a
  copy that was not scrubbed can no longer be read.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import attrs
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from eventsourcing.persistence import IntegrityError as SavedFirstElsewhere
from sqlalchemy import Column, Connection, DateTime, Engine, LargeBinary, MetaData, String, Table, bindparam, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from .config import StoreSettings
from .errors import StoreError
from .key_encryption import KeyEncryptionKey, create_tables, open_key_encryption

FORGOTTEN_NAME = "vergeten deelnemer"
FORGOTTEN_NAME_EN = "forgotten participant"
CIPHER_TAG = "ciphertext"
SEALED = "sealed:"  # a read-model value sealed under its person's key (``KeyStore.seal``)

key_metadata = MetaData()
subject_keys = Table(
    "botu_subject_keys",
    key_metadata,
    Column("coop_id", String(36), primary_key=True),
    Column("subject_id", String(60), primary_key=True),
    Column("key", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)


@attrs.frozen
class PersonalField:
    name: str
    subject_field: str
    only_if_person: bool


@functools.cache
def personal_fields(fact_type: type) -> tuple[PersonalField, ...]:
    """The fields of an event type that hold personal data (from their metadata)."""
    return tuple(
        PersonalField(a.name, a.metadata["subject"], a.metadata.get("only_if_person", False))
        for a in attrs.fields(fact_type)
        if a.metadata.get("personal")
    )


def _is_person(data: dict[str, Any]) -> bool:
    # Only PartyJoined/PartyDetailsChanged mark a name personal-if-person; they carry the kind.
    return data.get("kind") == "resident"


def subjects_of(fact_type: type, data: dict[str, Any]) -> dict[str, str]:
    """Field name -> subject (party id) for the personal fields with a value in ``data``."""
    out: dict[str, str] = {}
    for field in personal_fields(fact_type):
        if field.only_if_person and not _is_person(data):
            continue
        value = data.get(field.name)
        subject = data.get(field.subject_field)
        if isinstance(subject, str) and value not in (None, ""):
            out[field.name] = subject
    return out


@attrs.frozen
class NewKey:
    coop_id: str
    subject_id: str
    key: bytes


class KeyStore:
    """One AES key per data subject, in its own table; deleting a key forgets the person.

    Keys are cached once read. The first key asked for of a cooperation loads all of
    that cooperation's keys in one query: a rebuild or a first catch-up decrypts the
    fields of thousands of people, and a query (with its own connection and transaction)
    per person was a third of a rebuild's time.
    """

    def __init__(self, engine: Engine, settings: StoreSettings) -> None:
        self.engine = engine
        create_tables(engine, key_metadata)
        # The keys are stored wrapped by the store's KEK; an older store is migrated here.
        self.kek: KeyEncryptionKey
        self.kek, self.migrated = open_key_encryption(engine, settings, subject_keys)
        self._sealers: dict[bytes, AESSIV] = {}  # by person key: the read models' sealing key
        # Opened read-model values, by their sealed text (sealing is deterministic, so a
        # text always opens to the same value while its key exists): a query that lists
        # every party opens each value once per process, not once per query.
        self._opened: dict[tuple[str, str, str, str], str] = {}
        self._cache: dict[tuple[str, str], bytes | None] = {}
        self._loaded: set[str] = set()  # cooperations whose keys were all read at once
        self._lock = threading.Lock()
        self._one = select(subject_keys.c.key).where(
            subject_keys.c.coop_id == bindparam("coop_id"), subject_keys.c.subject_id == bindparam("subject_id")
        )
        self._all_of = select(subject_keys.c.subject_id, subject_keys.c.key).where(
            subject_keys.c.coop_id == bindparam("coop_id")
        )
        self._insert = insert(subject_keys).values(
            coop_id=bindparam("k_coop"), subject_id=bindparam("k_subject"), key=bindparam("k_key")
        )
        self._local = threading.local()
        _KEY_STORES[engine] = self

    def get(self, coop_id: str, subject_id: str) -> bytes | None:
        cache_key = (coop_id, subject_id)
        with self._lock:
            if cache_key in self._cache:
                return self._cache[cache_key]
            first_of_coop = coop_id not in self._loaded
        if first_of_coop:
            with self.engine.connect() as conn:
                rows = conn.execute(self._all_of, {"coop_id": coop_id}).all()
            with self._lock:
                self._loaded.add(coop_id)
                for subject, key in rows:
                    if (coop_id, subject) not in self._cache:
                        self._cache[(coop_id, subject)] = self.kek.unwrap(coop_id, subject, key)
                # Not among them: no key (never made, or forgotten) as of now.
                return self._cache.setdefault(cache_key, None)
        key = self._read_one(coop_id, subject_id)
        with self._lock:
            self._cache[cache_key] = key
        return key

    def _read_one(self, coop_id: str, subject_id: str) -> bytes | None:
        with self.engine.connect() as conn:
            key: bytes | None = conn.execute(self._one, {"coop_id": coop_id, "subject_id": subject_id}).scalar_one_or_none()
        return None if key is None else self.kek.unwrap(coop_id, subject_id, key)

    def get_or_create(self, coop_id: str, subject_id: str) -> bytes:
        with self._lock:
            cached = self._cache.get((coop_id, subject_id))
        if cached is not None:
            return cached
        new: list[NewKey] | None = getattr(self._local, "new", None)
        for made in new or ():
            if (made.coop_id, made.subject_id) == (coop_id, subject_id):
                return made.key
        # A person about to be recorded: ask for their key alone (another process may
        # have made it), not for all of the cooperation's.
        key = self._read_one(coop_id, subject_id)
        if key is None and new is not None:
            made = NewKey(coop_id, subject_id, AESGCM.generate_key(bit_length=256))
            new.append(made)
            return made.key
        if key is None:
            new_key = AESGCM.generate_key(bit_length=256)
            try:
                with self.engine.begin() as conn:
                    conn.execute(
                        insert(subject_keys).values(
                            coop_id=coop_id, subject_id=subject_id, key=self.kek.wrap(coop_id, subject_id, new_key)
                        )
                    )
                key = new_key
            except IntegrityError:
                key = self._read_one(coop_id, subject_id)  # another process made it first: use theirs
            if key is None:  # pragma: no cover - only if deleted between the two statements
                raise RuntimeError("subject key vanished while it was made")
        with self._lock:
            self._cache[(coop_id, subject_id)] = key
        return key

    @contextmanager
    def new_keys_wait_for_the_events(self) -> Iterator[list[NewKey]]:
        """While open (in this thread), keys made by ``get_or_create`` are not written at
        once but collected in the list it yields, for ``write_new`` to insert in the
        transaction that saves the events needing them: a person's key and their data
        commit together (no wait for the disk of its own, no key without its event)."""
        new: list[NewKey] = []
        self._local.new = new
        try:
            yield new
        finally:
            self._local.new = None

    def write_new(self, conn: Connection, new: list[NewKey]) -> None:
        """Insert collected keys in the caller's transaction. Another process that made a
        key for one of these people first makes the whole transaction fail as a conflict
        (the events were encrypted with ours): the command is then decided again."""
        if not new:
            return
        try:
            conn.execute(
                self._insert,
                [
                    {"k_coop": k.coop_id, "k_subject": k.subject_id, "k_key": self.kek.wrap(k.coop_id, k.subject_id, k.key)}
                    for k in new
                ],
            )
        except IntegrityError as error:
            raise SavedFirstElsewhere(str(error)) from error

    def remember(self, new: list[NewKey]) -> None:
        """Cache keys whose transaction committed."""
        with self._lock:
            for k in new:
                self._cache[(k.coop_id, k.subject_id)] = k.key

    def delete(self, coop_id: str, subject_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(subject_keys).where(
                    subject_keys.c.coop_id == coop_id, subject_keys.c.subject_id == subject_id
                )
            )
        self.forget_cached(coop_id, subject_id)

    def forget_cached(self, coop_id: str, subject_id: str) -> None:
        with self._lock:
            self._cache.pop((coop_id, subject_id), None)
            self._sealers.clear()
            self._opened.clear()

    # --- read-model copies of personal data -------------------------------------------

    def _key_now(self, coop_id: str, subject_id: str) -> bytes | None:
        """The person's key as this thread sees it: one made in the saving transaction
        under way (not committed yet) first, else the stored one."""
        new: list[NewKey] = getattr(self._local, "new", None) or []
        for made in new:
            if (made.coop_id, made.subject_id) == (coop_id, subject_id):
                return made.key
        return self.get(coop_id, subject_id)

    def _sealer(self, key: bytes) -> AESSIV:
        sealer = self._sealers.get(key)
        if sealer is None:
            # A key of its own for the read models, derived from the person's: the same key
            # is never used by two ciphers.
            derived = HKDF(algorithm=hashes.SHA256(), length=64, salt=None, info=b"botu-read-models-v1").derive(key)
            sealer = self._sealers[key] = AESSIV(derived)
        return sealer

    def seal(self, coop_id: str, subject_id: str, column: str, value: str) -> str:
        """``value`` sealed under the person's key, for a read-model column. Deterministic
        (AES-SIV): the same value gives the same bytes, so a rebuild gives the same tables.
        A person without a key (forgotten) gets the placeholder, never the plain value."""
        if value in ("", FORGOTTEN_NAME):
            return value
        key = self._key_now(coop_id, subject_id)
        if key is None:
            return FORGOTTEN_NAME if column.endswith(".name") else ""
        sealed = self._sealer(key).encrypt(value.encode("utf-8"), [_rm_aad(coop_id, subject_id, column)])
        return SEALED + base64.b64encode(sealed).decode("ascii")

    def unseal(self, coop_id: str, subject_id: str, column: str, value: str) -> str:
        """A read-model value opened again; a forgotten person's value is the placeholder."""
        if not value.startswith(SEALED):
            return value
        opened = self._opened.get((coop_id, subject_id, column, value))
        if opened is not None:
            return opened
        key = self.get(coop_id, subject_id)
        if key is None:
            return FORGOTTEN_NAME if column.endswith(".name") else ""
        try:
            plain = self._sealer(key).decrypt(base64.b64decode(value[len(SEALED) :]), [_rm_aad(coop_id, subject_id, column)])
        except (InvalidTag, ValueError):
            raise StoreError("store.damaged", detail=f"{column} of {subject_id} cannot be read") from None
        text = plain.decode("utf-8")
        if len(self._opened) >= _OPENED_MAX:
            self._opened.clear()
        self._opened[(coop_id, subject_id, column, value)] = text
        return text

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(subject_keys)).scalar_one())


_OPENED_MAX = 200_000


def _rm_aad(coop_id: str, subject_id: str, column: str) -> bytes:
    return f"botu-rm-v1|{coop_id}|{column}|{subject_id}".encode()


class _Plain:
    """The sealing of a throw-away in-memory store without personal-data keys (the state
    ``as_of`` a date is projected apart, in memory): values stay as they are."""

    def seal(self, coop_id: str, subject_id: str, column: str, value: str) -> str:
        return value

    def unseal(self, coop_id: str, subject_id: str, column: str, value: str) -> str:
        return value


_KEY_STORES: weakref.WeakKeyDictionary[Engine, KeyStore] = weakref.WeakKeyDictionary()
_PLAIN = _Plain()


def seal_with(engine: Engine, keys: KeyStore) -> None:
    """Let read models on another database (the state as of a date, in memory) seal and
    open personal data with ``keys``, as the store's own read models do."""
    _KEY_STORES[engine] = keys


def sealing(conn: Connection) -> KeyStore | _Plain:
    """Who seals and opens personal data in the read models on ``conn``'s database: the
    store's ``KeyStore``. Only an in-memory database may have none."""
    found = _KEY_STORES.get(conn.engine)
    if found is not None:
        return found
    if conn.engine.url.database in (None, "", ":memory:"):
        return _PLAIN
    raise RuntimeError("read models of a store opened without its personal-data keys")


def _aad(coop_id: str, version: int, type_name: str, field: str, subject: str) -> bytes:
    # Binds a ciphertext to its place: it cannot be moved to another event or field.
    return f"botu-personal-v1|{coop_id}|{version}|{type_name}|{field}|{subject}".encode()


def encrypt_fields(
    keys: KeyStore, coop_id: str, version: int, type_name: str, fact_type: type, data: dict[str, Any]
) -> dict[str, Any]:
    """Replace each personal value in an event's stored dict by its ciphertext."""
    subjects = subjects_of(fact_type, data)
    if not subjects:
        return data
    out = dict(data)
    for field, subject in subjects.items():
        key = keys.get_or_create(coop_id, subject)
        nonce = os.urandom(12)
        plaintext = str(out[field]).encode("utf-8")
        ciphertext = AESGCM(key).encrypt(nonce, plaintext, _aad(coop_id, version, type_name, field, subject))
        out[field] = {CIPHER_TAG: base64.b64encode(nonce + ciphertext).decode("ascii"), "subject": subject}
    return out


def decrypt_fields(
    keys: KeyStore | None, coop_id: str | UUID, version: int, type_name: str, data: dict[str, Any]
) -> dict[str, Any]:
    """Read personal values back; a forgotten person's values become placeholders.
    ``data`` itself is returned when it holds no ciphertext (most events hold none)."""
    out: dict[str, Any] | None = None
    coop = ""
    for field, value in data.items():
        if not (type(value) is dict and CIPHER_TAG in value):
            continue
        if out is None:
            out, coop = dict(data), str(coop_id)
        subject = str(value.get("subject", ""))
        key = keys.get(coop, subject) if keys is not None else None
        if key is None:
            out[field] = FORGOTTEN_NAME if field == "name" else ""
            continue
        raw = base64.b64decode(value[CIPHER_TAG])
        plaintext = AESGCM(key).decrypt(raw[:12], raw[12:], _aad(coop, version, type_name, field, subject))
        out[field] = plaintext.decode("utf-8")
    return data if out is None else out


# --- secret ballots ------------------------------------------------------------------

_BALLOT_SECRET_INFO = b"botu-ballot-secret-v1"


def ballot_secret(person_key: bytes) -> bytes:
    """The voter's ballot secret, derived from their personal key (HKDF-SHA256): a key of
    its own for pseudonyms, never used to encrypt, and gone when the person is forgotten."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_BALLOT_SECRET_INFO).derive(person_key)


def pseudonym_from_key(person_key: bytes, coop_id: str, round_id: str) -> str:
    """``HMAC-SHA256(ballot secret, cooperation | round)``, 128 bits in hex: the same voter
    gets the same pseudonym in a round, another one in every other round."""
    message = f"botu-ballot-pseudonym-v1|{coop_id}|{round_id}".encode()
    return hmac.new(ballot_secret(person_key), message, hashlib.sha256).hexdigest()[:32]


def ballot_pseudonym(keys: KeyStore, coop_id: str, party_id: str, round_id: str, *, create: bool = False) -> str | None:
    """A party's pseudonym in a round, from its key; None when it has no key (forgotten).
    ``create``: make the key of a party that has none yet (an organisation without
    personal data that casts its first ballot)."""
    key = keys.get_or_create(coop_id, party_id) if create else keys.get(coop_id, party_id)
    return None if key is None else pseudonym_from_key(key, coop_id, round_id)


@functools.cache
def secret_fields(fact_type: type) -> frozenset[str]:
    """The fields of an event type that link a secret ballot to its voter."""
    return frozenset(a.name for a in attrs.fields(fact_type) if a.metadata.get("secret"))


def hide_secret_fields(fact_type: type | None, data: dict[str, Any]) -> dict[str, Any]:
    """An event's data without the fields that would say who cast a ballot."""
    if fact_type is None:
        return data
    names = secret_fields(fact_type)
    if not names or not any(data.get(n) is not None for n in names):
        return data
    return {k: v for k, v in data.items() if k not in names}


# --- who sees what ------------------------------------------------------------------

PUBLIC = "public"  # anonymous visitors and auditors: no personal data
MEMBER = "member"  # parties: names, and contact details where consent was given

PERSON_PLACEHOLDER = "bewoner"
CONTACT_FIELDS = frozenset({"phone", "email"})


class Reader:
    """The queries of ``Cooperations``, with personal data removed for an audience.

    - ``public`` (anonymous visitors, auditors): no names of people, no contact
      details, no personal notes or free text of people.
    - ``member``: names; contact details only where the person gave consent.
    - ``viewer`` (a party id): that person always sees their own data.
    """

    def __init__(self, app: Any, audience: str, viewer: str | None = None) -> None:
        if audience not in (PUBLIC, MEMBER):
            raise ValueError(f"unknown audience {audience!r}")
        self._app = app
        self.audience = audience
        self.viewer = viewer

    def _persons(self, coop: Any) -> set[str]:
        return {p.id for p in self._app.parties(coop) if p.kind == "resident"}

    def _hide(self, party_id: str, persons: set[str]) -> bool:
        return self.audience == PUBLIC and party_id in persons and party_id != self.viewer

    def _name(self, party_id: str, name: str, persons: set[str]) -> str:
        return f"{PERSON_PLACEHOLDER} ({party_id})" if self._hide(party_id, persons) else name

    def _text(self, party_id: str, text: str, persons: set[str]) -> str:
        # Free text of people is personal; an organisation's is not.
        return "" if self._hide(party_id, persons) else text

    def parties(self, coop: Any = None, *, status: str | None = None) -> list[Any]:
        views = self._app.parties(coop, show_contact=True, status=status)
        persons = {p.id for p in views if p.kind == "resident"}
        out = []
        for p in views:
            own = p.id == self.viewer
            shared = p.share_contact and self.audience == MEMBER
            keep_contact = own or shared or (p.id not in persons and self.audience == MEMBER)
            out.append(
                attrs.evolve(
                    p,
                    name=self._name(p.id, p.name, persons),
                    phone=p.phone if keep_contact and (own or p.share_contact) else None,
                    email=p.email if keep_contact and (own or p.share_contact) else None,
                )
            )
        return out

    def agreement(self, coop: Any = None, version: int | None = None) -> Any:
        view = self._app.agreement(coop, version)
        persons = self._persons(coop)
        signatures = tuple(
            attrs.evolve(
                s,
                party_name=self._name(s.party_id, s.party_name, persons),
                note=self._text(s.party_id, s.note, persons),
                capacity=self._text(s.party_id, s.capacity, persons),
            )
            for s in view.signatures
        )
        return attrs.evolve(view, signatures=signatures)

    def decisions(self, coop: Any = None) -> list[Any]:
        persons = self._persons(coop)
        return [
            attrs.evolve(
                d,
                opinions=tuple(
                    attrs.evolve(
                        o,
                        party_name=self._name(o.party_id, o.party_name, persons),
                        comment=self._text(o.party_id, o.comment, persons),
                    )
                    for o in d.opinions
                ),
            )
            for d in self._app.decisions(coop)
        ]

    def disagreements(self, coop: Any = None, status: str | None = None) -> list[Any]:
        persons = self._persons(coop)
        return [
            attrs.evolve(
                d,
                raised_by_name=self._name(d.raised_by, d.raised_by_name, persons),
                description=self._text(d.raised_by, d.description, persons),
            )
            for d in self._app.disagreements(coop, status)
        ]

    def meetings(self, coop: Any = None, year: int | None = None) -> list[Any]:
        """Minutes marked members-only are left out for the public: the meeting shows
        that it has minutes (``minutes_members_only``), not what they say."""
        return [self._minutes(m) for m in self._app.meetings(coop, year)]

    def _minutes(self, meeting: Any) -> Any:
        if self.audience == PUBLIC and meeting.minutes_members_only:
            return attrs.evolve(meeting, minutes="")
        return meeting

    def projects(self, coop: Any = None) -> list[Any]:
        persons = self._persons(coop)
        return [
            attrs.evolve(p, contact_name=self._name(p.contact_party_id, p.contact_name, persons))
            for p in self._app.projects(coop)
        ]

    def party(self, coop: Any, ref: str) -> Any:
        """One party (by id or name), as ``parties`` shows it to this audience."""
        party_id = self._app.party(coop, ref).id
        return next(p for p in self.parties(coop) if p.id == party_id)

    def project(self, coop: Any, ref: str) -> Any:
        """One project (by id or title); a person as contact is named only for members."""
        project = self._app.project(coop, ref)
        return attrs.evolve(
            project, contact_name=self._name(project.contact_party_id, project.contact_name, self._persons(coop))
        )

    def log(self, coop: Any = None, *, since: Any = None, until: Any = None) -> list[Any]:
        """The log, with each personal field shown by the same rules as the queries:
        people's names and free text only for members (and the person), contact
        details only to the person and, where they consented, to members."""
        views = self._app.parties(coop)
        persons = {p.id for p in views if p.kind == "resident"}
        sharing = {p.id for p in views if p.share_contact}
        return [
            attrs.evolve(entry, data=self.event_data(entry.type, entry.data, persons, sharing))
            for entry in self._app.log(coop, since=since, until=until)
        ]

    def event_data(self, type_name: str, data: dict[str, Any], persons: set[str], sharing: set[str]) -> dict[str, Any]:
        """An event's data as this audience may see it; ``persons`` are the parties that
        are people, ``sharing`` those who consented to share their contact details."""
        from .events import EVENT_TYPES_BY_NAME  # here: events imports the domain modules

        fact_type = EVENT_TYPES_BY_NAME.get(type_name)
        if fact_type is None:
            return data
        data = dict(data)
        for field, subject in subjects_of(fact_type, data).items():
            if field in CONTACT_FIELDS:
                if subject != self.viewer and not (self.audience == MEMBER and subject in sharing):
                    data[field] = ""
            elif field == "name":
                data[field] = self._name(subject, str(data[field]), persons)
            else:
                data[field] = self._text(subject, str(data[field]), persons)
        if self.audience == PUBLIC and data.get("minutes_members_only"):
            data["minutes"] = ""
        return data

    def ballots(self, coop: Any, round_ref: str) -> list[Any]:
        """Every ballot of a round by pseudonym, for everyone: anyone recounts
        (``participatory.recount``), and nobody but the voter can tell whose a ballot is."""
        return list(self._app.ballots(coop, round_ref))

    def own_ballot(self, coop: Any, round_ref: str) -> Any:
        """The viewer's own ballot that counts in the round (None for anyone else)."""
        if self.viewer is None:
            return None
        return self._app.own_ballot(coop, round_ref, self.viewer)

    def __getattr__(self, name: str) -> Any:
        # Queries without personal data (budget, meetings, compliance, …) pass through.
        # Budget rounds and their proposals name parties by id only; a proposal's title
        # and plan are public by nature (a winning plan becomes the project's plan).
        if name in {"budget", "allocations", "meetings_per_year", "evaluations", "benefits",
                    "benefit_records", "compliance", "agreement_versions", "cooperations", "cooperation",
                    "resolve", "rounds", "round", "proposals", "verify_round", "check_receipt"}:
            return getattr(self._app, name)
        raise AttributeError(name)


def export_keys(keys: KeyStore, coop_id: str) -> dict[str, str]:
    """The subject keys of one cooperation, unwrapped (for a backup that can be restored
    into a store with another KEK): as secret as the KEK itself, kept apart from the events."""
    with keys.engine.connect() as conn:
        rows = conn.execute(select(subject_keys.c.subject_id, subject_keys.c.key).where(subject_keys.c.coop_id == coop_id))
        return {
            r.subject_id: base64.b64encode(keys.kek.unwrap(coop_id, r.subject_id, r.key)).decode("ascii") for r in rows
        }


def import_keys(keys: KeyStore, coop_id: str, exported: dict[str, str]) -> int:
    """Put backed-up subject keys back; keys already present are kept as they are."""
    added = 0
    for subject_id, key in exported.items():
        if keys.get(coop_id, subject_id) is not None:
            continue
        with keys.engine.begin() as conn:
            wrapped = keys.kek.wrap(coop_id, subject_id, base64.b64decode(key))
            conn.execute(insert(subject_keys).values(coop_id=coop_id, subject_id=subject_id, key=wrapped))
        keys.forget_cached(coop_id, subject_id)
        added += 1
    return added
