"""What a dishonest operator can do with the store it runs and the key it holds, behind
every front end: change an event's stored bytes, recompute the hash chain and the
transparency log's tree, drop the checkpoints kept, and sign a new one with the
cooperation's own key. Only what a witness kept outside the store shows it."""

from __future__ import annotations

import dataclasses
from uuid import UUID

from botu_core import Cooperations
from botu_core.audit import compute_links
from botu_core.audit.chain import chain_table
from botu_core.audit.checkpoints import checkpoint_table
from botu_core.merkle import MemoryTree
from botu_core.audit.tree import event_leaf, tree_table
from sqlalchemy import delete, insert


def _change_stored_event(app: Cooperations, coop: UUID, position: int, old: bytes, new: bytes) -> None:
    recorder: object = app.recorder
    table = getattr(recorder, "events_table_name", None)
    if table is None:  # the in-memory store of eventsourcing (POPO): its list of stored events
        stored = recorder._stored_events  # type: ignore[attr-defined]
        index = recorder._stored_events_index[str(coop)][position]  # type: ignore[attr-defined]
        assert old in stored[index].state
        stored[index] = dataclasses.replace(stored[index], state=stored[index].state.replace(old, new, 1))
        return
    with app.read_models.engine.begin() as conn:
        where = f"FROM {table} WHERE originator_id = ? AND originator_version = ?"
        state = bytes(conn.exec_driver_sql(f"SELECT state {where}", (coop.hex, position)).scalar_one())
        assert old in state
        conn.exec_driver_sql(f"UPDATE {table} SET state = ? WHERE originator_id = ? AND originator_version = ?",
                             (state.replace(old, new, 1), coop.hex, position))


def rewrite_history(app: Cooperations, cooperation: str, position: int, old: str, new: str) -> None:
    coop = app.audit.resolve(cooperation)
    _change_stored_event(app, coop, position, old.encode(), new.encode())
    stored = list(app.recorder.select_events(coop))
    links = compute_links(coop, stored)
    tree = MemoryTree([event_leaf(coop, event, app.audit._plain) for event in stored])
    with app.read_models.engine.begin() as conn:
        for table in (chain_table, tree_table, checkpoint_table):
            conn.execute(delete(table).where(table.c.coop_id == str(coop)))
        conn.execute(insert(chain_table), [
            {"coop_id": str(coop), "position": link.position, "event_digest": link.event_digest, "digest": link.digest}
            for link in links
        ])
        conn.execute(insert(tree_table), [
            {"coop_id": str(coop), "level": level, "idx": index, "hash": node}
            for level, nodes in enumerate(tree.levels) for index, node in enumerate(nodes)
        ])
    app.audit.chain._known = {}  # the chain writer's memory of the last link, now stale
    app.audit.checkpoint(coop)  # re-signed with the cooperation's key, which the operator holds
