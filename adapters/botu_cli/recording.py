"""Giving commands to the library: the one path by which the command line records, and
the mark of every command that records (``@records``), so none of them runs under
--as-of.

With ``--dry-run`` every command goes to the library as a dry run: decided by the same
rules, nothing recorded, and the events it would record printed instead."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from botu_core import DryRun, to_json_data

from .output import done, err, out, print_json, t, table
from .state import state
from .texts import CliError, show_date

F = TypeVar("F", bound=Callable[..., Any])


def refuse_under_as_of() -> None:
    """--as-of looks back: nothing may be recorded under it."""
    if state().as_of is not None:
        raise CliError("cli.as_of_read_only")


def records(command: F) -> F:
    """Mark a command that records (in the log, the accounts or a file): under --as-of
    it is refused before it reads its arguments' files or opens the store."""

    @functools.wraps(command)
    def refusing_in_the_past(*args: Any, **kwargs: Any) -> Any:
        refuse_under_as_of()
        return command(*args, **kwargs)

    return refusing_in_the_past  # type: ignore[return-value]


def refuse_dry_run() -> None:
    """For what cannot be tried without recording: refused, rather than recorded."""
    if state().dry_run:
        raise CliError("cli.dry_run_unsupported")


def execute(command: object, nl: str, en: str, *, progress: Callable[[int, int], None] | None = None) -> None:
    """Give a command (already made, so its input is checked) to the library."""
    refuse_under_as_of()
    run = state()
    if run.dry_run:
        planned(run.app().execute(run.coop, command, progress=progress, dry_run=True))
        return
    result = run.app().execute(run.coop, command, progress=progress)
    done(result, nl, en)


def planned(dry: DryRun) -> None:
    """What a dry run would record: as JSON with --json, else a table, and that nothing was."""
    if state().json:
        print_json({"dry_run": True, "result": dry.result, "events": [_event(e) for e in dry.events]})
        return
    grid = table("#", t("gebeurtenis", "event"), t("datum", "date"), t("gegevens", "data"), right=(0,))
    for e in dry.events:
        grid.add_row(str(e.version), e.type, show_date(e.date, state().lang), _fields(e.data))
    out().print(grid)
    err().print(t("Proefrun: er is niets vastgelegd.", "Dry run: nothing was recorded.")
                + ("" if dry.events else " " + t("(Er zou niets vastgelegd worden.)", "(Nothing would be recorded.)")))


def _event(event: Any) -> dict[str, Any]:
    return {"version": event.version, "type": event.type, "date": event.date.isoformat(), "data": event.data}


def _fields(data: dict[str, Any]) -> str:
    return ", ".join(f"{k}={to_json_data(v)}" for k, v in data.items() if k not in ("type", "v"))
