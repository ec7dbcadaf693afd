"""Why-trails over the example history: the events behind an item, with decision and meeting."""

from __future__ import annotations

import pytest

from botu_core import Cooperations, NotFound


def kinds(trail: object) -> list[tuple[str, str]]:
    return [(s.type, s.role) for s in trail.steps]  # type: ignore[attr-defined]


def test_an_allocation_with_its_funds_decision_opinions_and_meeting(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    trail = app.audit.why(coop, "allocation-2")
    assert kinds(trail) == [
        ("FundsMadeAvailable", "funds"),  # BoTu2028, 2021
        ("DecisionProposed", "decision"),
        ("OpinionGiven", "opinion"),
        ("OpinionGiven", "opinion"),
        ("OpinionGiven", "opinion"),
        ("OpinionGiven", "opinion"),
        ("MeetingHeld", "meeting"),
        ("DecisionTaken", "decision"),
        ("BudgetAllocated", "item"),
        ("SpendingRecorded", "item"),
    ]
    assert [s.position for s in trail.steps] == sorted(s.position for s in trail.steps)
    assert trail.decisions == ("decision-2",)
    assert trail.meetings == ("meeting-8",)
    assert trail.steps[0].data["source"] == "BoTu2028"
    assert trail.steps[-1].role_nl == "maakte of veranderde dit"


def test_a_signature(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    trail = app.audit.why(coop, "signature:2:party-1")
    # The version was made by a revision; the revision names the evaluation, the evaluation its meeting.
    assert kinds(trail) == [
        ("PartyJoined", "item"),
        ("MeetingHeld", "meeting"),
        ("EvaluationRecorded", "evaluation"),
        ("AgreementRevised", "agreement"),
        ("AgreementSigned", "item"),
    ]
    assert trail.meetings == ("meeting-10",)


def test_a_party_made_coordinator_by_a_decision(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    trail = app.audit.why(coop, "party-4")
    assert [t for t, role in kinds(trail) if role == "item"] == ["PartyJoined", "AgreementSigned", "CoordinatorsChosen"]
    assert trail.decisions == ("decision-1",) and trail.meetings == ("meeting-7",)


def test_a_project_with_its_allocation_and_spending(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    trail = app.audit.why(coop, "project-2")
    items = [t for t, role in kinds(trail) if role == "item"]
    assert items == [
        "ProjectStarted",
        "BudgetAllocated",
        "SpendingRecorded",
        "IndicatorDefined",
        "IndicatorMeasured",
        "BenefitRecorded",
    ]


def test_a_compliance_finding(memory_app: Cooperations) -> None:
    import datetime as dt

    from botu_core import AdoptAgreement, MeetingKind, RecordMeeting
    from factories import terms

    coop = memory_app.create_cooperation("Test", slug="test", founded_on=dt.date(2022, 1, 1))
    # Compliance checks the commitments of the agreement in force (BoTu's: three meetings).
    memory_app.execute(coop, AdoptAgreement(terms(), on=dt.date(2022, 1, 1)))
    memory_app.execute(
        coop, RecordMeeting(kind=MeetingKind.PLENARY, held_on=dt.date(2022, 5, 1), title="Enige bijeenkomst", minutes="")
    )
    [year] = memory_app.compliance(coop, 2022)
    finding = next(f for f in year.findings if f.code == "compliance.too_few_plenary")
    trail = memory_app.audit.why(coop, f"finding:{finding.code}:2022")
    assert kinds(trail) == [("MeetingHeld", "meeting")]
    assert trail.kind == "finding"


def test_an_unknown_item_is_refused(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with pytest.raises(NotFound) as error:
        app.audit.why(coop, "allocation-99")
    assert "allocation-99" in error.value.message_nl
