"""The Cooperation aggregate: one event-sourced log per cooperation.

Why one aggregate per cooperation: every rule of the agreement that crosses areas
(a project's contact must be a party, an allocation needs a running project, a taken
decision and money left in its fund) is then checked against one consistent state
and recorded in one transaction, and the cooperation's events form one gap-free
sequence (version 1, 2, 3, …) — the log order the audit chain is built over.
A neighbourhood records a few thousand events a year, so the state stays small; the
application keeps recent cooperations in a cache and only reads new events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any
from uuid import UUID, uuid5

import attrs
from eventsourcing.persistence import Mapper, StoredEvent

from . import agreement, budget, disagreements, evaluations, meetings, parties, projects  # noqa: F401 - registers rules
from .errors import BotuError, StoreError
from .events import EVENT_TYPES_BY_NAME
from .parties import PartyForgotten
from .privacy import CIPHER_TAG, KeyStore, decrypt_fields, encrypt_fields
from .canonical import canonical_json
from .serialization import fact_from_dict, fact_to_dict, to_json_data
from .state import APPLIERS, HANDLERS, Context, CooperationState, Outcome

# Cooperation ids are derived from their short name, so two writers creating the
# same cooperation race on the same aggregate and only one wins.
COOPERATION_NAMESPACE = UUID("5b0c3e0e-8d4c-4f7e-9d8a-2f1b0e7c6a11")


def cooperation_id(slug: str) -> UUID:
    return uuid5(COOPERATION_NAMESPACE, slug)



@attrs.frozen
class Recorded:
    """A fact as recorded in the log: which cooperation, which position, when.

    ``command_key`` and ``result`` sit on the last fact a command recorded, so a
    retried command with the same idempotency key returns the same id; ``command``
    (its type and digest, ``command_digest``) tells a retry from another command given
    the same key.
    """

    originator_id: UUID
    originator_version: int
    timestamp: dt.datetime
    fact: Any
    command_key: str | None = None
    result: str | None = None
    command: tuple[str, str] | None = None  # (command type, digest)
    # Who recorded it and the agreement version a decision was taken under (``audit.recording``);
    # None in events recorded before the store kept them.
    actor: str | None = None
    agreement_version: int | None = None

    @property
    def type(self) -> str:
        return type(self.fact).__name__


class Cooperation:
    """The rules' view of one cooperation, rebuilt from its ``Recorded`` facts."""

    def __init__(self, cooperation_id: UUID) -> None:
        self.id = cooperation_id
        self.version = 0
        self.state = CooperationState()

    def decide(self, command: object, ctx: Context) -> Outcome:
        """Check ``command`` against the rules; return the facts to record. Changes nothing."""
        handler = HANDLERS.get(type(command))
        if handler is None:
            raise BotuError("command.unknown", name=type(command).__name__)
        return handler(self.state, command, ctx)

    def apply(self, recorded: Recorded) -> None:
        if recorded.originator_version != self.version + 1:
            raise StoreError(
                "store.damaged",
                detail=f"event {recorded.originator_version} follows {self.version}",
            )
        APPLIERS[type(recorded.fact)](self.state, recorded.fact)
        if recorded.command_key is not None:
            self.state.command_keys[recorded.command_key] = recorded.result
            if recorded.command is not None:
                self.state.command_digests[recorded.command_key] = recorded.command
        self.version = recorded.originator_version


def project_cooperation(aggregate: Cooperation | None, events: Iterable[Any]) -> Cooperation | None:
    """Projector for the eventsourcing repository: replay facts onto the state."""
    for recorded in events:
        if aggregate is None:
            aggregate = Cooperation(recorded.originator_id)
        aggregate.apply(recorded)
    return aggregate


class FactMapper(Mapper[UUID]):
    """Stores a ``Recorded`` fact as readable JSON: the topic is the event type name.

    The stored state is the canonical JSON of ``{"event": {...}, "recorded_at": …}``.
    With a key store, personal fields are stored encrypted per person (``privacy``);
    eventsourcing's optional compressor and cipher (encryption at rest of the whole
    event) still apply on top of it.
    """

    keys: KeyStore | None = None

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        recorded: Recorded = domain_event
        data = envelope_to_dict(recorded)
        if self.keys is not None:
            data["event"] = encrypt_fields(
                self.keys,
                str(recorded.originator_id),
                recorded.originator_version,
                recorded.type,
                type(recorded.fact),
                data["event"],
            )
        state = canonical_json(data)
        if self.compressor:
            state = self.compressor.compress(state)
        if self.cipher:
            state = self.cipher.encrypt(state)
        return StoredEvent(
            originator_id=recorded.originator_id,
            originator_version=recorded.originator_version,
            topic=recorded.type,
            state=state,
        )

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        state = stored_event.state
        try:
            if self.cipher:
                state = self.cipher.decrypt(state)
            if self.compressor:
                state = self.compressor.decompress(state)
            recorded = envelope_from_json(
                stored_event.originator_id, stored_event.originator_version, state, self.keys
            )
            if self.keys is not None and isinstance(recorded.fact, PartyForgotten):
                # From here on this person's data must not be readable from a cached key.
                self.keys.forget_cached(str(recorded.originator_id), recorded.fact.party_id)
            return recorded
        except BotuError:
            raise
        except Exception as error:
            raise StoreError(
                "store.damaged",
                detail=f"event {stored_event.originator_version} of {stored_event.originator_id} "
                f"cannot be read ({type(error).__name__}: {error})",
            ) from error


def envelope_to_dict(recorded: Recorded) -> dict[str, Any]:
    data: dict[str, Any] = {
        "event": fact_to_dict(recorded.fact),
        "recorded_at": recorded.timestamp.isoformat(),
    }
    if recorded.command_key is not None:
        data["command_key"] = recorded.command_key
        data["result"] = recorded.result
        if recorded.command is not None:
            data["command"] = {"type": recorded.command[0], "digest": recorded.command[1]}
    if recorded.actor is not None:
        data["actor"] = recorded.actor
    if recorded.agreement_version is not None:
        data["agreement_version"] = recorded.agreement_version
    return data


def command_digest(command: object) -> tuple[str, str]:
    """A command's type and the SHA-256 of its canonical JSON (type and fields): the
    same command given again has the same digest, any other command another one."""
    name = type(command).__name__
    data = {"command": name, "fields": to_json_data(command)}
    return name, hashlib.sha256(canonical_json(data)).hexdigest()


# The key of every encrypted field (``privacy.encrypt_fields``): text without it holds none.
CIPHER_MARK = f'"{CIPHER_TAG}"'


def envelope_from_json(
    originator_id: UUID | str, version: int, state: bytes, keys: KeyStore | None = None
) -> Recorded:
    coop_id = originator_id if isinstance(originator_id, UUID) else UUID(str(originator_id))
    # Canonical JSON is UTF-8: decoding it directly spares json's guessing of the encoding.
    text = state.decode("utf-8") if isinstance(state, bytes) else str(state)
    data = json.loads(text)
    event = data["event"]
    if CIPHER_MARK in text:  # most events hold no personal data: no need to look field by field
        event = decrypt_fields(keys, coop_id, version, str(event.get("type")), event)
    fact = fact_from_dict(event)
    command = data.get("command")
    return Recorded(
        originator_id=coop_id,
        originator_version=version,
        timestamp=dt.datetime.fromisoformat(data["recorded_at"]),
        fact=fact,
        command_key=data.get("command_key"),
        result=data.get("result"),
        command=(str(command["type"]), str(command["digest"])) if isinstance(command, dict) else None,
        actor=data.get("actor"),
        agreement_version=data.get("agreement_version"),
    )


__all__ = ["EVENT_TYPES_BY_NAME", "Cooperation", "FactMapper", "Recorded", "command_digest", "cooperation_id", "project_cooperation"]
