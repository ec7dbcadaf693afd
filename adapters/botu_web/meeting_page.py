"""A page per meeting: who came, the minutes, what was decided there with the opinions
given, and the disagreements discussed. Names and free text pass through the privacy
``Reader`` for the viewer, as on the lists."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Template

from .pages import Page, page_get


@page_get("/meetings/{meeting_id:str}", name="meeting")
async def meeting_page(request: Request[Any, Any, Any], meeting_id: FromPath[str]) -> Template:
    page = Page(request)
    coop = page.require_coop()
    meeting = next((m for m in page.read.meetings(coop) if m.id == meeting_id), None)
    if meeting is None:
        raise NotFoundException()
    names = {p.id: p.name for p in page.read.parties(coop)}
    return page.render(
        "meeting.html",
        meeting=meeting,
        attendees=[names.get(party_id, party_id) for party_id in meeting.attendees],
        decisions=[d for d in page.read.decisions(coop) if d.meeting_id == meeting.id],
        disagreements=[d for d in page.read.disagreements(coop) if meeting.id in d.discussed_at],
        evaluations=[e for e in page.read.evaluations(coop) if e.meeting_id == meeting.id],
    )


def meeting_handlers() -> list[Any]:
    return [meeting_page]
