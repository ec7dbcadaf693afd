"""`botu decision …`: proposals and the decisions taken at meetings."""

from __future__ import annotations

from typing import Annotated

import typer

from botu_core import ProposeDecision, RecordDecision

from ..inputs import date
from ..options import command, group, OnOption
from ..output import out, show, t, table
from ..recording import execute
from ..state import state
from ..texts import label, show_date

app = group("Besluiten.", "Decisions.",
                     'botu decision record --meeting meeting-1 --subject Begroting --text "We verdelen het geld zo."')


@command(app, "record", "Leg een besluit van een bijeenkomst vast; toont het id.",
         "Record a decision taken at a meeting; prints its id.",
         'botu decision record --meeting meeting-3 --subject "Begroting 2021" --text "Warmtescan krijgt 12.500 euro."')
def decision_record(
    meeting: Annotated[str, typer.Option("--meeting", help="Id van de bijeenkomst.  Meeting id.")],
    subject: Annotated[str, typer.Option("--subject", help="Onderwerp.  Subject.")],
    text: Annotated[str, typer.Option("--text", help="Wat is besloten.  What was decided.")],
    proposal: Annotated[str | None, typer.Option("--proposal", help="Id van het voorstel dat zo besloten is.  Proposal id.")] = None,
) -> None:
    execute(RecordDecision(meeting=meeting, subject=subject, text=text, decision=proposal),
            "het besluit is vastgelegd.", "the decision was recorded.")


@command(app, "propose", "Leg een voorstel voor, zodat partijen hun mening kunnen geven; toont het id.",
         "Propose a decision, so parties can give their opinion; prints its id.",
         'botu decision propose --subject "Zonnepanelen" --text "Zonnepanelen op het buurthuis."')
def decision_propose(
    subject: Annotated[str, typer.Option("--subject", help="Onderwerp.  Subject.")],
    text: Annotated[str, typer.Option("--text", help="Het voorstel.  The proposal.")],
    on: OnOption = None,
) -> None:
    execute(ProposeDecision(subject=subject, text=text, on=date(on)), "het voorstel ligt klaar.", "the proposal was made.")


@command(app, "list", "Alle besluiten en voorstellen.", "All decisions and proposals.", "botu decision list --json")
def decision_list() -> None:
    decisions = state().reader().decisions(state().coop)

    def human() -> None:
        grid = table("id", t("onderwerp", "subject"), t("status", "status"), t("datum", "date"),
                     t("voor/tegen/neutraal", "for/against/neutral"))
        for d in decisions:
            grid.add_row(d.id, d.subject, label(d.status, state().lang), show_date(d.taken_on or d.proposed_on, state().lang),
                         f"{d.opinions_for}/{d.opinions_against}/{d.opinions_neutral}")
        out().print(grid)

    show(decisions, human)
