"""Compliance per year: a projection that reports, never a rule that refuses.

Each year is checked against the commitments (``values.Commitments``) of the agreement
version in force at the end of that year, or today for the running year: a revision
changes what is checked from the year it is in force, never the years before. BoTu's
text says "Daarvoor komen wij tenminste 3 keer per jaar bij elkaar", "Energiewijk BoTu
is het maandelijkse overleg", "Elk jaar beoordelen we het proces, de doelen en de
resultaten", "Dat laten we zien door indicatoren op te stellen"; another agreement says
other figures, or leaves a commitment out.

Findings about a whole year (meetings, evaluation) are reported once the year is over;
consultations per month or quarter once that period is over; projects without
indicators and disagreements open too long as soon as they occur. A year before the
founding or after today has no findings: the cooperation did not exist, or the year
has not begun.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from .errors import MESSAGES
from .values import Commitments, Consultation
from .views import ComplianceYear, DisagreementView, Finding, MeetingView, ProjectView

MESSAGES.update(
    {
        "compliance.too_few_plenary": (
            "In {year} waren er {count} bijeenkomsten; afgesproken is minstens {required}.",
            "In {year} there were {count} plenary meetings; the agreement asks for at least {required}.",
        ),
        "compliance.missing_consultations": (
            "In {year} was er geen maandelijks overleg in maand {months}.",
            "In {year} there was no monthly consultation in month {months}.",
        ),
        "compliance.missing_quarterly_consultations": (
            "In {year} was er geen overleg in kwartaal {quarters}; afgesproken is elk kwartaal overleg.",
            "In {year} there was no consultation in quarter {quarters}; the agreement asks for one every quarter.",
        ),
        "compliance.no_evaluation": (
            "Het jaar {year} is niet geëvalueerd.",
            "The year {year} has not been evaluated.",
        ),
        "compliance.project_without_indicators": (
            "Project '{title}' heeft geen indicatoren.",
            "Project '{title}' has no indicators.",
        ),
        "compliance.disagreement_open_too_long": (
            "Onenigheid '{about}' staat al {days} dagen open (langer dan {max} dagen).",
            "Disagreement '{about}' has been open for {days} days (longer than {max} days).",
        ),
    }
)


@attrs.frozen
class VersionInForce:
    """An agreement version's commitments and the day it took effect."""

    version: int
    since: dt.date
    commitments: Commitments


def in_force(versions: Sequence[VersionInForce], on: dt.date) -> VersionInForce | None:
    """The version in force on ``on``: the last one adopted on or before that day."""
    found = None
    for candidate in sorted(versions, key=lambda v: (v.since, v.version)):
        if candidate.since <= on:
            found = candidate
    return found


def _finding(code: str, rule: VersionInForce, commitment: str, item: str | None = None, **params: object) -> Finding:
    nl, en = MESSAGES[code]
    return Finding(
        code, nl.format(**params), en.format(**params), item, rule.version, rule.commitments.clause_for(commitment)
    )


def _missing_periods(
    cadence: Consultation, year: int, founded_on: dt.date, today: dt.date, held: list[dt.date]
) -> tuple[int, ...]:
    """The months or quarters of ``year`` that are over, after the founding, without a consultation."""
    if cadence is Consultation.NONE:
        return ()
    size = 1 if cadence is Consultation.MONTHLY else 3

    def period(day: dt.date) -> int:
        return (day.month - 1) // size + 1

    first = period(founded_on) if founded_on.year == year else 1
    last = 12 // size if today.year > year else period(today) - 1  # the running period is not over yet
    seen = {period(day) for day in held}
    return tuple(p for p in range(first, last + 1) if p not in seen)


def compliance_year(
    year: int,
    founded_on: dt.date,
    today: dt.date,
    meetings: list[MeetingView],
    evaluated_years: set[int],
    projects: list[ProjectView],
    indicator_dates: dict[str, list[dt.date]],
    disagreements: list[DisagreementView],
    versions: Sequence[VersionInForce] = (),
) -> ComplianceYear:
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    this_year = [m for m in meetings if m.held_on.year == year]
    plenary = sum(m.kind == "plenary" for m in this_year)
    consulted = [m.held_on for m in this_year if m.kind == "consultation"]
    evaluated = year in evaluated_years
    moment = min(year_end, today)
    rule = in_force(versions, moment)
    if year < founded_on.year or year > today.year or rule is None:
        # Nothing to check: the cooperation did not exist yet, the year has not begun,
        # or no agreement was in force (so nothing was promised).
        return ComplianceYear(year, plenary, len(consulted), (), evaluated, True, (), None, checked=False)
    c = rule.commitments
    year_over = today > year_end
    missing = _missing_periods(c.consultation, year, founded_on, today, consulted)
    findings: list[Finding] = []
    if year_over and plenary < c.plenary_meetings_per_year:
        findings.append(_finding("compliance.too_few_plenary", rule, "plenary_meetings_per_year", year=year,
                                 count=plenary, required=c.plenary_meetings_per_year))
    if missing:
        listed = ", ".join(str(p) for p in missing)
        if c.consultation is Consultation.MONTHLY:
            findings.append(_finding("compliance.missing_consultations", rule, "consultation", year=year, months=listed))
        else:
            findings.append(
                _finding("compliance.missing_quarterly_consultations", rule, "consultation", year=year, quarters=listed)
            )
    if c.evaluation_every_year and year_over and not evaluated:
        findings.append(_finding("compliance.no_evaluation", rule, "evaluation_every_year", year=year))
    if c.indicators_required:
        for project in projects:
            ran_this_year = project.started_on <= year_end and (
                project.ended_on is None or project.ended_on >= year_start
            )
            defined = [d for d in indicator_dates.get(project.id, []) if d <= year_end]
            if ran_this_year and not defined:
                findings.append(_finding("compliance.project_without_indicators", rule, "indicators_required",
                                         project.id, title=project.title))
    if (open_days := c.disagreement_open_days) is not None:
        for d in disagreements:
            still_open = d.resolved_on is None or d.resolved_on > moment
            if d.raised_on <= moment and still_open:
                days = (moment - d.raised_on).days
                if days > open_days and (d.raised_on.year == year or moment.year == year):
                    findings.append(_finding("compliance.disagreement_open_too_long", rule, "disagreement_open_days",
                                             d.id, about=d.about, days=days, max=open_days))
    return ComplianceYear(
        year,
        plenary,
        len(consulted),
        missing,
        evaluated,
        not findings,
        tuple(findings),
        rule.version,
        c.plenary_meetings_per_year,
        c.consultation.value,
        c.evaluation_every_year,
        c.indicators_required,
        c.disagreement_open_days,
    )
