"""Time travel: the read models as of ten dates of the example history of 2021.

The expectations are written by hand from the history in
``botu_core.examples.botu_2021`` (dates from 2021-07-01 to 2022-02-09).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from botu_core import Cooperations, Money, NotFound

D = dt.date
NOW = dt.datetime(2023, 3, 1, 12, 0, tzinfo=dt.UTC)  # as the ``example`` fixture's clock


def budget_left(lines: list) -> dict[str, tuple[Money, Money, Money]]:  # type: ignore[type-arg]
    return {line.source: (line.allocated, line.spent, line.left) for line in lines}


def test_1_before_the_founding_there_is_nothing(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with app.audit.as_of(coop, date=D(2021, 6, 30)) as then:
        assert then.position == 0
        assert then.parties() == []
        with pytest.raises(NotFound):
            then.cooperation()


def test_2_on_the_founding_day_ten_parties_and_no_agreement(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with app.audit.as_of(coop, date=D(2021, 7, 1)) as then:
        parties = then.parties()
        assert len(parties) == 10
        assert all(p.active and not p.coordinator and p.signed_versions == () for p in parties)
        assert then.agreement_versions() == []
        with pytest.raises(NotFound):
            then.agreement()
        assert then.meetings() == []
        assert then.projects() == []


def test_3_end_of_august_two_monthly_consultations(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with app.audit.as_of(coop, date=D(2021, 8, 31)) as then:
        meetings = then.meetings()
        assert [(m.kind, m.held_on) for m in meetings] == [("consultation", D(2021, 7, 6)), ("consultation", D(2021, 8, 6))]
        assert then.budget() == []


def test_4_signing_day_agreement_coordinators_projects_funds(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with app.audit.as_of(coop, date=D(2021, 9, 15)) as then:
        agreement = then.agreement()
        assert (agreement.version, agreement.is_current) == (1, True)
        assert (len(agreement.values), len(agreement.goals), len(agreement.working_agreements)) == (7, 5, 7)
        assert sorted(s.party_id for s in agreement.signatures) == ["party-1", "party-2", "party-4", "party-7", "party-8"]
        assert {p.id for p in then.parties() if p.coordinator} == {"party-1", "party-4"}
        assert [(p.id, p.status) for p in then.projects()] == [(f"project-{i}", "running") for i in range(1, 6)]
        assert budget_left(then.budget()) == {
            "Aardgasvrij": (Money(0), Money(0), Money.parse("50000")),
            "BoTu2028": (Money(0), Money(0), Money.parse("50000")),
        }
        assert then.meetings_per_year() == {2021: {"plenary": 1, "consultation": 3, "evaluation": 0}}
        assert [(d.id, d.status) for d in then.decisions()] == [("decision-1", "taken")]


def test_5_budget_proposal_pending_but_the_first_benefit_counts(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with app.audit.as_of(coop, date=D(2021, 10, 7)) as then:
        decisions = {d.id: d for d in then.decisions()}
        assert decisions["decision-2"].status == "pending"
        assert decisions["decision-2"].opinions == ()
        assert then.allocations() == []
        # The benefit's own date is the start of its period (1 October).
        benefits = then.benefits()
        assert (benefits.total_euros, benefits.total_co2_kg) == (Money.parse("9600"), Decimal("14200"))


def test_6_budget_decided_and_allocated(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with app.audit.as_of(coop, date=D(2021, 10, 20)) as then:
        decision = {d.id: d for d in then.decisions()}["decision-2"]
        assert decision.status == "taken"
        assert (decision.opinions_for, decision.opinions_against, decision.opinions_neutral) == (2, 1, 1)
        assert [(a.id, a.project_id, a.amount, a.status) for a in then.allocations()] == [
            ("allocation-1", "project-2", Money.parse("20000"), "standing"),
            ("allocation-2", "project-3", Money.parse("25000"), "standing"),
            ("allocation-3", "project-1", Money.parse("12500"), "standing"),
            ("allocation-4", "project-5", Money.parse("10000"), "standing"),
        ]
        assert budget_left(then.budget()) == {
            "Aardgasvrij": (Money.parse("30000"), Money(0), Money.parse("20000")),
            "BoTu2028": (Money.parse("37500"), Money(0), Money.parse("12500")),
        }
        assert all(len(p.indicators) == 1 and p.indicators[0].measurements == () for p in then.projects())
        assert then.disagreements() == []


def test_7_end_of_october_a_disagreement_is_open(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with app.audit.as_of(coop, date=D(2021, 10, 31)) as then:
        [open_one] = then.disagreements(status="open")
        assert (open_one.id, open_one.raised_by, open_one.discussed_at) == ("disagreement-1", "party-2", ())


def test_8_end_of_november_discussed_and_first_spending(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with app.audit.as_of(coop, date=D(2021, 11, 30)) as then:
        [still_open] = then.disagreements()
        assert (still_open.status, still_open.discussed_at) == ("open", ("meeting-5",))
        assert budget_left(then.budget())["Aardgasvrij"][1] == Money.parse("8450")
        assert budget_left(then.budget())["BoTu2028"][1] == Money(0)
        benefits = then.benefits()
        assert (benefits.total_euros, benefits.total_co2_kg) == (Money.parse("10850"), Decimal("16300.5"))


def test_9_end_of_2021_resolved_spent_measured(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with app.audit.as_of(coop, date=D(2021, 12, 31)) as then:
        [resolved] = then.disagreements()
        assert (resolved.status, resolved.resolved_on) == ("resolved", D(2021, 12, 8))
        assert budget_left(then.budget())["BoTu2028"] == (Money.parse("37500"), Money.parse("12000"), Money.parse("12500"))
        assert all(len(p.indicators[0].measurements) == 1 for p in then.projects())
        assert then.meetings_per_year() == {2021: {"plenary": 3, "consultation": 6, "evaluation": 0}}
        assert then.evaluations() == []
        [year] = then.compliance(year=2021)
        assert (year.plenary_meetings, year.consultations, year.evaluation_recorded) == (3, 6, False)


def test_10_january_2022_evaluated_but_not_yet_revised(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with app.audit.as_of(coop, date=D(2022, 1, 31)) as then:
        assert [(e.id, e.year) for e in then.evaluations()] == [("evaluation-1", 2021)]
        assert then.agreement_versions() == [1]
        assert then.agreement().version == 1


def test_11_revision_day_version_2_with_one_signature(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with app.audit.as_of(coop, date=D(2022, 2, 9)) as then:
        assert then.agreement_versions() == [1, 2]
        current = then.agreement()
        assert (current.version, current.evaluation_id) == (2, "evaluation-1")
        assert [s.party_id for s in current.signatures] == ["party-1"]
        assert then.view_as("member").party(None, "Fatima El Amrani").signed_versions == (1, 2)


def test_by_position(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with app.audit.as_of(coop, position=11) as then:
        assert len(then.parties()) == 10 and then.agreement_versions() == []
    with app.audit.as_of(coop, position=12) as then:
        assert then.agreement().signatures == ()
        assert then.position == 12


def test_as_of_the_end_equals_the_live_read_models_and_leaves_them_alone(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    live_before = app.read_models.dump()
    with app.audit.as_of(coop, date=D(2099, 1, 1)) as then:
        assert then.skipped == []
        assert then.dump() == live_before
        assert then.parties() == app.parties(coop)
        assert then.compliance(today=NOW.date()) == app.compliance(coop)
    assert app.read_models.dump() == live_before


def test_a_moment_is_needed(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    with pytest.raises(Exception, match="datum"):
        app.audit.as_of(coop)
