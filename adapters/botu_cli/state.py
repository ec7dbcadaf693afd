"""The state of one run of `botu`: the global options and the store, opened only when a
command needs it.

``main`` makes one ``State`` per run and hands it to click as the context object; the
commands find it with ``state()``. Nothing here is a module-level global, so runs in
one process (tests, tools that embed the command line) never see each other's options.

Under --as-of the live store is out of reach: ``app()`` refuses, and the questions are
asked of ``reader()``, the read models as they were on that date. A command that would
ask today's store (because the library has no as-of form of its question) is refused,
never answered from today.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

import click

from botu_core import MEMBER, CooperationView, Cooperations, LogEntry, Reader

from .texts import CliError


class State:
    """Global options of one run, and the store, opened only when a command needs it."""

    def __init__(self, lang: str = "nl", json_output: bool = False,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self.clock = clock  # None: the library's own (the real time)
        self.db: str | None = None
        self.coop: str | None = None
        self.lang = lang
        self.json = json_output
        self.as_of: dt.date | None = None
        self.dry_run = False  # --dry-run: commands say what they would record, and record nothing
        self._app: Cooperations | None = None
        self._past: Reader | None = None

    def app(self, *, audit_only: bool = False) -> Cooperations:
        """The store; ``audit_only`` (the audit commands) opens it without checking or
        catching up anything, so a damaged log can be judged as it is stored. Under
        --as-of only the past may be read: refused."""
        if self.as_of is not None:
            raise CliError("cli.as_of_unsupported", command=_command_path())
        return self._live(audit_only=audit_only)

    def _live(self, *, audit_only: bool = False) -> Cooperations:
        if self._app is None:
            kwargs: dict[str, Any] = {"audit_only": audit_only}
            if self.clock is not None:
                kwargs["clock"] = self.clock
            self._app = Cooperations(self.db, **kwargs)
        return self._app

    def reader(self) -> Reader:
        """Where queries read, as the store's owner sees them (a member's view: contact
        details only with consent): the live read models, or with --as-of the read models
        as they were on that date (rebuilt apart by the library; the live ones stay)."""
        if self.as_of is None:
            return self.app().view_as(MEMBER)
        if self._past is None:
            self._past = self._live().view_as(MEMBER, as_of=self.as_of, cooperation=self.coop)
        return self._past

    def ask(self, query: str, *args: Any, **kwargs: Any) -> Any:
        """The reader's answer to ``query``; refused under --as-of when the library has
        no form of that question for the past."""
        method = getattr(self.reader(), query, None)
        if method is None and self.as_of is None:  # a question only the live store answers
            method = getattr(self.app(), query, None)
        if method is None:
            raise CliError("cli.as_of_unsupported", command=_command_path())
        return method(*args, **kwargs)

    def cooperations(self) -> list[CooperationView]:
        """Every cooperation in the store; with --as-of those founded by then, as they were."""
        live = self._live().cooperations()
        if self.as_of is None:
            return live
        past = []
        for coop in live:
            if coop.founded_on <= self.as_of:
                with self._live().as_of(coop.id, date=self.as_of) as then:
                    past.append(then.cooperation())
        return past

    def log(self, since: dt.date | None, until: dt.date | None) -> list[LogEntry]:
        """The log, filtered on the facts' own dates; with --as-of nothing after that date
        (the same dates the read models as of that date are built from)."""
        if self.as_of is not None:
            until = self.as_of if until is None else min(until, self.as_of)
        return self._live().view_as(MEMBER).log(self.coop, since=since, until=until)

    def close(self) -> None:
        if self._past is not None:
            self._past.close()
            self._past = None
        if self._app is not None:
            self._app.close()
            self._app = None


def state() -> State:
    """The state of the run in progress, from click's context (set by ``main``)."""
    found = click.get_current_context().find_object(State)
    if found is None:  # a command invoked outside ``main``: a bug in botu, not the user's
        raise RuntimeError("botu_cli: no State in the click context; run through botu_cli.main.main")
    return found


def _command_path() -> str:
    """'pb list' for the command being run (without the program's name)."""
    return click.get_current_context().command_path.partition(" ")[2]


def lang_from_env() -> str:
    """English when LANG (or LC_ALL, LC_MESSAGES) asks for it, else Dutch."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "nl"
    return "nl"
