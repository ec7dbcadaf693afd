"""The state a cooperation's rules need, rebuilt from its events.

This is not a read model: it holds only what the rules check (who takes part, what
is left of a fund, which decisions exist, …). Read models for people live in
``botu_core.readmodels``. The area modules (``parties``, ``budget``, …) change this
state in their ``@applies`` functions and read it in their ``@handles`` functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from .errors import InvalidInput, NotFound, RuleViolation
from .glossary import term
from .values import AgreementTerms, MeetingKind, Money, PartyKind, ProjectStatus, check_ref, name_key


@attrs.define
class PartyRecord:
    party_id: str
    name: str
    kind: PartyKind
    active: bool = True
    coordinator: bool = False
    forgotten: bool = False
    # A party that registered itself waits for a coordinator's confirmation before it has a voice.
    confirmed: bool = True


@attrs.define
class ProjectRecord:
    project_id: str
    title: str
    contact_party_id: str
    status: ProjectStatus = ProjectStatus.RUNNING
    indicators: dict[str, str] = attrs.Factory(dict)  # indicator id -> name


@attrs.define
class FundRecord:
    available: Money = Money(0)
    allocated: Money = Money(0)  # allocations still standing (withdrawn ones excluded)

    @property
    def left(self) -> Money:
        return self.available - self.allocated


@attrs.define
class AllocationRecord:
    allocation_id: str
    project_id: str
    source: str
    year: int
    amount: Money
    spent: Money = Money(0)
    withdrawn: bool = False

    def named(self, state: CooperationState) -> dict[str, str]:
        """The allocation's id and the title of its project, for a message that names it."""
        return {"allocation": self.allocation_id, "allocation_title": state.projects[self.project_id].title}


@attrs.define
class MeetingRecord:
    meeting_id: str
    kind: MeetingKind
    held_on: dt.date


@attrs.define
class DecisionRecord:
    decision_id: str
    subject: str
    taken: bool
    meeting_id: str | None = None

    def named(self) -> dict[str, str]:
        """The decision's id and subject, for a message that names it."""
        return {"decision": self.decision_id, "decision_title": self.subject}


@attrs.define
class DisagreementRecord:
    disagreement_id: str
    raised_on: dt.date
    about: str = ""
    resolved: bool = False

    def named(self) -> dict[str, str]:
        """The disagreement's id and what it is about, for a message that names it."""
        return {"disagreement": self.disagreement_id, "disagreement_title": self.about}


@attrs.define
class CooperationState:
    """Everything the rules of one cooperation need to decide on a command."""

    name: str = ""
    slug: str = ""
    founded_on: dt.date | None = None
    versions: dict[int, AgreementTerms] = attrs.Factory(dict)
    parties: dict[str, PartyRecord] = attrs.Factory(dict)
    # party id -> (phone, e-mail, shares contact details): needed to see what changed
    contacts: dict[str, tuple[str, str, bool]] = attrs.Factory(dict)
    signatures: set[tuple[str, int]] = attrs.Factory(set)
    projects: dict[str, ProjectRecord] = attrs.Factory(dict)
    funds: dict[tuple[str, int], FundRecord] = attrs.Factory(dict)
    allocations: dict[str, AllocationRecord] = attrs.Factory(dict)
    meetings: dict[str, MeetingRecord] = attrs.Factory(dict)
    decisions: dict[str, DecisionRecord] = attrs.Factory(dict)
    disagreements: dict[str, DisagreementRecord] = attrs.Factory(dict)
    evaluations: dict[str, int] = attrs.Factory(dict)  # id -> year evaluated
    # Participatory rounds: round id -> participatory.rounds.RoundRecord
    rounds: dict[str, Any] = attrs.Factory(dict)
    # How many items of each kind were made: ids are 'party-1', 'project-3', …
    counters: dict[str, int] = attrs.Factory(dict)
    # Idempotency keys of commands already recorded -> the id they returned.
    command_keys: dict[str, str | None] = attrs.Factory(dict)
    # The same keys -> (command type, digest of the command): a key is for one command only.
    # Keys recorded before commands were digested have none.
    command_digests: dict[str, tuple[str, str]] = attrs.Factory(dict)

    # --- ids ---------------------------------------------------------------------

    def next_id(self, prefix: str) -> str:
        """The id the next item of this kind will get (not reserved until applied)."""
        return f"{prefix}-{self.counters.get(prefix, 0) + 1}"

    def count(self, item_id: str) -> None:
        """Remember that an item with this id exists, so the next id is higher."""
        prefix, _, number = item_id.rpartition("-")
        if number.isdigit():
            self.counters[prefix] = max(self.counters.get(prefix, 0), int(number))

    # --- the agreement -------------------------------------------------------------

    @property
    def current_version(self) -> int:
        return max(self.versions) if self.versions else 0

    def current_terms(self) -> AgreementTerms:
        if not self.versions:
            raise RuleViolation("agreement.not_adopted")
        return self.versions[self.current_version]

    # --- look-ups by id or exact name; each raises a clear error ----------------------

    def party(self, ref: str) -> PartyRecord:
        return _find(self.parties, ref, lambda p: p.name, "party.unknown")

    def active_party(self, ref: str) -> PartyRecord:
        party = self.party(ref)
        if not party.active:
            raise RuleViolation("party.not_active", party=party.name)
        return party

    def project(self, ref: str) -> ProjectRecord:
        return _find(self.projects, ref, lambda p: p.title, "project.unknown")

    def running_project(self, ref: str) -> ProjectRecord:
        project = self.project(ref)
        if project.status is not ProjectStatus.RUNNING:
            raise RuleViolation(
                "project.not_running",
                project=project.title,
                status_nl=term(project.status)[0],
                status_en=term(project.status)[1],
            )
        return project

    def meeting(self, ref: str) -> MeetingRecord:
        return _find(self.meetings, ref, None, "meeting.unknown")

    def decision(self, ref: str) -> DecisionRecord:
        return _find(self.decisions, ref, None, "decision.unknown")

    def allocation(self, ref: str) -> AllocationRecord:
        return _find(self.allocations, ref, None, "budget.allocation_unknown")

    def check_date(self, on: dt.date, today: dt.date) -> None:
        """Things are recorded after they happened, and not before the cooperation."""
        if on > today:
            raise InvalidInput("date.in_future", on=on)
        if self.founded_on is not None and on < self.founded_on:
            raise RuleViolation(
                "date.before_founding", on=on, founded_on=self.founded_on
            )


R = TypeVar("R")


def _find(items: dict[str, R], ref: str, name_of: Callable[[R], str] | None, code: str) -> R:
    if check_ref(ref) in items:
        return items[ref]
    if name_of is not None:
        wanted = name_key(ref)
        matches = [item for item in items.values() if name_key(name_of(item)) == wanted]
        if len(matches) == 1:
            return matches[0]
        # With several items of the same name, prefer one that still takes part.
        active = [m for m in matches if getattr(m, "active", True)]
        if len(active) == 1:
            return active[0]
    raise NotFound(code, ref=ref)


@attrs.frozen
class Context:
    """What a rule may know besides the state: today's date, the role of whoever gives
    the command in this cooperation (``botu_core.permissions``; the owner when not said),
    and the voter's pseudonym in a round (party id, round id -> pseudonym, or None when
    the party's secret is gone): the application derives it from the person's key, which
    the rules never see."""

    today: dt.date
    role: str = "owner"
    pseudonym: Callable[[str, str], str | None] | None = None
    # Told how far a long rule is (closing a round): ``progress(done, total)``; only a
    # front end's display, never part of a decision.
    progress: Callable[[int, int], None] | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Outcome:
    """What a command decided: the facts to record and the id to hand back."""

    facts: tuple[Any, ...]
    result: str | None = None


# --- registries: which function handles a command, which applies a fact -----------

Handler = Callable[[CooperationState, Any, Context], Outcome]
Applier = Callable[[CooperationState, Any], None]

HANDLERS: dict[type, Handler] = {}
APPLIERS: dict[type, Applier] = {}

C = TypeVar("C")
F = TypeVar("F")


def handles(command_type: type[C]) -> Callable[[Callable[[CooperationState, C, Context], Outcome]], Callable[[CooperationState, C, Context], Outcome]]:
    """Register the rule function that decides on ``command_type``."""

    def register(func: Callable[[CooperationState, C, Context], Outcome]) -> Callable[[CooperationState, C, Context], Outcome]:
        HANDLERS[command_type] = func
        return func

    return register


def applies(fact_type: type[F]) -> Callable[[Callable[[CooperationState, F], None]], Callable[[CooperationState, F], None]]:
    """Register the function that changes the state when ``fact_type`` happened."""

    def register(func: Callable[[CooperationState, F], None]) -> Callable[[CooperationState, F], None]:
        APPLIERS[fact_type] = func
        return func

    return register
