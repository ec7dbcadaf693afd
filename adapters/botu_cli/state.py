"""The state of one run of `botu`: the global options and the store, opened only when a
command needs it.

``main`` makes one ``State`` per run and hands it to click as the context object; the
commands find it with ``state()``. Nothing here is a module-level global, so runs in
one process (tests, tools that embed the command line) never see each other's options.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

import click

from botu_core import Cooperations


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
        self._app: Cooperations | None = None
        self._past: Any = None

    def app(self, *, audit_only: bool = False) -> Cooperations:
        """The store; ``audit_only`` (the audit commands) opens it without checking or
        catching up anything, so a damaged log can be judged as it is stored."""
        if self._app is None:
            kwargs: dict[str, Any] = {"audit_only": audit_only}
            if self.clock is not None:
                kwargs["clock"] = self.clock
            self._app = Cooperations(self.db, **kwargs)
        return self._app

    def reader(self) -> Any:
        """Where queries read: the live read models, or with --as-of the read models as
        they were on that date (rebuilt apart by the library; the live ones stay)."""
        if self.as_of is None:
            return self.app()
        if self._past is None:
            self._past = self.app().as_of(self.coop, date=self.as_of)
        return self._past

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


def lang_from_env() -> str:
    """English when LANG (or LC_ALL, LC_MESSAGES) asks for it, else Dutch."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "nl"
    return "nl"
