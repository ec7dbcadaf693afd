"""Drivers: the front ends of botu as the Dutch scenarios use them.

``DRIVERS`` maps a driver name to its ``DriverSpec``: the class (whose ``unsupported``
says which driver methods it lacks) and a factory ``(today) -> Driver``. The BDD suite
runs every scenario once per selected driver (``BOTU_BDD_DRIVERS``, comma separated;
default: ``DEFAULT_DRIVERS``), as separate pytest items (``[library]``, ``[cli]``, …).

A scenario that needs a step a driver lacks is deselected for that driver at collection
time and counted in the terminal summary (see ``capabilities.py``). A driver with a
``default_subset`` runs only those scenarios when it comes from the default list (the
real console script is slow to start); named in ``BOTU_BDD_DRIVERS`` it runs them all.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass

from .base import Driver, NotSupported, Refusal
from .cli import CliDriver
from .faulty import FaultyDriver
from .library import LibraryDriver
from .web import WebDriver


@dataclass(frozen=True)
class DriverSpec:
    cls: type[Driver]
    make: Callable[[dt.date], Driver]
    # Scenario names this driver runs when it was selected by default (None: all).
    default_subset: frozenset[str] | None = None

    @property
    def unsupported(self) -> frozenset[str]:
        return self.cls.unsupported


# The real console script in a subprocess costs ~1.5 s per command, so by default it runs
# a smoke subset: one scenario that founds a cooperation, lets parties join, adopts the
# agreement from a JSON file, reads the log, and is refused with a Dutch message with
# nothing recorded (seven commands). The full suite runs the same command line
# in-process (driver ``cli``); ``test_faulty_driver.py`` runs the script once more.
CLI_SCRIPT_SMOKE = frozenset({"Alleen wie meedoet, kan ondertekenen"})

# The web app served by uvicorn on a real socket: one scenario that writes, reads and is
# refused with a Dutch message. The full suite runs the same app in-process (``web``).
WEB_SERVER_SMOKE = frozenset({"Er gaat nooit meer geld uit dan er is"})

DRIVERS: dict[str, DriverSpec] = {
    "library": DriverSpec(LibraryDriver, LibraryDriver),
    "library-sqlite": DriverSpec(LibraryDriver, lambda today: LibraryDriver(today, url="sqlite-temp")),
    "cli": DriverSpec(CliDriver, CliDriver),
    "cli-script": DriverSpec(
        CliDriver, lambda today: CliDriver(today, runner="script"), default_subset=CLI_SCRIPT_SMOKE
    ),
    "web": DriverSpec(WebDriver, WebDriver),
    "web-server": DriverSpec(
        WebDriver, lambda today: WebDriver(today, transport="server"), default_subset=WEB_SERVER_SMOKE
    ),
    # Only for the unit test that proves a broken adapter makes scenarios fail.
    "faulty": DriverSpec(FaultyDriver, FaultyDriver),
}

DEFAULT_DRIVERS = ("library", "cli", "cli-script", "web", "web-server")


def drivers_from_env() -> bool:
    return bool(os.environ.get("BOTU_BDD_DRIVERS", "").strip())


def selected_drivers() -> list[str]:
    raw = os.environ.get("BOTU_BDD_DRIVERS", "").strip()
    names = [n.strip() for n in raw.split(",") if n.strip()] if raw else list(DEFAULT_DRIVERS)
    unknown = [n for n in names if n not in DRIVERS]
    if unknown:
        raise ValueError(f"unknown BDD driver(s) {unknown}; known: {sorted(DRIVERS)}")
    return names


def subset_for(name: str) -> frozenset[str] | None:
    """The scenario names ``name`` runs in this session (None: every scenario)."""
    return None if drivers_from_env() else DRIVERS[name].default_subset


__all__ = [
    "DEFAULT_DRIVERS",
    "DRIVERS",
    "CliDriver",
    "Driver",
    "DriverSpec",
    "FaultyDriver",
    "LibraryDriver",
    "NotSupported",
    "Refusal",
    "WebDriver",
    "selected_drivers",
    "subset_for",
]
