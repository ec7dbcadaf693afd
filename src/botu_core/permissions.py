"""Who may do what, per cooperation: roles, the permission table, acting for oneself.

Every command passes here before a rule decides on it (``Cooperations.execute``), so
the CLI, the web pages, the HTTP API and library callers all meet the same table.

A role is worked out for one cooperation at a time, from two things:

- what the installation granted an account *in that cooperation* (``Actor.grants``:
  coordinator or auditor), and
- the account's own party *in that cooperation* (``Actor.parties``), read from the
  cooperation's state: active, confirmed, chosen as coordinator.

An account that coordinates one cooperation is therefore an ordinary visitor of every
other one. A library caller that passes no actor acts as the store's owner, as a
script on the owner's machine does: the owner may give every command.

Roles, from most to least:

- ``owner``: no actor given (the store's own scripts and CLI). Everything.
- ``coordinator``: granted, or the party was chosen as coordinator. Every command,
  also for other parties (entering facts on their behalf, with their dates).
- ``member``: an active, confirmed party. Takes part as itself: signs, gives opinions,
  raises disagreements, starts projects, proposes and votes.
- ``pending``: a party that registered itself and waits for a coordinator to confirm
  it. Keeps its own data (details, consent, leaving, forgetting); no voice yet.
- ``account``: logged in, but not a party here. May join.
- ``auditor``: granted; reads the log, writes nothing.
- ``anonymous``: reads what is public.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .commands import COMMANDS
from .errors import PermissionDenied, RuleViolation
from .glossary import GLOSSARY
from .participatory.rounds import CastBallot, CloseRound, ImportRound, OpenRound, SubmitProposal

OWNER = "owner"
COORDINATOR = "coordinator"
MEMBER = "member"
PENDING = "pending"
ACCOUNT = "account"
AUDITOR = "auditor"
ANONYMOUS = "anonymous"

ROLES: tuple[str, ...] = (OWNER, COORDINATOR, MEMBER, PENDING, ACCOUNT, AUDITOR, ANONYMOUS)
# What an installation can grant an account in one cooperation.
GRANTABLE: tuple[str, ...] = (COORDINATOR, AUDITOR)

_LEADS = frozenset({OWNER, COORDINATOR})
_TAKING_PART = frozenset({OWNER, COORDINATOR, MEMBER})
_OWN_DATA = frozenset({OWNER, COORDINATOR, MEMBER, PENDING})

# Reading, besides giving commands.
READ_LOG = "read_log"  # the whole log of the cooperation
SEE_MEMBERS_DATA = "see_members_data"  # contact details and names shared with members only
INVITE_ACCOUNT = "invite_account"  # invite a party entered by others to make its own login
# Founding a cooperation is the installation's business, not one cooperation's: a grant
# in INSTALLATION (in place of a cooperation's id) is one for the whole installation.
FOUND_COOPERATION = "FoundCooperation"
INSTALLATION = "*"

# Which roles may give each command, by the command's class name. A command that is
# not named is for those who lead the cooperation (``PERMISSIONS.get`` falls back).
_OWN: dict[str, frozenset[str]] = {
    "JoinParty": frozenset({OWNER, COORDINATOR, ACCOUNT}),
    "SignAgreement": _TAKING_PART,
    "GiveOpinion": _TAKING_PART,
    "RaiseDisagreement": _TAKING_PART,
    "StartProject": _TAKING_PART,
    "SubmitProposal": _TAKING_PART,
    "CastBallot": _TAKING_PART,
    "ChangePartyDetails": _OWN_DATA,
    "LeaveParty": _OWN_DATA,
    "GiveContactConsent": _OWN_DATA,
    "WithdrawContactConsent": _OWN_DATA,
    "ForgetParty": _OWN_DATA,
    READ_LOG: frozenset({OWNER, COORDINATOR, AUDITOR}),
    SEE_MEMBERS_DATA: _TAKING_PART,
    INVITE_ACCOUNT: _LEADS,
    FOUND_COOPERATION: _LEADS,
}

# Commands that act for a party: the field naming it. Below the coordinators, a person
# acts only as their own party.
SELF_FIELDS: dict[str, str] = {
    "SignAgreement": "party",
    "GiveOpinion": "party",
    "RaiseDisagreement": "by",
    "ChangePartyDetails": "party",
    "LeaveParty": "party",
    "GiveContactConsent": "party",
    "WithdrawContactConsent": "party",
    "ForgetParty": "party",
    "SubmitProposal": "by",
    "CastBallot": "voter",
}


def _pairs(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    items = value.items() if isinstance(value, Mapping) else value
    return frozenset((str(k), str(v)) for k, v in items)


@attrs.frozen
class Actor:
    """Who gives a command or asks a question: an account and what it holds, per cooperation.

    ``grants`` and ``parties`` map a cooperation's id (as text) to the role the
    installation granted there and to the account's party there. ``Actor()`` is an
    anonymous visitor; pass ``actor=None`` to the application to act as the owner.
    """

    account: str | None = None
    grants: frozenset[tuple[str, str]] = attrs.field(default=frozenset(), converter=_pairs)
    parties: frozenset[tuple[str, str]] = attrs.field(default=frozenset(), converter=_pairs)

    @grants.validator
    def _check_grants(self, _a: Any, value: frozenset[tuple[str, str]]) -> None:
        for _coop, role in value:
            if role not in GRANTABLE:
                raise RuleViolation("permission.unknown_role", role=role, choices=", ".join(GRANTABLE))

    def granted(self, cooperation: str) -> frozenset[str]:
        return frozenset(role for coop, role in self.grants if coop == cooperation)

    def party_in(self, cooperation: str) -> str | None:
        for coop, party in self.parties:
            if coop == cooperation:
                return party
        return None

    @property
    def logged_in(self) -> bool:
        return self.account is not None


def role_in(cooperation: str, state: Any, actor: Actor | None) -> str:
    """The role ``actor`` has in the cooperation ``cooperation`` (its id), whose state this is."""
    if actor is None:
        return OWNER
    coop = cooperation
    granted = actor.granted(coop)
    if COORDINATOR in granted:
        return COORDINATOR
    party_id = actor.party_in(coop)
    party = state.parties.get(party_id) if party_id is not None else None
    if party is not None and party.active and not party.forgotten:
        if party.coordinator:
            return COORDINATOR
        return MEMBER if party.confirmed else PENDING
    if AUDITOR in granted:
        return AUDITOR
    return ACCOUNT if actor.logged_in else ANONYMOUS


def role_in_installation(actor: Actor | None) -> str:
    """The role ``actor`` has in the installation as a whole (founding cooperations):
    the owner without an actor, a coordinator when granted one in ``INSTALLATION``."""
    if actor is None:
        return OWNER
    if COORDINATOR in actor.granted(INSTALLATION):
        return COORDINATOR
    return ACCOUNT if actor.logged_in else ANONYMOUS


def may(role: str, action: str) -> bool:
    """Whether ``role`` may give the command named ``action`` (or do a read action)."""
    if role == OWNER:
        return True
    return role in _OWN.get(action, _LEADS)


# How each role is named to people, Dutch first: the glossary's words.
ROLE_LABELS = GLOSSARY["role"]


def check(role: str, action: str) -> None:
    """Refuse with ``permission.denied`` (``permission.login_required`` for visitors,
    ``permission.pending`` for parties that wait for confirmation) when not allowed."""
    if may(role, action):
        return
    if role == ANONYMOUS:
        raise PermissionDenied("permission.login_required", action=action)
    if role == PENDING and may(MEMBER, action):
        raise PermissionDenied("permission.pending", action=action)
    nl, en = ROLE_LABELS.get(role, (role, role))
    raise PermissionDenied("permission.denied", action=action, role_nl=nl, role_en=en)


def acts_for_others(role: str) -> bool:
    """Coordinators (and the owner) enter facts for other parties, with the dates they happened."""
    return role in _LEADS


def bind(command: Any, role: str, actor: Actor | None, cooperation: str, state: Any) -> Any:
    """The command as ``role`` may give it: below the coordinators a person acts only as
    their own party (named by id or by name), and the server dates what they do (today)."""
    if acts_for_others(role):
        return command
    name = type(command).__name__
    field = SELF_FIELDS.get(name)
    if field is not None:
        own = actor.party_in(cooperation) if actor is not None else None
        named = getattr(command, field)
        if own is None or (named != own and state.party(named).party_id != own):
            raise PermissionDenied("permission.not_own_party", action=name)
    if getattr(command, "on", None) is not None:
        command = attrs.evolve(command, on=None)
    return command


def table() -> dict[str, frozenset[str]]:
    """Every command and read action with the roles that may do it (for docs and front ends)."""
    names = [cls.__name__ for cls in (*COMMANDS, OpenRound, SubmitProposal, CastBallot, CloseRound, ImportRound)]
    names += [READ_LOG, SEE_MEMBERS_DATA, INVITE_ACCOUNT, FOUND_COOPERATION]
    return {name: frozenset(r for r in ROLES if may(r, name)) for name in names}
