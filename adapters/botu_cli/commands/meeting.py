"""`botu meeting …`: plenary meetings, consultations and evaluation meetings."""

from __future__ import annotations

from typing import Annotated

import typer

from botu_core import MeetingKind, parse_date, RecordMeeting

from ..inputs import choice, year
from ..options import MEETING_KINDS, command, completer, group, OptionalYear
from ..output import out, show, t, table
from ..recording import execute
from ..state import state
from ..texts import label, show_date

app = group("Bijeenkomsten en overleg.", "Meetings and consultations.",
                    'botu meeting record --kind plenary --date 2021-09-15 --attendee "Gemeente Rotterdam"')


@command(app, "record", "Leg een bijeenkomst vast; toont het id.", "Record a meeting; prints its id.",
         'botu meeting record --kind consultation --date 2021-10-05 --attendee "Henk de Vries" --attendee party-1')
def meeting_record(
    kind: Annotated[str, typer.Option("--kind", help="Soort: plenary (bijeenkomst), consultation (overleg; "
                                      "'monthly' mag ook), evaluation (evaluatie).  Kind.",
                                      autocompletion=completer(MEETING_KINDS))],
    held_on: Annotated[str, typer.Option("--date", help="Datum JJJJ-MM-DD.  Date.")],
    attendee: Annotated[list[str] | None, typer.Option("--attendee", help="Aanwezige partij (vaker mag).  Attending party.")] = None,
    title: Annotated[str, typer.Option("--title", help="Titel.  Title.")] = "",
    minutes: Annotated[str, typer.Option("--minutes", help="Verslag.  Minutes.")] = "",
) -> None:
    command_ = RecordMeeting(kind=choice(MeetingKind, kind, "--kind"), held_on=parse_date(held_on), title=title,
                             attendees=tuple(attendee or ()), minutes=minutes)
    execute(command_, "de bijeenkomst is vastgelegd.", "the meeting was recorded.")


@command(app, "list", "Alle bijeenkomsten.", "All meetings.", "botu meeting list --year 2021")
def meeting_list(year_: OptionalYear = None) -> None:
    meetings = state().reader().meetings(state().coop, year(year_))

    def human() -> None:
        grid = table("id", t("datum", "date"), t("soort", "kind"), t("titel", "title"), t("aanwezig", "attendees"),
                     right=(4,))
        for m in meetings:
            grid.add_row(m.id, show_date(m.held_on, state().lang), label(m.kind, state().lang), m.title or "—", str(len(m.attendees)))
        out().print(grid)

    show(meetings, human)
