"""Minutes are public unless marked members-only: then the public (and its log) sees
that there are minutes, not what they say; members read them."""

from __future__ import annotations

from botu_core import Cooperations, MeetingKind, RecordMeeting
from factories import D, cooperation

SECRET = "Ann vertelde over haar schulden."


def record(app: Cooperations, members_only: bool) -> tuple[str, str]:
    ids = cooperation(app)
    meeting = str(app.execute(ids["coop"], RecordMeeting(kind=MeetingKind.PLENARY, held_on=D(2021, 10, 5),
                                                         minutes=SECRET, minutes_members_only=members_only)))
    return ids["coop"], meeting


def test_members_only_minutes_are_hidden_from_the_public(memory_app: Cooperations) -> None:
    coop, meeting = record(memory_app, members_only=True)
    public = next(m for m in memory_app.view_as("public").meetings(coop) if m.id == meeting)
    assert public.minutes == "" and public.minutes_members_only
    member = next(m for m in memory_app.view_as("member").meetings(coop) if m.id == meeting)
    assert member.minutes == SECRET and member.minutes_members_only
    assert SECRET not in str(memory_app.view_as("public").log(coop))
    assert SECRET in str(memory_app.view_as("member").log(coop))


def test_minutes_are_public_by_default(memory_app: Cooperations) -> None:
    coop, meeting = record(memory_app, members_only=False)
    public = next(m for m in memory_app.view_as("public").meetings(coop) if m.id == meeting)
    assert public.minutes == SECRET and not public.minutes_members_only
    assert SECRET in str(memory_app.view_as("public").log(coop))
    assert RecordMeeting(kind=MeetingKind.PLENARY, held_on=D(2021, 1, 1)).minutes_members_only is False


def test_the_yearly_report_leaves_members_only_minutes_out_unless_personal(memory_app: Cooperations) -> None:
    coop, _meeting = record(memory_app, members_only=True)
    assert SECRET not in memory_app.audit.report(coop, 2021)
    assert "(alleen voor leden" in memory_app.audit.report(coop, 2021)
    assert SECRET in memory_app.audit.report(coop, 2021, personal=True)
