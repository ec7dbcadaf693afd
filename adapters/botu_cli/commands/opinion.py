"""`botu opinion …`: the parties' opinions on proposals."""

from __future__ import annotations

from typing import Annotated

import typer

from botu_core import GiveOpinion, Stance

from ..inputs import choice, date
from ..options import STANCES, command, completer, group, OnOption
from ..recording import execute

app = group("Meningen over voorstellen.", "Opinions on proposals.",
                    'botu opinion give decision-4 --party "Henk de Vries" --stance for')


@command(app, "give", "Geef een mening over een voorstel (elke partij telt één keer).",
         "Give an opinion on a proposal (every party counts once).",
         'botu opinion give decision-4 --party "Henk de Vries" --stance for --comment "Goed plan."')
def opinion_give(
    decision: Annotated[str, typer.Argument(help="Id van het voorstel.  Proposal id.")],
    party: Annotated[str, typer.Option("--party", help="Partij.  Party.")],
    stance: Annotated[str, typer.Option("--stance", help="for (voor), against (tegen) of neutral (neutraal).",
                                        autocompletion=completer(STANCES))],
    comment: Annotated[str, typer.Option("--comment", help="Toelichting.  Comment.")] = "",
    on: OnOption = None,
) -> None:
    command_ = GiveOpinion(decision=decision, party=party, stance=choice(Stance, stance, "--stance"), comment=comment,
                           on=date(on))
    execute(command_, "uw mening is vastgelegd.", "the opinion was recorded.")
