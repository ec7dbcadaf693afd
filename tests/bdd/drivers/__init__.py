"""Drivers: the front ends of botu as the Dutch scenarios use them.

``DRIVERS`` maps a driver name to a factory ``(today) -> Driver``. The BDD suite runs
every scenario once per selected driver (``BOTU_BDD_DRIVERS``, comma separated;
default: every driver in ``default_drivers()``), as separate pytest items
(``[library]``, later ``[cli]`` and ``[web]``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

from .base import Driver, NotSupported, Refusal
from .faulty import FaultyDriver
from .library import LibraryDriver

DRIVERS: dict[str, Callable[[dt.date], Driver]] = {
    "library": LibraryDriver,
    "library-sqlite": lambda today: LibraryDriver(today, url="sqlite-temp"),
    # Only for the unit test that proves a broken adapter makes scenarios fail.
    "faulty": FaultyDriver,
}

DEFAULT_DRIVERS = ("library",)


def selected_drivers() -> list[str]:
    raw = os.environ.get("BOTU_BDD_DRIVERS", "").strip()
    names = [n.strip() for n in raw.split(",") if n.strip()] if raw else list(DEFAULT_DRIVERS)
    unknown = [n for n in names if n not in DRIVERS]
    if unknown:
        raise ValueError(f"unknown BDD driver(s) {unknown}; known: {sorted(DRIVERS)}")
    return names


__all__ = ["DRIVERS", "Driver", "FaultyDriver", "LibraryDriver", "NotSupported", "Refusal", "selected_drivers"]
