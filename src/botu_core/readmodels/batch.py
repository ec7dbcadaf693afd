"""The batch writer every projection writes through: one batch, a few ``executemany``.

Projecting event by event costs a statement (built, compiled, executed) per table
per event; that, not reading the log, was where catching up and rebuilding spent
their time. A ``Batch`` keeps the rows a batch of events changes in memory, keyed by
primary key, and writes them when the batch ends. The same projection functions
(``projector``) run on it for a command's own events (a batch of one command) and
for a catch-up or rebuild (batches of a thousand), so each event's effect on the
read models is written once:

- ``insert`` puts a new row in memory; later changes to it in the same batch change
  that dict, so it is inserted once, in its final state;
- ``update`` (set columns) and ``add`` (add to numeric columns) on a row that is
  not in memory are merged per row and written as one UPDATE per row, grouped into
  ``executemany`` by the columns they set;
- ``get`` reads a row as it stands *now*: the database row with the pending
  changes on top; ``exists`` and ``fixed`` answer from the ``Memo`` when they can;
- ``rows`` finds rows by other columns than their key (rare events: a party
  forgotten, coordinators chosen): it writes that table's pending changes first,
  so the database answers for the batch's own rows too;
- ``delete`` drops pending changes of the row and deletes it first at flush.

Statements of one table are flushed in the order delete, insert, update, add; the
read-model tables have no foreign keys or triggers, so the order between tables does
not matter. The result equals applying the events one by one, each flushed alone (a
test checks it).

On SQLite the statements run on the driver's cursor (``driver.run_many``).
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Connection, Table, and_, bindparam, delete, insert, select, update

from .driver import run_many

Key = tuple[Any, ...]


class _TableInfo:
    def __init__(self, table: Table) -> None:
        self.table = table
        self.pk = tuple(c.name for c in table.primary_key.columns)
        self.columns = tuple(c.name for c in table.columns)
        self.defaults = {
            c.name: cast(Any, c.default).arg
            for c in table.columns
            if c.default is not None and getattr(c.default, "is_scalar", False)
        }
        # Every inserted row names every column, so one executemany takes them all.
        self.blank = {name: None for name in self.columns} | self.defaults
        where = and_(*[table.c[name] == bindparam(f"k_{name}") for name in self.pk])
        self.where = where
        self.select = select(table).where(where)
        self.delete = delete(table).where(where)
        self.insert = insert(table).values({name: bindparam(name) for name in self.columns})
        self._updates: dict[tuple[tuple[str, ...], bool], Any] = {}

    def update(self, columns: tuple[str, ...], adding: bool) -> Any:
        statement = self._updates.get((columns, adding))
        if statement is None:
            table = self.table
            values = {
                name: (table.c[name] + bindparam(f"v_{name}")) if adding else bindparam(f"v_{name}") for name in columns
            }
            statement = update(table).where(self.where).values(values)
            self._updates[(columns, adding)] = statement
        return statement

    def key_params(self, key: Key) -> dict[str, Any]:
        return {f"k_{name}": value for name, value in zip(self.pk, key, strict=True)}


_INFO: dict[Table, _TableInfo] = {}


def info(table: Table) -> _TableInfo:
    found = _INFO.get(table)
    if found is None:
        found = _INFO[table] = _TableInfo(table)
    return found


class Batch:
    """The pending changes of one batch of events, written by ``flush``."""

    def __init__(self, conn: Connection, memo: Memo) -> None:
        self.conn = conn
        self.memo = memo
        self._new: dict[Table, dict[Key, dict[str, Any]]] = {}
        self._set: dict[Table, dict[Key, dict[str, Any]]] = {}
        self._add: dict[Table, dict[Key, dict[str, Any]]] = {}
        self._deleted: dict[Table, list[Key]] = {}

    # --- changes ------------------------------------------------------------------

    def insert(self, table: Table, **values: Any) -> None:
        meta = info(table)
        key = tuple(values[name] for name in meta.pk)
        row = {**meta.blank, **values}
        # A change pending for this key was made while it had no row (else this insert
        # fails at flush, as it would have alone): it changed nothing, so it must not
        # change the new row at flush.
        for pending in (self._set.get(table), self._add.get(table)):
            if pending:
                pending.pop(key, None)
        self._new.setdefault(table, {})[key] = row
        self.memo.inserted(table, key, row)

    def update(self, table: Table, key: Key, **values: Any) -> None:
        new = self._new.get(table)
        if new is not None and key in new:
            new[key].update(values)
            return
        self._set.setdefault(table, {}).setdefault(key, {}).update(values)

    def add(self, table: Table, key: Key, **deltas: int) -> None:
        new = self._new.get(table)
        if new is not None and key in new:
            row = new[key]
            for name, delta in deltas.items():
                row[name] += delta
            return
        pending = self._add.setdefault(table, {}).setdefault(key, {})
        for name, delta in deltas.items():
            pending[name] = pending.get(name, 0) + delta

    def delete(self, table: Table, key: Key) -> None:
        self.memo.deleted(table, key)
        for pending in (self._new, self._set, self._add):
            rows = pending.get(table)
            if rows is not None:
                rows.pop(key, None)
        self._deleted.setdefault(table, []).append(key)

    # --- reading ------------------------------------------------------------------

    def get(self, table: Table, key: Key) -> dict[str, Any] | None:
        """The row as it stands with this batch's changes, or None."""
        new = self._new.get(table)
        if new is not None and key in new:
            return dict(new[key])
        meta = info(table)
        if key in self._deleted.get(table, ()):
            return None
        row = self.conn.execute(meta.select, meta.key_params(key)).mappings().first()
        if row is None:
            return None
        out = dict(row)
        out.update(self._set.get(table, {}).get(key, {}))
        for name, delta in self._add.get(table, {}).get(key, {}).items():
            out[name] += delta
        return out

    def exists(self, table: Table, key: Key) -> bool:
        known = self.memo.existing.get(table)
        if known is not None and key in known:
            return True
        found = self.get(table, key) is not None
        if found:
            self.memo.existing.setdefault(table, set()).add(key)
        return found

    def fixed(self, table: Table, key: Key) -> tuple[Any, ...] | None:
        """The columns of a row that never change once inserted (``Memo.FIXED``)."""
        columns = self.memo.fixed_columns.get(table)
        if columns is None:
            raise KeyError(f"{table.name} has no fixed columns")
        cached = self.memo.fixed.get(table, {}).get(key)
        if cached is not None:
            return cached
        row = self.get(table, key)
        if row is None:
            return None
        value = tuple(row[name] for name in columns)
        self.memo.fixed.setdefault(table, {})[key] = value
        return value

    def rows(self, table: Table, **equals: Any) -> list[dict[str, Any]]:
        """The rows whose columns equal ``equals``, with this batch's changes. The table's
        pending changes are written first: a pending change may make a row match or not,
        and the database then answers for all of them alike."""
        self._flush_table(table)
        query = select(table).where(*[table.c[name] == value for name, value in equals.items()])
        return [dict(row) for row in self.conn.execute(query).mappings()]

    def update_rows(self, table: Table, equals: dict[str, Any], **values: Any) -> None:
        """``update`` every row ``rows(table, **equals)`` finds."""
        pk = info(table).pk
        for row in self.rows(table, **equals):
            self.update(table, tuple(row[name] for name in pk), **values)

    # --- writing ------------------------------------------------------------------

    def flush(self) -> None:
        for table in set(self._deleted) | set(self._new) | set(self._set) | set(self._add):
            self._flush_table(table)

    def _flush_table(self, table: Table) -> None:
        conn = self.conn
        meta = info(table)
        deleted = self._deleted.pop(table, None)
        if deleted:
            run_many(conn, meta.delete, [meta.key_params(k) for k in deleted])
        new = self._new.pop(table, None)
        if new:
            run_many(conn, meta.insert, list(new.values()))
        for adding, pending in ((False, self._set.pop(table, None)), (True, self._add.pop(table, None))):
            if not pending:
                continue
            groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for key, values in pending.items():
                params = meta.key_params(key)
                params.update({f"v_{name}": value for name, value in values.items()})
                groups.setdefault(tuple(sorted(values)), []).append(params)
            for columns, rows in groups.items():
                run_many(conn, meta.update(columns, adding), rows)


class Memo:
    """What one catch-up (over several batches) knows without asking the database:
    keys known to exist (rows are not deleted, except those ``delete`` is told of) and
    the columns that never change once a row is inserted (``fixed_columns``). Every
    write goes through the batch, so what it remembers stays true for the whole
    catch-up."""

    def __init__(
        self, fixed_columns: dict[Table, tuple[str, ...]] | None = None, existing: tuple[Table, ...] = ()
    ) -> None:
        self.fixed_columns = fixed_columns or {}
        self.existing: dict[Table, set[Key]] = {table: set() for table in existing}
        self.fixed: dict[Table, dict[Key, tuple[Any, ...]]] = {}

    def inserted(self, table: Table, key: Key, row: dict[str, Any]) -> None:
        known = self.existing.get(table)
        if known is not None:
            known.add(key)
        columns = self.fixed_columns.get(table)
        if columns is not None:
            self.fixed.setdefault(table, {})[key] = tuple(row[name] for name in columns)

    def deleted(self, table: Table, key: Key) -> None:
        known = self.existing.get(table)
        if known is not None:
            known.discard(key)
        self.fixed.get(table, {}).pop(key, None)
