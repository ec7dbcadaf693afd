"""A quick look at the log's tail, cheap enough for every opening of the store.

``verify`` recomputes every digest; that is for auditors. Every other opening of the
store (each CLI command, the web server's start) only checks what can be checked in a
few reads per cooperation, before any read model is caught up — so that nobody is
shown figures of a damaged log without being told, and so that a duplicated or
removed event never reaches the projections as "the truth":

- the number of stored events equals the last stored version (no row removed or
  duplicated in between);
- the chain's last link is still the digest of the stored event at that position
  (the last event unchanged, the log not cut short behind the chain's back);
- the log is not shorter than the latest checkpoint the store signed.

Whatever is wrong is raised as ``StoreError('audit.store_damaged')``, a message that
names ``botu audit verify``, which then finds the first bad position.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import select

from ..errors import StoreError
from .chain import GENESIS, _raw, chain_table, link_digest

if TYPE_CHECKING:
    from ..application import Cooperations


def damaged(coop: UUID | str, position: int, what: str) -> StoreError:
    return StoreError("audit.store_damaged", cooperation=str(coop), position=position, what=what)


def quick_check(app: Cooperations) -> None:
    """Raise ``audit.store_damaged`` when a cooperation's tail does not match its chain."""
    engine = app.read_models.engine
    with engine.connect() as conn, conn.begin():
        coops = [UUID(str(row[0])) for row in conn.execute(select(chain_table.c.coop_id).distinct())]
    for coop in coops:
        check_tail(app, coop)


def check_tail(app: Cooperations, coop: UUID) -> None:
    recorder = app.recorder
    audit = app.audit
    with app.read_models.engine.connect() as conn, conn.begin():
        links = conn.execute(
            select(chain_table.c.position, chain_table.c.digest)
            .where(chain_table.c.coop_id == str(coop))
            .order_by(chain_table.c.position.desc())
            .limit(2)
        ).all()
    last_stored = list(recorder.select_events(coop, desc=True, limit=1))
    stored_version = int(last_stored[0].originator_version) if last_stored else 0
    # Counted up to the last version read: another writer may append meanwhile, and its
    # new rows are not damage.
    stored_count = _count(app, coop, stored_version)
    if stored_count != stored_version:
        # A row removed (count too low) or an extra row where a version repeats.
        raise damaged(coop, min(stored_count, stored_version) + 1, "count")
    if links:
        chained = int(links[0].position)
        if stored_version < chained:
            raise damaged(coop, stored_version + 1, "truncated")
        previous = bytes.fromhex(links[1].digest) if len(links) > 1 else GENESIS
        at = list(recorder.select_events(coop, gt=chained - 1, lte=chained))
        if not at:
            raise damaged(coop, chained, "missing")
        event = at[0]
        digest = link_digest(previous, coop, chained, event.topic, _raw(event.state))
        if digest.hex() != links[0].digest:
            raise damaged(coop, chained, "changed")
    size = audit.checkpointed_size(coop)
    if size is not None and stored_version < size:
        raise damaged(coop, stored_version + 1, "truncated")


def _count(app: Cooperations, coop: UUID, up_to: int) -> int:
    """How many stored rows the cooperation has at versions up to ``up_to``."""
    recorder: Any = app.recorder
    table = getattr(recorder, "events_table_name", None)
    if app.settings.kind == "sqlite" and table:
        rows = recorder._fetch(
            f"SELECT COUNT(*) FROM {table} WHERE originator_id=? AND originator_version<=?", [coop.hex, up_to]
        )
        return int(rows[0][0])
    if app.settings.kind == "postgres" and table:
        from sqlalchemy import text

        schema = recorder.datastore.schema or "public"
        name = f'"{schema}"."{table}"'
        with app.read_models.engine.connect() as conn:
            return int(
                conn.execute(
                    text(f"SELECT COUNT(*) FROM {name} WHERE originator_id = :c AND originator_version <= :v"),
                    {"c": coop, "v": up_to},
                ).scalar_one()
            )
    return len(list(recorder.select_events(coop, lte=up_to)))

