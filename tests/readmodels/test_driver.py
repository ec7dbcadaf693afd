"""``readmodels.driver``: statements on SQLite's own cursor write what SQLAlchemy writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Boolean, Column, Date, Integer, MetaData, String, Table, bindparam, create_engine, insert, select, update

from botu_core.readmodels import driver

metadata = MetaData()
rows_table = Table(
    "rows",
    metadata,
    Column("key", Integer, primary_key=True),
    Column("name", String(40)),
    Column("on", Date),
    Column("flag", Boolean),
    Column("count", Integer, nullable=False),
)
INSERT = insert(rows_table).values({c.name: bindparam(c.name) for c in rows_table.columns})
ADD = update(rows_table).where(rows_table.c.key == bindparam("k")).values(count=rows_table.c.count + bindparam("v"))
# A literal in the statement itself, next to a parameter.
FLAGGED = select(rows_table.c.key).where(rows_table.c.name != "nobody", rows_table.c.count >= bindparam("least"))

row = st.fixed_dictionaries(
    {
        "name": st.none() | st.text(max_size=40),
        "on": st.none() | st.dates(min_value=dt.date(1, 1, 1)),
        "flag": st.none() | st.booleans(),
        "count": st.integers(min_value=-(2**31), max_value=2**31),
    }
)


def table_rows(conn: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in conn.execute(select(rows_table).order_by(rows_table.c.key))]


@settings(max_examples=60, deadline=None)
@given(st.lists(row, min_size=1, max_size=20), st.integers(min_value=-5, max_value=5))
def test_the_driver_writes_and_reads_what_sqlalchemy_does(rows: list[dict[str, Any]], delta: int) -> None:
    numbered = [{"key": i, **r} for i, r in enumerate(rows)]
    results = []
    for use_driver in (False, True):
        engine = create_engine("sqlite://")
        metadata.create_all(engine)
        with engine.begin() as conn:
            if use_driver:
                driver.run_many(conn, INSERT, numbered)
                driver.run_many(conn, ADD, [{"k": r["key"], "v": delta} for r in numbered])
                flagged = [k for (k,) in driver.run(conn, FLAGGED, {"least": 0})]
            else:
                conn.execute(INSERT, numbered)
                conn.execute(ADD, [{"k": r["key"], "v": delta} for r in numbered])
                flagged = [k for (k,) in conn.execute(FLAGGED, {"least": 0})]
            results.append((table_rows(conn), sorted(flagged)))
        engine.dispose()
    assert results[0] == results[1]
    assert [r[0] for r in results[1][0]] == [r["key"] for r in numbered]
