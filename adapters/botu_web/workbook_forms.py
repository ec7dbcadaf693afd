"""The coordinators' bookkeeping forms: spending and withdrawing allocations, a project's
indicators, measurements, benefits, plan, contact and end, discussing a disagreement,
choosing the coordinators, and confirming parties that registered themselves.

Like every form (see ``forms``), these only translate: the fields become the command's
data and the library decides. ``forms.FORMS`` includes them. None of these commands is
named in ``auth.COMMAND_ROLES``' exceptions, so they are for coordinators only. (A
project's contact person recording a measurement would need a check per project, which
the permission table per command does not have; so that stays with the coordinators.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from botu_core import (
    ChangeContact,
    ChooseCoordinators,
    CompleteProject,
    ConfirmParty,
    DefineIndicator,
    DiscussDisagreement,
    MeasureIndicator,
    RecordBenefit,
    RecordSpending,
    StopProject,
    UpdatePlan,
    WithdrawAllocation,
)

from .forms import Ctx, Field, FormSpec, _meetings, _optional_taken, _parties, _running_projects, _today

# --- option lists and initial values -----------------------------------------------------------------


def _standing_allocations(ctx: Ctx) -> list[tuple[str, str]]:
    return [
        (a.id, f"{a.project_title}: {ctx.say.money(a.amount)} {ctx.say('uit', 'from')} {a.source} {a.year} "
               f"({ctx.say('nog niet uitgegeven', 'not spent yet')}: {ctx.say.money(a.amount - a.spent)}; {a.id})")
        for a in ctx.app.allocations(ctx.coop) if a.status == "standing"
    ]


def _all_projects(ctx: Ctx) -> list[tuple[str, str]]:
    return [(p.id, f"{p.title} ({ctx.say.label(p.status)})") for p in ctx.app.projects(ctx.coop)]


def _indicators(ctx: Ctx) -> list[tuple[str, str]]:
    return [
        (i.id, f"{p.title}: {i.name}" + (f" ({i.unit})" if i.unit else ""))
        for p in ctx.app.projects(ctx.coop) for i in p.indicators
    ]


def _open_disagreements(ctx: Ctx) -> list[tuple[str, str]]:
    return [(d.id, f"{d.about} ({d.id})") for d in ctx.app.disagreements(ctx.coop, "open")]


def _pending_parties(ctx: Ctx) -> list[tuple[str, str]]:
    return [(p.id, f"{p.name} ({p.id})") for p in ctx.app.parties(ctx.coop, status="pending")]


def _coordinators(ctx: Ctx) -> list[str]:
    return [p.id for p in ctx.app.parties(ctx.coop) if p.active and p.coordinator]


def _chosen_project(ctx: Ctx) -> Any:
    ref = str(ctx.values.get("project") or "")
    return next((p for p in ctx.app.projects(ctx.coop) if ref and ref in (p.id, p.title)), None)


def _current_plan(ctx: Ctx) -> str:
    """The plan of the project in ?project=, so changing it starts from what it says now."""
    project = _chosen_project(ctx)
    return str(project.plan) if project is not None else ""


def _current_contact(ctx: Ctx) -> str:
    project = _chosen_project(ctx)
    return str(project.contact_party_id) if project is not None else ""


def _first_of_year(ctx: Ctx) -> str:
    return str(ctx.app.today().replace(month=1, day=1).isoformat())


# --- special translations -------------------------------------------------------------------------




# --- the forms ------------------------------------------------------------------------------------------

WHEN = Field("on", "Datum", "Date", "date", initial=_today)
PROJECT = Field("project", "Project", "Project", "select", True, _running_projects)
ANY_PROJECT = Field("project", "Project", "Project", "select", True, _all_projects)
ALLOCATION = Field("allocation", "Welke toekenning?", "Which allocation?", "select", True, _standing_allocations)
NUMBER_HINT = ("Bijvoorbeeld 12 of 12,5.", "For example 12 or 12.5.")

BUDGET_FORMS: tuple[FormSpec, ...] = (
    FormSpec(
        "spend", "/budget/spend", RecordSpending,
        "Een uitgave vastleggen", "Record spending",
        "Geld dat een project uitgeeft, komt uit zijn toekenning. Het is nooit meer dan wat er nog over is.",
        "Money a project spends comes from its allocation. It is never more than what is left of it.",
        (
            ALLOCATION,
            Field("amount", "Bedrag in euro", "Amount in euros", "amount", True,
                  hint_nl="Bijvoorbeeld 1250 of 1.250,00.", hint_en="For example 1250 or 1,250.00."),
            Field("description", "Waarvoor?", "What for?", "textarea", True),
            WHEN,
        ),
        "De uitgave is vastgelegd.", "The spending was recorded.", "/budget",
    ),
    FormSpec(
        "withdraw", "/budget/withdraw", WithdrawAllocation,
        "Een toekenning intrekken", "Withdraw an allocation",
        "Wat nog niet is uitgegeven, komt terug in de begroting. Schrijf op waarom.",
        "What was not spent yet goes back to the budget. Write down why.",
        (
            ALLOCATION,
            Field("reason", "Waarom?", "Why?", "textarea", True),
            Field("decision", "Uit welk besluit?", "From which decision?", "select", False, _optional_taken),
            WHEN,
        ),
        "De toekenning is ingetrokken.", "The allocation was withdrawn.", "/budget",
    ),
)

PROJECT_FORMS: tuple[FormSpec, ...] = (
    FormSpec(
        "indicator", "/projects/indicator", DefineIndicator,
        "Een indicator toevoegen", "Add an indicator",
        "Een indicator is iets wat we meten om te zien of het project werkt, met een doel.",
        "An indicator is something we measure to see whether the project works, with a target.",
        (
            PROJECT,
            Field("name", "Naam", "Name", required=True,
                  hint_nl="Bijvoorbeeld: Huishoudens met een energiecoach.",
                  hint_en="For example: Households with an energy coach."),
            Field("unit", "Eenheid", "Unit", hint_nl="Bijvoorbeeld: huishoudens.", hint_en="For example: households."),
            Field("target", "Doel", "Target", "decimal", hint_nl=NUMBER_HINT[0], hint_en=NUMBER_HINT[1]),
            WHEN,
        ),
        "De indicator is toegevoegd.", "The indicator was added.", "/projects/{project}",
    ),
    FormSpec(
        "measure", "/projects/measure", MeasureIndicator,
        "Een meting vastleggen", "Record a measurement",
        "Hoeveel is het nu? Kies het project en een indicator van dat project.",
        "How much is it now? Choose the project and an indicator of that project.",
        (
            ANY_PROJECT,
            Field("indicator", "Welke indicator?", "Which indicator?", "select", True, _indicators),
            Field("value", "Gemeten waarde", "Measured value", "decimal", True,
                  hint_nl=NUMBER_HINT[0], hint_en=NUMBER_HINT[1]),
            Field("note", "Toelichting", "Note", "textarea"),
            WHEN,
        ),
        "De meting is vastgelegd.", "The measurement was recorded.", "/projects/{project}",
    ),
    FormSpec(
        "benefit", "/projects/benefit", RecordBenefit,
        "Voordeel vastleggen", "Record a benefit",
        "Hoeveel euro hebben bewoners bespaard, en hoeveel kilo CO2 is er minder uitgestoten, in een periode?",
        "How many euros did residents save, and how many kilos of CO2 were avoided, over a period?",
        (
            ANY_PROJECT,
            Field("euros", "Bespaard, in euro", "Saved, in euros", "amount", True,
                  hint_nl="Bijvoorbeeld 3400 of 3.400,00.", hint_en="For example 3400 or 3,400.00."),
            Field("co2_kg", "Minder CO2, in kilo", "CO2 avoided, in kilos", "decimal", True,
                  hint_nl=NUMBER_HINT[0], hint_en=NUMBER_HINT[1]),
            Field("period_start", "Van", "From", "date", True, initial=_first_of_year),
            Field("period_end", "Tot en met", "Until", "date", True, initial=_today),
            Field("note", "Toelichting", "Note", "textarea"),
        ),
        "Het voordeel is vastgelegd.", "The benefit was recorded.", "/projects/{project}",
    ),
    FormSpec(
        "plan", "/projects/plan", UpdatePlan,
        "Het plan bijwerken", "Update the plan",
        "Schrijf het hele plan zoals het nu is. Het oude plan blijft bewaard in de geschiedenis.",
        "Write the whole plan as it is now. The old plan stays in the history.",
        (
            PROJECT,
            Field("plan", "Plan: wat gaan we samen doen?", "Plan: what will we do together?", "textarea", True,
                  initial=_current_plan),
            WHEN,
        ),
        "Het plan is bijgewerkt.", "The plan was updated.", "/projects/{project}",
    ),
    FormSpec(
        "contact", "/projects/contact", ChangeContact,
        "Een andere contactpersoon", "Change the contact person",
        "Wie is voortaan het aanspreekpunt van het project?",
        "Who is the project's point of contact from now on?",
        (
            PROJECT,
            Field("contact", "Contactpersoon", "Contact person", "select", True, _parties,
                  initial=_current_contact),
            WHEN,
        ),
        "De contactpersoon is veranderd.", "The contact person was changed.", "/projects/{project}",
    ),
    FormSpec(
        "complete", "/projects/complete", CompleteProject,
        "Een project afronden", "Complete a project",
        "Het project is klaar. Daarna kunt u nog metingen en voordeel vastleggen.",
        "The project is done. After that you can still record measurements and benefits.",
        (
            PROJECT,
            Field("note", "Wat is er bereikt?", "What was achieved?", "textarea"),
            WHEN,
        ),
        "Het project is afgerond.", "The project was completed.", "/projects/{project}",
    ),
    FormSpec(
        "stop", "/projects/stop", StopProject,
        "Een project stoppen", "Stop a project",
        "Het project gaat niet verder. Schrijf op waarom.", "The project does not go on. Write down why.",
        (
            PROJECT,
            Field("reason", "Waarom?", "Why?", "textarea", True),
            WHEN,
        ),
        "Het project is gestopt.", "The project was stopped.", "/projects/{project}",
    ),
)

OTHER_FORMS: tuple[FormSpec, ...] = (
    FormSpec(
        "discuss", "/disagreements/discuss", DiscussDisagreement,
        "Bespreking vastleggen", "Record a discussion",
        "Leg vast op welke bijeenkomst we een onenigheid hebben besproken. Opgelost is het daarmee nog niet.",
        "Record at which meeting we discussed a disagreement. That does not yet resolve it.",
        (
            Field("disagreement", "Welke onenigheid?", "Which disagreement?", "select", True, _open_disagreements),
            Field("meeting", "Op welke bijeenkomst?", "At which meeting?", "select", True, _meetings),
            Field("notes", "Wat is er besproken?", "What was discussed?", "textarea"),
        ),
        "De bespreking is vastgelegd.", "The discussion was recorded.", "/disagreements",
    ),
    FormSpec(
        "coordinators", "/parties/coordinators", ChooseCoordinators,
        "Coördinatoren kiezen", "Choose coordinators",
        "Kies alle partijen die samen de coördinatoren zijn. Wie u niet kiest, is daarna geen coördinator meer.",
        "Choose every party that together are the coordinators. Whoever you do not choose is no longer "
        "a coordinator afterwards.",
        (
            Field("parties", "Coördinatoren", "Coordinators", "checkboxes", True, _parties, initial=_coordinators),
            Field("decision", "Uit welk besluit?", "From which decision?", "select", False, _optional_taken),
            WHEN,
        ),
        "De coördinatoren zijn gekozen.", "The coordinators were chosen.", "/parties",
    ),
    FormSpec(
        "confirm-party", "/parties/confirm", ConfirmParty,
        "Een nieuwe partij bevestigen", "Confirm a new party",
        "Wie zichzelf aanmeldt, kan pas stemmen en voorstellen doen als een coördinator de aanmelding bevestigt. "
        "Bevestig alleen als u weet wie het is: één persoon of organisatie, één stem.",
        "Whoever registers themselves can vote and make proposals only once a coordinator confirms them. "
        "Confirm only when you know who it is: one person or organisation, one vote.",
        (
            Field("party", "Welke partij?", "Which party?", "select", True, _pending_parties),
            WHEN,
        ),
        "De partij is bevestigd: zij kan nu stemmen en voorstellen doen.",
        "The party was confirmed: it can now vote and make proposals.", "/parties",
    ),
)

WORKBOOK_FORMS: tuple[FormSpec, ...] = (*BUDGET_FORMS, *PROJECT_FORMS, *OTHER_FORMS)
