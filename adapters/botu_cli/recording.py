"""Giving commands to the library: the one path by which the command line records."""

from __future__ import annotations

from .output import done
from .state import state
from .texts import CliError


def refuse_under_as_of() -> None:
    """--as-of looks back: nothing may be recorded under it."""
    if state().as_of is not None:
        raise CliError("cli.as_of_read_only")


def execute(command: object, nl: str, en: str) -> None:
    """Give a command (already made, so its input is checked) to the library."""
    refuse_under_as_of()
    run = state()
    result = run.app().execute(run.coop, command)
    done(result, nl, en)
