"""Meetings, decisions and the opinions parties give before a decision is taken.

Rules from the text:
- "Daarvoor komen wij tenminste 3 keer per jaar bij elkaar": plenary meetings are
  counted per year by the compliance projection (not refused here: a year with
  fewer meetings is reported, not prevented).
- "Alle mensen en partijen ... kunnen hun mening geven bij besluiten": only parties
  that take part give opinions, on decisions that are not yet taken.
- Equal standing: "Ideeën en meningen van bewoners zijn net zo belangrijk als die van
  organisaties": every party's opinion counts once; giving it again replaces it.
- Attendees of a meeting are parties.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from . import fields as f
from .errors import RuleViolation, Wording
from .state import Context, CooperationState, DecisionRecord, MeetingRecord, Outcome, applies, handles
from .values import MeetingKind, Stance

# --- commands --------------------------------------------------------------------


@attrs.frozen
class RecordMeeting:
    kind: MeetingKind = f.choice(MeetingKind)
    held_on: dt.date = f.required_date()
    title: str = f.optional_text()
    attendees: tuple[str, ...] = f.refs()
    minutes: str = f.optional_text(f.LONG)
    location: str = f.optional_text()
    # Minutes are public; people's words in them can be kept among the members.
    minutes_members_only: bool = f.flag()


@attrs.frozen
class ProposeDecision:
    """Put a decision on the table, so parties can give their opinion first."""

    subject: str = f.text()
    text: str = f.text(f.LONG)
    on: dt.date | None = f.optional_date()


@attrs.frozen
class GiveOpinion:
    decision: str = f.text()
    party: str = f.text()
    stance: Stance = f.choice(Stance)
    comment: str = f.optional_text(f.LONG)
    on: dt.date | None = f.optional_date()


@attrs.frozen
class RecordDecision:
    """A decision taken at a meeting; ``decision`` names a proposal it settles."""

    meeting: str = f.text()
    subject: str = f.text()
    text: str = f.text(f.LONG)
    decision: str | None = f.optional_ref()


# --- events ----------------------------------------------------------------------


@attrs.frozen
class MeetingHeld:
    """Version 2 added ``location``; stored version-1 events get an empty one.
    Version 3 added ``minutes_members_only``; minutes stored before were public."""

    class_version = 3

    meeting_id: str
    kind: MeetingKind
    held_on: dt.date
    title: str
    attendee_ids: tuple[str, ...]
    minutes: str
    location: str = ""
    minutes_members_only: bool = False

    @staticmethod
    def upcast_v1_v2(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "location": ""}

    @staticmethod
    def upcast_v2_v3(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "minutes_members_only": False}


@attrs.frozen
class DecisionProposed:
    decision_id: str
    subject: str
    text: str
    proposed_on: dt.date


@attrs.frozen
class OpinionGiven:
    decision_id: str
    party_id: str
    stance: Stance
    comment: str = attrs.field(metadata=f.PERSONAL)
    given_on: dt.date


@attrs.frozen
class DecisionTaken:
    decision_id: str
    meeting_id: str
    subject: str
    text: str
    taken_on: dt.date


# --- rules -----------------------------------------------------------------------


@handles(RecordMeeting)
def record_meeting(state: CooperationState, cmd: RecordMeeting, ctx: Context) -> Outcome:
    state.check_date(cmd.held_on, ctx.today)
    attendee_ids = tuple(state.party(ref).party_id for ref in cmd.attendees)
    if len(set(attendee_ids)) != len(attendee_ids):
        raise RuleViolation("input.duplicate_items", field=Wording("aanwezigen", "attendees"))
    meeting_id = state.next_id("meeting")
    fact = MeetingHeld(
        meeting_id, cmd.kind, cmd.held_on, cmd.title.strip(), attendee_ids, cmd.minutes.strip(), cmd.location.strip(),
        cmd.minutes_members_only,
    )
    return Outcome((fact,), meeting_id)


@handles(ProposeDecision)
def propose(state: CooperationState, cmd: ProposeDecision, ctx: Context) -> Outcome:
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    decision_id = state.next_id("decision")
    return Outcome((DecisionProposed(decision_id, cmd.subject.strip(), cmd.text.strip(), on),), decision_id)


@handles(GiveOpinion)
def give_opinion(state: CooperationState, cmd: GiveOpinion, ctx: Context) -> Outcome:
    decision = state.decision(cmd.decision)
    if decision.taken:
        raise RuleViolation("decision.already_taken", **decision.named())
    party = state.active_party(cmd.party)
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    fact = OpinionGiven(decision.decision_id, party.party_id, cmd.stance, cmd.comment.strip(), on)
    return Outcome((fact,), decision.decision_id)


@handles(RecordDecision)
def record_decision(state: CooperationState, cmd: RecordDecision, ctx: Context) -> Outcome:
    meeting = state.meeting(cmd.meeting)
    if cmd.decision is not None:
        proposal = state.decision(cmd.decision)
        if proposal.taken:
            raise RuleViolation("decision.already_taken", **proposal.named())
        decision_id = proposal.decision_id
    else:
        decision_id = state.next_id("decision")
    fact = DecisionTaken(decision_id, meeting.meeting_id, cmd.subject.strip(), cmd.text.strip(), meeting.held_on)
    return Outcome((fact,), decision_id)


# --- how the facts change the state ------------------------------------------------


@applies(MeetingHeld)
def _held(state: CooperationState, fact: MeetingHeld) -> None:
    state.meetings[fact.meeting_id] = MeetingRecord(fact.meeting_id, fact.kind, fact.held_on)
    state.count(fact.meeting_id)


@applies(DecisionProposed)
def _proposed(state: CooperationState, fact: DecisionProposed) -> None:
    state.decisions[fact.decision_id] = DecisionRecord(fact.decision_id, fact.subject, taken=False)
    state.count(fact.decision_id)


@applies(OpinionGiven)
def _opinion(state: CooperationState, fact: OpinionGiven) -> None:
    pass  # opinions are counted in the read models, once per party


@applies(DecisionTaken)
def _taken(state: CooperationState, fact: DecisionTaken) -> None:
    state.decisions[fact.decision_id] = DecisionRecord(
        fact.decision_id, fact.subject, taken=True, meeting_id=fact.meeting_id
    )
    state.count(fact.decision_id)
