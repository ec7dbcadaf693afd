"""The views a report needs, on the BoTu history of 2021 (with a few facts of 2022): each
figure is computed here from the recorded events, apart from the read models."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest

from botu_core import MEMBER, Cooperations, MeetingKind, Money, RecordBenefit, RecordMeeting, RecordSpending
from botu_core.examples import load_botu_2021
import botu_testing

D = dt.date


@pytest.fixture(scope="module")
def history() -> Any:
    app = Cooperations("memory:", clock=botu_testing.fixed_clock)
    coop = load_botu_2021(app)
    # Money of the 2021 funds spent in 2022, a benefit over a period ending in 2022, a meeting of 2022.
    app.execute(coop, RecordSpending(allocation="allocation-1", amount=Money.parse("1.000,00"),
                                     description="Tochtstrips", on=D(2022, 1, 20)))
    app.execute(coop, RecordBenefit(project="Duurzame buurthuiskamers", euros=Money.parse("300"), co2_kg=Decimal("450"),
                                    period_start=D(2022, 1, 1), period_end=D(2022, 1, 31)))
    app.execute(coop, RecordMeeting(kind=MeetingKind.PLENARY, held_on=D(2022, 1, 25), title="Plenair overleg januari"))
    yield app, coop
    app.close()


def facts(app: Cooperations, coop: str, type_name: str) -> list[Any]:
    return [e.fact for e in app.events_of(coop) if type(e.fact).__name__ == type_name]


def test_budget_per_fund_per_year_available_allocated_spent_and_left(history: Any) -> None:
    app, coop = history
    available: dict[tuple[str, int], int] = defaultdict(int)
    for f in facts(app, coop, "FundsMadeAvailable"):
        available[(f.source, f.year)] += f.amount.cents
    withdrawn = {f.allocation_id for f in facts(app, coop, "AllocationWithdrawn")}
    fund_of = {f.allocation_id: (f.source, f.year) for f in facts(app, coop, "BudgetAllocated")}
    allocated: dict[tuple[str, int], int] = defaultdict(int)
    for f in facts(app, coop, "BudgetAllocated"):
        if f.allocation_id not in withdrawn:
            allocated[(f.source, f.year)] += f.amount.cents
    spent: dict[tuple[str, int], int] = defaultdict(int)
    for f in facts(app, coop, "SpendingRecorded"):
        spent[fund_of[f.allocation_id]] += f.amount.cents
    lines = app.budget(coop)
    assert {(b.source, b.year): b.available.cents for b in lines} == available
    assert {(b.source, b.year): b.allocated.cents for b in lines} == allocated
    assert {(b.source, b.year): b.spent.cents for b in lines} == spent
    assert {(b.source, b.year): b.left.cents for b in lines} == {k: available[k] - allocated[k] for k in available}
    assert app.budget(coop, 2022) == []  # the funds are those of 2021


def test_spending_is_dated_per_year(history: Any) -> None:
    app, coop = history
    fund_of = {f.allocation_id: (f.source, f.year) for f in facts(app, coop, "BudgetAllocated")}
    per_year: dict[tuple[int, str, int], list[int]] = defaultdict(list)
    for f in facts(app, coop, "SpendingRecorded"):
        per_year[(f.spent_on.year, *fund_of[f.allocation_id])].append(f.amount.cents)
    found = app.spending_per_year(coop)
    assert {(s.year, s.source, s.fund_year): (s.amount.cents, s.spendings) for s in found} == {
        k: (sum(v), len(v)) for k, v in per_year.items()
    }
    in_2022 = app.spendings(coop, 2022)
    assert [(s.spent_on, s.amount, s.source, s.fund_year) for s in in_2022] == [
        (f.spent_on, f.amount, *fund_of[f.allocation_id]) for f in facts(app, coop, "SpendingRecorded")
        if f.spent_on.year == 2022
    ]
    assert {s.year for s in found} == {2021, 2022}


def test_benefits_per_year_and_per_project(history: Any) -> None:
    app, coop = history
    expected: dict[int, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(lambda: [0, Decimal(0)]))
    for f in facts(app, coop, "BenefitRecorded"):
        expected[f.period_end.year][f.project_id][0] += f.euros_saved.cents
        expected[f.period_end.year][f.project_id][1] += f.co2_kg
    years = app.benefits_per_year(coop)
    assert [y.year for y in years] == sorted(expected) == [2021, 2022]
    for y in years:
        assert {p.project_id: [p.euros.cents, p.co2_kg] for p in y.projects} == expected[y.year]
        assert y.total_euros.cents == sum(e for e, _ in expected[y.year].values())
        assert y.total_co2_kg == sum((kg for _, kg in expected[y.year].values()), Decimal(0))
    assert app.benefits_per_year(coop, 2022) == [years[1]]


def test_signatures_per_party_across_agreement_versions(history: Any) -> None:
    app, coop = history
    signed: dict[str, list[int]] = defaultdict(list)
    for f in facts(app, coop, "AgreementSigned"):
        signed[f.party_id].append(f.version)
    member = app.view_as(MEMBER)
    found = member.signatures(coop)
    assert {p.party_id: list(p.versions) for p in found} == {k: sorted(v) for k, v in signed.items()}
    assert any(len(p.versions) > 1 for p in found)  # someone signed both versions
    fatima = member.signatures(coop, "Fatima El Amrani")
    assert [p.party_name for p in fatima] == ["Fatima El Amrani"] and fatima[0].versions == tuple(sorted(signed["party-1"]))
    # The public sees the same signatures, without the names of people.
    public = app.signatures(coop)
    assert [p.versions for p in public] == [p.versions for p in found]
    assert "Fatima El Amrani" not in str(public)


def test_meetings_and_decisions_by_date_range_and_by_title(history: Any) -> None:
    app, coop = history
    held = [(f.meeting_id, f.held_on, f.title) for f in facts(app, coop, "MeetingHeld")]
    autumn = app.meetings(coop, since=D(2021, 10, 1), until=D(2021, 12, 31))
    assert [m.id for m in autumn] == [i for i, on, _ in sorted(held, key=lambda m: m[1]) if D(2021, 10, 1) <= on <= D(2021, 12, 31)]
    plenary = app.meetings(coop, title="PLENAIR  overleg")
    assert {m.id for m in plenary} == {i for i, _, title in held if "plenair overleg" in title.lower()}
    assert plenary and all(m.held_on.year in (2021, 2022) for m in plenary)
    days: dict[str, dt.date] = {f.decision_id: f.proposed_on for f in facts(app, coop, "DecisionProposed")}
    subjects: dict[str, str] = {f.decision_id: f.subject for f in facts(app, coop, "DecisionProposed")}
    for f in facts(app, coop, "DecisionTaken"):
        days[f.decision_id], subjects[f.decision_id] = f.taken_on, f.subject
    in_october = app.decisions(coop, since=D(2021, 10, 1), until=D(2021, 10, 31))
    assert {d.id for d in in_october} == {i for i, on in days.items() if on.month == 10 and on.year == 2021}
    assert in_october
    budget = app.decisions(coop, title="begroting")
    assert {d.id for d in budget} == {i for i, s in subjects.items() if "begroting" in s.lower()} != set()


def test_view_as_an_audience_as_of_a_date(history: Any) -> None:
    app, coop = history
    with app.view_as(MEMBER, as_of=D(2021, 12, 31), cooperation=coop) as then:
        assert {s.year for s in then.spending_per_year(coop)} == {2021}
        assert [y.year for y in then.benefits_per_year(coop)] == [2021]
        assert then.party(coop, "Fatima El Amrani").id == "party-1"
        assert then.audience == MEMBER
