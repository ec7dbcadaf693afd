"""The order the participatory rules break ties in, as the library gives it to pages."""

from __future__ import annotations

import attrs


def test_proposals_are_ranked_as_the_rules_break_ties() -> None:
    from botu_core import Money, ranked

    @attrs.frozen
    class Shown:
        id: str
        approvals: int
        cost: Money

    proposals = [Shown("proposal-10", 3, Money(500)), Shown("proposal-9", 3, Money(500)),
                 Shown("proposal-2", 3, Money(400)), Shown("proposal-1", 5, Money(900))]
    assert [p.id for p in ranked(proposals)] == ["proposal-1", "proposal-2", "proposal-9", "proposal-10"]
