"""One query surface: the same questions, asked of the live store, of the store as it
was on a date, or for an audience, with the same answers for the same facts.

``Queries`` lists every question. ``QueryMethods`` answers them all, once, over three
things it is given by what it reads from: a read-model connection (``_read``), the
recorded facts of the log (``_recorded``) and "today" (``_today``). The live application
(``Cooperations``), the store as of a moment (``AsOf``) and an audience's view
(``Reader``, from ``view_as``/``view_for``) are all ``QueryMethods``: a question added
here is asked of all three, and a view is never more than its audience may see.

Personal data is shown only as the audience may see it, and the audience is the public
unless the caller says otherwise:

- ``public`` (anonymous visitors, auditors): no names of people, no contact details, no
  personal notes or free text of people; organisations are named.
- ``member``: names; contact details only where the person gave consent.
- ``viewer`` (a party id): that person always sees their own data.

Example::

    with Cooperations("botu.db") as app:
        app.parties("botu")                                  # as the public sees them
        app.view_as("member").parties("botu")                # as members see them
        with app.view_as("public", as_of=date(2021, 12, 31), cooperation="botu") as then:
            then.budget(year=2021)                           # the budget on that day
"""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from collections import defaultdict
from collections.abc import Callable, Collection
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from uuid import UUID

import attrs

from . import compliance as compliance_rules
from . import views as v
from .cooperation import Recorded
from .errors import InvalidInput, NotFound, Wording
from .privacy import CONTACT_FIELDS, MEMBER, PERSON_PLACEHOLDER, PUBLIC, hide_secret_fields, subjects_of
from .readmodels import queries as q
from .serialization import fact_to_dict
from .state import _find
from .values import Money, name_key, query_date, query_whole, query_year

if TYPE_CHECKING:
    from .application import Cooperations

T = TypeVar("T")
Ref = str | UUID | None  # a cooperation: id, short name or name; None: the only one
Day = dt.date | None
AUDIENCES = (PUBLIC, MEMBER)


class Queries(Protocol):
    """Every question the library answers about the cooperations in a store.

    ``cooperation`` is an id, short name or name (None: the only one); ``ref`` an id or
    a name/title. Implemented by ``Cooperations``, ``AsOf`` and ``Reader`` alike.
    """

    @property
    def audience(self) -> str: ...
    @property
    def viewer(self) -> str | None: ...

    def cooperations(self) -> list[v.CooperationView]: ...
    def cooperation(self, ref: Ref = None) -> v.CooperationView: ...
    def parties(self, cooperation: Ref = None, *, status: str | None = None) -> list[v.PartyView]: ...
    def pending_parties(self, cooperation: Ref = None) -> list[v.PartyView]: ...
    def party(self, cooperation: Ref, ref: str) -> v.PartyView: ...
    def agreement(self, cooperation: Ref = None, version: int | None = None) -> v.AgreementView: ...
    def agreement_versions(self, cooperation: Ref = None) -> list[int]: ...
    def signatures(self, cooperation: Ref = None, party: str | None = None) -> list[v.PartySignatures]: ...
    def projects(self, cooperation: Ref = None) -> list[v.ProjectView]: ...
    def project(self, cooperation: Ref, ref: str) -> v.ProjectView: ...
    def budget(self, cooperation: Ref = None, year: int | None = None) -> list[v.BudgetLine]: ...
    def allocations(self, cooperation: Ref = None, year: int | None = None) -> list[v.AllocationView]: ...
    def spendings(self, cooperation: Ref = None, year: int | None = None) -> list[v.SpendingView]: ...
    def spending_per_year(self, cooperation: Ref = None) -> list[v.SpendingYear]: ...
    def meetings(
        self, cooperation: Ref = None, year: int | None = None, *, since: Day = None, until: Day = None, title: str | None = None
    ) -> list[v.MeetingView]: ...
    def meetings_per_year(self, cooperation: Ref = None) -> dict[int, dict[str, int]]: ...
    def decisions(
        self, cooperation: Ref = None, *, since: Day = None, until: Day = None, title: str | None = None
    ) -> list[v.DecisionView]: ...
    def disagreements(self, cooperation: Ref = None, status: str | None = None) -> list[v.DisagreementView]: ...
    def evaluations(self, cooperation: Ref = None) -> list[v.EvaluationView]: ...
    def benefits(self, cooperation: Ref = None) -> v.BenefitsView: ...
    def benefits_per_year(self, cooperation: Ref = None, year: int | None = None) -> list[v.BenefitYear]: ...
    def benefit_records(self, cooperation: Ref = None) -> list[v.BenefitRecordView]: ...
    def compliance(self, cooperation: Ref = None, year: int | None = None, *, today: Day = None) -> list[v.ComplianceYear]: ...
    def rounds(self, cooperation: Ref = None) -> list[v.RoundView]: ...
    def round(self, cooperation: Ref, ref: str) -> v.RoundView: ...
    def proposals(self, cooperation: Ref, round_ref: str) -> list[v.ProposalView]: ...
    def ballots(self, cooperation: Ref, round_ref: str) -> list[v.BallotView]: ...
    def log(self, cooperation: Ref = None, *, since: Day = None, until: Day = None) -> list[v.LogEntry]: ...


def effective_date(recorded: Recorded) -> dt.date:
    """The date a fact happened: its first date field, else the day it was recorded."""
    for field in attrs.fields(type(recorded.fact)):
        value = getattr(recorded.fact, field.name)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
    return recorded.timestamp.date()


def check_audience(audience: str) -> str:
    if audience not in AUDIENCES:
        raise InvalidInput("input.invalid_choice", value=audience, field="audience", choices=", ".join(AUDIENCES))
    return audience


_VERSION = Wording("versie", "version")


class QueryMethods:
    """The one implementation of ``Queries``. What it reads from gives the abstract hooks
    below (mypy refuses a class that leaves one out); ``audience`` and ``viewer`` say
    whose eyes the answers are for."""

    audience: str = PUBLIC
    viewer: str | None = None

    # --- what the queries read from (given by each kind of store) -------------------------

    @abstractmethod
    def resolve(self, ref: Ref) -> UUID:
        """A cooperation's id from its id, short name or name; None means the only one."""
        raise NotImplementedError

    @abstractmethod
    def _read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``query(connection, *args, **kwargs)`` on the read models."""
        raise NotImplementedError

    @abstractmethod
    def _recorded(self, coop_id: UUID) -> list[Recorded]:
        """The cooperation's recorded facts that these read models hold, in log order."""
        raise NotImplementedError

    @abstractmethod
    def _today(self) -> dt.date:
        raise NotImplementedError

    def today(self) -> dt.date:
        """The day these answers are about: today by the application's clock for the live
        store, the date itself as of a date. Forms start their dates here, not at the
        machine's own day."""
        return self._today()

    @abstractmethod
    def _as_of(self, cooperation: Ref, date: dt.date) -> QueryMethods:
        """The same store as of ``date``: a separate store, closed by its ``close``."""
        raise NotImplementedError

    @abstractmethod
    def _application(self) -> Cooperations:
        """The live application behind (for what only it can do: a voter's own ballot)."""
        raise NotImplementedError

    def close(self) -> None:
        """Let go of what the queries read from (the live application closes its store)."""

    # --- audiences -----------------------------------------------------------------

    def view_as(
        self, audience: str, viewer: str | None = None, *, as_of: dt.date | None = None, cooperation: Ref = None
    ) -> Reader:
        """The queries as ``audience`` sees them: 'public' (anonymous visitors and
        auditors: no personal data) or 'member' (contact details only with consent);
        ``viewer``, a party id, always sees their own data. With ``as_of`` (a date) the
        answers are as they were on that day (of ``cooperation``; close the view after,
        or use it in a ``with``)::

            with app.view_as("member", as_of=date(2021, 12, 31), cooperation="botu") as then:
                then.signatures()    # who had signed which version by the end of 2021
        """
        check_audience(audience)
        if as_of is None:
            return Reader(self, audience, viewer)
        return Reader(self._as_of(cooperation, as_of), audience, viewer, owns_base=True)

    def _coop(self, cooperation: Ref) -> str:
        return str(self.resolve(cooperation))

    def _persons(self, coop: str) -> frozenset[str]:
        """The parties whose names are personal data (none to hide from members)."""
        return frozenset() if self.audience == MEMBER else self._read(q.people, coop)[0]

    def _hides(self, party_id: str, persons: frozenset[str]) -> bool:
        return self.audience != MEMBER and party_id in persons and party_id != self.viewer

    def _name(self, party_id: str, name: str, persons: frozenset[str]) -> str:
        return f"{PERSON_PLACEHOLDER} ({party_id})" if self._hides(party_id, persons) else name

    def _text(self, party_id: str, text: str, persons: frozenset[str]) -> str:
        # Free text of people is personal; an organisation's is not.
        return "" if self._hides(party_id, persons) else text

    def _sees_contact(self, party_id: str, shares: bool) -> bool:
        return party_id == self.viewer or (self.audience == MEMBER and shares)

    def _signature(self, s: v.SignatureView, persons: frozenset[str]) -> v.SignatureView:
        return attrs.evolve(
            s,
            party_name=self._name(s.party_id, s.party_name, persons),
            note=self._text(s.party_id, s.note, persons),
            capacity=self._text(s.party_id, s.capacity, persons),
        )

    # --- cooperations and parties -----------------------------------------------------

    def cooperations(self) -> list[v.CooperationView]:
        return self._read(q.cooperations)

    def cooperation(self, ref: Ref = None) -> v.CooperationView:
        found = self._read(q.cooperation, self._coop(ref))  # by key: as fast with 10 or 10,000 cooperations
        if found is None:
            raise NotFound("cooperation.unknown", ref=str(ref))
        return found

    def parties(self, cooperation: Ref = None, *, status: str | None = None) -> list[v.PartyView]:
        """Parties as this audience sees them. ``status='pending'``: only those that
        registered themselves and wait for a coordinator's confirmation (``ConfirmParty``)."""
        if status not in (None, "pending"):
            raise InvalidInput("input.invalid_choice", value=status, field="status", choices="pending")
        views = self._stored_parties(cooperation, status)
        persons = frozenset(p.id for p in views if p.kind == "resident")
        return [self._shown_party(p, persons) for p in views]

    def pending_parties(self, cooperation: Ref = None) -> list[v.PartyView]:
        """The parties that wait for a coordinator's confirmation before they have a voice."""
        return self.parties(cooperation, status="pending")

    def party(self, cooperation: Ref, ref: str) -> v.PartyView:
        """One party, by id or name, as ``parties`` shows it to this audience (asked by a
        person's name, the answer does not repeat it to the public)."""
        views = self._stored_parties(cooperation, None)
        found = _find({p.id: p for p in views}, ref, lambda p: p.name, "party.unknown")
        return self._shown_party(found, frozenset(p.id for p in views if p.kind == "resident"))

    def _stored_parties(self, cooperation: Ref, status: str | None) -> list[v.PartyView]:
        # Contact details are opened only where someone here may see them: those shared
        # with consent, and a viewer's own.
        return self._read(q.parties, self._coop(cooperation), show_contact=self.viewer is not None, status=status)

    def _shown_party(self, p: v.PartyView, persons: frozenset[str]) -> v.PartyView:
        return attrs.evolve(
            p,
            name=self._name(p.id, p.name, persons),
            phone=p.phone if self._sees_contact(p.id, p.share_contact) else None,
            email=p.email if self._sees_contact(p.id, p.share_contact) else None,
        )

    # --- the agreement ------------------------------------------------------------------

    def agreement(self, cooperation: Ref = None, version: int | None = None) -> v.AgreementView:
        coop = self._coop(cooperation)
        version = query_whole(version, _VERSION)
        view = self._read(q.agreement, coop, version)
        if view is None:
            raise NotFound("agreement.unknown_version", version=version if version is not None else 1)
        persons = self._persons(coop)
        return attrs.evolve(view, signatures=tuple(self._signature(s, persons) for s in view.signatures))

    def agreement_versions(self, cooperation: Ref = None) -> list[int]:
        return self._read(q.agreement_versions, self._coop(cooperation))

    def signatures(self, cooperation: Ref = None, party: str | None = None) -> list[v.PartySignatures]:
        """Per party, every agreement version it signed (in version order), for reports
        across versions; ``party`` (id or name): that party alone::

            for p in app.view_as("member").signatures("botu"):
                print(p.party_name, p.versions)      # e.g. Gemeente Rotterdam (1, 2)
        """
        coop = self._coop(cooperation)
        persons = self._persons(coop)
        wanted = None if party is None else self.party(coop, party).id
        per_party: dict[str, list[v.SignatureView]] = defaultdict(list)
        for s in self._read(q.signatures, coop):
            if wanted in (None, s.party_id):
                per_party[s.party_id].append(self._signature(s, persons))
        return [
            v.PartySignatures(party_id, signed[0].party_name, tuple(signed))
            for party_id, signed in sorted(per_party.items(), key=lambda item: q.id_order(item[0]))
        ]

    # --- projects and money ------------------------------------------------------------

    def projects(self, cooperation: Ref = None) -> list[v.ProjectView]:
        coop = self._coop(cooperation)
        persons = self._persons(coop)
        return [
            attrs.evolve(p, contact_name=self._name(p.contact_party_id, p.contact_name, persons))
            for p in self._read(q.projects, coop)
        ]

    def project(self, cooperation: Ref, ref: str) -> v.ProjectView:
        """One project, by id or title; a person as contact is named only for members."""
        return _find({p.id: p for p in self.projects(cooperation)}, ref, lambda p: p.title, "project.unknown")

    def budget(self, cooperation: Ref = None, year: int | None = None) -> list[v.BudgetLine]:
        """Per fund per fund year: available, allocated (standing allocations), spent and
        left (available minus allocated); ``year``: that fund year only::

            for line in app.budget("botu", 2021):
                print(line.source, line.available, line.allocated, line.spent, line.left)
        """
        return self._read(q.budget, self._coop(cooperation), query_year(year))

    def allocations(self, cooperation: Ref = None, year: int | None = None) -> list[v.AllocationView]:
        return self._read(q.allocations, self._coop(cooperation), query_year(year))

    def spendings(self, cooperation: Ref = None, year: int | None = None) -> list[v.SpendingView]:
        """Every spending with the day it was spent, its fund and project, in date
        order; ``year``: those spent that year (whatever the fund's year)::

            total_2021 = sum(s.amount.cents for s in app.spendings("botu", 2021))
        """
        return self._read(q.spendings, self._coop(cooperation), query_year(year))

    def spending_per_year(self, cooperation: Ref = None) -> list[v.SpendingYear]:
        """What was spent per calendar year (the day spent), per fund and fund year::

            for s in app.spending_per_year("botu"):
                print(s.year, s.source, s.fund_year, s.amount, s.spendings)
        """
        sums: dict[tuple[int, str, int], list[int]] = defaultdict(lambda: [0, 0])
        for s in self.spendings(cooperation):
            total = sums[(s.spent_on.year, s.source, s.fund_year)]
            total[0] += s.amount.cents
            total[1] += 1
        return [v.SpendingYear(y, source, fund_year, Money(c), n) for (y, source, fund_year), (c, n) in sorted(sums.items())]

    # --- meetings and decisions ------------------------------------------------------------

    def meetings(
        self, cooperation: Ref = None, year: int | None = None, *, since: Day = None, until: Day = None, title: str | None = None
    ) -> list[v.MeetingView]:
        """Meetings in date order; ``year``, ``since``/``until`` (days included) and
        ``title`` (a part of it, case and spacing aside) narrow them down::

            app.meetings("botu", since=date(2021, 9, 1), until=date(2021, 12, 31), title="plenair")
        """
        since, until = query_date(since), query_date(until)
        found = self._read(q.meetings, self._coop(cooperation), query_year(year))
        return [self._minutes(m) for m in found if _within(m.held_on, since, until) and _titled(m.title, title)]

    def _minutes(self, meeting: v.MeetingView) -> v.MeetingView:
        # Minutes kept for members: others see that there are minutes, not what they say.
        if self.audience != MEMBER and meeting.minutes_members_only:
            return attrs.evolve(meeting, minutes="")
        return meeting

    def meetings_per_year(self, cooperation: Ref = None) -> dict[int, dict[str, int]]:
        return self._read(q.meetings_per_year, self._coop(cooperation))

    def decisions(
        self, cooperation: Ref = None, *, since: Day = None, until: Day = None, title: str | None = None
    ) -> list[v.DecisionView]:
        """Decisions with the opinions given; ``since``/``until`` on the day taken (or
        proposed, while pending) and ``title`` (part of the subject) narrow them down::

            app.decisions("botu", since=date(2021, 1, 1), until=date(2021, 12, 31), title="budget")
        """
        since, until = query_date(since), query_date(until)
        coop = self._coop(cooperation)
        persons = self._persons(coop)
        return [
            attrs.evolve(
                d,
                opinions=tuple(
                    attrs.evolve(
                        o,
                        party_name=self._name(o.party_id, o.party_name, persons),
                        comment=self._text(o.party_id, o.comment, persons),
                    )
                    for o in d.opinions
                ),
            )
            for d in self._read(q.decisions, coop)
            if _within(d.taken_on or d.proposed_on, since, until) and _titled(d.subject, title)
        ]

    def disagreements(self, cooperation: Ref = None, status: str | None = None) -> list[v.DisagreementView]:
        coop = self._coop(cooperation)
        persons = self._persons(coop)
        return [
            attrs.evolve(
                d,
                raised_by_name=self._name(d.raised_by, d.raised_by_name, persons),
                description=self._text(d.raised_by, d.description, persons),
            )
            for d in self._read(q.disagreements, coop, status)
        ]

    def evaluations(self, cooperation: Ref = None) -> list[v.EvaluationView]:
        return self._read(q.evaluations, self._coop(cooperation))

    # --- benefits and compliance ----------------------------------------------------------

    def benefits(self, cooperation: Ref = None) -> v.BenefitsView:
        """The benefits of all time, per project and in total."""
        return self._read(q.benefits, self._coop(cooperation))

    def benefits_per_year(self, cooperation: Ref = None, year: int | None = None) -> list[v.BenefitYear]:
        """The benefits per year (the year a record's period ends) and per project in it::

            for y in app.benefits_per_year("botu"):
                print(y.year, y.total_euros, y.total_co2_kg, [p.title for p in y.projects])
        """
        year = query_year(year)
        records: dict[int, dict[str, list[v.BenefitRecordView]]] = defaultdict(lambda: defaultdict(list))
        for r in self.benefit_records(cooperation):
            if year in (None, r.period_end.year):
                records[r.period_end.year][r.project_id].append(r)
        out = []
        for y, per_project in sorted(records.items()):
            rows = tuple(
                v.ProjectBenefits(
                    project_id,
                    found[0].project_title,
                    Money(sum(r.euros.cents for r in found)),
                    sum((r.co2_kg for r in found), Decimal(0)),
                )
                for project_id, found in sorted(per_project.items(), key=lambda item: q.id_order(item[0]))
            )
            total_co2 = sum((p.co2_kg for p in rows), Decimal(0))
            out.append(v.BenefitYear(y, rows, Money(sum(p.euros.cents for p in rows)), total_co2))
        return out

    def benefit_records(self, cooperation: Ref = None) -> list[v.BenefitRecordView]:
        """Every recorded benefit (euros, kg CO2, period), ordered by the end of its period."""
        return self._read(q.benefit_records, self._coop(cooperation))

    def compliance(self, cooperation: Ref = None, year: int | None = None, *, today: Day = None) -> list[v.ComplianceYear]:
        """Per year from the founding year to this year (or only ``year``); "today" is
        the application's today (as of a date: that date) unless given."""
        year = query_year(year)
        coop = self.cooperation(cooperation)
        today = today or self._today()

        def gather(conn: Any) -> tuple[Any, ...]:
            return (
                q.meetings(conn, coop.id),
                {e.year for e in q.evaluations(conn, coop.id)},
                q.projects(conn, coop.id),
                q.indicator_dates(conn, coop.id),
                q.disagreements(conn, coop.id),
                q.agreement_commitments(conn, coop.id),
            )

        meetings, evaluated, projects, indicator_dates, disagreements, versions = self._read(gather)
        in_force = [compliance_rules.VersionInForce(n, since, c) for n, since, c in versions]
        years = [year] if year is not None else list(range(coop.founded_on.year, today.year + 1))
        return [
            compliance_rules.compliance_year(
                y, coop.founded_on, today, meetings, evaluated, projects, indicator_dates, disagreements, in_force
            )
            for y in years
        ]

    # --- participatory rounds -------------------------------------------------------------

    def rounds(self, cooperation: Ref = None) -> list[v.RoundView]:
        return self._read(q.rounds, self._coop(cooperation))

    def round(self, cooperation: Ref, ref: str) -> v.RoundView:
        """One round, by id or title."""
        return _find({r.id: r for r in self.rounds(cooperation)}, ref, lambda r: r.title, "round.unknown")

    def proposals(self, cooperation: Ref, round_ref: str) -> list[v.ProposalView]:
        return self._read(q.proposals, self._coop(cooperation), self.round(cooperation, round_ref).id)

    def ballots(self, cooperation: Ref, round_ref: str) -> list[v.BallotView]:
        """Every ballot that counts in the round, by pseudonym: public, nobody's name on
        it (anyone recounts, and nobody but the voter can tell whose a ballot is)."""
        return self._read(q.ballots, self._coop(cooperation), self.round(cooperation, round_ref).id)

    # --- the log ----------------------------------------------------------------------

    def log(self, cooperation: Ref = None, *, since: Day = None, until: Day = None) -> list[v.LogEntry]:
        """The cooperation's events in log order; ``since``/``until`` filter on the date
        the fact happened (a meeting's date, a joining date, …). Each personal field is
        shown by the rules of the other queries: people's names and free text only to
        members (and the person), contact details only to the person and, where they
        consented, to members. Nobody reads who cast a ballot."""
        since, until = query_date(since), query_date(until)
        coop_id = self.resolve(cooperation)
        persons, sharing = self._read(q.people, str(coop_id))
        entries = []
        for recorded in self._recorded(coop_id):
            on = effective_date(recorded)
            if not _within(on, since, until):
                continue
            data = hide_secret_fields(type(recorded.fact), fact_to_dict(recorded.fact))
            data = self.event_data(recorded.type, data, persons, sharing)
            entries.append(v.LogEntry(recorded.originator_version, recorded.type, recorded.timestamp, on, data))
        return entries

    def event_data(
        self, type_name: str, data: dict[str, Any], persons: Collection[str], sharing: Collection[str]
    ) -> dict[str, Any]:
        """An event's data as this audience may see it (the log and ``follow`` both show
        events this way); ``persons`` are the parties that are people, ``sharing`` those
        who consented to share their contact details. Minutes kept for members read empty
        for anyone else."""
        from .events import EVENT_TYPES_BY_NAME  # here: events imports the domain modules

        fact_type = EVENT_TYPES_BY_NAME.get(type_name)
        if fact_type is None:
            return data
        people = frozenset(persons)
        data = dict(data)
        for field, subject in subjects_of(fact_type, data).items():
            if field in CONTACT_FIELDS:
                if not self._sees_contact(subject, subject in sharing):
                    data[field] = ""
            elif field == "name":
                data[field] = self._name(subject, str(data[field]), people)
            else:
                data[field] = self._text(subject, str(data[field]), people)
        if self.audience != MEMBER and data.get("minutes_members_only"):
            data["minutes"] = ""
        return data


def _within(day: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    if since is None and until is None:
        return True
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def _titled(text: str, wanted: str | None) -> bool:
    return wanted is None or name_key(wanted) in name_key(text)


class Reader(QueryMethods):
    """The queries of a store (live or as of a moment) for one audience: an answer
    holds only the personal data ``audience`` and ``viewer`` may see."""

    def __init__(self, base: QueryMethods, audience: str, viewer: str | None = None, *, owns_base: bool = False) -> None:
        self._base = base
        self.audience = check_audience(audience)
        self.viewer = viewer
        self._owns_base = owns_base

    def resolve(self, ref: Ref) -> UUID:
        return self._base.resolve(ref)

    def _read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return self._base._read(query, *args, **kwargs)

    def _recorded(self, coop_id: UUID) -> list[Recorded]:
        return self._base._recorded(coop_id)

    def _today(self) -> dt.date:
        return self._base._today()

    def _as_of(self, cooperation: Ref, date: dt.date) -> QueryMethods:
        return self._base._as_of(cooperation, date)

    def _application(self) -> Cooperations:
        return self._base._application()

    def close(self) -> None:
        if self._owns_base:
            self._base.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- what only the live application can tell -------------------------------------------

    def own_ballot(self, cooperation: Ref, round_ref: str) -> v.BallotView | None:
        """The viewer's own ballot that counts in the round (None for anyone else)."""
        if self.viewer is None:
            return None
        self.round(cooperation, round_ref)  # as of a date: a round opened later is not there yet
        return self._application().own_ballot(cooperation, round_ref, self.viewer)

    def verify_round(self, cooperation: Ref, round_ref: str, *, progress: Callable[[int, int], None] | None = None) -> Any:
        """Recompute a closed round from the log (it holds no personal data)."""
        self.round(cooperation, round_ref)  # as of a date: a round opened later is not there yet
        return self._application().verify_round(cooperation, round_ref, progress=progress)

    def check_receipt(self, cooperation: Ref, round_ref: str, receipt: str) -> Any:
        """Whether the ballot a receipt was given for is the one that counts (anyone may ask)."""
        self.round(cooperation, round_ref)  # as of a date: a round opened later is not there yet
        return self._application().check_receipt(cooperation, round_ref, receipt)


def _conforms(queries: QueryMethods) -> Queries:
    # Checked by mypy: the one implementation answers every question of the protocol.
    return queries
