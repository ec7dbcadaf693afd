"""What each event's audit entry says besides the fact: who recorded it and, for a
decision or an allocation, which version of the agreement was in force.

Both sit in the stored envelope (``actor``, ``agreement_version``), so they are part of
the stored bytes the chain and the transparency log cover; the entry (``tree``) also
frames them apart, so an auditor reads them without decoding the payload. Events
recorded before the store kept them have neither (the export shows ``""`` and ``null``).
"""

from __future__ import annotations

from typing import Any

from ..permissions import Actor
from ..state import CooperationState

# The store's owner acts without an account (``actor=None``): the library itself, the CLI.
OWNER = "owner"

# The facts that decide or allocate: they are taken under the agreement in force.
AGREEMENT_BOUND = frozenset(
    {"DecisionProposed", "DecisionTaken", "BudgetAllocated", "AllocationWithdrawn", "RoundClosed"}
)


def recording_actor(actor: Actor | None) -> str:
    """The name an entry records for who gave the command: the account, or ``owner``."""
    if actor is None:
        return OWNER
    return actor.account or ""


def agreement_version_in_force(state: CooperationState, fact: Any) -> int | None:
    """The agreement version a decision or allocation is taken under (None for other
    facts, and before any agreement was adopted)."""
    if type(fact).__name__ not in AGREEMENT_BOUND or not state.versions:
        return None
    return state.current_version
