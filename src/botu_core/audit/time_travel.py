"""Time travel: every read model as of a date or a log position.

The events of one cooperation up to the moment are projected into a fresh in-memory
read-model store, with the same projections and the same queries as the live store,
so the answers mean exactly the same. The live tables are never touched.

By date means: the facts whose own date (``effective_date``: a meeting's date, a
joining date, …) is on or before that date, in log order. A fact recorded later
about an earlier day is included; a fact that cannot stand without one dated after
the moment (say, spending before its allocation's date) is left out and listed in
``skipped``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from ..config import settings_from_url
from ..cooperation import Recorded
from ..errors import InvalidInput
from ..privacy import seal_with
from ..query_surface import QueryMethods, effective_date
from ..readmodels import ReadModelStore, projector
from ..readmodels import queries as q

if TYPE_CHECKING:
    from ..application import Cooperations

T = TypeVar("T")


class AsOf(QueryMethods):
    """The read models of one cooperation as they were at ``date`` and/or ``position``.

    The queries are those of ``Cooperations`` (``QueryMethods``), public unless seen
    through ``view_as``; the cooperation argument may be left out (when given it must be
    this cooperation), and "today" is the as-of date.
    """

    def __init__(
        self,
        app: Cooperations,
        cooperation: UUID,
        *,
        date: dt.date | None = None,
        position: int | None = None,
    ) -> None:
        if date is None and position is None:
            raise InvalidInput("audit.as_of_needs_moment")
        if isinstance(date, dt.datetime):
            date = date.date()
        self.cooperation_id = cooperation
        self.date = date
        self.position = 0  # the last position included
        self.skipped: list[int] = []
        self._up_to = position
        self._included: list[Recorded] = []  # the facts these read models hold, for the log
        self._app = app
        self._store = ReadModelStore(settings_from_url("memory:"))
        # Sealed like the live read models: the same rows, the same queries.
        seal_with(self._store.engine, app.keys)
        with self._store.engine.connect() as conn, conn.begin():
            for stored in app.recorder.select_events(cooperation, lte=position):
                recorded = cast(Recorded, app.mapper.to_domain_event(stored))
                if date is not None and effective_date(recorded) > date:
                    continue
                try:
                    with conn.begin_nested():
                        projector.apply(conn, recorded)
                except Exception:  # noqa: BLE001 - a fact whose basis lies after the moment
                    self.skipped.append(recorded.originator_version)
                    continue
                self.position = recorded.originator_version
                self._included.append(recorded)

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> AsOf:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- what the queries (``QueryMethods``) read from --------------------------------------

    def resolve(self, ref: str | UUID | None) -> UUID:
        """This cooperation; another one given is refused (these read models hold only this one)."""
        if ref is not None and self._app.audit.resolve(ref) != self.cooperation_id:
            raise InvalidInput("cooperation.ambiguous")
        return self.cooperation_id

    def _read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self._store.reading() as conn:
            return query(conn, *args, **kwargs)

    def _recorded(self, coop_id: UUID) -> list[Recorded]:
        return list(self._included)

    def _today(self) -> dt.date:
        return self.date or self._app.clock().date()

    def _as_of(self, cooperation: str | UUID | None, date: dt.date) -> AsOf:
        earlier = date if self.date is None else min(date, self.date)
        return AsOf(self._app, self.resolve(cooperation), date=earlier, position=self._up_to)

    def _application(self) -> Cooperations:
        return self._app

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table (to compare with a rebuild of the same prefix)."""
        return self._store.dump()
