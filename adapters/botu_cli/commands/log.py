"""`botu log`: the log, every event in order; or, with ``--after``, the log by position."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from botu_core import MEMBER, PUBLIC, LogRecord, to_json_data

from ..inputs import date
from ..options import completer, example, single
from ..output import out, print_json, show, t, table
from ..state import state
from ..texts import CliError, show_date, show_datetime

app = single()


@app.command("log", help="Het logboek: alle gebeurtenissen, in volgorde.  The log: every event, in order.",
             epilog=example("botu log --since 2021-09-01 --until 2021-12-31", "botu log --json",
                            "botu log --after 120 --follow --jsonl"))
def log(
    since: Annotated[str | None, typer.Option("--since", help="Vanaf datum JJJJ-MM-DD.  From date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Tot en met datum JJJJ-MM-DD.  Until date.")] = None,
    after: Annotated[int | None, typer.Option(
        "--after", help="Alleen wat na deze plaats in het logboek kwam (de laatste die je verwerkte).  "
                        "Only what came after this log position (the last one you handled).")] = None,
    follow: Annotated[bool, typer.Option(
        "--follow", help="Wacht op nieuwe gebeurtenissen (stop met Ctrl-C).  Wait for new events (stop with Ctrl-C).")
    ] = False,
    jsonl: Annotated[bool, typer.Option(
        "--jsonl", help="Eén JSON-object per regel, per gebeurtenis.  One JSON object a line, per event.")] = False,
    audience: Annotated[str, typer.Option(
        "--audience", help="Persoonsgegevens zoals dit publiek ze ziet: public of member.  "
                           "Personal data as this audience sees it: public or member.",
        autocompletion=completer([PUBLIC, MEMBER]))] = PUBLIC,
) -> None:
    if after is not None or follow or jsonl:
        if since is not None or until is not None:
            raise CliError("cli.log_positions_or_dates")
        by_position(after or 0, follow=follow, jsonl=jsonl, audience=audience)
        return
    entries = state().log(since=date(since), until=date(until))

    def human() -> None:
        grid = table("#", t("gebeurtenis", "event"), t("datum", "date"), t("vastgelegd", "recorded"), right=(0,))
        for e in entries:
            grid.add_row(str(e.position), e.type, show_date(e.on, state().lang), show_datetime(e.timestamp, state().lang))
        out().print(grid)

    show(entries, human)


def by_position(after: int, *, follow: bool, jsonl: bool, audience: str) -> None:
    """The log after a position, as it is recorded (``--follow``: and as it comes)."""
    run = state()
    records = run.app().follow(after, cooperation=run.coop, audience=audience, wait=follow)
    if run.json and not jsonl:
        print_json(to_json_data(list(records)))
        return
    try:
        for record in records:
            sys.stdout.write((json.dumps(to_json_data(record), ensure_ascii=False) if jsonl else _line(record)) + "\n")
            sys.stdout.flush()  # a tool reading the pipe gets each event as it comes
    except KeyboardInterrupt:
        return  # Ctrl-C ends following; what was printed stands


def _line(record: LogRecord) -> str:
    lang = state().lang
    return f"{record.position}\t{record.type}\t{show_date(record.date, lang)}\t{show_datetime(record.recorded_at, lang)}"
