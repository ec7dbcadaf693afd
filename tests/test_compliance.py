"""Compliance follows the agreement version in force: each year against the commitments
of the version in force at its end (the running year: today), with the figures required
beside those that happened, and nothing for years outside the cooperation's life."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs
import pytest

from botu_core import (
    AdoptAgreement,
    Commitments,
    Cooperations,
    JoinParty,
    MeetingKind,
    PartyKind,
    RecordDecision,
    RecordEvaluation,
    RecordMeeting,
    ReviseAgreement,
    StartProject,
)
from botu_core.values import Consultation
from factories import D, terms


def _clock(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)


@pytest.fixture
def late_app() -> Iterator[Cooperations]:
    """An app whose today is 3 December 2026."""
    app = Cooperations("memory:", clock=lambda: _clock(D(2026, 12, 3)))
    yield app
    app.close()


def _coop(app: Cooperations, founded: dt.date, commitments: Commitments, end: dt.date = D(2028, 12, 31)) -> str:
    c = app.create_cooperation("Energiekring Spangen", slug="spangen", founded_on=founded)
    app.execute(c, JoinParty(name="Ann", kind=PartyKind.RESIDENT, on=founded))
    app.execute(c, AdoptAgreement(attrs.evolve(terms(end=end), commitments=commitments), on=founded))
    return c


def _meet(app: Cooperations, c: str, kind: MeetingKind, *days: dt.date) -> None:
    for day in days:
        app.execute(c, RecordMeeting(kind=kind, held_on=day))


def _evaluate(app: Cooperations, c: str, year: int) -> None:
    app.execute(c, RecordEvaluation(year=year, process="Goed.", goals="Gehaald.", results="Veel.",
                                    on=D(year, 12, 20)))


SPANGEN = Commitments(plenary_meetings_per_year=4, consultation=Consultation.QUARTERLY, minimum_end_date=None)


def test_a_year_before_the_founding_or_after_today_has_no_findings(late_app: Cooperations) -> None:
    c = _coop(late_app, D(2026, 2, 1), Commitments())
    (before,) = late_app.compliance(c, 2025)
    (after,) = late_app.compliance(c, 2027)
    assert (before.findings, before.ok, before.checked) == ((), True, False)
    assert (after.findings, after.ok, after.checked) == ((), True, False)
    # The founding year itself is checked, from the founding month to the month that is over.
    (now,) = late_app.compliance(c, 2026)
    assert now.checked and now.missing_consultation_periods == tuple(range(2, 12))


def test_quarterly_consultations_and_four_meetings(late_app: Cooperations) -> None:
    c = _coop(late_app, D(2024, 1, 10), SPANGEN, end=D(2027, 12, 31))
    # 2024: four meetings, a consultation every quarter, evaluated: in order.
    _meet(late_app, c, MeetingKind.PLENARY, D(2024, 2, 1), D(2024, 5, 1), D(2024, 8, 1), D(2024, 11, 1))
    _meet(late_app, c, MeetingKind.CONSULTATION, D(2024, 1, 20), D(2024, 4, 20), D(2024, 7, 20), D(2024, 10, 20))
    _evaluate(late_app, c, 2024)
    # 2025: three meetings, no consultation in the second quarter.
    _meet(late_app, c, MeetingKind.PLENARY, D(2025, 2, 1), D(2025, 5, 1), D(2025, 8, 1))
    _meet(late_app, c, MeetingKind.CONSULTATION, D(2025, 1, 20), D(2025, 7, 20), D(2025, 10, 20))
    _evaluate(late_app, c, 2025)
    y2024, y2025 = late_app.compliance(c, 2024)[0], late_app.compliance(c, 2025)[0]
    assert y2024.ok and y2024.findings == ()
    assert (y2024.required_plenary_meetings, y2024.consultation, y2024.version) == (4, "quarterly", 1)
    assert not y2025.ok
    assert [f.message_nl for f in y2025.findings] == [
        "In 2025 waren er 3 bijeenkomsten; afgesproken is minstens 4.",
        "In 2025 was er geen overleg in kwartaal 2; afgesproken is elk kwartaal overleg.",
    ]
    assert y2025.missing_consultation_periods == (2,)
    assert {(f.code, f.version) for f in y2025.findings} == {
        ("compliance.too_few_plenary", 1), ("compliance.missing_quarterly_consultations", 1)}
    # The running year: only quarters that are over (Q1 to Q3 of 2026).
    (y2026,) = late_app.compliance(c, 2026)
    assert y2026.missing_consultation_periods == (1, 2, 3)


def test_a_revision_changes_compliance_from_the_year_it_is_in_force(late_app: Cooperations) -> None:
    c = _coop(late_app, D(2022, 1, 1), attrs.evolve(Commitments(), consultation=Consultation.NONE))
    meeting = str(late_app.execute(c, RecordMeeting(kind=MeetingKind.PLENARY, held_on=D(2022, 3, 1))))
    _meet(late_app, c, MeetingKind.PLENARY, D(2022, 6, 1), D(2022, 9, 1))
    decision = str(late_app.execute(c, RecordDecision(meeting=meeting, subject="Vaker", text="Vier keer per jaar.")))
    four = attrs.evolve(terms(), commitments=attrs.evolve(late_app.agreement(c).commitments, plenary_meetings_per_year=4,
                                                         clauses={"plenary_meetings_per_year": "inclusief"}))
    late_app.execute(c, ReviseAgreement(four, reason="Vaker samen", decision=decision, on=D(2023, 1, 15)))
    _meet(late_app, c, MeetingKind.PLENARY, D(2023, 3, 1), D(2023, 6, 1), D(2023, 9, 1))
    _evaluate(late_app, c, 2022)
    _evaluate(late_app, c, 2023)
    y2022, y2023 = late_app.compliance(c, 2022)[0], late_app.compliance(c, 2023)[0]
    assert (y2022.ok, y2022.version, y2022.required_plenary_meetings) == (True, 1, 3)
    assert (y2023.ok, y2023.version, y2023.required_plenary_meetings) == (False, 2, 4)
    (finding,) = y2023.findings
    assert (finding.code, finding.version, finding.clause) == ("compliance.too_few_plenary", 2, "inclusief")
    assert finding.message_nl == "In 2023 waren er 3 bijeenkomsten; afgesproken is minstens 4."
    assert finding.message_en == "In 2023 there were 3 plenary meetings; the agreement asks for at least 4."


def test_without_the_indicators_commitment_a_project_without_indicators_is_fine(late_app: Cooperations) -> None:
    c = _coop(late_app, D(2026, 1, 1), attrs.evolve(SPANGEN, indicators_required=False))
    late_app.execute(c, StartProject(title="Zonnedak", plan="Panelen op de school.", contact="Ann", on=D(2026, 3, 1)))
    (year,) = late_app.compliance(c, 2026)
    assert "compliance.project_without_indicators" not in {f.code for f in year.findings}
    assert year.indicators_required is False


def test_without_an_evaluation_commitment_or_a_disagreement_limit_nothing_is_asked(late_app: Cooperations) -> None:
    c = _coop(late_app, D(2024, 1, 1), Commitments(plenary_meetings_per_year=0, consultation=Consultation.NONE,
                                                    evaluation_every_year=False, disagreement_open_days=None))
    from botu_core import RaiseDisagreement

    late_app.execute(c, RaiseDisagreement(by="Ann", about="Het geld", on=D(2024, 2, 1)))
    (year,) = late_app.compliance(c, 2024)
    assert year.findings == () and year.ok
    assert (year.required_plenary_meetings, year.consultation, year.evaluation_required) == (0, "none", False)
