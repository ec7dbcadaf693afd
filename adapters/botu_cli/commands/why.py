"""`botu why ITEM`: the events behind an item of the read models (``botu_core.audit``)."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from ..options import single
from ..output import err, out, show, t, table
from ..state import state
from ..texts import show_date

app = single()


@app.command(
    "why",
    help="Waar komt dit vandaan: de gebeurtenissen achter een toekenning, handtekening, partij, project, … "
    "Where does this come from: the events behind an item.",
    epilog="Voorbeeld / Example:\n\n  $ botu why allocation-2\n\n  $ botu why signature:1:party-4\n\n"
    "  $ botu why finding:compliance.too_few_plenary:2021",
)
def why(item: Annotated[str, typer.Argument(help="allocation-2, party-1, signature:1:party-4, finding:CODE:JAAR, …")]) -> None:
    s = state()
    trail = s.app().audit.why(s.coop, item)

    def human() -> None:
        grid = table(t("plek", "position"), t("op", "on"), t("gebeurtenis", "event"), t("waarom hier", "why here"), t("wat", "what"),
                     right=(0,))
        for step in trail.steps:
            what = ", ".join(
                f"{k}={v}" for k, v in step.data.items() if v is not None and re.search(r"_id$|^version$|^amount$|^source$", k)
            )
            grid.add_row(str(step.position), show_date(step.on, s.lang), step.type, step.role_en if s.lang == "en" else step.role_nl, what)
        out().print(grid)
        if trail.decisions or trail.meetings:
            err().print(t("Besluiten: ", "Decisions: ") + (", ".join(trail.decisions) or "—") + "; "
                        + t("bijeenkomsten: ", "meetings: ") + (", ".join(trail.meetings) or "—"))

    show(trail, human)
