"""The application service: the one public entry point other Python tools import.

    from botu_core import Cooperations, JoinParty, PartyKind

    with Cooperations("botu.db") as app:
        coop = app.create_cooperation("Energiewijk BoTu", slug="botu")
        party = app.execute(coop, JoinParty(name="Buurtcentrum", kind=PartyKind.INITIATIVE))
        print(app.parties(coop))

Commands go through ``execute``: the rules decide, the facts are saved in one
transaction with optimistic concurrency (a racing writer makes the save fail; the
command is then decided again on the fresh state, a few times, before a clear
``ConcurrencyConflict``), and the read models are caught up before it returns.
Queries (``botu_core.query_surface``) read the read-model tables and return plain
views, as the public sees them unless ``view_as``/``view_for`` names another audience.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, overload
from uuid import UUID

import attrs
from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import ApplicationRecorder, IntegrityError, Mapper, PersistenceError

from . import compliance as compliance_rules
from . import views as v
from .agreement import AdoptAgreement, FoundCooperation, ReviseAgreement, check_slug
from .agreement_diff import AgreementDiff, diff_agreements, first_view, proposed_view
from .config import StoreSettings, settings_from_url
from .batch import Batch, DryRun, check_key
from .cooperation import Cooperation, FactMapper, cooperation_id, Recorded, command_digest, project_cooperation
from .errors import BotuError, ConcurrencyConflict, InvalidInput, NotFound, RuleViolation, StoreError, Wording
from .eventstore import PostgresRecorder, SQLiteRecorder
from . import permissions
from .parties import ForgetParty
from .permissions import Actor
from .privacy import MEMBER as MEMBER_AUDIENCE
from .privacy import PUBLIC as PUBLIC_AUDIENCE
from .privacy import KeyStore, NewKey, ballot_pseudonym
from .privacy import subjects_of as privacy_subjects
from .readmodels import ReadModelStore, make_engine
from .query_surface import QueryMethods, Reader
from .query_surface import effective_date as effective_date  # where callers found it first
from .readmodels import queries as q
from .serialization import fact_to_dict, to_json_data
from .state import Context, CooperationState
from .values import check_ref, name_key

if TYPE_CHECKING:
    from .audit import Audit
    from .follow import LogRecord
    from .audit.time_travel import AsOf

T = TypeVar("T")


@attrs.define
class _Saved:
    """What a command brought up to date in the transaction that saved its events."""

    projected: bool = False  # the read models
    chained: bool = False  # the audit chain




def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# eventsourcing's ``log`` is a deprecated alias of ``notification_log``; ours is the queries'.
class Cooperations(QueryMethods, Application[UUID]):  # type: ignore[misc]
    """All cooperations in one store (a SQLite file or a PostgreSQL database).

    Its queries (``botu_core.query_surface``) answer as the public sees the data; ask
    ``view_as``/``view_for`` for a member's or a party's view.
    """

    name = "botu"

    def __init__(
        self,
        url: str | None = None,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        max_retries: int = 3,
        settings: StoreSettings | None = None,
        audit_only: bool = False,
    ) -> None:
        """``audit_only`` opens the store for ``audit verify`` and the other audit
        commands: nothing is checked, caught up or projected on opening, so a damaged
        log can still be read as it is stored."""
        self.settings = settings or settings_from_url(url)
        self.clock = clock
        self.max_retries = max_retries
        env = dict(self.settings.eventsourcing_env)
        env.setdefault("AGGREGATE_CACHE_MAXSIZE", "256")
        # Commands never change the cached state before their facts are saved, so the
        # cache can be shared without copying it for every command.
        env.setdefault("DEEPCOPY_FROM_AGGREGATE_CACHE", "n")
        # One lock per cooperation, held by everything that touches its cached state:
        # threads (a web server's) share the cache, and a look-up that fast-forwards
        # the cached cooperation must not race a command applying what it just saved.
        self._locks: dict[UUID, threading.RLock] = {}
        self._locks_lock = threading.Lock()
        self._resolved: dict[str, UUID] = {}  # id or short name -> id
        with _store_errors():
            engine = make_engine(self.settings)
            with _setup_lock(engine):
                # Read models first: on PostgreSQL they also create the schema the events use.
                self.read_models = ReadModelStore(self.settings, engine)
                # Personal data is encrypted per person with keys kept in their own table,
                # wrapped by the store's key-encryption key (kept outside the store).
                self.keys = KeyStore(engine, self.settings)
                super().__init__(env)
            if not audit_only:
                # Before anything is projected: a damaged tail must not become "the truth".
                self.audit.check_on_open()
                self.catch_up()
                if self.keys.migrated or self.read_models.dropped_outdated:
                    # An older store's unwrapped keys or plain read models were replaced: on
                    # SQLite move the WAL into the file, so no old page image keeps them.
                    self.read_models.compact()

    # --- wiring -----------------------------------------------------------------------

    def construct_recorder(self) -> ApplicationRecorder:
        # Events, read models and chain in one transaction per command (``eventstore``).
        if self.settings.kind == "sqlite":
            return SQLiteRecorder(self.read_models.engine)
        recorder = super().construct_recorder()
        if isinstance(recorder, PostgresRecorder):
            recorder.engine = self.read_models.engine
        return recorder

    @property
    def _saves_in_one_transaction(self) -> bool:
        """Whether the recorder runs ``then`` in the transaction that saves the events."""
        recorder = self.recorder
        return isinstance(recorder, SQLiteRecorder) or (
            isinstance(recorder, PostgresRecorder) and recorder.engine is not None
        )

    def construct_mapper(self) -> Mapper[UUID]:
        mapper = FactMapper(
            transcoder=self.factory.transcoder(),
            compressor=self.factory.compressor(),
            cipher=self.factory.cipher(),
        )
        mapper.keys = self.keys
        return mapper

    def close(self) -> None:
        if hasattr(self, "read_models"):
            self.read_models.close()
        super().close()

    def __enter__(self) -> Cooperations:
        return self

    # --- commands ---------------------------------------------------------------------

    @overload
    def create_cooperation(
        self,
        name: str,
        *,
        slug: str | None = None,
        neighbourhood: str = "",
        founded_on: dt.date | None = None,
        idempotency_key: str | None = None,
        exist_ok: bool = False,
        actor: Actor | None = None,
        dry_run: Literal[False] = False,
    ) -> str: ...

    @overload
    def create_cooperation(
        self,
        name: str,
        *,
        slug: str | None = None,
        neighbourhood: str = "",
        founded_on: dt.date | None = None,
        idempotency_key: str | None = None,
        exist_ok: bool = False,
        actor: Actor | None = None,
        dry_run: Literal[True],
    ) -> DryRun: ...

    def create_cooperation(
        self,
        name: str,
        *,
        slug: str | None = None,
        neighbourhood: str = "",
        founded_on: dt.date | None = None,
        idempotency_key: str | None = None,
        exist_ok: bool = False,
        actor: Actor | None = None,
        dry_run: bool = False,
    ) -> str | DryRun:
        """Found a cooperation; returns its id. The slug (short name) is unique in the store.

        ``exist_ok=True``: when a cooperation of that short name and name is already
        there, its id is returned and nothing is recorded (open it, or found it the first
        time), so a script can run again on the same store. A short name taken by a
        cooperation of another name is refused either way (``cooperation.slug_taken``).
        To open one that is surely there: ``app.cooperation("botu")`` (its view).
        ``dry_run=True`` records nothing and returns the ``DryRun`` of the founding.
        ``actor``: who founds it (``permissions.role_in_installation``); none is the owner."""
        permissions.check(permissions.role_in_installation(actor), permissions.FOUND_COOPERATION)
        command = FoundCooperation(
            name=name, slug=slug if slug is not None else slugify(name), neighbourhood=neighbourhood, founded_on=founded_on
        )
        coop_id = cooperation_id(command.slug)
        with self._lock(coop_id):
            try:
                existing = self._get(coop_id)
            except AggregateNotFoundError:
                existing = None
            if existing is not None:
                if idempotency_key is not None and idempotency_key in existing.state.command_keys:
                    check_key(existing.state, idempotency_key, command_digest(command))
                    return DryRun(str(coop_id), ()) if dry_run else str(coop_id)
                if exist_ok and name_key(existing.state.name) == name_key(command.name):
                    return DryRun(str(coop_id), ()) if dry_run else str(coop_id)
                raise InvalidInput("cooperation.slug_taken", slug=command.slug)
            aggregate = Cooperation(coop_id)
            try:
                with self._batch_on(aggregate, None, dry_run=dry_run, founding=True) as batch:
                    batch.execute(command, idempotency_key=idempotency_key)
            except ConcurrencyConflict:
                raise InvalidInput("cooperation.slug_taken", slug=command.slug) from None
        if dry_run:
            return DryRun(str(coop_id), batch.events)
        self._follow_up(batch.saved)
        return str(coop_id)

    @overload
    def execute(
        self,
        cooperation: str | UUID | None,
        command: object,
        *,
        actor: Actor | None = None,
        idempotency_key: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        dry_run: Literal[False] = False,
    ) -> str | None: ...

    @overload
    def execute(
        self,
        cooperation: str | UUID | None,
        command: object,
        *,
        actor: Actor | None = None,
        idempotency_key: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        dry_run: Literal[True],
    ) -> DryRun: ...

    def execute(
        self,
        cooperation: str | UUID | None,
        command: object,
        *,
        actor: Actor | None = None,
        idempotency_key: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        dry_run: bool = False,
    ) -> str | None | DryRun:
        """Decide on ``command`` for the cooperation and record what it decided.

        ``actor`` is who gives it (``botu_core.permissions``): its role in this
        cooperation decides whether it may, before any rule does; without an actor
        the command is the store owner's. Returns the id of what the command made or
        changed (a party, project, …). Raises ``PermissionDenied``, ``InvalidInput`` or
        ``RuleViolation`` (nothing written) when refused, ``ConcurrencyConflict`` when
        other writers kept winning the race. ``progress(done, total)`` is told how far a
        long rule is (closing a participatory round); the library prints nothing.

        An ``idempotency_key`` makes a retry safe: the same key with the same command
        returns the first result and records nothing; with another command it is
        refused (``idempotency.key_reused``). ``dry_run=True`` decides the same way and
        records nothing: it returns a ``DryRun`` with the events that would be recorded.
        """
        if dry_run:
            with self.batch(cooperation, actor=actor, dry_run=True) as batch:
                result = batch.execute(command, idempotency_key=idempotency_key, progress=progress)
            return DryRun(result, batch.events)
        for attempt in range(self.max_retries + 1):
            try:
                with self.batch(cooperation, actor=actor) as batch:
                    # Decided again on the fresh state after another writer won the race.
                    return batch.execute(command, idempotency_key=idempotency_key, progress=progress)
            except ConcurrencyConflict:
                if attempt == self.max_retries:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    @contextmanager
    def batch(self, cooperation: str | UUID | None, *, actor: Actor | None = None, dry_run: bool = False) -> Iterator[Batch]:
        """Several commands as one: ``with app.batch(coop, actor=...) as b: b.execute(cmd)``.

        Each ``b.execute`` is checked as ``execute`` checks it, on the state the batch's
        earlier commands left. At the end of the block every event is recorded in one
        transaction, in one contiguous range of positions (``b.positions``) — or nothing
        at all when a command was refused or the block raised (the error goes on). While
        the block runs, other commands on this cooperation in this process wait.
        ``dry_run=True`` records nothing: ``b.events`` are the events that would be
        recorded. A writer in another process that recorded on the cooperation meanwhile
        makes the batch fail with ``ConcurrencyConflict``, recording nothing."""
        coop_id = self.resolve(cooperation)
        if isinstance(actor, bool) or not (actor is None or isinstance(actor, Actor)):
            raise InvalidInput("input.invalid_type", field="actor")
        with self._lock(coop_id):
            with self._batch_on(self._get(coop_id), actor, dry_run=dry_run) as batch:
                yield batch
        if dry_run:
            return
        self._follow_up(batch.saved)
        for command, result in batch.given:
            if isinstance(command, ForgetParty) and result is not None:
                self._after_forgetting(coop_id, result)

    @contextmanager
    def _batch_on(
        self, aggregate: Cooperation, actor: Actor | None, *, dry_run: bool, founding: bool = False
    ) -> Iterator[Batch]:
        """A batch on ``aggregate`` (the cached cooperation, lock held): its events are saved
        when the block ends without an error, and only then applied to the cache."""
        coop = str(aggregate.id)

        def pseudonym(party_id: str, round_id: str) -> str | None:
            # A party that never had personal data gets its key now: it is saved with the ballot.
            return ballot_pseudonym(self.keys, coop, party_id, round_id, create=True)

        # New people's keys wait for the events that need them (and are dropped with a
        # dry run); a recorder that ignores ``then`` (in memory) gets them written at once.
        waiting: AbstractContextManager[list[NewKey]] = (
            self.keys.new_keys_wait_for_the_events()
            if self._saves_in_one_transaction or dry_run
            else nullcontext([])
        )
        with waiting as new_keys:
            batch = Batch(
                self, aggregate, actor, dry_run=dry_run, now=self.clock(), pseudonym=pseudonym, founding=founding
            )
            batch.saved = _Saved()
            try:
                yield batch
            finally:
                batch.closed = True
            if batch.failed is not None:
                raise batch.failed  # refused, and caught in the block: still all or nothing
            if not dry_run and batch.pending:
                batch.saved, batch.positions = self._save(aggregate, batch.pending, new_keys)

    def _decide_and_save(self, aggregate: Cooperation, command: object, key: str | None) -> tuple[str | None, _Saved]:
        """One command on ``aggregate`` (lock held), decided on the state as it is there:
        its result, and what its saving transaction brought up to date."""
        with self._batch_on(aggregate, None, dry_run=False) as batch:
            result = batch.execute(command, idempotency_key=key)
        return result, batch.saved

    def _save(self, aggregate: Cooperation, recorded: list[Recorded], new_keys: list[NewKey]) -> tuple[_Saved, range]:
        """Save the facts in one transaction, with new people's keys, the read models and
        the chain; then apply them to the cached cooperation. Returns what the transaction
        brought up to date and the positions the facts got."""
        saved = _Saved()
        chain = self.audit.chain  # made before the saving transaction, never inside it

        def project(conn: Any, notifications: list[Any]) -> None:
            # Runs inside the transaction that saves the events (``eventstore``): new
            # people's keys, read models and chain commit with them.
            self.keys.write_new(conn, new_keys)
            in_step = True

            def follow(conn: Any, position: int, notifications: list[Any]) -> None:
                nonlocal in_step
                in_step = chain.follow(conn, self.recorder, position, notifications, strict=True)

            saved.projected = self.read_models.project_saved(conn, notifications, recorded, follow=follow)
            saved.chained = saved.projected and in_step

        try:
            with _store_errors():
                recordings = self.save(*recorded, then=project)
        except IntegrityError:
            # Another writer took this version (or a new person's key) first; the cache
            # catches up on next get, and the command is decided again.
            raise ConcurrencyConflict() from None
        self.keys.remember(new_keys)
        for fact in recorded:
            aggregate.apply(fact)
        ids = [r.notification.id for r in recordings]
        return saved, range(min(ids), max(ids) + 1)

    def _follow_up(self, saved: _Saved) -> None:
        """After a command: bring the read models and the chain up to date, unless they
        were written in the saving transaction already."""
        if not saved.projected:
            self.catch_up()
        elif not saved.chained:
            with _store_errors():
                self.audit.catch_up()

    def _get(self, coop_id: UUID) -> Cooperation:
        """The cached cooperation, brought up to date. Call it with ``_lock`` held and
        read what you need before letting go (or use ``_look``)."""
        with self._lock(coop_id), _store_errors():
            aggregate: Cooperation = self.repository.get(coop_id, projector_func=project_cooperation)
        return aggregate

    def _look(self, coop_id: UUID, look: Callable[[CooperationState], T]) -> T:
        """Look at a cooperation's current state under its lock."""
        with self._lock(coop_id):
            return look(self._get(coop_id).state)

    @contextmanager
    def _lock(self, coop_id: UUID) -> Iterator[None]:
        with self._locks_lock:
            lock = self._locks.setdefault(coop_id, threading.RLock())
        with lock:
            yield

    # --- following the log by position ---------------------------------------------------

    def follow(
        self,
        after: int = 0,
        *,
        cooperation: str | UUID | None = None,
        audience: str = PUBLIC_AUDIENCE,
        viewer: str | None = None,
        wait: bool = False,
        limit: int | None = None,
        timeout: float | None = None,
        stop: threading.Event | None = None,
    ) -> Iterator[LogRecord]:
        """The log's events after position ``after``, in order, as ``LogRecord`` values.

        ``after`` is the last position the caller handled (0: from the start): a tool
        that keeps the position of each record it handled restarts exactly where it
        stopped. ``cooperation`` keeps one cooperation's events (default: all of the
        store's). Personal data shows as ``audience`` ('public' or 'member') may see
        it; ``viewer`` (a party id) always sees their own. At most ``limit`` records.

        With ``wait=True`` it waits for new events once it has read all there are, until
        ``stop`` is set or ``timeout`` seconds pass without a new one (no timeout: for
        ever); without it, it ends at the end of the log.
        """
        from .follow import follow

        return follow(
            self, after, cooperation=cooperation, audience=audience, viewer=viewer, wait=wait, limit=limit,
            timeout=timeout, stop=stop,
        )

    # --- read models ------------------------------------------------------------------

    def catch_up(self) -> int:
        """Apply new events (also those of other processes) to the read models."""
        chain = self.audit.chain
        in_step = True

        def follow(conn: Any, position: int, notifications: list[Any]) -> None:
            # The audit hash chain follows the same log, in the same transaction whenever
            # it stands where the read models stand (else it catches up on its own below).
            nonlocal in_step
            in_step = chain.follow(conn, self.recorder, position, notifications) and in_step

        with _store_errors(), _damage_as_store_damaged():
            # The chain's position first: commands move both in one transaction, so a
            # writer committing between the two readings cannot make them look apart.
            chained = chain.position()
            if self.read_models.position() < chained:
                # Events the chain has seen are to be projected again (read models lost or
                # thrown away): they become the truth only if they still match the chain.
                self.audit.require_intact(pending_tail=True)
            applied = self.read_models.catch_up(self.recorder, self.mapper, follow=follow)
            if not in_step:
                self.audit.catch_up()
            return applied

    def rebuild_read_models(self) -> int:
        """Throw the read models away and rebuild them from the whole log (only an intact one)."""
        self.audit.require_intact()
        with _store_errors():
            return self.read_models.rebuild(self.recorder, self.mapper)

    @property
    def audit(self) -> Audit:
        """Verify, publish heads, travel in time, export, report (see ``botu_core.audit``)."""
        audit: Audit | None = self.__dict__.get("_audit")
        if audit is None:
            from .audit import Audit

            audit = self.__dict__["_audit"] = Audit(self)
        return audit

    def as_of(
        self, cooperation: str | UUID | None = None, *, date: dt.date | None = None, position: int | None = None
    ) -> AsOf:
        """Every read model as of ``date`` (the facts' own dates) and/or log ``position``,
        in a separate in-memory store with the same query methods; the live tables stay as they are."""
        return self.audit.as_of(cooperation, date=date, position=position)

    def _as_of(self, cooperation: str | UUID | None, date: dt.date) -> AsOf:
        return self.as_of(cooperation, date=date)

    def _application(self) -> Cooperations:
        return self

    def _today(self) -> dt.date:
        return self.clock().date()

    def _recorded(self, coop_id: UUID) -> list[Recorded]:
        return self.events_of(coop_id)

    def _read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with _store_errors():
            if (self.recorder.max_notification_id() or 0) > self.read_models.position():
                self.catch_up()
            with self.read_models.reading() as conn:
                return query(conn, *args, **kwargs)

    # --- queries (the rest: ``QueryMethods``) -----------------------------------------------

    def resolve(self, ref: str | UUID | v.CooperationView | None) -> UUID:
        """A cooperation's id from its id, short name or name (or its ``CooperationView``);
        None means the only one. Anything else is refused (``cooperation.invalid_ref``)."""
        if isinstance(ref, UUID):
            return ref
        if isinstance(ref, v.CooperationView):
            return UUID(ref.id)
        if ref is not None:
            check_ref(ref)
        if ref is not None:
            # An id or short name is found by its key, without listing every cooperation
            # (and without catching up first: a cooperation, once there, stays). Once
            # found it is remembered: ids and short names of a cooperation never change.
            key = ref.strip()
            remembered = self._resolved.get(key)
            if remembered is not None:
                return remembered
            with _store_errors(), self.read_models.reading() as conn:
                found = q.cooperation_by_key(conn, key)
            if found is not None:
                self._resolved[key] = UUID(found)
                return UUID(found)
        known = self.cooperations()
        if ref is None:
            if not known:
                raise NotFound("cooperation.none")
            if len(known) > 1:
                raise InvalidInput("cooperation.ambiguous")
            return UUID(known[0].id)
        wanted = ref.strip()
        for coop in known:
            if wanted in (coop.id, coop.slug) or name_key(coop.name) == name_key(wanted):
                return UUID(coop.id)
        # A cooperation written by another process may not be projected yet.
        try:
            check_slug(wanted)
        except InvalidInput:
            raise NotFound("cooperation.unknown", ref=ref) from None
        coop_id = cooperation_id(wanted)
        try:
            self._get(coop_id)
        except AggregateNotFoundError:
            raise NotFound("cooperation.unknown", ref=ref) from None
        return coop_id

    def preview_revision(
        self, cooperation: str | UUID | None, command: ReviseAgreement, *, actor: Actor | None = None
    ) -> AgreementDiff:
        """What ``command`` would change, in meaning (text and commitments), decided by the
        same rules as ``execute`` (a refused revision raises the same error) but recording
        nothing: a dry run."""
        coop_id = self.resolve(cooperation)
        given = self._dry_run(coop_id, command, actor)
        current = self.agreement(coop_id)
        return diff_agreements(current, proposed_view(current, given.terms))

    def preview_adoption(
        self, cooperation: str | UUID | None, command: AdoptAgreement, *, actor: Actor | None = None
    ) -> v.AgreementView:
        """The first version ``command`` would adopt, decided by the same rules as ``execute``
        (a refused adoption raises the same error) but recording nothing: a dry run."""
        given = self._dry_run(self.resolve(cooperation), command, actor)
        return first_view(given.terms, given.on or self.clock().date())

    def _dry_run(self, coop_id: UUID, command: T, actor: Actor | None) -> T:
        """The command as ``actor`` may give it, decided by the rules but not recorded."""
        aggregate = self._get(coop_id)
        role = permissions.role_in(str(coop_id), aggregate.state, actor)
        permissions.check(role, type(command).__name__)
        given: T = permissions.bind(command, role, actor, str(coop_id), aggregate.state)
        aggregate.decide(given, Context(today=self.clock().date(), role=role))
        return given

    # --- who may do what -------------------------------------------------------------

    def role(self, cooperation: str | UUID | None, actor: Actor | None) -> str:
        """The role ``actor`` has in the cooperation (``botu_core.permissions.ROLES``)."""
        coop_id = self.resolve(cooperation)
        return self._look(coop_id, lambda state: permissions.role_in(str(coop_id), state, actor))

    def may(self, cooperation: str | UUID | None, actor: Actor | None, action: str) -> bool:
        """Whether ``actor`` may give the command named ``action`` (or do a read action) there."""
        return permissions.may(self.role(cooperation, actor), action)

    def view_for(self, cooperation: str | UUID | None, actor: Actor | None) -> Reader:
        """The queries as ``actor`` may see them in that cooperation: members' data for
        those who take part (and the store's owner, without an actor), public data for
        everyone else; a person always sees their own."""
        coop_id = self.resolve(cooperation)
        role = self.role(coop_id, actor)
        party = actor.party_in(str(coop_id)) if actor is not None else None
        if role == permissions.OWNER:
            return self.view_as(MEMBER_AUDIENCE, viewer=None)
        audience = MEMBER_AUDIENCE if permissions.may(role, permissions.SEE_MEMBERS_DATA) else PUBLIC_AUDIENCE
        return self.view_as(audience, viewer=party)

    # --- privacy --------------------------------------------------------------------

    def personal_data(self, cooperation: str | UUID | None, party: str) -> dict[str, Any]:
        """Everything the store holds about one person (an AVG/GDPR access request):
        each personal field whose subject they are, and the events that mention them."""
        coop_id = self.resolve(cooperation)
        party_id = self._look(coop_id, lambda state: state.party(party).party_id)
        fields_of_theirs: list[dict[str, Any]] = []
        mentioned_in: list[dict[str, Any]] = []
        for recorded in self.events_of(coop_id):
            data = fact_to_dict(recorded.fact)
            subjects = privacy_subjects(type(recorded.fact), data)
            own = {name: data[name] for name, subject in subjects.items() if subject == party_id}
            entry = {"position": recorded.originator_version, "type": recorded.type, "on": effective_date(recorded).isoformat()}
            if own:
                fields_of_theirs.append({**entry, "fields": own})
            elif party_id in _ids_in(data):
                mentioned_in.append(entry)
        view = self.view_as(MEMBER_AUDIENCE, viewer=party_id).party(coop_id, party_id)
        # Their ballots are theirs too: only the application, with their key, can find them.
        ballots = [b for r in self.rounds(coop_id) if (b := self.own_ballot(coop_id, r.id, party_id)) is not None]
        return {
            "cooperation": str(coop_id),
            "party": to_json_data(view),
            "key": "forgotten" if view.forgotten else ("present" if self.keys.get(str(coop_id), party_id) else "none"),
            "personal_fields": fields_of_theirs,
            "mentioned_in": mentioned_in,
            "ballots": to_json_data(ballots),
        }

    def _after_forgetting(self, coop_id: UUID, party_id: str) -> None:
        # The read models deleted the key and scrubbed their copies while catching up;
        # drop any cached key and, on SQLite, move the WAL into the file so no old page
        # image keeps the data (the connections use secure_delete, which zeroes freed space).
        self.keys.forget_cached(str(coop_id), party_id)
        self.read_models.compact()

    def events_of(self, cooperation: str | UUID | None = None) -> list[Recorded]:
        """The recorded facts of one cooperation, in log order (for auditors and tools)."""
        coop_id = self.resolve(cooperation)
        with _store_errors():
            # Read once, checked against the chain, then decoded: what is shown is what was recorded.
            stored = self.audit.checked_events(coop_id)
            return [cast(Recorded, self.mapper.to_domain_event(e)) for e in stored]

    # --- participatory rounds (participatory.rounds) -------------------------------------

    def own_ballot(self, cooperation: str | UUID | None, round_ref: str, party: str) -> v.BallotView | None:
        """The ballot of ``party`` that counts in the round, or None. Only the running
        application can tell (it holds the voter's key): give it to the voter alone."""
        coop_id = self.resolve(cooperation)
        round_id = self.round(coop_id, round_ref).id
        party_id = self._look(coop_id, lambda state: state.party(party).party_id)
        pseudonym = ballot_pseudonym(self.keys, str(coop_id), party_id, round_id)
        return self._read(q.own_ballot, str(coop_id), round_id, pseudonym, party_id)

    def check_receipt(self, cooperation: str | UUID | None, round_ref: str, receipt: str) -> Any:
        """Whether the ballot a receipt (from ``CastBallot``) was given for is the one that
        counts: a ``ReceiptCheck``. Anyone may ask; the receipt says nothing of whose it is."""
        from .participatory.rounds import BallotCast, ReceiptCheck, ballot_digest, parse_receipt

        receipt_round, pseudonym, digest = parse_receipt(receipt)
        round_id = self.round(cooperation, round_ref or receipt_round).id
        found = next((b for b in self.ballots(cooperation, round_id) if b.pseudonym == pseudonym), None)
        if found is None or receipt_round != round_id:
            return ReceiptCheck(round_id, pseudonym, "unknown", False, None)
        if ballot_digest(round_id, pseudonym, found.approvals, found.cast_on) == digest:
            return ReceiptCheck(round_id, pseudonym, "counted", True, found.cast_on)
        # Not the ballot that counts: was it an earlier ballot of this voter, or no ballot at all?
        earlier = any(
            type(e.fact) is BallotCast
            and e.fact.round_id == round_id
            and e.fact.pseudonym == pseudonym
            and ballot_digest(round_id, pseudonym, e.fact.approvals, e.fact.cast_on) == digest
            for e in self.events_of(cooperation)
        )
        return ReceiptCheck(round_id, pseudonym, "replaced" if earlier else "unknown", False, found.cast_on)

    def round_certificate(self, cooperation: str | UUID | None, round_ref: str) -> dict[str, Any]:
        """The result certificate of a closed round (``participatory.certificate``): plain
        JSON data anyone rechecks with ``check_round_certificate``."""
        from .participatory.certificate import round_certificate
        from .participatory.rounds import find_round

        coop_id = self.resolve(cooperation)

        def certificate(state: CooperationState) -> dict[str, Any]:
            rnd = find_round(state, round_ref)
            if rnd.closed is None:
                raise RuleViolation("round.not_closed", **rnd.named())
            return round_certificate(str(coop_id), rnd)

        return self._look(coop_id, certificate)

    def verify_round(
        self, cooperation: str | UUID | None, round_ref: str, *, progress: Callable[[int, int], None] | None = None
    ) -> Any:
        """Recompute a closed round from the log: ``RoundVerification`` (``ok`` when the
        digest of the inputs and the winners are the same as recorded); ``progress`` is
        told how far the rule is."""
        from .participatory.certificate import verify_round

        return self._look(self.resolve(cooperation), lambda state: verify_round(state, round_ref, progress))

    def import_pabulib(
        self,
        cooperation: str | UUID | None,
        data: str | bytes,
        *,
        rule: str | None = None,
        title: str | None = None,
        category_limits: bool = True,
        idempotency_key: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        dry_run: bool = False,
    ) -> Any:
        """Record a pabulib file as a round; returns the round's id (with ``dry_run=True``
        the ``DryRun`` of it, recording nothing). A malformed file raises ``InvalidInput``
        naming the line, and nothing is written. The file's own rule counts unless
        ``rule`` is given; its category limits unless switched off.
        ``progress(done, total)`` is told how many of the file's lines are read."""
        from .participatory.pabulib import parse_pabulib
        from .participatory.rounds import ImportRound

        election = parse_pabulib(data, progress=progress)
        command = ImportRound(election=election, rule=rule, title=title, category_limits=category_limits)
        if dry_run:
            return self.execute(cooperation, command, idempotency_key=idempotency_key, dry_run=True)
        result = self.execute(cooperation, command, idempotency_key=idempotency_key)
        assert result is not None
        return result

    def export_pabulib(self, cooperation: str | UUID | None, round_ref: str) -> str:
        """Any round as pabulib text, readable by pabulib's own tools."""
        from .participatory.pabulib import export_pabulib
        from .participatory.rounds import find_round

        coop_id = self.resolve(cooperation)
        rnd, unit = self._look(coop_id, lambda state: (find_round(state, round_ref), state.name))
        meta = next(
            (e.fact.meta for e in self.events_of(coop_id) if type(e.fact).__name__ == "RoundOpened" and e.fact.round_id == rnd.round_id),
            (),
        )
        return export_pabulib(rnd, meta=meta, unit=unit)


def _ids_in(data: Any) -> set[str]:
    """Every string value in an event's data (ids are among them)."""
    if isinstance(data, dict):
        return set().union(*(_ids_in(v) for v in data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*(_ids_in(v) for v in data)) if data else set()
    return {data} if isinstance(data, str) else set()


def slugify(name: str) -> str:
    import re
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    return slug or "samenwerking"


@contextmanager
def _setup_lock(engine: Any) -> Iterator[None]:
    """On PostgreSQL, one process at a time creates schemas, tables and functions:
    concurrent CREATE … IF NOT EXISTS statements can fail with 'tuple concurrently updated'."""
    if engine.dialect.name != "postgresql":
        yield
        return
    from sqlalchemy import text

    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(7311902)"))
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(7311902)"))
            conn.commit()


@contextmanager
def _damage_as_store_damaged() -> Iterator[None]:
    """A projection that hits a unique key twice is projecting a log with a repeated
    or forged event: that is damage to report (see ``botu audit verify``), not a store
    that cannot be reached."""
    try:
        yield
    except BotuError:
        raise
    except Exception as error:
        if "integrity" in type(error).__name__.lower() or "unique" in str(error).lower():
            raise StoreError("audit.projection_failed", detail=str(error).splitlines()[0][:120]) from error
        raise


@contextmanager
def _store_errors() -> Iterator[None]:
    """Turn database failures into a clear StoreError; let botu's own errors through."""
    try:
        yield
    except (BotuError, AggregateNotFoundError, IntegrityError):
        raise
    except PersistenceError as error:
        raise StoreError("store.unavailable", detail=str(error)[:200]) from error
    except OSError as error:
        raise StoreError("store.unavailable", detail=str(error)[:200]) from error
    except Exception as error:
        import sqlalchemy.exc

        if isinstance(error, sqlalchemy.exc.DBAPIError | sqlalchemy.exc.OperationalError):
            raise StoreError("store.unavailable", detail=str(error).splitlines()[0][:200]) from error
        raise
