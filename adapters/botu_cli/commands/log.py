"""`botu log`: the log, every event in order."""

from __future__ import annotations

from typing import Annotated

import typer

from ..inputs import date
from ..options import example, single
from ..output import out, show, t, table
from ..state import state
from ..texts import show_date, show_datetime

app = single()


@app.command("log", help="Het logboek: alle gebeurtenissen, in volgorde.  The log: every event, in order.",
             epilog=example("botu log --since 2021-09-01 --until 2021-12-31", "botu log --json"))
def log(
    since: Annotated[str | None, typer.Option("--since", help="Vanaf datum JJJJ-MM-DD.  From date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Tot en met datum JJJJ-MM-DD.  Until date.")] = None,
) -> None:
    entries = state().app().log(state().coop, since=date(since), until=date(until))

    def human() -> None:
        grid = table("#", t("gebeurtenis", "event"), t("datum", "date"), t("vastgelegd", "recorded"), right=(0,))
        for e in entries:
            grid.add_row(str(e.position), e.type, show_date(e.on, state().lang), show_datetime(e.timestamp, state().lang))
        out().print(grid)

    show(entries, human)
