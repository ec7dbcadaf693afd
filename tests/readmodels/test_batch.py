"""``readmodels.batch``: the batch writer gives what the same changes give one statement
at a time, and reading through it sees its own pending changes (projections that read
a row before they write rely on that, in a command's batch as in a rebuild's)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select

from botu_core.readmodels.batch import Batch, Memo

metadata = MetaData()
rows_table = Table(
    "rows",
    metadata,
    Column("coop_id", String(36), primary_key=True),
    Column("key", Integer, primary_key=True),
    Column("name", String(40)),
    Column("group", Integer, nullable=False),
    Column("count", Integer, nullable=False, default=0),
)

KEYS = st.integers(0, 5)
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), KEYS, st.integers(0, 2)),
        st.tuples(st.just("update"), KEYS, st.integers(0, 2)),
        st.tuples(st.just("add"), KEYS, st.integers(-3, 3)),
        st.tuples(st.just("delete"), KEYS, st.just(0)),
        st.tuples(st.just("get"), KEYS, st.just(0)),
        st.tuples(st.just("exists"), KEYS, st.just(0)),
        st.tuples(st.just("rows"), st.just(0), st.integers(0, 2)),
        st.tuples(st.just("flush"), st.just(0), st.just(0)),
    ),
    max_size=40,
)


def stored(conn: Any) -> dict[int, dict[str, Any]]:
    return {row["key"]: dict(row) for row in conn.execute(select(rows_table)).mappings()}


@settings(max_examples=80, deadline=None)
@given(OPS)
def test_a_batch_reads_its_own_changes_and_writes_what_they_give_one_by_one(ops: list[tuple[str, int, int]]) -> None:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as conn:
        # A row that stands before the batch begins, as most rows of a command's batch do.
        conn.execute(rows_table.insert().values(coop_id="c", key=0, name="old", group=0, count=5))
        batch = Batch(conn, Memo(existing=(rows_table,)))
        model = stored(conn)  # the same changes, applied one at a time
        for n, (op, key, value) in enumerate(ops):
            k = ("c", key)
            if op == "insert" and key not in model:
                batch.insert(rows_table, coop_id="c", key=key, name=f"n{n}", group=value)
                model[key] = {"coop_id": "c", "key": key, "name": f"n{n}", "group": value, "count": 0}
            elif op == "update":
                batch.update(rows_table, k, name=f"u{n}", group=value)
                if key in model:
                    model[key].update(name=f"u{n}", group=value)
            elif op == "add":
                batch.add(rows_table, k, count=value)
                if key in model:
                    model[key]["count"] += value
            elif op == "delete":
                batch.delete(rows_table, k)
                model.pop(key, None)
            elif op == "get":
                assert batch.get(rows_table, k) == model.get(key)
            elif op == "exists":
                assert batch.exists(rows_table, k) == (key in model)
            elif op == "rows":
                found = sorted((r for r in batch.rows(rows_table, coop_id="c", group=value)), key=lambda r: r["key"])
                assert found == [model[i] for i in sorted(model) if model[i]["group"] == value]
            elif op == "flush":
                batch.flush()
        batch.flush()
        assert stored(conn) == model
    engine.dispose()
