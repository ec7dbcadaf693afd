"""Several commands as one, and dry runs: what ``Cooperations.batch`` hands out.

A batch decides its commands one after the other, each on the state its earlier
commands left (so a party joined in the batch can sign in it), and records all
their facts at the end in one transaction — one contiguous range of positions — or,
when any command is refused or the ``with`` block raises, nothing at all. A dry run
decides the same way and records nothing: it says which events would be recorded.

Every command is checked as ``Cooperations.execute`` checks it: the actor's role
first, then the rules; an idempotency key already used returns the first result
(and a key used for another command is refused).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from . import permissions
from .audit.recording import agreement_version_in_force, recording_actor
from .cooperation import Cooperation, Recorded, command_digest
from .errors import InvalidInput
from .permissions import Actor
from .serialization import fact_to_dict
from .state import Context, CooperationState

if TYPE_CHECKING:
    from .application import Cooperations


@attrs.frozen
class PlannedEvent:
    """An event a command decided on: recorded by a batch, or what a dry run would record."""

    cooperation: str  # the cooperation's id
    version: int  # its place in the cooperation's own log
    type: str
    date: dt.date  # the day the fact happens (see ``effective_date``)
    data: dict[str, Any]  # the event as plain JSON data
    fact: Any  # the event itself (a frozen attrs value of ``botu_core.EVENT_TYPES``)


@attrs.frozen
class DryRun:
    """What ``execute(..., dry_run=True)`` says: the id the command would return and the
    events it would record (none for a key already used: the first result stands)."""

    result: str | None
    events: tuple[PlannedEvent, ...]


class Batch:
    """Commands given together with ``b.execute(...)`` inside ``with app.batch(...) as b``."""

    def __init__(
        self,
        app: Cooperations,
        base: Cooperation,
        actor: Actor | None,
        *,
        dry_run: bool,
        now: dt.datetime,
        pseudonym: Callable[[str, str], str | None],
        founding: bool = False,
    ) -> None:
        self._app = app
        self._base = base  # the cached cooperation: changed only once the facts are saved
        self._scratch: Cooperation | None = None  # a copy, once a second command needs the first's effects
        self._actor = actor
        self._now = now
        self._pseudonym = pseudonym
        self._founding = founding
        self.dry_run = dry_run
        self.pending: list[Recorded] = []
        self.failed: BaseException | None = None
        self.closed = False
        self.positions: range = range(0)  # the log positions the batch's events got, once recorded
        self.saved: Any = None  # what the saving transaction brought up to date (the application's)
        self.given: list[tuple[object, str | None]] = []  # each command with its result

    @property
    def events(self) -> tuple[PlannedEvent, ...]:
        """The events decided so far, in order: recorded at the end (or, in a dry run, not)."""
        return tuple(_planned(r) for r in self.pending)

    def execute(
        self,
        command: object,
        *,
        idempotency_key: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> str | None:
        """Decide on ``command`` as ``Cooperations.execute`` would, on the state the
        batch's earlier commands left; returns the id it made or changed."""
        if self.closed or self.failed is not None:
            raise InvalidInput("batch.closed")
        try:
            result = self._decide(command, idempotency_key, progress)
        except BaseException as error:
            self.failed = error  # all or nothing: the batch records nothing now
            raise
        self.given.append((command, result))
        return result

    def _decide(self, command: object, key: str | None, progress: Callable[[int, int], None] | None) -> str | None:
        from .agreement import FoundCooperation

        if isinstance(command, FoundCooperation) and not self._founding:
            raise InvalidInput("command.unknown", name="FoundCooperation (use create_cooperation)")
        current = self._current()
        coop = str(current.id)
        role = permissions.role_in(coop, current.state, self._actor)
        permissions.check(role, type(command).__name__)
        given = permissions.bind(command, role, self._actor, coop, current.state)
        digest = command_digest(command) if key is not None else None  # only keyed commands need one
        if key is not None and key in current.state.command_keys:
            assert digest is not None
            check_key(current.state, key, digest)
            return current.state.command_keys[key]
        context = Context(today=self._now.date(), role=role, pseudonym=self._pseudonym, progress=progress)
        outcome = current.decide(given, context)
        last = len(outcome.facts) - 1
        recorded = [
            Recorded(
                originator_id=current.id,
                originator_version=current.version + i + 1,
                timestamp=self._now,
                fact=fact,
                command_key=key if i == last else None,
                result=outcome.result if (i == last and key is not None) else None,
                command=digest if i == last else None,
                # Who recorded it, and the agreement a decision is taken under: part of
                # the audit entry (``audit.recording``).
                actor=recording_actor(self._actor),
                agreement_version=agreement_version_in_force(current.state, fact),
            )
            for i, fact in enumerate(outcome.facts)
        ]
        if self._scratch is not None:
            for fact in recorded:
                self._scratch.apply(fact)
        self.pending.extend(recorded)
        return outcome.result

    def _current(self) -> Cooperation:
        """The cooperation as the batch's commands so far left it."""
        if not self.pending:
            return self._base  # deciding changes nothing: no copy for a batch of one
        if self._scratch is None:
            self._scratch = copy.deepcopy(self._base)
            for fact in self.pending:
                self._scratch.apply(fact)
        return self._scratch


def check_key(state: CooperationState, key: str, digest: tuple[str, str]) -> None:
    """Refuse a key used before for another command (keys recorded before commands were
    digested carry none, and are taken as a retry)."""
    first = state.command_digests.get(key)
    if first is not None and first != digest:
        raise InvalidInput("idempotency.key_reused", key=key, first=first[0], second=digest[0])


def _planned(recorded: Recorded) -> PlannedEvent:
    from .query_surface import effective_date

    return PlannedEvent(
        cooperation=str(recorded.originator_id),
        version=recorded.originator_version,
        type=recorded.type,
        date=effective_date(recorded),
        data=fact_to_dict(recorded.fact),
        fact=recorded.fact,
    )


__all__ = ["Batch", "DryRun", "PlannedEvent", "check_key"]
