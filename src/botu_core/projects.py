"""Projects and the workbook ("klapper"): plans, contacts, indicators, benefits.

Rules from the text:
- "Bij elk project maken we aan het begin met elkaar een plan, daar staat in wat we
  met elkaar gaan doen en wie de contactpersoon is": a project starts only with a
  plan and a contact person who takes part.
- "We laten in de projecten zien dat we ons aan die waarden en doelen houden. Dat
  laten we zien door indicatoren op te stellen": indicators and their measurements.
- "€ én CO2-voordeel stapelen": benefits in euros and kg CO2 per project.
- A project serves goals and values of the agreement: it may only name clauses the
  current agreement has.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from . import fields as f
from .errors import InvalidInput, RuleViolation
from .state import Context, CooperationState, Outcome, ProjectRecord, applies, handles
from .values import CoBenefit, Money, ProjectStatus, check_year, invalid_number, name_key

# --- commands --------------------------------------------------------------------


@attrs.frozen
class StartProject:
    title: str = f.text()
    plan: str = f.text(f.LONG)
    contact: str = f.text()
    goals: tuple[str, ...] = f.refs()  # keys of goals and values of the agreement
    co_benefits: tuple[CoBenefit, ...] = f.choices(CoBenefit)
    series_year: int | None = attrs.field(default=None)
    on: dt.date | None = f.optional_date()

    @series_year.validator
    def _series(self, _a: object, value: object) -> None:
        if value is not None:
            check_year(value)


@attrs.frozen
class UpdatePlan:
    project: str = f.text()
    plan: str = f.text(f.LONG)
    on: dt.date | None = f.optional_date()


@attrs.frozen
class ChangeContact:
    project: str = f.text()
    contact: str = f.text()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class DefineIndicator:
    project: str = f.text()
    name: str = f.text()
    unit: str = f.optional_text()
    target: Decimal | None = f.number(optional=True)
    on: dt.date | None = f.optional_date()


@attrs.frozen
class MeasureIndicator:
    project: str = f.text()
    indicator: str = f.text()
    value: Decimal = f.number()
    note: str = f.optional_text(f.LONG)
    on: dt.date | None = f.optional_date()


@attrs.frozen
class RecordBenefit:
    """Euros saved for residents and kg CO2 avoided by a project over a period."""

    project: str = f.text()
    euros: Money = f.non_negative_amount()
    co2_kg: Decimal = f.number()
    period_start: dt.date = f.required_date()
    period_end: dt.date = f.required_date()
    note: str = f.optional_text(f.LONG)

    def __attrs_post_init__(self) -> None:
        if self.co2_kg < 0:
            raise invalid_number(self.co2_kg)
        if self.period_end < self.period_start:
            raise InvalidInput("input.period_reversed")


@attrs.frozen
class CompleteProject:
    project: str = f.text()
    note: str = f.optional_text(f.LONG)
    on: dt.date | None = f.optional_date()


@attrs.frozen
class StopProject:
    project: str = f.text()
    reason: str = f.text(f.LONG)
    on: dt.date | None = f.optional_date()


# --- events ----------------------------------------------------------------------


@attrs.frozen
class ProjectStarted:
    project_id: str
    title: str
    plan: str
    contact_party_id: str
    goals: tuple[str, ...]
    co_benefits: tuple[CoBenefit, ...]
    series_year: int
    started_on: dt.date


@attrs.frozen
class PlanUpdated:
    project_id: str
    plan: str
    updated_on: dt.date


@attrs.frozen
class ContactChanged:
    project_id: str
    contact_party_id: str
    changed_on: dt.date


@attrs.frozen
class IndicatorDefined:
    project_id: str
    indicator_id: str
    name: str
    unit: str
    target: Decimal | None
    defined_on: dt.date


@attrs.frozen
class IndicatorMeasured:
    project_id: str
    indicator_id: str
    value: Decimal
    note: str
    measured_on: dt.date


@attrs.frozen
class BenefitRecorded:
    """Version 2 renamed ``euros`` to ``euros_saved`` (saved for residents, not spent)."""

    class_version = 2

    benefit_id: str
    project_id: str
    euros_saved: Money
    co2_kg: Decimal
    period_start: dt.date
    period_end: dt.date
    note: str

    @staticmethod
    def upcast_v1_v2(data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        data["euros_saved"] = data.pop("euros")
        return data


@attrs.frozen
class ProjectCompleted:
    project_id: str
    note: str
    completed_on: dt.date


@attrs.frozen
class ProjectStopped:
    project_id: str
    reason: str
    stopped_on: dt.date


# --- rules -----------------------------------------------------------------------


def _date(state: CooperationState, on: dt.date | None, ctx: Context) -> dt.date:
    day = on or ctx.today
    state.check_date(day, ctx.today)
    return day


@handles(StartProject)
def start(state: CooperationState, cmd: StartProject, ctx: Context) -> Outcome:
    title = cmd.title.strip()
    if any(name_key(p.title) == name_key(title) for p in state.projects.values()):
        raise RuleViolation("project.title_taken", title=title)
    contact = state.active_party(cmd.contact)
    if cmd.goals:
        terms = state.current_terms()
        known = {c.key for c in terms.values + terms.goals}
        for key in cmd.goals:
            if key not in known:
                raise RuleViolation("project.unknown_goal", key=key)
    on = _date(state, cmd.on, ctx)
    project_id = state.next_id("project")
    fact = ProjectStarted(
        project_id,
        title,
        cmd.plan.strip(),
        contact.party_id,
        cmd.goals,
        cmd.co_benefits,
        cmd.series_year or on.year,
        on,
    )
    return Outcome((fact,), project_id)


@handles(UpdatePlan)
def update_plan(state: CooperationState, cmd: UpdatePlan, ctx: Context) -> Outcome:
    project = state.running_project(cmd.project)
    fact = PlanUpdated(project.project_id, cmd.plan.strip(), _date(state, cmd.on, ctx))
    return Outcome((fact,), project.project_id)


@handles(ChangeContact)
def change_contact(state: CooperationState, cmd: ChangeContact, ctx: Context) -> Outcome:
    project = state.running_project(cmd.project)
    contact = state.active_party(cmd.contact)
    fact = ContactChanged(project.project_id, contact.party_id, _date(state, cmd.on, ctx))
    return Outcome((fact,), project.project_id)


@handles(DefineIndicator)
def define_indicator(state: CooperationState, cmd: DefineIndicator, ctx: Context) -> Outcome:
    project = state.running_project(cmd.project)
    name = cmd.name.strip()
    if any(name_key(n) == name_key(name) for n in project.indicators.values()):
        raise RuleViolation("indicator.name_taken", name=name)
    indicator_id = state.next_id("indicator")
    fact = IndicatorDefined(
        project.project_id, indicator_id, name, cmd.unit.strip(), cmd.target, _date(state, cmd.on, ctx)
    )
    return Outcome((fact,), indicator_id)


@handles(MeasureIndicator)
def measure(state: CooperationState, cmd: MeasureIndicator, ctx: Context) -> Outcome:
    project = state.project(cmd.project)
    indicator_id = _indicator(project, cmd.indicator)
    fact = IndicatorMeasured(
        project.project_id, indicator_id, cmd.value, cmd.note.strip(), _date(state, cmd.on, ctx)
    )
    return Outcome((fact,), indicator_id)


def _indicator(project: ProjectRecord, ref: str) -> str:
    if ref in project.indicators:
        return ref
    for indicator_id, name in project.indicators.items():
        if name_key(name) == name_key(ref):
            return indicator_id
    raise RuleViolation("indicator.unknown", ref=ref)


@handles(RecordBenefit)
def record_benefit(state: CooperationState, cmd: RecordBenefit, ctx: Context) -> Outcome:
    project = state.project(cmd.project)
    state.check_date(cmd.period_start, ctx.today)
    state.check_date(cmd.period_end, ctx.today)
    benefit_id = state.next_id("benefit")
    fact = BenefitRecorded(
        benefit_id,
        project.project_id,
        cmd.euros,
        cmd.co2_kg,
        cmd.period_start,
        cmd.period_end,
        cmd.note.strip(),
    )
    return Outcome((fact,), benefit_id)


@handles(CompleteProject)
def complete(state: CooperationState, cmd: CompleteProject, ctx: Context) -> Outcome:
    project = state.running_project(cmd.project)
    fact = ProjectCompleted(project.project_id, cmd.note.strip(), _date(state, cmd.on, ctx))
    return Outcome((fact,), project.project_id)


@handles(StopProject)
def stop(state: CooperationState, cmd: StopProject, ctx: Context) -> Outcome:
    project = state.running_project(cmd.project)
    fact = ProjectStopped(project.project_id, cmd.reason.strip(), _date(state, cmd.on, ctx))
    return Outcome((fact,), project.project_id)


# --- how the facts change the state ------------------------------------------------


@applies(ProjectStarted)
def _started(state: CooperationState, fact: ProjectStarted) -> None:
    state.projects[fact.project_id] = ProjectRecord(fact.project_id, fact.title, fact.contact_party_id)
    state.count(fact.project_id)


@applies(PlanUpdated)
def _plan(state: CooperationState, fact: PlanUpdated) -> None:
    pass  # the rules need no plan text; the read models keep it


@applies(ContactChanged)
def _contact(state: CooperationState, fact: ContactChanged) -> None:
    state.projects[fact.project_id].contact_party_id = fact.contact_party_id


@applies(IndicatorDefined)
def _indicator_defined(state: CooperationState, fact: IndicatorDefined) -> None:
    state.projects[fact.project_id].indicators[fact.indicator_id] = fact.name
    state.count(fact.indicator_id)


@applies(IndicatorMeasured)
def _measured(state: CooperationState, fact: IndicatorMeasured) -> None:
    pass  # measurements matter to read models only


@applies(BenefitRecorded)
def _benefit(state: CooperationState, fact: BenefitRecorded) -> None:
    state.count(fact.benefit_id)


@applies(ProjectCompleted)
def _completed(state: CooperationState, fact: ProjectCompleted) -> None:
    state.projects[fact.project_id].status = ProjectStatus.COMPLETED


@applies(ProjectStopped)
def _stopped(state: CooperationState, fact: ProjectStopped) -> None:
    state.projects[fact.project_id].status = ProjectStatus.STOPPED
