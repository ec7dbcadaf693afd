"""Parties: who takes part, and who signed which version of the agreement.

Rules from the text:
- "De samenwerking blijft inclusief. Dat betekent dat nieuwe partijen altijd mee
  kunnen doen": anyone may join, at any time, of any kind; a party that left may rejoin.
- Only parties that take part can sign; a version is signed at most once per party,
  with a personal note (PS) and the capacity ("met welke pet op") they sign in.
- Whether a party that registers itself (an account joining on its own) must first be
  confirmed by a coordinator is a commitment of the agreement
  (``Commitments.parties_need_confirmation``, by default it must): until then it keeps
  its own data but has no voice (no ballots, no proposals) and sees no members' data.
  Parties a coordinator or the owner adds are confirmed at once.
- "Ook op momenten dat we het oneens zijn met elkaar, blijven we samenwerken":
  nothing here depends on disagreements; a party that raised one stays a party.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from . import fields as f
from .errors import RuleViolation
from .state import Context, CooperationState, Outcome, PartyRecord, applies, handles
from .values import Commitments, PartyKind, name_key

# The role of an account that is not a party yet (``permissions.ACCOUNT``): it registers itself.
SELF_REGISTERING = "account"

# --- commands --------------------------------------------------------------------


@attrs.frozen
class JoinParty:
    name: str = f.text()
    kind: PartyKind = f.choice(PartyKind)
    phone: str = f.phone()
    email: str = f.email()
    share_contact: bool = f.flag()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class ConfirmParty:
    """A coordinator confirms a party that registered itself: from now on it has a voice."""

    party: str = f.text()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class ChangePartyDetails:
    """Change a party's name, kind or contact details; what is left as None stays."""

    party: str = f.text()
    name: str | None = f.optional_ref()
    kind: PartyKind | None = f.choice(PartyKind, default=None)
    phone: str | None = f.phone(optional=True)
    email: str | None = f.email(optional=True)
    share_contact: bool | None = f.flag(default=None)


@attrs.frozen
class LeaveParty:
    party: str = f.text()
    reason: str = f.optional_text(f.LONG)
    on: dt.date | None = f.optional_date()


@attrs.frozen
class RejoinParty:
    party: str = f.text()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class SignAgreement:
    """Sign a version (the current one when left out) with a personal note (PS)."""

    party: str = f.text()
    note: str = f.text(f.LONG)
    capacity: str = f.optional_text()
    version: int | None = attrs.field(default=None)
    on: dt.date | None = f.optional_date()

    @version.validator
    def _version(self, _a: object, value: object) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise RuleViolation("agreement.unknown_version", version=value)


@attrs.frozen
class GiveContactConsent:
    """The party agrees that other members see its phone number and e-mail address."""

    party: str = f.text()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class WithdrawContactConsent:
    party: str = f.text()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class ForgetParty:
    """Erase a person's personal data (AVG/GDPR): their key is deleted, the events stay."""

    party: str = f.text()
    on: dt.date | None = f.optional_date()


# --- events ----------------------------------------------------------------------


@attrs.frozen
class PartyJoined:
    """Version 2 added ``confirmed``: every party that joined before it is confirmed."""

    class_version = 2

    party_id: str
    name: str = attrs.field(metadata=f.personal(only_if_person=True))
    kind: PartyKind
    phone: str = attrs.field(metadata=f.PERSONAL)
    email: str = attrs.field(metadata=f.PERSONAL)
    share_contact: bool
    joined_on: dt.date
    confirmed: bool = True

    @staticmethod
    def upcast_v1_v2(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "confirmed": True}


@attrs.frozen
class PartyConfirmed:
    party_id: str
    confirmed_on: dt.date


@attrs.frozen
class PartyDetailsChanged:
    party_id: str
    name: str = attrs.field(metadata=f.personal(only_if_person=True))
    kind: PartyKind
    phone: str = attrs.field(metadata=f.PERSONAL)
    email: str = attrs.field(metadata=f.PERSONAL)
    share_contact: bool


@attrs.frozen
class PartyLeft:
    party_id: str
    reason: str = attrs.field(metadata=f.PERSONAL)
    left_on: dt.date


@attrs.frozen
class PartyRejoined:
    party_id: str
    rejoined_on: dt.date


@attrs.frozen
class AgreementSigned:
    party_id: str
    version: int
    note: str = attrs.field(metadata=f.PERSONAL)
    capacity: str = attrs.field(metadata=f.PERSONAL)
    signed_on: dt.date


@attrs.frozen
class ContactConsentGiven:
    party_id: str
    given_on: dt.date


@attrs.frozen
class ContactConsentWithdrawn:
    party_id: str
    withdrawn_on: dt.date


@attrs.frozen
class PartyForgotten:
    """No personal data here: only who was forgotten, and when."""

    party_id: str
    forgotten_on: dt.date


# --- rules -----------------------------------------------------------------------


@handles(JoinParty)
def join(state: CooperationState, cmd: JoinParty, ctx: Context) -> Outcome:
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    name = cmd.name.strip()
    key = name_key(name)
    # Names are told apart as people read them: 'Gemeente  Rotterdam' is 'Gemeente Rotterdam'.
    same_name = [p for p in state.parties.values() if name_key(p.name) == key and not p.forgotten]
    if any(p.active for p in same_name):
        raise RuleViolation("party.name_taken", name=name)
    if same_name:
        if ctx.role == SELF_REGISTERING:
            # Coming back as a former party would take over its place (and its voice):
            # a coordinator, who knows who is asking, lets a party rejoin.
            raise RuleViolation("party.name_of_former_party", name=name)
        # The text: new parties can always take part; one that left comes back as itself.
        party = same_name[-1]
        return Outcome((PartyRejoined(party.party_id, on),), party.party_id)
    party_id = state.next_id("party")
    confirmed = not (ctx.role == SELF_REGISTERING and _commitments(state).parties_need_confirmation)
    fact = PartyJoined(
        party_id, name, cmd.kind, cmd.phone.strip(), cmd.email.strip(), cmd.share_contact, on, confirmed
    )
    return Outcome((fact,), party_id)


def _commitments(state: CooperationState) -> Commitments:
    """The commitments in force; before an agreement is adopted, the defaults."""
    return state.current_terms().commitments if state.versions else Commitments()


@handles(ConfirmParty)
def confirm(state: CooperationState, cmd: ConfirmParty, ctx: Context) -> Outcome:
    party = state.active_party(cmd.party)
    if party.confirmed:
        raise RuleViolation("party.already_confirmed", party=party.name)
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    return Outcome((PartyConfirmed(party.party_id, on),), party.party_id)


@handles(ChangePartyDetails)
def change_details(state: CooperationState, cmd: ChangePartyDetails, ctx: Context) -> Outcome:
    party = state.party(cmd.party)
    if party.forgotten:
        raise RuleViolation("party.forgotten", party=party.party_id)
    current = state_details(state, party)
    name = cmd.name.strip() if cmd.name is not None else current.name
    key = name_key(name)
    if key != name_key(party.name) and any(
        p.active and name_key(p.name) == key for p in state.parties.values()
    ):
        raise RuleViolation("party.name_taken", name=name)
    fact = PartyDetailsChanged(
        party.party_id,
        name,
        cmd.kind if cmd.kind is not None else current.kind,
        cmd.phone.strip() if cmd.phone is not None else current.phone,
        cmd.email.strip() if cmd.email is not None else current.email,
        cmd.share_contact if cmd.share_contact is not None else current.share_contact,
    )
    if fact == current:
        raise RuleViolation("party.unchanged", party=party.name)
    return Outcome((fact,), party.party_id)


def state_details(state: CooperationState, party: PartyRecord) -> PartyDetailsChanged:
    """The party's details as they stand, in the shape of a change."""
    phone, email, share = state.contacts.get(party.party_id, ("", "", False))
    return PartyDetailsChanged(party.party_id, party.name, party.kind, phone, email, share)


@handles(LeaveParty)
def leave(state: CooperationState, cmd: LeaveParty, ctx: Context) -> Outcome:
    party = state.active_party(cmd.party)
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    return Outcome((PartyLeft(party.party_id, cmd.reason.strip(), on),), party.party_id)


@handles(RejoinParty)
def rejoin(state: CooperationState, cmd: RejoinParty, ctx: Context) -> Outcome:
    party = state.party(cmd.party)
    if party.forgotten:
        raise RuleViolation("party.forgotten", party=party.party_id)
    if party.active:
        raise RuleViolation("party.already_active", party=party.name)
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    return Outcome((PartyRejoined(party.party_id, on),), party.party_id)


@handles(SignAgreement)
def sign(state: CooperationState, cmd: SignAgreement, ctx: Context) -> Outcome:
    party = state.active_party(cmd.party)
    state.current_terms()  # there must be an agreement to sign
    version = cmd.version or state.current_version
    if version not in state.versions:
        raise RuleViolation("agreement.unknown_version", version=version)
    if (party.party_id, version) in state.signatures:
        raise RuleViolation("agreement.already_signed", party=party.name, version=version)
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    fact = AgreementSigned(party.party_id, version, cmd.note.strip(), cmd.capacity.strip(), on)
    return Outcome((fact,), party.party_id)


def _consent(state: CooperationState, ref: str, wanted: bool, on: dt.date | None, ctx: Context) -> tuple[PartyRecord, dt.date]:
    party = state.party(ref)
    if party.forgotten:
        raise RuleViolation("party.forgotten", party=party.party_id)
    if state.contacts.get(party.party_id, ("", "", False))[2] == wanted:
        raise RuleViolation("consent.already_given" if wanted else "consent.not_given", party=party.name)
    day = on or ctx.today
    state.check_date(day, ctx.today)
    return party, day


@handles(GiveContactConsent)
def give_consent(state: CooperationState, cmd: GiveContactConsent, ctx: Context) -> Outcome:
    party, on = _consent(state, cmd.party, True, cmd.on, ctx)
    return Outcome((ContactConsentGiven(party.party_id, on),), party.party_id)


@handles(WithdrawContactConsent)
def withdraw_consent(state: CooperationState, cmd: WithdrawContactConsent, ctx: Context) -> Outcome:
    party, on = _consent(state, cmd.party, False, cmd.on, ctx)
    return Outcome((ContactConsentWithdrawn(party.party_id, on),), party.party_id)


@handles(ForgetParty)
def forget(state: CooperationState, cmd: ForgetParty, ctx: Context) -> Outcome:
    party = state.party(cmd.party)
    if party.forgotten:
        raise RuleViolation("party.forgotten", party=party.party_id)
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    return Outcome((PartyForgotten(party.party_id, on),), party.party_id)


# --- how the facts change the state ------------------------------------------------


@applies(PartyJoined)
def _joined(state: CooperationState, fact: PartyJoined) -> None:
    state.parties[fact.party_id] = PartyRecord(fact.party_id, fact.name, fact.kind, confirmed=fact.confirmed)
    state.contacts[fact.party_id] = (fact.phone, fact.email, fact.share_contact)
    state.count(fact.party_id)


@applies(PartyConfirmed)
def _confirmed(state: CooperationState, fact: PartyConfirmed) -> None:
    state.parties[fact.party_id].confirmed = True


@applies(PartyDetailsChanged)
def _changed(state: CooperationState, fact: PartyDetailsChanged) -> None:
    party = state.parties[fact.party_id]
    party.name = fact.name
    party.kind = fact.kind
    state.contacts[fact.party_id] = (fact.phone, fact.email, fact.share_contact)


@applies(PartyLeft)
def _left(state: CooperationState, fact: PartyLeft) -> None:
    state.parties[fact.party_id].active = False
    state.parties[fact.party_id].coordinator = False


@applies(PartyRejoined)
def _rejoined(state: CooperationState, fact: PartyRejoined) -> None:
    state.parties[fact.party_id].active = True


@applies(AgreementSigned)
def _signed(state: CooperationState, fact: AgreementSigned) -> None:
    state.signatures.add((fact.party_id, fact.version))


@applies(ContactConsentGiven)
def _consent_given(state: CooperationState, fact: ContactConsentGiven) -> None:
    phone, email, _ = state.contacts.get(fact.party_id, ("", "", False))
    state.contacts[fact.party_id] = (phone, email, True)


@applies(ContactConsentWithdrawn)
def _consent_withdrawn(state: CooperationState, fact: ContactConsentWithdrawn) -> None:
    phone, email, _ = state.contacts.get(fact.party_id, ("", "", False))
    state.contacts[fact.party_id] = (phone, email, False)


@applies(PartyForgotten)
def _forgotten(state: CooperationState, fact: PartyForgotten) -> None:
    from .privacy import FORGOTTEN_NAME

    party = state.parties[fact.party_id]
    party.forgotten = True
    party.active = False
    party.coordinator = False
    if party.kind.is_person:
        party.name = FORGOTTEN_NAME
    state.contacts[fact.party_id] = ("", "", False)
