"""What `botu` prints: tables and details for people, one JSON document for scripts,
coded errors (Dutch or English) and the exit codes they give.

Exit codes: 0 done; 1 a rule of the agreement refused the command (or something named
does not exist); 2 bad usage or input that could not be read; 3 the store could not be
reached or is damaged. With ``--json`` stdout holds exactly one JSON document (also for
errors: an object with ``code`` and ``message``); messages for people go to stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from botu_core import BotuError, ConcurrencyConflict, InvalidInput, Money, RuleViolation, StoreError, to_json_data

from .state import State, state
from .texts import CliError, say


def t(nl: str, en: str) -> str:
    """The text in the language of the run."""
    return say(state().lang, nl, en)


def out() -> Console:
    width = None if sys.stdout.isatty() else 120
    return Console(file=sys.stdout, markup=False, highlight=False, width=width, soft_wrap=False)


def err() -> Console:
    return Console(file=sys.stderr, markup=False, highlight=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def show_verdict(data: Any, ok: bool, found: list[str], problem: str, exit_code: int) -> None:
    """The answer of a check (verify, a receipt, a certificate): its JSON with --json, else
    what it found (stdout) or what is wrong (stderr); exit ``exit_code`` when not ok."""
    if state().json:
        print_json(to_json_data(data))
    elif ok:
        for line in found:
            out().print(line)
    else:
        err().print(problem)
    if not ok:
        raise click.exceptions.Exit(exit_code)


def money(value: Money) -> str:
    return value.show(state().lang)


def table(*headers: str, right: tuple[int, ...] = ()) -> Table:
    grid = Table(show_header=True, header_style="bold", show_lines=False)
    for i, header in enumerate(headers):
        grid.add_column(header, justify="right" if i in right else "left", overflow="fold")
    return grid


def details(rows: list[tuple[str, str]]) -> None:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for key, value in rows:
        grid.add_row(key, value)
    out().print(grid)


def show(data: Any, human: Callable[[], None]) -> None:
    """Print a view: as JSON with --json, else the way ``human`` prints it."""
    if state().json:
        print_json(to_json_data(data))
    else:
        human()


def done(result: str | None, nl: str, en: str) -> None:
    """After a command: its id on stdout (``{"id": …}`` with --json), a sentence on stderr."""
    if state().json:
        print_json({"id": result})
        return
    err().print(t("Gelukt: ", "Done: ") + t(nl, en))
    if result is not None:
        sys.stdout.write(f"{result}\n")


# --- errors ------------------------------------------------------------------------------


def exit_code(error: BotuError) -> int:
    if isinstance(error, StoreError):
        return 3
    if isinstance(error, InvalidInput):
        return 2
    if isinstance(error, RuleViolation | ConcurrencyConflict):
        return 1
    return 1


def report(run: State, error: BotuError, code: int) -> int:
    """The message on stderr; with --json also the error object on stdout. Returns ``code``."""
    message = error.message(run.lang)
    if run.json:
        data = error.to_dict()
        data["message"] = message
        data["exit_code"] = code
        print_json(data)
    sys.stderr.write(f"{say(run.lang, 'Fout', 'Error')}: {message}\n")
    return code


def usage_error(error: click.ClickException) -> CliError:
    """Click's complaint about the command line, as one of our coded errors."""
    ctx = getattr(error, "ctx", None)
    where = f"{ctx.command_path} --help" if ctx is not None else "botu --help"
    if isinstance(error, click.MissingParameter):
        param = error.param
        name = (param.opts[0] if param is not None and param.opts and param.param_type_name == "option"
                else (param.human_readable_name if param is not None else "?"))
        return CliError("cli.missing", param=name, help=where)
    if isinstance(error, click.NoSuchOption):
        return CliError("cli.no_such_option", option=error.option_name, help=where)
    if isinstance(error, click.BadParameter):
        option = error.param.opts[0] if error.param is not None and error.param.opts else "?"
        return CliError("cli.bad_value", param=option, detail=error.message)
    message = error.format_message()
    if message.startswith("No such command"):
        name = message.split("'")[1] if "'" in message else message
        return CliError("cli.no_such_command", name=name, help=where)
    if message.startswith("Got unexpected extra argument"):
        extra = message.split("(", 1)[-1].rstrip(")") if "(" in message else message
        return CliError("cli.extra_arguments", args=extra)
    return CliError("cli.usage", detail=message, help=where)
