"""`botu rebuild`: throw the read models away and rebuild them from the log."""

from __future__ import annotations

from ..options import example, single
from ..output import err, print_json, t
from ..recording import refuse_under_as_of
from ..state import state

app = single()


@app.command("rebuild", help="Gooi de overzichten weg en maak ze opnieuw uit het logboek.  "
             "Throw the overviews (read models) away and rebuild them from the log.",
             epilog=example("botu rebuild", "botu rebuild --json"))
def rebuild() -> None:
    refuse_under_as_of()
    count = state().app().rebuild_read_models()
    if state().json:
        print_json({"events": count})
        return
    err().print(t(f"Gelukt: de overzichten zijn opnieuw opgebouwd uit {count} gebeurtenissen.",
                  f"Done: the overviews were rebuilt from {count} events."))
