"""Verify a cooperation's log: recompute the chain from the stored events and compare.

Pure functions over stored events, chain links and a published head; the ``Audit``
service feeds them from the store. The first position where something is wrong is
reported with what is wrong, in Dutch and English.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import attrs

from .chain import ChainLink, chain_rows, compute_links, link_of
from .heads import Head, PublishedHead
from .messages import texts


@attrs.frozen
class Verification:
    cooperation_id: str
    ok: bool
    events: int  # stored events read and hashed
    first_bad_position: int | None  # None when ok
    problem_code: str | None = None
    problem: str | None = None  # Dutch
    problem_en: str | None = None
    head: Head | None = None  # the head of the stored log as recomputed (None when empty)
    tree_size: int | None = None  # the transparency log recomputed from the stored bytes
    root_hash: str | None = None
    checkpoint_size: int | None = None  # the largest checkpoint the log matches
    witnessed: tuple[tuple[str, int], ...] = ()  # (witness, largest size it cosigned) the log matches

    def to_dict(self) -> dict[str, object]:
        return {
            "cooperation": self.cooperation_id,
            "ok": self.ok,
            "events": self.events,
            "first_bad_position": self.first_bad_position,
            "problem": self.problem,
            "problem_en": self.problem_en,
            "problem_code": self.problem_code,
            "head": None if self.head is None else self.head.to_dict(),
            "tree_size": self.tree_size,
            "root_hash": self.root_hash,
            "checkpoint_size": self.checkpoint_size,
            "witnesses": [{"name": name, "size": size} for name, size in self.witnessed],
        }


def _bad(coop: UUID, events: int, position: int, code: str, head: Head | None, **params: object) -> Verification:
    nl, en = texts(code, position=position, **params)
    return Verification(str(coop), False, events, position, code, nl, en, head)


def recomputed_links(coop: UUID, stored: Sequence[Any]) -> tuple[list[ChainLink], int | None]:
    """Links over the gap-free start of ``stored``, and the first missing position (or None)."""
    prefix: list[Any] = []
    for expected, event in enumerate(stored, start=1):
        if int(event.originator_version) != expected:
            return compute_links(coop, prefix), expected
        prefix.append(event)
    return compute_links(coop, prefix), None


def verify_log(
    coop: UUID,
    stored: Sequence[Any],
    chain: Sequence[tuple[Any, ...]],
    published: PublishedHead | None = None,
) -> Verification:
    """Compare the stored events (in version order) with the chain table (its rows, as
    ``ChainStore.link_rows`` gives them: position, event digest, digest) and a published head."""
    kept_rows = list(chain)
    if published is None and all(int(event.originator_version) == n for n, event in enumerate(stored, start=1)):
        # The common case, in plain tuples: every event recomputed and hashed, and the whole
        # table equal to it. Anything else is judged (and explained) below.
        recomputed = chain_rows(coop, stored)
        if recomputed == kept_rows:
            head = Head(str(coop), recomputed[-1][0], recomputed[-1][2]) if recomputed else None
            return Verification(str(coop), True, len(stored), None, head=head)
    kept = [link_of(row) for row in kept_rows]
    links, gap = recomputed_links(coop, stored)
    head = Head(str(coop), links[-1].position, links[-1].digest) if links else None
    count = len(stored)
    recorded = {link.position: link for link in kept}
    first_table_difference = _first_table_difference(links, recorded)

    if published is not None:
        problem = _check_published(coop, count, links, gap, published, first_table_difference, head)
        if problem is not None:
            return problem

    if first_table_difference is not None:
        return _explain(coop, count, first_table_difference, stored, links, recorded, head)
    if gap is not None:
        return _bad(coop, count, gap, "audit.event_missing", head)
    if len(kept) > len(links):
        return _bad(
            coop, count, len(links) + 1, "audit.events_missing_at_end", head, chained=len(kept), stored=len(links)
        )
    if len(links) > len(kept):
        extra = links[len(kept)]
        copied = [link.position for link in links[: len(kept)] if link.event_digest == extra.event_digest]
        if copied:
            return _bad(coop, count, extra.position, "audit.event_duplicated", head, was=copied[-1])
        return _bad(coop, count, len(kept) + 1, "audit.event_not_chained", head)
    return Verification(str(coop), True, count, None, head=head)


def _first_table_difference(links: Sequence[ChainLink], recorded: dict[int, ChainLink]) -> int | None:
    for link in links:
        kept = recorded.get(link.position)
        if kept is not None and kept.digest != link.digest:
            return link.position
    return None


def _explain(
    coop: UUID,
    count: int,
    position: int,
    stored: Sequence[Any],
    links: Sequence[ChainLink],
    recorded: dict[int, ChainLink],
    head: Head | None,
) -> Verification:
    """Say what most likely happened at ``position``, where the digests first differ."""
    now = links[position - 1].event_digest
    was = recorded[position].event_digest
    where_now_was = [p for p, link in recorded.items() if link.event_digest == now and p != position]
    after = links[position].event_digest if position < len(links) else None
    if where_now_was:
        moved_from = min(where_now_was, key=lambda p: abs(p - position))
        if moved_from == position + 1 and recorded.get(position + 1) and after != was:
            return _bad(coop, count, position, "audit.event_removed_renumbered", head)
        return _bad(coop, count, position, "audit.event_moved", head, was=moved_from)
    if after is not None and after == was:
        return _bad(coop, count, position, "audit.event_inserted", head)
    return _bad(coop, count, position, "audit.event_changed", head)


def _check_published(
    coop: UUID,
    count: int,
    links: Sequence[ChainLink],
    gap: int | None,
    published: PublishedHead,
    first_table_difference: int | None,
    head: Head | None,
) -> Verification | None:
    if published.position is not None:
        if published.position > len(links):
            if gap is not None:
                return _bad(coop, count, gap, "audit.event_missing", head)
            return _bad(coop, count, len(links) + 1, "audit.head_beyond_log", head, head_position=published.position)
        if published.matches(links[published.position - 1].digest):
            return None
        # The table may still show where; if it was rewritten too, the head's position is all we know.
        where = published.position
        if first_table_difference is not None and first_table_difference < where:
            where = first_table_difference
        return _bad(coop, count, where, "audit.head_mismatch", head, head_position=published.position)
    if any(published.matches(link.digest) for link in links):
        return None
    where = first_table_difference if first_table_difference is not None else 1
    nl, en = texts("audit.head_not_found", head=published.digest_prefix[:16])
    return Verification(str(coop), False, count, where, "audit.head_not_found", nl, en, head)
