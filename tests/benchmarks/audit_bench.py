"""The transparency log in the benchmark: what the tree costs a command, and its proofs.

- ``tree_append_per_s``: leaves appended one event at a time, as a command appends its
  event (``TreeStore.append`` reading the subtrees it needs from the table), inside
  transactions of ``GROUP`` appends so the commit, which the command pays anyway, is
  not counted. ``tree_cost_ratio`` = ``command_per_s / tree_append_per_s``: the share
  of a command's time the tree takes (goal: ≤ 10%).
- ``proofs``: for trees of each size, the inclusion and consistency proofs' size (the
  largest made: the RFC 9162 path, 32 bytes a hash, and the JSON that ``botu --json
  audit prove`` / ``consistency`` prints, hex) and the median time to make one from the
  stored table (ms). The leaves are synthetic (proofs depend
  only on the tree's shape); the table is filled in bulk, as the chain would have.
"""

from __future__ import annotations

import hashlib
import json
import random
import statistics
import time
import uuid
from pathlib import Path
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import create_engine, insert

from botu_core import Cooperations
from botu_core.merkle import MemoryTree
from botu_core.audit.tree import ConsistencyProof, InclusionProof, TreeStore, tree_table

T = TypeVar("T")
GROUP = 50
PROOFS = 30  # proofs of each kind made per size (the median counts)
ROWS = 20_000  # rows per insert while filling a big tree


class _Event:
    """A stored event as the tree reads it: a plain JSON envelope."""

    def __init__(self, version: int) -> None:
        self.originator_version = version
        self.topic = "IndicatorMeasured"
        self.state = json.dumps({"event": {"value": str(version)}, "recorded_at": "2026-11-26T12:00:00+00:00",
                                 "actor": "owner"}).encode()


def tree_append_rate(app: Cooperations, seconds: float) -> float:
    """Leaves per second appended one at a time to a fresh cooperation's tree."""
    tree: TreeStore = app.audit.tree
    coop = uuid.uuid4()
    size = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        with app.read_models.engine.begin() as conn:
            for _ in range(GROUP):
                tree.append(conn, coop, size, [_Event(size + 1)])
                size += 1
    return size / (time.perf_counter() - started)


def _filled(folder: Path, size: int) -> tuple[TreeStore, uuid.UUID]:
    engine = create_engine(f"sqlite:///{folder / f'tree-{size}.db'}")
    store = TreeStore(engine, lambda state: state)
    coop = uuid.uuid4()
    tree = MemoryTree([hashlib.sha256(b"\x00" + i.to_bytes(8, "big")).digest() for i in range(size)])
    rows = ({"coop_id": str(coop), "level": level, "idx": index, "hash": node}
            for level, nodes in enumerate(tree.levels) for index, node in enumerate(nodes))
    with engine.begin() as conn:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == ROWS:
                conn.execute(insert(tree_table), batch)
                batch = []
        if batch:
            conn.execute(insert(tree_table), batch)
    return store, coop


def _largest(seen: dict[str, int], kind: str, hashes: int, shown: dict[str, object]) -> None:
    """The proof as RFC 9162 defines it (its hashes, 32 bytes each), and as botu prints it (JSON, hex)."""
    seen[f"{kind}_bytes"] = max(seen[f"{kind}_bytes"], 32 * hashes)
    seen[f"{kind}_json_bytes"] = max(seen[f"{kind}_json_bytes"], len(json.dumps(shown)))


def _timed(make: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    made = make()
    return made, time.perf_counter() - started


def _median_ms(timings: list[float]) -> float:
    return round(statistics.median(timings) * 1000, 3)


def proof_figures(folder: Path, sizes: list[int], seed: int) -> dict[str, dict[str, float]]:
    """Per tree size: proof bytes (the largest made) and median milliseconds to make one."""
    rng = random.Random(seed)
    figures: dict[str, dict[str, float]] = {}
    for size in sizes:
        store, coop = _filled(folder, size)
        inclusion_ms: list[float] = []
        consistency_ms: list[float] = []
        sizes_seen = {"inclusion_bytes": 0, "inclusion_json_bytes": 0, "consistency_bytes": 0, "consistency_json_bytes": 0}
        for _ in range(PROOFS):
            index, old = rng.randrange(size), rng.randrange(1, size + 1)
            (leaf, path, root), seconds = _timed(lambda: store.inclusion(coop, index, size))
            inclusion_ms.append(seconds)
            proof = InclusionProof(index, size, leaf, path, root)
            assert proof.check()
            _largest(sizes_seen, "inclusion", len(path), proof.to_dict())
            (old_root, new_root, steps), seconds = _timed(lambda: store.consistency(coop, old, size))
            consistency_ms.append(seconds)
            consistency = ConsistencyProof(old, size, old_root, new_root, steps)
            assert consistency.check()
            _largest(sizes_seen, "consistency", len(steps), consistency.to_dict())
        store.engine.dispose()
        figures[str(size)] = {**sizes_seen, "inclusion_ms": _median_ms(inclusion_ms), "consistency_ms": _median_ms(consistency_ms)}
    return figures
