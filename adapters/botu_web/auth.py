"""Who is asking: the person behind a request, as the library sees them.

What a person may do is the library's decision (``botu_core.permissions``): this module
only turns a request's account into a ``botu_core.Actor`` and asks the library for its
role in the cooperation being served. The roles the pages name:

- ``anonymous``: not logged in. Reads the public pages; writes nothing.
- ``account``: logged in, but not a party here. May join as a party.
- ``pending``: registered itself as a party; waits for a coordinator to confirm it.
- ``member``: the account's party takes part here, confirmed.
- ``coordinator``: granted in this cooperation, or its party was chosen as coordinator.
- ``auditor``: granted in this cooperation; reads the log; writes nothing.
"""

from __future__ import annotations

from typing import Any

import attrs

from botu_core import PUBLIC, Actor, Cooperations, NotFound, Reader
from botu_core import permissions as p

from .accounts import Account
from .texts import WebError

ROLES = ("anonymous", "account", "pending", "member", "coordinator", "auditor")

# Which roles may give each command, as the library's table says (for docs and pages).
COMMAND_ROLES: dict[str, frozenset[str]] = {name: roles - {p.OWNER} for name, roles in p.table().items()}
SELF_FIELDS = p.SELF_FIELDS


@attrs.frozen
class Viewer:
    """The person behind a request, in the cooperation served."""

    role: str = "anonymous"
    account: Account | None = None
    party_id: str | None = None
    party_name: str | None = None
    coop_id: str | None = None

    @property
    def logged_in(self) -> bool:
        return self.account is not None

    @property
    def actor(self) -> Actor:
        return self.account.actor if self.account is not None else Actor()

    def may(self, command_name: str) -> bool:
        return p.may(self.role, command_name)

    @property
    def may_found(self) -> bool:
        """May start a new cooperation on this installation (the library's rule)."""
        return p.may(p.role_in_installation(self.actor), p.FOUND_COOPERATION)

    @property
    def acts_for_others(self) -> bool:
        """Enters facts for other parties, with the dates they happened (the library's rule)."""
        return p.acts_for_others(self.role)

    def offers(self, form: Any) -> bool:
        """Whether to list and open ``form`` (a ``forms.FormSpec``) for this viewer: the
        library's table decides the command; a form for others needs one who acts for
        others; joining as oneself is for those who have no party here yet."""
        if not self.may(form.command_name):
            return False
        if form.for_others:
            return self.acts_for_others
        if form.command_name == "JoinParty":
            return self.party_id is None
        return True

    @property
    def sees_contacts(self) -> bool:
        """Those who take part see contact details that parties chose to share."""
        return p.may(self.role, p.SEE_MEMBERS_DATA)

    def reader(self, app: Cooperations) -> Reader:
        """The library's queries as this viewer may see them; a person always sees their own data."""
        if self.coop_id is None:
            return app.view_as("public")
        return app.view_for(self.coop_id, self.actor)


ANONYMOUS = Viewer()


def viewer_for(app: Cooperations, coop_id: str | None, account: Account | None) -> Viewer:
    if account is None:
        return Viewer(coop_id=coop_id)
    if coop_id is None:
        return Viewer("account", account)
    role = app.role(coop_id, account.actor)
    party_id = account.actor.party_in(coop_id)
    party_name = None
    if party_id is not None:
        try:
            party = app.view_as(PUBLIC, viewer=party_id).party(coop_id, party_id)  # their own name
        except NotFound:
            party_id = None
        else:
            party_name = party.name
            if not party.active:
                party_id = None
    return Viewer(role, account, party_id, party_name, coop_id)


def authorise(viewer: Viewer, command_name: str) -> None:
    """Refuse (401 for anonymous, 403 for the rest) before reading a form or body, when
    the library's table says this role may not give the command."""
    if viewer.may(command_name):
        return
    if not viewer.logged_in:
        raise WebError("auth.required")
    if viewer.role == p.PENDING and p.may(p.MEMBER, command_name):
        raise WebError("auth.pending")
    raise WebError("auth.forbidden")


def act_as_self(viewer: Viewer, command_name: str, data: dict[str, object]) -> dict[str, object]:
    """Fill in the party a command acts for when the request leaves it out: one's own.
    (Whether the party named may be acted for is the library's decision.)"""
    field = SELF_FIELDS.get(command_name)
    if field is None or data.get(field):
        return data
    if viewer.party_id is None:
        raise WebError("auth.needs_party")
    return {**data, field: viewer.party_id}

