"""The `botu` Typer app: its global options and every command group, put together.

Each group lives in ``commands/<group>.py`` (``serve``, ``account`` and ``token`` in the
web adapter, ``botu_web.cli``) and is registered here, in the order ``botu --help``
lists them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from botu_core import InvalidInput
from botu_web.cli import account_app, serve_app, token_app

from .commands import (
    agreement,
    audit,
    benefit,
    budget,
    compliance,
    coop,
    decision,
    disagreement,
    evaluation,
    example,
    indicator,
    log,
    meeting,
    opinion,
    party,
    pb,
    project,
    rebuild,
    why,
)
from .inputs import date
from .options import completer, example as example_help
from .state import State

app = typer.Typer(
    name="botu",
    help=(
        "botu: de samenwerking voor de energietransitie in de wijk, als logboek.  "
        "botu: the neighbourhood's energy-transition cooperation, as a log."
    ),
    epilog=example_help("botu example load botu-2021", "botu budget show --year 2021", "botu compliance --json"),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def global_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="BOTU_DB",
            help="Opslag: bestand (standaard botu.db), sqlite:///…, postgresql://…  Store URL (default botu.db).",
            show_envvar=True,
        ),
    ] = None,
    coop_ref: Annotated[
        str | None,
        typer.Option("--coop", help="Id of korte naam van de samenwerking (standaard: de enige).  Cooperation id or slug."),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Taal: nl of en (standaard uit LANG, anders Nederlands).  Language: nl or en.",
            autocompletion=completer(["nl", "en"]),
        ),
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Uitvoer als één JSON-document.  Output one JSON document.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Toon alles zoals het was op datum JJJJ-MM-DD.  Show everything as it was on a date."),
    ] = None,
) -> None:
    run = ctx.ensure_object(State)
    run.db = db
    if as_of is not None:
        run.as_of = date(as_of)
    run.coop = coop_ref
    if lang is not None:
        if lang not in ("nl", "en"):
            raise InvalidInput("input.invalid_choice", value=lang, field="--lang", choices="nl, en")
        run.lang = lang
    run.json = run.json or json_output


# Groups with a name (``botu coop …``), and single commands merged into the top (``botu log``).
for name, sub in (
    ("coop", coop.app), ("party", party.app), ("agreement", agreement.app), ("project", project.app),
    ("indicator", indicator.app), ("benefit", benefit.app), ("budget", budget.app), ("meeting", meeting.app),
    ("decision", decision.app), ("opinion", opinion.app), ("disagreement", disagreement.app),
    ("evaluation", evaluation.app), (None, compliance.app), (None, log.app), (None, rebuild.app),
    ("example", example.app), (None, serve_app), ("account", account_app), ("token", token_app),
    ("pb", pb.app), ("audit", audit.app), (None, why.app),
):
    app.add_typer(sub, name=name)
