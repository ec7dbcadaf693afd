"""The small values of a round and of an election read from a pabulib file.

Here, below ``rounds`` and ``pabulib``: a round is opened from an election read from a
file, and a file is written from a round, so both read these values and neither imports
the other for them.
"""

from __future__ import annotations

import attrs

from ..values import Money


@attrs.frozen
class FundShare:
    """How much a round draws from one source (of the round's year)."""

    source: str
    amount: Money


@attrs.frozen
class CategoryLimit:
    """At most ``amount`` goes to the proposals of ``category`` together."""

    category: str
    amount: Money


@attrs.frozen
class ImportedBallot:
    voter_id: str  # the voter id in the file: not a party
    approvals: tuple[str, ...]


@attrs.frozen
class PabulibProject:
    project_id: str
    cost: Money
    name: str
    categories: tuple[str, ...]
    selected: bool | None  # the official outcome, when the file has a 'selected' column
    extra: tuple[tuple[str, str], ...]  # other columns, in file order


@attrs.frozen
class PabulibElection:
    meta: tuple[tuple[str, str], ...]
    budget: Money
    rule: str
    description: str
    year: int | None
    category_limits: tuple[CategoryLimit, ...]
    max_approvals: int | None
    projects: tuple[PabulibProject, ...]
    ballots: tuple[ImportedBallot, ...]

    def meta_value(self, key: str) -> str | None:
        return dict(self.meta).get(key)

    @property
    def official_winners(self) -> frozenset[str] | None:
        """The projects the file marks as selected, or None without a 'selected' column."""
        if all(p.selected is None for p in self.projects):
            return None
        return frozenset(p.project_id for p in self.projects if p.selected)


__all__ = ["CategoryLimit", "FundShare", "ImportedBallot", "PabulibElection", "PabulibProject"]
