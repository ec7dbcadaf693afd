"""Running `botu`: the console script and ``main(argv)`` for tools and tests.

The command tree is in ``app`` (global options) and ``commands/`` (one module per
group); printing and exit codes in ``output``. This module only reads the argument list,
runs the tree with a fresh ``State`` and turns every failure into a coded error.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Callable

import click
import typer

from botu_core import BotuError, StoreError

from .app import app
from .output import exit_code, report, usage_error
from .state import State, lang_from_env
from .texts import CliError

__all__ = ["app", "main", "run"]

GLOBAL_VALUE_OPTIONS = ("--db", "--coop", "--lang", "--as-of")
GLOBAL_FLAGS = ("--json", "--dry-run")


def hoist_global_options(args: list[str]) -> list[str]:
    """Move the global options to the front, so they work before and after the command."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name = arg.split("=", 1)[0]
        if arg in GLOBAL_FLAGS:
            front.append(arg)
        elif name in GLOBAL_VALUE_OPTIONS and "=" in arg:
            front.append(arg)
        elif arg in GLOBAL_VALUE_OPTIONS and i + 1 < len(args):
            front.extend((arg, args[i + 1]))
            i += 1
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _wanted_lang(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in ("nl", "en"):
            return args[i + 1]
        if arg in ("--lang=nl", "--lang=en"):
            return arg.split("=", 1)[1]
    return None


_COMMAND: click.Command | None = None


def _command() -> click.Command:
    """The click command tree, built from the Typer app once per process (building it is slow)."""
    global _COMMAND
    if _COMMAND is None:
        _COMMAND = typer.main.get_command(app)
    return _COMMAND


def main(argv: list[str] | None = None, *, clock: Callable[[], dt.datetime] | None = None) -> int:
    """Run the command line on ``argv`` (default: sys.argv); returns the exit code.
    ``clock`` (for tools that embed the command line, and tests) gives "now" instead
    of the real time: the date of commands without ``--on``, and what lies in the future."""
    args = hoist_global_options(list(sys.argv[1:] if argv is None else argv))
    run_state = State(lang=_wanted_lang(args) or lang_from_env(), json_output="--json" in args, clock=clock)
    try:
        try:
            result = _command().main(args=args, prog_name="botu", standalone_mode=False, obj=run_state)
        finally:
            run_state.close()
    except CliError as error:  # before BotuError: the command line's own errors carry their exit code
        return report(run_state, error, error.exit_code)
    except BotuError as error:
        return report(run_state, error, exit_code(error))
    except click.exceptions.Abort:
        return report(run_state, CliError("cli.aborted"), 1)
    except click.ClickException as error:
        return report(run_state, usage_error(error), 2)
    except (sqlite3.Error, OSError) as error:
        return report(run_state, StoreError("store.unavailable", detail=str(error)[:200]), 3)
    except Exception as error:  # noqa: BLE001 - a bug in botu: a short message, no traceback
        if os.environ.get("BOTU_DEBUG") == "1":
            raise
        return report(run_state, CliError("cli.internal", detail=f"{type(error).__name__}: {error}"[:200]), 1)
    return result if isinstance(result, int) else 0


def run() -> None:
    """The console script `botu`."""
    sys.exit(main())
