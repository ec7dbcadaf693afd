"""Step definitions for the Dutch scenarios in ``scenarios/``, shared by every feature.

Steps talk only to a ``Driver`` (see ``drivers/``), so each scenario runs once per
driver as its own pytest item (``[library]``, ``[cli]``, ``[cli-script]``, ``[web]``,
``[web-server]``; ``BOTU_BDD_DRIVERS`` selects others). A scenario with a step a driver lacks is
deselected for that driver and counted in the terminal summary (``capabilities.py``).

- ``Gegeven`` steps set the stage: a refusal there fails the step at once.
- ``Als`` steps try what a person does: a refusal is kept (``World.error``) for a
  ``Dan ... melding`` step to check; the first refusal in a scenario is the one kept.
- ``Dan`` steps check. Steps that check the state first make sure nothing was
  refused unexpectedly; a scenario that ends with a refusal nobody checked fails.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

sys.path.insert(0, str(Path(__file__).parent))

from capabilities import StepNeeds, scenario_needs  # noqa: E402
from drivers import DRIVERS, Driver, Refusal, selected_drivers, subset_for  # noqa: E402
from vocabulary import (  # noqa: E402
    CO_BENEFITS,
    MONTHS,
    STANCES,
    TYPES,
    YES,
    commitments_table,
    euro,
    names,
    nl_date,
    number,
)

# "Today" for every scenario: the day these scenarios were written.
TODAY = dt.date(2026, 11, 26)


def P(text: str) -> Any:
    return parsers.parse(text, extra_types=TYPES)


# --- the world of one scenario ---------------------------------------------------------


class World:
    """What one scenario remembers: the driver, names of things made, the refusal seen."""

    def __init__(self, driver: Driver) -> None:
        self.driver = driver
        self.meetings: dict[dt.date, str] = {}
        self.last_meeting: str | None = None
        self.decisions: dict[str, str] = {}  # subject -> id (proposed or taken)
        self.last_taken_decision: str | None = None
        self.disagreements: dict[str, str] = {}
        self.allocations: dict[str, str] = {}  # project -> id of its last allocation
        self.evaluations: dict[int, str] = {}
        self.error: Refusal | None = None
        self.error_checked = False
        self.events_at_error: int | None = None
        self.saved_log: list[Any] | None = None
        self.saved_views: dict[str, Any] | None = None
        self.receipts: dict[str, str] = {}  # party -> the receipt of its last ballot
        self.inclusion_receipt: Any = None  # the inclusion receipt a party asked for
        self.receipt_check: Any = None  # what checking it said

    def attempt(self, action: Callable[[], Any]) -> Any:
        before = self.driver.event_count()
        try:
            return action()
        except Refusal as refusal:
            if self.error is None:
                self.error = refusal
                self.events_at_error = before
            return None

    def ok(self) -> None:
        """Check that nothing was refused that the scenario did not expect (a refusal
        a ``melding`` step already checked was expected)."""
        if self.error is not None and not self.error_checked:
            self.error_checked = True
            raise AssertionError(f"botu weigerde onverwacht: {self.error.message_nl} ({self.error.code})")

    def refusal(self) -> Refusal:
        assert self.error is not None, "er verscheen geen melding: botu weigerde niets"
        self.error_checked = True
        return self.error


@pytest.fixture(params=selected_drivers())
def driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    instance = DRIVERS[request.param].make(TODAY)
    yield instance
    instance.close()


# --- which scenario runs under which driver ---------------------------------------------------

# (driver, scenario name, why) for every combination not collected; shown in the summary.
_deselected: list[tuple[str, str, str]] = []
# node id -> (driver, the outline example's values or ""), for the living documentation.
_item_driver: dict[str, tuple[str, str]] = {}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect scenario/driver combinations the driver cannot run: a step needs a driver
    method in its ``unsupported``, or the driver runs only a subset by default."""
    from pytest_bdd.scenario import scenario_wrapper_template_registry
    from pytest_bdd.steps import step_function_context_registry

    contexts = [c for c in list(step_function_context_registry.values()) if c.step_func.__globals__ is globals()]
    needs = StepNeeds(globals(), World)
    keep: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        template = scenario_wrapper_template_registry.get(getattr(item, "function", None))  # type: ignore[arg-type]
        if callspec is None or template is None or "driver" not in callspec.params:
            keep.append(item)
            continue
        name = callspec.params["driver"]
        example = callspec.params.get("_pytest_bdd_example", {})
        scenario = template.render(example)
        _item_driver[item.nodeid] = (name, ", ".join(str(v) for v in example.values()))
        subset = subset_for(name)
        lacking = sorted(scenario_needs(scenario, contexts, needs)[0] & DRIVERS[name].unsupported)
        if lacking:
            _deselected.append((name, scenario.name, "mist " + ", ".join(lacking)))
            dropped.append(item)
        elif subset is not None and scenario.name not in subset:
            _deselected.append((name, scenario.name, "alleen de rooktest"))
            dropped.append(item)
        else:
            keep.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _deselected:
        return
    terminalreporter.section("BDD: scenario's niet verzameld voor een driver (deselected, niet skipped)")
    counts: dict[tuple[str, str], int] = {}
    for name, _scenario, why in _deselected:
        counts[(name, why)] = counts.get((name, why), 0) + 1
    for (name, why), count in sorted(counts.items()):
        terminalreporter.write_line(f"[{name}] {count} scenario('s): {why}")
    for name, scenario, why in _deselected:
        if why != "alleen de rooktest":
            terminalreporter.write_line(f"  [{name}] {scenario} — {why}")


@pytest.fixture
def world(driver: Driver) -> World:
    return World(driver)


def pytest_bdd_after_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    if "world" not in request.fixturenames:
        return
    w: World = request.getfixturevalue("world")
    if w.error is not None and not w.error_checked:
        raise AssertionError(f"botu weigerde iets en geen stap keek ernaar: {w.error.message_nl}")


# --- Gegeven: the stage ---------------------------------------------------------------------


@given(P('de samenwerking "{naam:Q}" die is gestart op {datum:Datum}'))
def _found(world: World, naam: str, datum: dt.date) -> None:
    world.driver.found_cooperation(naam, datum)


@given("de voorbeeldgeschiedenis van Energiewijk BoTu uit 2021")
def _example(world: World) -> None:
    world.driver.load_example_2021()
    for decision in world.driver.decisions():
        world.decisions[decision["subject"]] = decision["id"]
    for evaluation in world.driver.evaluations():
        world.evaluations[evaluation["year"]] = evaluation["id"]
    for allocation in world.driver.allocations():
        world.allocations[allocation["project_title"]] = allocation["id"]


@given(P("de overeenkomst van 2021 is vastgesteld op {datum:Datum}"))
def _adopted(world: World, datum: dt.date) -> None:
    world.driver.adopt_agreement(datum)


@given(P("de overeenkomst van 2021 is vastgesteld op {datum:Datum} met deze afspraken:"))
def _adopted_with(world: World, datum: dt.date, datatable: list[list[str]]) -> None:
    commitments, end_date = commitments_table(datatable)
    world.driver.adopt_agreement(datum, end_date, commitments=commitments)


@given("deze partijen doen mee:")
def _parties(world: World, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    for row in rows:
        cells = dict(zip(header, row, strict=True))
        world.driver.join(
            cells["naam"],
            TYPES["Soort"](cells["soort"]),
            phone=cells.get("telefoon", ""),
            email=cells.get("e-mail", ""),
            share_contact=YES[cells.get("deelt gegevens", "")],
            on=nl_date(cells["sinds"]) if cells.get("sinds") else dt.date(2021, 7, 1),
        )


@given(P('"{partij:Q}" heeft de overeenkomst ondertekend'))
def _signed(world: World, partij: str) -> None:
    world.driver.sign(partij, "Ik doe mee.")


@given(P('"{partij:Q}" is gestopt met meedoen'))
def _left(world: World, partij: str) -> None:
    world.driver.leave(partij)


@given(P('er ligt een voorstel "{onderwerp:Q}" op tafel'))
def _proposal(world: World, onderwerp: str) -> None:
    world.decisions[onderwerp] = world.driver.propose_decision(onderwerp, f"Voorstel: {onderwerp}.")


@given(P("er is een {soort:Vergadering} gehouden op {datum:Datum}"))
def _meeting_held(world: World, soort: str, datum: dt.date) -> None:
    world.meetings[datum] = world.last_meeting = world.driver.hold_meeting(soort, datum)


def _monthly(world: World, van: str, tot: str, jaar: int, behalve: str | None) -> None:
    for month in range(MONTHS[van], MONTHS[tot] + 1):
        if behalve is not None and month == MONTHS[behalve]:
            continue
        day = dt.date(jaar, month, 6)
        world.meetings[day] = world.driver.hold_meeting("monthly", day, title=f"Energiewijk BoTu {month}/{jaar}")


@given(P("er is een maandelijks overleg gehouden in elke maand van {van} tot en met {tot} {jaar:d}"))
def _monthly_all(world: World, van: str, tot: str, jaar: int) -> None:
    _monthly(world, van, tot, jaar, None)


@given(P("er is een maandelijks overleg gehouden in elke maand van {van} tot en met {tot} {jaar:d}, behalve {behalve}"))
def _monthly_but(world: World, van: str, tot: str, jaar: int, behalve: str) -> None:
    _monthly(world, van, tot, jaar, behalve)


def _decide(world: World, meeting: str, onderwerp: str) -> str:
    decision = world.driver.take_decision(
        meeting, onderwerp, f"Besluit: {onderwerp}.", proposal=world.decisions.get(onderwerp)
    )
    world.decisions[onderwerp] = world.last_taken_decision = decision
    return decision


@given(P('op de bijeenkomst van {datum:Datum} is besloten over "{onderwerp:Q}"'))
def _decided(world: World, datum: dt.date, onderwerp: str) -> None:
    _decide(world, world.meetings[datum], onderwerp)


@given(P('het project "{titel:Q}" is gestart met contactpersoon "{partij:Q}"'))
def _project_started(world: World, titel: str, partij: str) -> None:
    world.driver.start_project(titel, f"Het plan van {titel}.", partij)


@given(P('het project "{titel:Q}" is gestopt'))
def _project_stopped(world: World, titel: str) -> None:
    world.driver.stop_project(titel, "Het project is klaar met de gebiedsaanpak.")


@given(P('voor "{project:Q}" is de indicator "{naam:Q}" opgesteld'))
def _indicator_defined(world: World, project: str, naam: str) -> None:
    world.driver.define_indicator(project, naam)


@given(P('er is in {jaar:d} "{bedrag:Q}" beschikbaar uit "{bron:Q}"'))
def _funds(world: World, jaar: int, bedrag: str, bron: str) -> None:
    world.driver.make_funds_available(bron, jaar, bedrag)


@given(P('er is "{bedrag:Q}" toegekend aan "{project:Q}" uit "{bron:Q}" voor {jaar:d}'))
def _allocated(world: World, bedrag: str, project: str, bron: str, jaar: int) -> None:
    assert world.last_taken_decision, "er is nog geen besluit genomen"
    world.allocations[project] = world.driver.allocate(project, bron, jaar, bedrag, world.last_taken_decision)


@given(P('er is "{bedrag:Q}" uitgegeven van de toekenning aan "{project:Q}"'))
def _spent(world: World, bedrag: str, project: str) -> None:
    world.driver.record_spending(world.allocations[project], bedrag, "Uitgave")


@given(P('"{partij:Q}" heeft onenigheid gemeld over "{onderwerp:Q}"'))
def _disagreement(world: World, partij: str, onderwerp: str) -> None:
    world.disagreements[onderwerp] = world.driver.raise_disagreement(partij, onderwerp)


@given(P('"{partij:Q}" heeft onenigheid gemeld over "{onderwerp:Q}" op {datum:Datum}'))
def _disagreement_on(world: World, partij: str, onderwerp: str, datum: dt.date) -> None:
    world.disagreements[onderwerp] = world.driver.raise_disagreement(partij, onderwerp, on=datum)


@given(P('de onenigheid over "{onderwerp:Q}" is opgelost'))
def _resolved(world: World, onderwerp: str) -> None:
    world.driver.resolve_disagreement(world.disagreements[onderwerp], "We zijn eruit.")


@given(P("het jaar {jaar:d} is geëvalueerd"))
def _evaluated(world: World, jaar: int) -> None:
    world.evaluations[jaar] = world.driver.record_evaluation(
        jaar, "Het proces liep goed.", "De doelen blijven.", "Er lopen projecten."
    )


@given("de auditor heeft het logboek bewaard")
def _save_log(world: World) -> None:
    world.saved_log = world.driver.log()


def _all_views(driver: Driver) -> dict[str, Any]:
    return {
        "parties": driver.parties(),
        "agreement_versions": driver.agreement_versions(),
        "agreements": [driver.agreement(v) for v in driver.agreement_versions()],
        "projects": driver.projects(),
        "budget": driver.budget(),
        "allocations": driver.allocations(),
        "meetings": driver.meetings(),
        "decisions": driver.decisions(),
        "disagreements": driver.disagreements(),
        "evaluations": driver.evaluations(),
        "benefits": driver.benefits(),
        "compliance": [driver.compliance(year) for year in (2021, 2022, 2026)],
    }


@given("de auditor heeft alle overzichten bewaard")
def _save_views(world: World) -> None:
    world.saved_views = _all_views(world.driver)


# --- Als: what people do ----------------------------------------------------------------------


@when(P('"{naam:Q}" meedoet als {soort:Soort}'))
def _join(world: World, naam: str, soort: str) -> None:
    world.attempt(lambda: world.driver.join(naam, soort))


@when(P('"{naam:Q}" meedoet als {soort:Soort} op {datum:Datum}'))
def _join_on(world: World, naam: str, soort: str, datum: dt.date) -> None:
    world.attempt(lambda: world.driver.join(naam, soort, on=datum))


@when(P('"{naam:Q}" meedoet als {soort:Soort} met e-mail "{email:Q}"'))
def _join_email(world: World, naam: str, soort: str, email: str) -> None:
    world.attempt(lambda: world.driver.join(naam, soort, email=email, share_contact=True))


@when(P('"{naam:Q}" meedoet als {soort:Soort} met telefoon "{telefoon:Q}"'))
def _join_phone(world: World, naam: str, soort: str, telefoon: str) -> None:
    world.attempt(lambda: world.driver.join(naam, soort, phone=telefoon, share_contact=True))


@when(P('"{partij:Q}" haar contactgegevens niet meer deelt'))
@when(P('"{partij:Q}" zijn contactgegevens niet meer deelt'))
def _stop_sharing(world: World, partij: str) -> None:
    world.attempt(lambda: world.driver.set_contact_sharing(partij, False))


@when(P('"{partij:Q}" haar contactgegevens toch deelt'))
@when(P('"{partij:Q}" zijn contactgegevens toch deelt'))
def _start_sharing(world: World, partij: str) -> None:
    world.attempt(lambda: world.driver.set_contact_sharing(partij, True))


@when(P('"{partij:Q}" de mening "{mening:Q}" geeft over "{onderwerp:Q}"'))
def _opinion(world: World, partij: str, mening: str, onderwerp: str) -> None:
    world.attempt(lambda: world.driver.give_opinion(world.decisions[onderwerp], partij, STANCES[mening]))


@when(P('"{partij:Q}" de overeenkomst ondertekent met de PS "{ps:Q}"'))
def _sign(world: World, partij: str, ps: str) -> None:
    world.attempt(lambda: world.driver.sign(partij, ps))


@when(P('"{partij:Q}" de overeenkomst ondertekent met de PS "{ps:Q}" en de pet "{pet:Q}"'))
def _sign_capacity(world: World, partij: str, ps: str, pet: str) -> None:
    world.attempt(lambda: world.driver.sign(partij, ps, capacity=pet))


@when(P('"{partij:Q}" versie {versie:d} ondertekent met de PS "{ps:Q}"'))
def _sign_version(world: World, partij: str, versie: int, ps: str) -> None:
    world.attempt(lambda: world.driver.sign(partij, ps, version=versie))


@when(P('het project "{titel:Q}" start met het plan "{plan:Q}" en contactpersoon "{partij:Q}"'))
def _start(world: World, titel: str, plan: str, partij: str) -> None:
    world.attempt(lambda: world.driver.start_project(titel, plan, partij))


@when(P('het project "{titel:Q}" start met het plan "{plan:Q}" en contactpersoon "{partij:Q}" op {datum:Datum}'))
def _start_on(world: World, titel: str, plan: str, partij: str, datum: dt.date) -> None:
    world.attempt(lambda: world.driver.start_project(titel, plan, partij, on=datum))


@when(P('het project "{titel:Q}" start met contactpersoon "{partij:Q}" en de meekoppelkansen "{kansen:Q}"'))
def _start_benefits(world: World, titel: str, partij: str, kansen: str) -> None:
    benefits = [CO_BENEFITS.get(k, k) for k in names(kansen)]
    world.attempt(lambda: world.driver.start_project(titel, f"Het plan van {titel}.", partij, co_benefits=benefits))


@when(P('het project "{titel:Q}" start met contactpersoon "{partij:Q}" en de doelen "{doelen:Q}"'))
def _start_goals(world: World, titel: str, partij: str, doelen: str) -> None:
    world.attempt(lambda: world.driver.start_project(titel, f"Het plan van {titel}.", partij, goals=names(doelen)))


@when(P('voor "{project:Q}" de indicator "{naam:Q}" wordt opgesteld met doel {doel}'))
def _define(world: World, project: str, naam: str, doel: str) -> None:
    world.attempt(lambda: world.driver.define_indicator(project, naam, target=doel))


@when(P('voor "{project:Q}" bij "{indicator:Q}" {waarde} wordt gemeten'))
def _measure(world: World, project: str, indicator: str, waarde: str) -> None:
    world.attempt(lambda: world.driver.measure_indicator(project, indicator, waarde))


@when(
    P(
        'voor "{project:Q}" een voordeel wordt vastgelegd van "{euro:Q}" en {co2} kg CO2 '
        "van {van:Datum} tot en met {tot:Datum}"
    )
)
def _benefit(world: World, project: str, euro: str, co2: str, van: dt.date, tot: dt.date) -> None:
    world.attempt(lambda: world.driver.record_benefit(project, euro, co2, van, tot))


@when(P('er in {jaar:d} "{bedrag:Q}" beschikbaar komt uit "{bron:Q}"'))
def _make_available(world: World, jaar: int, bedrag: str, bron: str) -> None:
    world.attempt(lambda: world.driver.make_funds_available(bron, jaar, bedrag))


@when(P('er "{bedrag:Q}" wordt toegekend aan "{project:Q}" uit "{bron:Q}" voor {jaar:d}, na het besluit "{besluit:Q}"'))
def _allocate(world: World, bedrag: str, project: str, bron: str, jaar: int, besluit: str) -> None:
    allocation = world.attempt(lambda: world.driver.allocate(project, bron, jaar, bedrag, world.decisions[besluit]))
    if allocation:
        world.allocations[project] = allocation


@when(P('er "{bedrag:Q}" wordt uitgegeven van de toekenning aan "{project:Q}"'))
def _spend(world: World, bedrag: str, project: str) -> None:
    world.attempt(lambda: world.driver.record_spending(world.allocations[project], bedrag, "Uitgave"))


@when(P('de toekenning aan "{project:Q}" wordt ingetrokken'))
def _withdraw(world: World, project: str) -> None:
    world.attempt(lambda: world.driver.withdraw_allocation(world.allocations[project], "Het plan is veranderd."))


def _hold(world: World, soort: str, datum: dt.date, attendees: list[str]) -> None:
    meeting = world.attempt(lambda: world.driver.hold_meeting(soort, datum, attendees))
    if meeting:
        world.meetings[datum] = world.last_meeting = meeting


@when(P("er een {soort:Vergadering} wordt gehouden op {datum:Datum}"))
def _hold_meeting(world: World, soort: str, datum: dt.date) -> None:
    _hold(world, soort, datum, [])


@when(P('er een {soort:Vergadering} wordt gehouden op {datum:Datum} met de aanwezigen "{aanwezigen:Q}"'))
def _hold_meeting_with(world: World, soort: str, datum: dt.date, aanwezigen: str) -> None:
    _hold(world, soort, datum, names(aanwezigen))


@when(P('op die bijeenkomst wordt besloten over "{onderwerp:Q}"'))
def _decide_now(world: World, onderwerp: str) -> None:
    assert world.last_meeting, "er is nog geen bijeenkomst gehouden"
    meeting = world.last_meeting
    world.attempt(lambda: _decide(world, meeting, onderwerp))


@when(P('"{partij:Q}" onenigheid meldt over "{onderwerp:Q}"'))
def _raise(world: World, partij: str, onderwerp: str) -> None:
    disagreement = world.attempt(lambda: world.driver.raise_disagreement(partij, onderwerp))
    if disagreement:
        world.disagreements[onderwerp] = disagreement


@when(P('de onenigheid over "{onderwerp:Q}" wordt besproken op het overleg van {datum:Datum}'))
def _discuss(world: World, onderwerp: str, datum: dt.date) -> None:
    world.attempt(lambda: world.driver.discuss_disagreement(world.disagreements[onderwerp], world.meetings[datum]))


@when(P('de onenigheid over "{onderwerp:Q}" wordt opgelost op de bijeenkomst van {datum:Datum} met "{uitkomst:Q}"'))
def _resolve_at(world: World, onderwerp: str, datum: dt.date, uitkomst: str) -> None:
    world.attempt(
        lambda: world.driver.resolve_disagreement(world.disagreements[onderwerp], uitkomst, world.meetings[datum])
    )


@when(P('de onenigheid over "{onderwerp:Q}" wordt opgelost met "{uitkomst:Q}"'))
def _resolve(world: World, onderwerp: str, uitkomst: str) -> None:
    world.attempt(lambda: world.driver.resolve_disagreement(world.disagreements[onderwerp], uitkomst))


@when(P("het jaar {jaar:d} wordt geëvalueerd op {datum:Datum}"))
def _evaluate(world: World, jaar: int, datum: dt.date) -> None:
    evaluation = world.attempt(
        lambda: world.driver.record_evaluation(
            jaar, "Het overleg liep goed.", "De doelen blijven.", "Vijf projecten lopen.", on=datum
        )
    )
    if evaluation:
        world.evaluations[jaar] = evaluation


@when(P("het jaar {jaar:d} wordt geëvalueerd zonder iets over het proces te zeggen"))
def _evaluate_without_process(world: World, jaar: int) -> None:
    world.attempt(lambda: world.driver.record_evaluation(jaar, "", "De doelen blijven.", "Vijf projecten lopen."))


@when(P("de overeenkomst van 2021 wordt vastgesteld met einddatum {datum:Datum}"))
def _adopt_until(world: World, datum: dt.date) -> None:
    world.attempt(lambda: world.driver.adopt_agreement(dt.date(2021, 9, 15), end_date=datum))


REASON = "Wat we leerden in het afgelopen jaar."


@when(P("de overeenkomst wordt bijgesteld naar de tekst van {tekst:d}, na de evaluatie van {jaar:d}"))
def _revise_evaluation(world: World, tekst: int, jaar: int) -> None:
    world.attempt(lambda: world.driver.revise_agreement(str(tekst), REASON, TODAY, evaluation=world.evaluations[jaar]))


@when(
    P(
        "de overeenkomst wordt bijgesteld naar de tekst van {tekst:d} met einddatum {datum:Datum}, "
        "na de evaluatie van {jaar:d}"
    )
)
def _revise_end(world: World, tekst: int, datum: dt.date, jaar: int) -> None:
    world.attempt(
        lambda: world.driver.revise_agreement(
            str(tekst), REASON, TODAY, evaluation=world.evaluations[jaar], end_date=datum
        )
    )


@when(P('de overeenkomst wordt bijgesteld naar de tekst van {tekst:d}, na het besluit "{besluit:Q}"'))
def _revise_decision(world: World, tekst: int, besluit: str) -> None:
    world.attempt(lambda: world.driver.revise_agreement(str(tekst), REASON, TODAY, decision=world.decisions[besluit]))


@when(P("de overeenkomst wordt bijgesteld naar de tekst van {tekst:d}, zonder besluit of evaluatie"))
def _revise_no_reason(world: World, tekst: int) -> None:
    world.attempt(lambda: world.driver.revise_agreement(str(tekst), REASON, TODAY))


@when(P('de overeenkomst op {datum:Datum} wordt bijgesteld met deze afspraken, na het besluit "{besluit:Q}":'))
def _revise_commitments(world: World, datum: dt.date, besluit: str, datatable: list[list[str]]) -> None:
    commitments, end_date = commitments_table(datatable)
    world.attempt(lambda: world.driver.revise_agreement(
        "2021", REASON, datum, decision=world.decisions[besluit], end_date=end_date, commitments=commitments))


@when(P('"{partijen:Q}" worden gekozen als coördinatoren'))
def _coordinators(world: World, partijen: str) -> None:
    world.attempt(lambda: world.driver.choose_coordinators(names(partijen)))


@when("niemand wordt gekozen als coördinator")
def _no_coordinators(world: World) -> None:
    world.attempt(lambda: world.driver.choose_coordinators([]))


@when("de overzichten opnieuw worden opgebouwd uit het logboek")
def _rebuild(world: World) -> None:
    world.driver.rebuild_read_models()


# --- Dan: refusals ----------------------------------------------------------------------------


@then(P('verschijnt de melding "{melding:Q}"'))
def _message(world: World, melding: str) -> None:
    assert world.refusal().message_nl == melding, f"de melding was: {world.error.message_nl!r}"  # type: ignore[union-attr]


@then(P('verschijnt een melding met "{tekst:Q}"'))
def _message_with(world: World, tekst: str) -> None:
    message = world.refusal().message_nl
    assert tekst in message, f"de melding was: {message!r}"


@then(P('staat dezelfde melding er in het Engels: "{melding:Q}"'))
def _message_en(world: World, melding: str) -> None:
    assert world.refusal().message_en == melding, f"de Engelse melding was: {world.error.message_en!r}"  # type: ignore[union-attr]


@then("er is niets vastgelegd")
def _nothing_recorded(world: World) -> None:
    world.refusal()
    assert world.driver.event_count() == world.events_at_error, "er is toch iets vastgelegd in het logboek"


# --- Dan: parties and signatures ---------------------------------------------------------------


@then(P('doet "{naam:Q}" mee als {soort:Soort}'))
def _takes_part(world: World, naam: str, soort: str) -> None:
    world.ok()
    party = world.driver.party(naam)
    assert party["active"], f"{naam} doet niet mee"
    assert party["kind"] == soort, f"{naam} doet mee als {party['kind']}"


@then(P('doet "{naam:Q}" mee sinds {datum:Datum}'))
def _since(world: World, naam: str, datum: dt.date) -> None:
    world.ok()
    assert world.driver.party(naam)["joined_on"] == datum.isoformat()


@then(P('is er maar één partij met de naam "{naam:Q}"'))
def _one_party(world: World, naam: str) -> None:
    world.ok()
    assert [p["name"] for p in world.driver.parties()].count(naam) == 1


@then(P('heeft "{partij:Q}" versie {versie:d} van de overeenkomst ondertekend'))
def _has_signed(world: World, partij: str, versie: int) -> None:
    world.ok()
    assert versie in world.driver.party(partij)["signed_versions"]


def _signature(world: World, partij: str) -> dict[str, Any]:
    for signature in world.driver.agreement()["signatures"]:
        if signature["party_name"] == partij:
            return signature
    raise AssertionError(f"{partij} heeft niet ondertekend")


@then(P('staat bij de handtekening van "{partij:Q}" de PS "{ps:Q}"'))
def _signature_note(world: World, partij: str, ps: str) -> None:
    world.ok()
    assert _signature(world, partij)["note"] == ps


@then(P('staat bij de handtekening van "{partij:Q}" de pet "{pet:Q}"'))
def _signature_capacity(world: World, partij: str, pet: str) -> None:
    world.ok()
    assert _signature(world, partij)["capacity"] == pet


@then(P('"{partij:Q}" kan nog steeds de overeenkomst ondertekenen'))
def _can_still_sign(world: World, partij: str) -> None:
    world.ok()
    world.driver.sign(partij, "Ook al ben ik het ergens mee oneens, ik doe mee.")
    assert 1 in world.driver.party(partij)["signed_versions"]


@then(P('ziet iedereen bij "{partij:Q}" het telefoonnummer "{nummer:Q}"'))
def _phone_visible(world: World, partij: str, nummer: str) -> None:
    world.ok()
    assert world.driver.party(partij)["phone"] == nummer


@then(P('ziet iedereen bij "{partij:Q}" het e-mailadres "{email:Q}"'))
def _email_visible(world: World, partij: str, email: str) -> None:
    world.ok()
    assert world.driver.party(partij)["email"] == email


@then(P('staat "{partij:Q}" in de lijst van partijen'))
def _listed(world: World, partij: str) -> None:
    world.ok()
    assert partij in [p["name"] for p in world.driver.parties()]


@then(P('ziet niemand het telefoonnummer of e-mailadres van "{partij:Q}"'))
def _contact_hidden(world: World, partij: str) -> None:
    world.ok()
    party = world.driver.party(partij)
    assert party["phone"] is None and party["email"] is None, f"te zien: {party['phone']!r}, {party['email']!r}"


@then(P('zijn de coördinatoren "{partijen:Q}"'))
def _coordinators_are(world: World, partijen: str) -> None:
    world.ok()
    chosen = sorted(p["name"] for p in world.driver.parties() if p["coordinator"])
    assert chosen == sorted(names(partijen))


# --- Dan: opinions and decisions ---------------------------------------------------------------


@then(P('staan bij "{onderwerp:Q}" deze meningen:'))
def _opinion_counts(world: World, onderwerp: str, datatable: list[list[str]]) -> None:
    world.ok()
    expected = dict(zip(datatable[0], datatable[1], strict=True))
    decision = world.driver.decision(onderwerp)
    seen = {
        "voor": decision["opinions_for"],
        "tegen": decision["opinions_against"],
        "neutraal": decision["opinions_neutral"],
    }
    assert seen == {k: int(v) for k, v in expected.items()}


@then(P('staat bij "{onderwerp:Q}" de mening van "{partij:Q}" als "{mening:Q}"'))
def _opinion_of(world: World, onderwerp: str, partij: str, mening: str) -> None:
    world.ok()
    stances = [o["stance"] for o in world.driver.decision(onderwerp)["opinions"] if o["party_name"] == partij]
    assert stances == [STANCES[mening]]


@then(P('staan bij "{onderwerp:Q}" de meningen van "{partijen:Q}"'))
def _opinions_by(world: World, onderwerp: str, partijen: str) -> None:
    world.ok()
    given_by = sorted(o["party_name"] for o in world.driver.decision(onderwerp)["opinions"])
    assert given_by == sorted(names(partijen))


@then(P('is het besluit "{onderwerp:Q}" genomen'))
def _taken(world: World, onderwerp: str) -> None:
    world.ok()
    assert world.driver.decision(onderwerp)["status"] == "taken"


# --- Dan: meetings and compliance ----------------------------------------------------------


@then(P('waren bij de bijeenkomst van {datum:Datum} aanwezig: "{partijen:Q}"'))
def _attendees(world: World, datum: dt.date, partijen: str) -> None:
    world.ok()
    by_id = {p["id"]: p["name"] for p in world.driver.parties()}
    meeting = next(m for m in world.driver.meetings() if m["id"] == world.meetings[datum])
    assert sorted(by_id.get(a, a) for a in meeting["attendees"]) == sorted(names(partijen))


@then(P("telt de controle over {jaar:d} {aantal:d} bijeenkomsten"))
@then(P("telt de controle over {jaar:d} {aantal:d} bijeenkomst"))
def _plenary_count(world: World, jaar: int, aantal: int) -> None:
    world.ok()
    assert world.driver.compliance(jaar)["plenary_meetings"] == aantal


@then(P('meldt de controle over {jaar:d} "{melding:Q}"'))
def _finding(world: World, jaar: int, melding: str) -> None:
    world.ok()
    messages = [f["message_nl"] for f in world.driver.compliance(jaar)["findings"]]
    assert melding in messages, f"de controle meldt: {messages}"


FINDING_CODES = {
    "te weinig bijeenkomsten": "compliance.too_few_plenary",
    "de evaluatie": "compliance.no_evaluation",
    "projecten zonder indicatoren": "compliance.project_without_indicators",
}


@then(P("meldt de controle over {jaar:d} niets over {onderwerp}"))
def _no_finding(world: World, jaar: int, onderwerp: str) -> None:
    world.ok()
    compliance = world.driver.compliance(jaar)
    codes = [f["code"] for f in compliance["findings"]]
    assert FINDING_CODES[onderwerp] not in codes, f"de controle meldt: {[f['message_nl'] for f in compliance['findings']]}"


@then(P("mist de controle over {jaar:d} geen enkel maandelijks overleg"))
def _no_missing_months(world: World, jaar: int) -> None:
    world.ok()
    year = world.driver.compliance(jaar)
    assert (year["consultation"], year["missing_consultation_periods"]) == ("monthly", [])


@then(P("vraagt de controle over {jaar:d} minstens {aantal:d} bijeenkomsten, volgens versie {versie:d}"))
def _required_plenary(world: World, jaar: int, aantal: int, versie: int) -> None:
    world.ok()
    year = world.driver.compliance(jaar)
    assert (year["required_plenary_meetings"], year["version"]) == (aantal, versie), year


@then(P("vraagt de controle over {jaar:d} overleg {cadans}"))
def _required_cadence(world: World, jaar: int, cadans: str) -> None:
    from vocabulary import CADENCES

    world.ok()
    assert world.driver.compliance(jaar)["consultation"] == CADENCES[cadans]


@then(P("is de controle over {jaar:d} in orde"))
def _compliant(world: World, jaar: int) -> None:
    world.ok()
    year = world.driver.compliance(jaar)
    assert year["ok"] and year["findings"] == [], [f["message_nl"] for f in year["findings"]]


@then(P("meldt de controle over {jaar:d} niets, want de samenwerking bestond toen nog niet"))
def _before_founding(world: World, jaar: int) -> None:
    world.ok()
    year = world.driver.compliance(jaar)
    assert (year["checked"], year["findings"]) == (False, []), year


@then(P("is het jaar {jaar:d} geëvalueerd"))
def _is_evaluated(world: World, jaar: int) -> None:
    world.ok()
    assert jaar in [e["year"] for e in world.driver.evaluations()]
    assert world.driver.compliance(jaar)["evaluation_recorded"] is True


# --- Dan: the agreement ------------------------------------------------------------------------


@then(P("loopt de overeenkomst tot {datum:Datum}"))
def _runs_until(world: World, datum: dt.date) -> None:
    world.ok()
    assert world.driver.agreement()["end_date"] == datum.isoformat()


@then(P("is versie {versie:d} de geldende versie"))
def _current(world: World, versie: int) -> None:
    world.ok()
    current = world.driver.agreement()
    assert current["version"] == versie and current["is_current"]
    assert max(world.driver.agreement_versions()) == versie


@then(P("is versie {versie:d} nog steeds de geldende versie"))
def _still_current(world: World, versie: int) -> None:
    world.refusal()
    assert world.driver.agreement_versions() == list(range(1, versie + 1))
    assert world.driver.agreement()["version"] == versie


@then(P('staat in versie {versie:d} de afspraak "{sleutel:Q}"'))
def _has_clause(world: World, versie: int, sleutel: str) -> None:
    world.ok()
    keys = [c["key"] for c in world.driver.agreement(versie)["working_agreements"]]
    assert sleutel in keys


@then(P('staat in versie {versie:d} de afspraak "{sleutel:Q}" niet'))
def _lacks_clause(world: World, versie: int, sleutel: str) -> None:
    world.ok()
    agreement = world.driver.agreement(versie)
    assert agreement["version"] == versie
    assert sleutel not in [c["key"] for c in agreement["working_agreements"]]


@then(P("noemt versie {versie:d} de evaluatie van {jaar:d} als reden"))
def _reason(world: World, versie: int, jaar: int) -> None:
    world.ok()
    assert world.driver.agreement(versie)["evaluation_id"] == world.evaluations[jaar]


# --- Dan: projects and the workbook --------------------------------------------------------------


@then(P('staat het project "{titel:Q}" in het werkboek'))
def _in_workbook(world: World, titel: str) -> None:
    world.ok()
    assert titel in [p["title"] for p in world.driver.projects()]


@then(P('staat het project "{titel:Q}" in de reeks van {jaar:d} van het werkboek'))
def _in_series(world: World, titel: str, jaar: int) -> None:
    world.ok()
    assert world.driver.project(titel)["series_year"] == jaar


@then(P("staan er {aantal:d} projecten in het werkboek"))
def _project_count(world: World, aantal: int) -> None:
    world.ok()
    assert len(world.driver.projects()) == aantal


@then(P("staan in de reeks van {jaar:d} van het werkboek deze projecten:"))
def _series(world: World, jaar: int, datatable: list[list[str]]) -> None:
    world.ok()
    seen = [[p["title"], p["contact_name"]] for p in world.driver.projects() if p["series_year"] == jaar]
    assert seen == datatable[1:]


@then(P('is het plan van "{titel:Q}": "{plan:Q}"'))
def _plan(world: World, titel: str, plan: str) -> None:
    world.ok()
    assert world.driver.project(titel)["plan"] == plan


@then(P('is "{partij:Q}" de contactpersoon van "{titel:Q}"'))
def _contact(world: World, partij: str, titel: str) -> None:
    world.ok()
    project = world.driver.project(titel)
    assert project["contact_name"] == partij
    assert project["contact_party_id"] == world.driver.party(partij)["id"]


@then(P('benut het project "{titel:Q}" de meekoppelkansen "{kansen:Q}"'))
def _co_benefits(world: World, titel: str, kansen: str) -> None:
    world.ok()
    assert list(world.driver.project(titel)["co_benefits"]) == [CO_BENEFITS[k] for k in names(kansen)]


@then(P('werkt het project "{titel:Q}" aan de doelen "{doelen:Q}"'))
def _goals(world: World, titel: str, doelen: str) -> None:
    world.ok()
    assert list(world.driver.project(titel)["goals"]) == names(doelen)


@then(P('heeft "{titel:Q}" de indicator "{naam:Q}" met doel {doel} en als laatste meting {waarde}'))
def _indicator(world: World, titel: str, naam: str, doel: str, waarde: str) -> None:
    world.ok()
    indicator = next(i for i in world.driver.project(titel)["indicators"] if i["name"] == naam)
    assert number(indicator["target"]) == number(doel)
    assert indicator["measurements"], "er is niets gemeten"
    assert number(indicator["measurements"][-1]["value"]) == number(waarde)


# --- Dan: money ----------------------------------------------------------------------------------


def _line(world: World, jaar: int, bron: str) -> dict[str, Any]:
    for line in world.driver.budget(jaar):
        if line["source"] == bron:
            return line
    raise AssertionError(f"geen geld van {bron} in {jaar}")


@then(P('is er in {jaar:d} "{bedrag:Q}" beschikbaar uit "{bron:Q}"'))
def _available(world: World, jaar: int, bedrag: str, bron: str) -> None:
    world.ok()
    assert Decimal(_line(world, jaar, bron)["available"]) == euro(bedrag)


@then(P('is er in {jaar:d} uit "{bron:Q}" nog "{bedrag:Q}" over'))
def _left(world: World, jaar: int, bron: str, bedrag: str) -> None:
    world.ok()
    assert Decimal(_line(world, jaar, bron)["left"]) == euro(bedrag)


@then(P("toont de energiebegroting van {jaar:d}:"))
def _budget_table(world: World, jaar: int, datatable: list[list[str]]) -> None:
    world.ok()
    columns = {"bron": "source", "beschikbaar": "available", "toegekend": "allocated", "uitgegeven": "spent", "over": "left"}
    header, *rows = datatable
    seen = []
    for line in world.driver.budget(jaar):
        seen.append([line["source"]] + [Decimal(line[columns[c]]) for c in header[1:]])
    expected = [[row[0]] + [euro(cell) for cell in row[1:]] for row in rows]
    assert seen == expected


@then(P('heeft het project "{titel:Q}" "{bedrag:Q}" toegekend gekregen'))
def _project_allocated(world: World, titel: str, bedrag: str) -> None:
    world.ok()
    assert Decimal(world.driver.project(titel)["allocated"]) == euro(bedrag)


@then("hoort bij elke toekenning een genomen besluit")
def _allocations_have_decisions(world: World) -> None:
    world.ok()
    taken = {d["id"] for d in world.driver.decisions() if d["status"] == "taken"}
    allocations = world.driver.allocations()
    assert allocations, "er zijn geen toekenningen"
    assert all(a["decision_id"] in taken for a in allocations)


@then(P('komen alle toekenningen van {jaar:d} uit het besluit "{onderwerp:Q}"'))
def _allocations_from(world: World, jaar: int, onderwerp: str) -> None:
    world.ok()
    decision = world.driver.decision(onderwerp)["id"]
    allocations = [a for a in world.driver.allocations() if a["year"] == jaar]
    assert allocations and {a["decision_id"] for a in allocations} == {decision}


@then("toont het overzicht van opbrengsten:")
def _benefits_table(world: World, datatable: list[list[str]]) -> None:
    world.ok()
    rows = {row[0]: (euro(row[1]), number(row[2])) for row in datatable[1:]}
    for project in world.driver.benefits()["projects"]:
        seen = (Decimal(project["euros"]), number(project["co2_kg"]))
        assert seen == rows.get(project["title"], (Decimal(0), Decimal(0))), project["title"]
    assert set(rows) <= {p["title"] for p in world.driver.benefits()["projects"]}


@then(P('is de opbrengst voor de hele wijk "{bedrag:Q}" en {co2} kg CO2'))
def _benefits_total(world: World, bedrag: str, co2: str) -> None:
    world.ok()
    benefits = world.driver.benefits()
    assert Decimal(benefits["total_euros"]) == euro(bedrag)
    assert number(benefits["total_co2_kg"]) == number(co2)


# --- Dan: disagreements --------------------------------------------------------------------------


def _disagreement_view(world: World, onderwerp: str) -> dict[str, Any]:
    return next(d for d in world.driver.disagreements() if d["id"] == world.disagreements[onderwerp])


@then(P('staat de onenigheid over "{onderwerp:Q}" open'))
def _open(world: World, onderwerp: str) -> None:
    world.ok()
    assert _disagreement_view(world, onderwerp)["status"] == "open"


@then(P('is de onenigheid over "{onderwerp:Q}" opgelost met "{uitkomst:Q}"'))
def _resolved_with(world: World, onderwerp: str, uitkomst: str) -> None:
    world.ok()
    view = _disagreement_view(world, onderwerp)
    assert view["status"] == "resolved" and view["outcome"] == uitkomst


@then(P('is de onenigheid over "{onderwerp:Q}" besproken op {aantal:d} overleg'))
def _discussed(world: World, onderwerp: str, aantal: int) -> None:
    world.ok()
    assert len(_disagreement_view(world, onderwerp)["discussed_at"]) == aantal


# --- Dan: the log, for auditors ------------------------------------------------------------------


@then(P("staan er {aantal:d} gebeurtenissen in het logboek, genummerd van 1 tot en met {laatste:d} zonder gaten"))
def _log_numbered(world: World, aantal: int, laatste: int) -> None:
    world.ok()
    log = world.driver.log()
    assert len(log) == aantal
    assert [e["position"] for e in log] == list(range(1, laatste + 1))


@then(P('is de eerste gebeurtenis "{soort:Q}"'))
def _first(world: World, soort: str) -> None:
    assert world.driver.log()[0]["type"] == soort


@then(P('is de laatste gebeurtenis "{soort:Q}"'))
def _last(world: World, soort: str) -> None:
    assert world.driver.log()[-1]["type"] == soort


@then("begint het logboek nog steeds precies zoals de auditor het bewaarde")
def _log_prefix(world: World) -> None:
    world.ok()
    assert world.saved_log is not None
    assert world.driver.log()[: len(world.saved_log)] == world.saved_log


@then(P("staat er {aantal:d} gebeurtenis meer in het logboek"))
def _log_grew(world: World, aantal: int) -> None:
    assert world.saved_log is not None
    assert len(world.driver.log()) == len(world.saved_log) + aantal


@then("is het logboek precies zoals de auditor het bewaarde")
def _log_same(world: World) -> None:
    world.refusal()
    assert world.driver.log() == world.saved_log


@then("zijn alle overzichten precies hetzelfde als de bewaarde")
def _views_same(world: World) -> None:
    world.ok()
    assert world.saved_views is not None
    rebuilt = _all_views(world.driver)
    for name, saved in world.saved_views.items():
        assert rebuilt[name] == saved, f"het overzicht {name} is anders na opnieuw opbouwen"


@then("klopt voor elke bron wat er over is met de gebeurtenissen in het logboek")
def _budget_from_log(world: World) -> None:
    world.ok()
    left: dict[tuple[str, int], Decimal] = {}
    allocations: dict[str, tuple[tuple[str, int], Decimal]] = {}
    for entry in world.driver.log():
        data = entry["data"]
        if entry["type"] == "FundsMadeAvailable":
            key = (data["source"], data["year"])
            left[key] = left.get(key, Decimal(0)) + Decimal(data["amount"])
        elif entry["type"] == "BudgetAllocated":
            key = (data["source"], data["year"])
            left[key] -= Decimal(data["amount"])
            allocations[data["allocation_id"]] = (key, Decimal(data["amount"]))
        elif entry["type"] == "AllocationWithdrawn":
            key, amount = allocations[data["allocation_id"]]
            left[key] += amount
    lines = world.driver.budget()
    assert lines, "de begroting is leeg"
    assert {(line["source"], line["year"]): Decimal(line["left"]) for line in lines} == left


@then("staat voor elke toekenning het besluit eerder in het logboek")
def _decision_before_allocation(world: World) -> None:
    world.ok()
    taken: set[str] = set()
    allocated = 0
    for entry in world.driver.log():
        if entry["type"] == "DecisionTaken":
            taken.add(entry["data"]["decision_id"])
        elif entry["type"] == "BudgetAllocated":
            allocated += 1
            assert entry["data"]["decision_id"] in taken, f"toekenning {entry['data']['allocation_id']} zonder besluit"
    assert allocated > 0, "er zijn geen toekenningen om na te gaan"


@then(P("staan in het logboek tot en met {datum:Datum} alleen gebeurtenissen van {jaar:d}"))
def _log_until(world: World, datum: dt.date, jaar: int) -> None:
    world.ok()
    entries = world.driver.log(until=datum)
    assert entries and len(entries) < len(world.driver.log())
    assert all(dt.date.fromisoformat(e["on"]).year == jaar for e in entries)
    world.saved_log = entries


@then(P("staan daarin {aantal:d} bijeenkomsten en overleggen"))
def _meetings_in_log(world: World, aantal: int) -> None:
    assert world.saved_log is not None
    assert sum(e["type"] == "MeetingHeld" for e in world.saved_log) == aantal


# --- living documentation (BOTU_LIVING_DOCS=path, see living_docs.py) --------------------------

_results: list[dict[str, Any]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not os.environ.get("BOTU_LIVING_DOCS"):
        return
    from pytest_bdd.reporting import test_report_context_registry

    context = test_report_context_registry.get(report)
    if context is None:
        return
    if report.when == "call" or (report.when == "setup" and report.failed):
        driver, example = _item_driver.get(report.nodeid, ("?", ""))
        _results.append(
            {
                "scenario": context.scenario,
                "item": context.name,
                "driver": driver,
                "example": example,
                "outcome": report.outcome,
            }
        )


def pytest_sessionfinish(session: pytest.Session) -> None:
    page = os.environ.get("BOTU_LIVING_DOCS")
    if page and _results:
        from living_docs import write_page

        write_page(_results, Path(page), selected_drivers(), _deselected)


# --- registering oneself, confirmation and secret ballots -------------------------------------


@given(P('de stemronde "{titel:Q}" is geopend met "{bedrag:Q}" uit "{bron:Q}" op {datum:Datum}'))
def _round_opened(world: World, titel: str, bedrag: str, bron: str, datum: dt.date) -> None:
    assert world.last_taken_decision, "er is nog geen besluit genomen"
    world.driver.open_round(titel, datum.year, bron, bedrag, world.last_taken_decision, datum)


@given(P('"{partij:Q}" heeft in "{ronde:Q}" het voorstel "{titel:Q}" van "{bedrag:Q}" ingediend'))
def _proposal_submitted(world: World, partij: str, ronde: str, titel: str, bedrag: str) -> None:
    world.driver.submit_proposal(ronde, titel, bedrag, partij)


@when(P('"{naam:Q}" zich zelf aanmeldt als {soort:Soort}'))
def _register_self(world: World, naam: str, soort: str) -> None:
    world.attempt(lambda: world.driver.register_self(naam, soort))


@when(P('een coördinator "{partij:Q}" bevestigt'))
def _confirm(world: World, partij: str) -> None:
    world.attempt(lambda: world.driver.confirm_party(partij))


@when(P('"{partij:Q}" stemt op "{voorstel:Q}" in "{ronde:Q}"'))
def _vote(world: World, partij: str, voorstel: str, ronde: str) -> None:
    receipt = world.attempt(lambda: world.driver.cast_ballot(ronde, partij, [voorstel]))
    if receipt is not None:
        world.receipts[partij] = receipt


@then(P('wacht "{partij:Q}" op bevestiging'))
def _pending(world: World, partij: str) -> None:
    world.ok()
    assert world.driver.party(partij)["confirmed"] is False


@then(P('is "{partij:Q}" bevestigd'))
def _confirmed(world: World, partij: str) -> None:
    world.ok()
    assert world.driver.party(partij)["confirmed"] is True


@then(P('heeft de stemronde "{ronde:Q}" {aantal:d} kiezer'))
def _voters(world: World, ronde: str, aantal: int) -> None:
    world.ok()
    (found,) = [r for r in world.driver.rounds() if r["title"] == ronde]
    assert found["voters"] == aantal, found


@then(P('telt de stem van "{partij:Q}" mee volgens haar bewijs'))
def _receipt_counts(world: World, partij: str) -> None:
    world.ok()
    receipt = world.receipts[partij]
    check = world.driver.check_receipt(receipt.split(":")[0], receipt)
    assert check["status"] == "counted", check


@then(P('staat de naam of het nummer van "{partij:Q}" bij geen enkele stem in het logboek'))
def _secret(world: World, partij: str) -> None:
    world.ok()
    party = world.driver.party(partij)
    ballots = [e for e in world.driver.log() if e["type"] == "BallotCast"]
    assert ballots, "er is nog geen stem uitgebracht"
    for entry in ballots:
        assert party["id"] not in entry["data"].values() and partij not in str(entry["data"]), entry


# --- witnesses and inclusion receipts ---------------------------------------------------------


@given(P('"{partij:Q}" is getuige met een eigen sleutel'))
def _witness(world: World, partij: str) -> None:
    world.driver.become_witness(partij)


@given(P('"{partij:Q}" heeft het controlepunt van het logboek meegetekend'))
def _witness_cosigned(world: World, partij: str) -> None:
    assert world.driver.witness_cosigns(partij) == world.driver.event_count()


@when(P('de beheerder in gebeurtenis {plek:d} "{oud:Q}" vervangt door "{nieuw:Q}" en alles opnieuw berekent en ondertekent'))
def _operator_rewrites(world: World, plek: int, oud: str, nieuw: str) -> None:
    world.driver.operator_rewrites_history(plek, oud, nieuw)


@then(P('tekent "{partij:Q}" het nieuwe controlepunt niet mee'))
def _witness_refuses(world: World, partij: str) -> None:
    world.ok()
    world.attempt(lambda: world.driver.witness_cosigns(partij))
    assert world.refusal().code == "audit.witness_inconsistent", world.refusal().code


@then(P('zegt de controle met het controlepunt van "{partij:Q}" dat de geschiedenis is herschreven'))
def _witness_catches(world: World, partij: str) -> None:
    verdict = world.driver.verify_with_witness(partij)
    assert verdict["ok"] is False and verdict["problem_code"] == "audit.rewritten_behind_witness", verdict
    assert "De geschiedenis is herschreven" in verdict["problem"], verdict


@when(P('"{partij:Q}" een bewijs van opname van haar handtekening vraagt'))
def _ask_receipt(world: World, partij: str) -> None:
    world.ok()
    signed = [e for e in world.driver.log() if e["type"] == "AgreementSigned"]
    assert signed, "er is nog niets ondertekend"
    world.inclusion_receipt = world.driver.inclusion_receipt(signed[-1]["position"])


@then("klopt het bewijs met de gepubliceerde sleutel van de samenwerking")
def _receipt_checks(world: World) -> None:
    world.receipt_check = world.driver.check_inclusion_receipt(world.inclusion_receipt, world.driver.log_public_key())
    assert world.receipt_check["ok"] is True and world.receipt_check["key_trusted"] is True, world.receipt_check


@then(P('zegt het bewijs dat gebeurtenis {plek:d} een "{soort:Q}" is'))
def _receipt_says(world: World, plek: int, soort: str) -> None:
    assert (world.receipt_check["position"], world.receipt_check["event_type"]) == (plek, soort), world.receipt_check


@when("iemand het tijdstip in het bewijs verandert")
def _receipt_tampered(world: World) -> None:
    world.inclusion_receipt["entry"]["timestamp"] = "2020-01-01T00:00:00+00:00"


@then("klopt het bewijs niet meer")
def _receipt_fails(world: World) -> None:
    verdict = world.driver.check_inclusion_receipt(world.inclusion_receipt, world.driver.log_public_key())
    assert verdict["ok"] is False and verdict["problem_code"] == "audit.receipt_entry_mismatch", verdict
