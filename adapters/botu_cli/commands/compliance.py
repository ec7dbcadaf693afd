"""`botu compliance`: do we keep to the agreement, year by year."""

from __future__ import annotations

from typing import Annotated

import typer

from ..inputs import date, year
from ..options import example, OptionalYear, single
from ..output import out, show, t, table
from ..state import state
from ..texts import label, yes_no

app = single()


@app.command("compliance", help="Houden we ons aan de afspraken? Per jaar: bijeenkomsten, overleg, evaluatie.  "
             "Do we keep to the agreement? Per year: meetings, consultations, evaluation.",
             epilog=example("botu compliance --year 2021", "botu compliance --json", "botu compliance --on 2026-12-31"))
def compliance(
    year_: OptionalYear = None,
    on: Annotated[str | None, typer.Option("--on", help="Bekijk het zoals het op deze dag was (standaard: vandaag; "
                                           "met --as-of: die dag).  As seen on this day (default: today; with --as-of: "
                                           "that day).")] = None,
) -> None:
    years = state().reader().compliance(state().coop, year(year_), today=date(on))

    def human() -> None:
        console = out()
        grid = table(t("jaar", "year"), t("versie", "version"), t("bijeenkomsten", "plenary meetings"),
                     t("afgesproken", "required"), t("overleg", "consultations"), t("afgesproken", "required"),
                     t("evaluatie", "evaluation"), t("in orde", "ok"), right=(1, 2, 3, 4))
        for y in years:
            if not y.checked:
                grid.add_row(str(y.year), "—", str(y.plenary_meetings), "—", str(y.consultations), "—",
                             yes_no(y.evaluation_recorded, state().lang), t("niet van toepassing", "not applicable"))
                continue
            grid.add_row(str(y.year), str(y.version), str(y.plenary_meetings), str(y.required_plenary_meetings),
                         str(y.consultations), label(f"consultation-{y.consultation}", state().lang),
                         yes_no(y.evaluation_recorded, state().lang) + ("" if y.evaluation_required else t(" (niet nodig)", " (not required)")),
                         yes_no(y.ok, state().lang))
        console.print(grid)
        for y in years:
            for finding in y.findings:
                where = t(f" (versie {finding.version}", f" (version {finding.version}")
                where += (t(", artikel ", ", clause ") + finding.clause if finding.clause else "") + ")"
                console.print(f"{y.year}: " + (finding.message_en if state().lang == "en" else finding.message_nl) + where)

    show(years, human)
