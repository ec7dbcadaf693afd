"""Compliance per year: a projection that reports, never a rule that refuses.

From the text: "Samen houden wij in de gaten of iedereen zich aan de afspraken houdt.
Daarvoor komen wij tenminste 3 keer per jaar bij elkaar", "Energiewijk BoTu is het
maandelijkse overleg", "Elk jaar beoordelen we het proces, de doelen en de
resultaten", "Dat laten we zien door indicatoren op te stellen", and "Ook op
momenten dat we het oneens zijn met elkaar, blijven we samenwerken".

Findings about a whole year (meetings, consultations, evaluation) are reported once
the year is over; projects without indicators and disagreements open too long are
reported as soon as they occur.
"""

from __future__ import annotations

import datetime as dt

from .errors import MESSAGES
from .views import ComplianceYear, DisagreementView, Finding, MeetingView, ProjectView

MIN_PLENARY_MEETINGS = 3
MAX_DAYS_OPEN = 90  # a disagreement open longer than this is reported

MESSAGES.update(
    {
        "compliance.too_few_plenary": (
            "In {year} waren er {count} bijeenkomsten; afgesproken is minstens 3.",
            "In {year} there were {count} plenary meetings; the agreement asks for at least 3.",
        ),
        "compliance.missing_consultations": (
            "In {year} was er geen maandelijks overleg in maand {months}.",
            "In {year} there was no monthly consultation in month {months}.",
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


def _finding(code: str, item: str | None = None, **params: object) -> Finding:
    nl, en = MESSAGES[code]
    return Finding(code, nl.format(**params), en.format(**params), item)


def compliance_year(
    year: int,
    founded_on: dt.date,
    today: dt.date,
    meetings: list[MeetingView],
    evaluated_years: set[int],
    projects: list[ProjectView],
    indicator_dates: dict[str, list[dt.date]],
    disagreements: list[DisagreementView],
) -> ComplianceYear:
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    year_over = today > year_end
    this_year = [m for m in meetings if m.held_on.year == year]
    plenary = sum(m.kind == "plenary" for m in this_year)
    monthly_months = {m.held_on.month for m in this_year if m.kind == "monthly"}
    first_month = founded_on.month if founded_on.year == year else 1
    last_month = 12 if year_over else today.month - 1  # the running month is not over yet
    missing = tuple(m for m in range(first_month, last_month + 1) if m not in monthly_months)
    findings: list[Finding] = []
    if year_over and plenary < MIN_PLENARY_MEETINGS:
        findings.append(_finding("compliance.too_few_plenary", year=year, count=plenary))
    if missing:
        findings.append(
            _finding("compliance.missing_consultations", year=year, months=", ".join(str(m) for m in missing))
        )
    evaluated = year in evaluated_years
    if year_over and not evaluated:
        findings.append(_finding("compliance.no_evaluation", year=year))
    for project in projects:
        ran_this_year = project.started_on <= year_end and (project.ended_on is None or project.ended_on >= year_start)
        defined = [d for d in indicator_dates.get(project.id, []) if d <= year_end]
        if ran_this_year and not defined:
            findings.append(_finding("compliance.project_without_indicators", project.id, title=project.title))
    moment = min(year_end, today)
    for d in disagreements:
        still_open = d.resolved_on is None or d.resolved_on > moment
        if d.raised_on <= moment and still_open:
            days = (moment - d.raised_on).days
            if days > MAX_DAYS_OPEN and (d.raised_on.year == year or moment.year == year):
                findings.append(
                    _finding("compliance.disagreement_open_too_long", d.id, about=d.about, days=days, max=MAX_DAYS_OPEN)
                )
    return ComplianceYear(
        year,
        plenary,
        len(monthly_months),
        missing,
        evaluated,
        not findings,
        tuple(findings),
    )
