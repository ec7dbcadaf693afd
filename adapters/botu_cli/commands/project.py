"""`botu project …`: projects in the workbook, from start to completion."""

from __future__ import annotations

from typing import Annotated

import typer

from botu_core import ChangeContact, CoBenefit, CompleteProject, StartProject, StopProject, UpdatePlan

from ..inputs import choice, date, year
from ..options import CO_BENEFITS, command, completer, group, OnOption, ProjectArg
from ..output import details, money, out, show, t, table
from ..recording import execute
from ..state import state
from ..texts import label, show_date

app = group("Projecten in het werkboek.", "Projects in the workbook.",
                    'botu project start "Warmtescan" --plan "We meten 100 huizen." --contact "Henk de Vries"')


@command(app, "start", "Begin een project met een plan en een contactpersoon; toont het id.",
         "Start a project with a plan and a contact person; prints its id.",
         'botu project start "Warmtescan" --plan "We meten 100 huizen." --contact "Henk de Vries" --co-benefit work')
def project_start(
    title: Annotated[str, typer.Argument(help="Titel.  Title.")],
    plan: Annotated[str, typer.Option("--plan", help="Wat gaan we doen.  What we will do.")],
    contact: Annotated[str, typer.Option("--contact", help="Contactpersoon (partij).  Contact person (a party).")],
    goal: Annotated[list[str] | None, typer.Option("--goal", help="Sleutel van een doel of waarde (vaker mag).  Goal or value key.")] = None,
    co_benefit: Annotated[list[str] | None, typer.Option("--co-benefit", help="Meekoppelkans: " + ", ".join(CO_BENEFITS) + ".",
                                                         autocompletion=completer(CO_BENEFITS))] = None,
    series_year: Annotated[str | None, typer.Option("--series-year", help="Jaar in het werkboek.  Workbook year.")] = None,
    on: OnOption = None,
) -> None:
    benefits = tuple(choice(CoBenefit, b, "--co-benefit") for b in co_benefit or ())
    command_ = StartProject(title=title, plan=plan, contact=contact, goals=tuple(goal or ()), co_benefits=benefits,
                            series_year=year(series_year), on=date(on))
    execute(command_, "het project is begonnen.", "the project was started.")


@command(app, "list", "Alle projecten.", "All projects.", "botu project list --json")
def project_list() -> None:
    projects = state().reader().projects(state().coop)

    def human() -> None:
        grid = table("id", t("titel", "title"), t("status", "status"), t("contact", "contact"), t("jaar", "year"),
                     t("toegekend", "allocated"), t("uitgegeven", "spent"), t("voordeel", "benefit"), "kg CO2",
                     right=(4, 5, 6, 7, 8))
        for p in projects:
            grid.add_row(p.id, p.title, label(p.status, state().lang), p.contact_name, str(p.series_year), money(p.allocated),
                         money(p.spent), money(p.benefit_euros), str(p.benefit_co2_kg))
        out().print(grid)

    show(projects, human)


@command(app, "show", "Eén project, met plan en indicatoren.", "One project, with plan and indicators.",
         'botu project show "Warmtescan"')
def project_show(project: ProjectArg) -> None:
    p = state().reader().project(state().coop, project)

    def human() -> None:
        details([
            ("id", p.id),
            (t("titel", "title"), p.title),
            (t("status", "status"), label(p.status, state().lang)),
            (t("plan", "plan"), p.plan),
            (t("contactpersoon", "contact person"), f"{p.contact_name} ({p.contact_party_id})"),
            (t("begonnen op", "started on"), show_date(p.started_on, state().lang)),
            (t("afgelopen op", "ended on"), show_date(p.ended_on, state().lang)),
            (t("doelen en waarden", "goals and values"), ", ".join(p.goals) or "—"),
            (t("meekoppelkansen", "co-benefits"), ", ".join(label(b, state().lang) for b in p.co_benefits) or "—"),
            (t("toegekend", "allocated"), money(p.allocated)),
            (t("uitgegeven", "spent"), money(p.spent)),
            (t("voordeel", "benefit"), f"{money(p.benefit_euros)} · {p.benefit_co2_kg} kg CO2"),
        ])
        if p.indicators:
            grid = table("id", t("indicator", "indicator"), t("eenheid", "unit"), t("doel", "target"),
                         t("laatste meting", "last measurement"), t("op", "on"))
            for i in p.indicators:
                last = i.measurements[-1] if i.measurements else None
                grid.add_row(i.id, i.name, i.unit or "—", "—" if i.target is None else str(i.target),
                             "—" if last is None else str(last.value), show_date(last.measured_on if last else None, state().lang))
            out().print(grid)

    show(p, human)


@command(app, "update-plan", "Pas het plan van een project aan.", "Update a project's plan.",
         'botu project update-plan "Warmtescan" --plan "We meten 150 huizen."')
def project_update_plan(project: ProjectArg,
                        plan: Annotated[str, typer.Option("--plan", help="Het nieuwe plan.  The new plan.")],
                        on: OnOption = None) -> None:
    execute(UpdatePlan(project=project, plan=plan, on=date(on)), "het plan is aangepast.", "the plan was updated.")


@command(app, "set-contact", "Kies een andere contactpersoon.", "Choose another contact person.",
         'botu project set-contact "Warmtescan" --contact "Priya Ramdin"')
def project_set_contact(project: ProjectArg,
                        contact: Annotated[str, typer.Option("--contact", help="Partij.  Party.")],
                        on: OnOption = None) -> None:
    execute(ChangeContact(project=project, contact=contact, on=date(on)), "de contactpersoon is veranderd.",
            "the contact person was changed.")


@command(app, "complete", "Het project is klaar.", "The project is completed.",
         'botu project complete "Warmtescan" --note "Alle huizen gemeten."')
def project_complete(project: ProjectArg,
                     note: Annotated[str, typer.Option("--note", help="Toelichting.  Note.")] = "",
                     on: OnOption = None) -> None:
    execute(CompleteProject(project=project, note=note, on=date(on)), "het project is afgerond.",
            "the project was completed.")


@command(app, "stop", "Stop een project.", "Stop a project.",
         'botu project stop "Warmtescan" --reason "Geen vrijwilligers meer."')
def project_stop(project: ProjectArg,
                 reason: Annotated[str, typer.Option("--reason", help="Reden.  Reason.")],
                 on: OnOption = None) -> None:
    execute(StopProject(project=project, reason=reason, on=date(on)), "het project is gestopt.", "the project was stopped.")
