"""Who is asking, and what they may do: roles, the permission table, login rate limits.

Roles, from the account and the cooperation's read models, at every request:

- ``anonymous``: not logged in. Reads the public pages; writes nothing.
- ``account``: logged in, but not (or no longer) a party. May join as a party.
- ``member``: the account's party takes part. Signs, gives opinions, raises
  disagreements, starts projects — always as its own party.
- ``coordinator``: the account's party was chosen as coordinator (ChooseCoordinators),
  or the account was made as coordinator from the CLI (the first one). Records
  meetings, decisions, allocations, evaluations, revisions; every command.
- ``auditor``: reads everything an auditor may read; writes nothing.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

import attrs

from botu_core import COMMANDS, MEMBER, PUBLIC, Cooperations, NotFound, Reader

from .accounts import Account
from .texts import WebError

ROLES = ("anonymous", "account", "member", "coordinator", "auditor")

MEMBER_AND_UP = frozenset({"member", "coordinator"})
COORDINATOR = frozenset({"coordinator"})

# Which roles may give each command. Everything not named here is for coordinators.
COMMAND_ROLES: dict[str, frozenset[str]] = {cls.__name__: COORDINATOR for cls in COMMANDS}
COMMAND_ROLES.update(
    {
        "JoinParty": frozenset({"account", "coordinator"}),
        "SignAgreement": MEMBER_AND_UP,
        "GiveOpinion": MEMBER_AND_UP,
        "RaiseDisagreement": MEMBER_AND_UP,
        "StartProject": MEMBER_AND_UP,
        "ChangePartyDetails": MEMBER_AND_UP,
        "LeaveParty": MEMBER_AND_UP,
        # Participatory rounds: everyone taking part proposes and votes; coordinators open and close.
        "OpenRound": COORDINATOR,
        "SubmitProposal": MEMBER_AND_UP,
        "CastBallot": MEMBER_AND_UP,
        "CloseRound": COORDINATOR,
    }
)
# Consent and forgetting (the privacy issue): a member does these for itself.
for _name in ("GiveContactConsent", "WithdrawContactConsent", "ForgetParty"):
    if _name in COMMAND_ROLES:
        COMMAND_ROLES[_name] = MEMBER_AND_UP

# Commands that act for a party: the field naming it. A member always acts as its own
# party (whatever the request says); a coordinator as its own party unless it names one.
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


@attrs.frozen
class Viewer:
    """The person behind a request."""

    role: str = "anonymous"
    account: Account | None = None
    party_id: str | None = None
    party_name: str | None = None

    @property
    def logged_in(self) -> bool:
        return self.account is not None

    def may(self, command_name: str) -> bool:
        return self.role in COMMAND_ROLES.get(command_name, COORDINATOR)

    @property
    def sees_contacts(self) -> bool:
        """Members and coordinators see contact details that parties chose to share."""
        return self.role in MEMBER_AND_UP

    @property
    def audience(self) -> str:
        """Whose privacy rules apply (``botu_core.privacy.Reader``): 'member' for the
        members and coordinators of this cooperation, 'public' for everyone else
        (anonymous visitors, auditors, accounts that are not a party of it)."""
        return MEMBER if self.role in MEMBER_AND_UP else PUBLIC

    def reader(self, app: Cooperations) -> Reader:
        """The library's queries as this viewer may see them; a person always sees their own data."""
        return app.view_as(self.audience, viewer=self.party_id)


ANONYMOUS = Viewer()


def viewer_for(app: Cooperations, coop_id: str | None, account: Account | None) -> Viewer:
    if account is None:
        return ANONYMOUS
    if account.kind == "auditor":
        return Viewer("auditor", account)
    party_id = account.party_id if (coop_id is not None and account.coop_id == coop_id) else None
    party_name = None
    active = coordinator = False
    if party_id is not None:
        try:
            party = app.party(coop_id, party_id)
        except NotFound:
            party_id = None
        else:
            party_name, active, coordinator = party.name, party.active, party.coordinator
    if account.kind == "coordinator" or (active and coordinator):
        return Viewer("coordinator", account, party_id if active else None, party_name)
    if active:
        return Viewer("member", account, party_id, party_name)
    return Viewer("account", account, party_id, party_name)


def authorise(viewer: Viewer, command_name: str) -> None:
    """Refuse (401 for anonymous, 403 for the rest) when the role may not give the command."""
    if viewer.may(command_name):
        return
    if not viewer.logged_in:
        raise WebError("auth.required")
    raise WebError("auth.forbidden")


def act_as_self(viewer: Viewer, command_name: str, data: dict[str, object]) -> dict[str, object]:
    """Fill in (for members: force) the party a command acts for."""
    field = SELF_FIELDS.get(command_name)
    if field is None:
        return data
    if viewer.role == "coordinator" and data.get(field):
        return data
    if viewer.party_id is None:
        raise WebError("auth.needs_party")
    return {**data, field: viewer.party_id}


class LoginLimiter:
    """At most ``max_failures`` failed logins per ``window`` seconds, per address and per name."""

    def __init__(self, max_failures: int = 5, window: float = 900.0, clock: object = time.monotonic) -> None:
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def check(self, address: str, username: str) -> None:
        now = self.clock()  # type: ignore[operator]
        with self._lock:
            for key in (f"ip:{address}", f"user:{username.strip().casefold()}"):
                failures = self._recent(key, now)
                if len(failures) >= self.max_failures:
                    wait = max(1, int((failures[0] + self.window - now + 59) // 60))
                    raise WebError("auth.rate_limited", minutes=wait)

    def failed(self, address: str, username: str) -> None:
        now = self.clock()  # type: ignore[operator]
        with self._lock:
            for key in (f"ip:{address}", f"user:{username.strip().casefold()}"):
                self._recent(key, now).append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(f"user:{username.strip().casefold()}", None)
