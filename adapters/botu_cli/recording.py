"""Giving commands to the library: the one path by which the command line records, and
the mark of every command that records (``@records``), so none of them runs under
--as-of."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from .output import done
from .state import state
from .texts import CliError

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


def execute(command: object, nl: str, en: str) -> None:
    """Give a command (already made, so its input is checked) to the library."""
    refuse_under_as_of()
    run = state()
    result = run.app().execute(run.coop, command)
    done(result, nl, en)
