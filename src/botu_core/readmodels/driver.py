"""Statements built with SQLAlchemy, run on SQLite's own cursor where it counts.

A command writes a handful of small statements and a rebuild a few per thousand
events; on SQLite, SQLAlchemy's work per statement (execution context, result object)
and per row cost more than SQLite's own. Here a statement is compiled by SQLAlchemy
once, and each run hands the driver the SQL and the values, converted by the bind
processors SQLAlchemy itself would have used (dates, booleans). Other databases go
through SQLAlchemy as usual. Use it inside a transaction SQLAlchemy began: the cursor
belongs to that connection and takes part in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.compiler import SQLCompiler


class _Compiled:
    """A statement compiled for one dialect: its SQL, and each row's values in order,
    converted by the bind processors SQLAlchemy would have used."""

    def __init__(self, statement: Executable, dialect: Dialect) -> None:
        compiled = cast(SQLCompiler, cast(ClauseElement, statement).compile(dialect=dialect))
        self.sql = compiled.string
        names = list(compiled.positiontup or [])
        binds = [compiled.binds[name] for name in names]
        self.names = names
        self.processors: list[tuple[str, Callable[[Any], Any] | None]] = [
            (name, bind.type.bind_processor(dialect)) for name, bind in zip(names, binds, strict=True)
        ]
        # Values written into the statement itself (``.where(name == "read_models")``).
        self.fixed = {name: bind.effective_value for name, bind in zip(names, binds, strict=True) if not bind.required}

    def rows(self, params: Iterable[dict[str, Any]]) -> list[tuple[Any, ...]]:
        if self.fixed:
            params = [{**self.fixed, **row} for row in params]
        pairs = self.processors
        if not any(p for _, p in pairs):
            names = self.names
            return [tuple(row[name] for name in names) for row in params]
        return [tuple(p(row[name]) if p else row[name] for name, p in pairs) for row in params]


# For statements built once (module or instance attributes), never per call.
_COMPILED: dict[tuple[Executable, str], _Compiled] = {}


def _compiled(statement: Executable, dialect: Dialect) -> _Compiled:
    found = _COMPILED.get((statement, dialect.name))
    if found is None:
        found = _COMPILED[(statement, dialect.name)] = _Compiled(statement, dialect)
    return found


def run_many(conn: Connection, statement: Executable, rows: list[dict[str, Any]]) -> None:
    """``conn.execute(statement, rows)``: an executemany without results."""
    if conn.dialect.name != "sqlite":
        conn.execute(statement, rows)
        return
    compiled = _compiled(statement, conn.dialect)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(compiled.sql, compiled.rows(rows))
    finally:
        cursor.close()


def run(conn: Connection, statement: Executable, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """``conn.execute(statement, params)``: the rows it returns, as tuples."""
    if conn.dialect.name != "sqlite":
        result = conn.execute(statement, params or {})
        return [tuple(row) for row in result] if result.returns_rows else []
    compiled = _compiled(statement, conn.dialect)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(compiled.sql, compiled.rows([params or {}])[0])
        return list(cursor.fetchall())
    finally:
        cursor.close()
