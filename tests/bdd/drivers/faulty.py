"""A deliberately broken driver, to show that a broken adapter makes scenarios fail.

It behaves like an adapter that swallows botu's refusals: the command looks as if it
worked, and the person never sees the Dutch message. It also shows the budget's
``left`` without the allocations taken off. Only the unit tests
``test_faulty_driver.py`` and ``test_capabilities.py`` select it
(``BOTU_BDD_DRIVERS=faulty``).

It also lacks a step on purpose (choosing coordinators), so ``test_capabilities.py``
can show that such scenarios are deselected for it, not skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from .base import Json, NotSupported, Refusal
from .library import LibraryDriver

T = TypeVar("T")


class FaultyDriver(LibraryDriver):
    name = "faulty"
    unsupported = frozenset({"choose_coordinators"})

    def choose_coordinators(self, parties: Sequence[str], decision: str | None = None) -> None:
        raise NotSupported("deze kapotte driver kan geen coördinatoren kiezen")

    def _run(self, make: Callable[[], T]) -> T:
        try:
            return super()._run(make)
        except Refusal:
            self.last_error = None
            return None  # type: ignore[return-value]

    def budget(self, year: int | None = None) -> list[Json]:
        return [dict(line, left=line["available"]) for line in super().budget(year)]
