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

from sqlalchemy import Connection

from .. import compliance as compliance_rules
from .. import views as v
from ..config import settings_from_url
from ..cooperation import Recorded
from ..errors import InvalidInput, NotFound
from ..privacy import seal_with
from ..readmodels import ReadModelStore, projector
from ..readmodels import queries as q

if TYPE_CHECKING:
    from ..application import Cooperations

T = TypeVar("T")


class AsOf:
    """The read models of one cooperation as they were at ``date`` and/or ``position``.

    The query methods take the same arguments as ``Cooperations``' (the cooperation
    argument may be left out; when given it must be this cooperation).
    """

    def __init__(
        self,
        app: Cooperations,
        cooperation: UUID,
        *,
        date: dt.date | None = None,
        position: int | None = None,
    ) -> None:
        from ..application import effective_date

        if date is None and position is None:
            raise InvalidInput("audit.as_of_needs_moment")
        if isinstance(date, dt.datetime):
            date = date.date()
        self.cooperation_id = cooperation
        self.date = date
        self.position = 0  # the last position included
        self.skipped: list[int] = []
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

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> AsOf:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- queries, as on Cooperations -------------------------------------------------------

    def _read(self, cooperation: str | UUID | None, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if cooperation is not None and self._app.audit.resolve(cooperation) != self.cooperation_id:
            raise InvalidInput("cooperation.ambiguous")
        with self._store.reading() as conn:
            return query(conn, *args, **kwargs)

    @property
    def _coop(self) -> str:
        return str(self.cooperation_id)

    def cooperation(self, cooperation: str | UUID | None = None) -> v.CooperationView:
        found = [c for c in self._read(cooperation, q.cooperations) if c.id == self._coop]
        if not found:
            raise NotFound("cooperation.unknown", ref=self._coop)
        return found[0]

    def parties(self, cooperation: str | UUID | None = None, *, show_contact: bool = False) -> list[v.PartyView]:
        return self._read(cooperation, q.parties, self._coop, show_contact=show_contact)

    def party(self, cooperation: str | UUID | None, ref: str, *, show_contact: bool = False) -> v.PartyView:
        for party in self.parties(cooperation, show_contact=show_contact):
            if ref in (party.id, party.name):
                return party
        raise NotFound("party.unknown", ref=ref)

    def agreement(self, cooperation: str | UUID | None = None, version: int | None = None) -> v.AgreementView:
        view = self._read(cooperation, q.agreement, self._coop, version)
        if view is None:
            raise NotFound("agreement.unknown_version", version=version if version is not None else 1)
        return view

    def agreement_versions(self, cooperation: str | UUID | None = None) -> list[int]:
        return self._read(cooperation, q.agreement_versions, self._coop)

    def projects(self, cooperation: str | UUID | None = None) -> list[v.ProjectView]:
        return self._read(cooperation, q.projects, self._coop)

    def project(self, cooperation: str | UUID | None, ref: str) -> v.ProjectView:
        for project in self.projects(cooperation):
            if ref in (project.id, project.title):
                return project
        raise NotFound("project.unknown", ref=ref)

    def budget(self, cooperation: str | UUID | None = None, year: int | None = None) -> list[v.BudgetLine]:
        return self._read(cooperation, q.budget, self._coop, year)

    def allocations(self, cooperation: str | UUID | None = None, year: int | None = None) -> list[v.AllocationView]:
        return self._read(cooperation, q.allocations, self._coop, year)

    def meetings(self, cooperation: str | UUID | None = None, year: int | None = None) -> list[v.MeetingView]:
        return self._read(cooperation, q.meetings, self._coop, year)

    def meetings_per_year(self, cooperation: str | UUID | None = None) -> dict[int, dict[str, int]]:
        return self._read(cooperation, q.meetings_per_year, self._coop)

    def decisions(self, cooperation: str | UUID | None = None) -> list[v.DecisionView]:
        return self._read(cooperation, q.decisions, self._coop)

    def disagreements(self, cooperation: str | UUID | None = None, status: str | None = None) -> list[v.DisagreementView]:
        return self._read(cooperation, q.disagreements, self._coop, status)

    def evaluations(self, cooperation: str | UUID | None = None) -> list[v.EvaluationView]:
        return self._read(cooperation, q.evaluations, self._coop)

    def benefits(self, cooperation: str | UUID | None = None) -> v.BenefitsView:
        return self._read(cooperation, q.benefits, self._coop)

    def compliance(
        self, cooperation: str | UUID | None = None, year: int | None = None, *, today: dt.date | None = None
    ) -> list[v.ComplianceYear]:
        """As ``Cooperations.compliance``; "today" is the as-of date unless given."""
        coop = self.cooperation(cooperation)
        today = today or self.date or self._app.clock().date()

        def gather(conn: Connection) -> tuple[Any, ...]:
            return (
                q.meetings(conn, self._coop),
                {e.year for e in q.evaluations(conn, self._coop)},
                q.projects(conn, self._coop),
                q.indicator_dates(conn, self._coop),
                q.disagreements(conn, self._coop),
                q.agreement_commitments(conn, self._coop),
            )

        meetings, evaluated, projects, indicator_dates, disagreements, versions = self._read(None, gather)
        in_force = [compliance_rules.VersionInForce(n, since, c) for n, since, c in versions]
        years = [year] if year is not None else list(range(coop.founded_on.year, today.year + 1))
        return [
            compliance_rules.compliance_year(
                y, coop.founded_on, today, meetings, evaluated, projects, indicator_dates, disagreements, in_force
            )
            for y in years
        ]

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table (to compare with a rebuild of the same prefix)."""
        return self._store.dump()
