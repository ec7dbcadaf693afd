"""`botu pb …`: participatory rounds (proposals, votes, the outcome, pabulib files).

Only translation happens here; every rule is in ``botu_core.participatory``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from botu_core import (
    CastBallot,
    CategoryLimit,
    CloseRound,
    FundShare,
    Money,
    OpenRound,
    SubmitProposal,
    to_json_data,
)

from ..inputs import amount, date, year
from ..options import OnOption, YearOption, command, group
from ..output import details, done, err, money, out, print_json, show, t, table
from ..recording import execute
from ..state import state
from ..texts import CliError, show_date, yes_no



@contextmanager
def _progress(nl: str, en: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr while the library works (closing, recomputing, importing).

    None with --json, and none when stderr is not a terminal: Rich decides that
    (``Console.is_terminal``), and FORCE_COLOR or TTY_COMPATIBLE=1 force the bar.
    The library only reports ``(done, total)``; showing it is this front end's job."""
    console = err()
    if state().json or not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(t(nl, en), total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield report


# The short names people type; the library uses pabulib's names.
RULES = {"greedy": "greedy", "equalshares": "equalshares/add1", "equalshares/add1": "equalshares/add1"}

app = group(
    "Stemrondes voor de energiebegroting: voorstellen, stemmen, uitkomst, pabulib-bestanden.",
    "Voting rounds for the energy budget: proposals, ballots, outcome, pabulib files.",
    'botu pb open "Energiebegroting 2021" --year 2021 --fund BoTu2028=20000 --decision decision-1',
    "botu pb import Netherlands_Assen_2024.pb",
    "botu pb close round-1 --json",
)

RoundArg = Annotated[str, typer.Argument(metavar="ROUND", help="Id of titel van de ronde.  Round id or title.")]


STATUS = {"open": ("open", "open"), "closed": ("gesloten", "closed")}


def _status(value: str) -> str:
    nl, en = STATUS.get(value, (value, value))
    return t(nl, en)


def _rule(value: str) -> str:
    key = value.strip().lower()
    if key not in RULES:
        raise CliError("cli.invalid_choice", value=value, field="--rule", choices="greedy, equalshares")
    return RULES[key]


def _pairs(values: list[str], option: str) -> list[tuple[str, Money]]:
    """'BoTu2028=20000' -> ('BoTu2028', € 20.000,00)."""
    pairs = []
    for value in values:
        name, sep, text = value.rpartition("=")
        if not sep or not name.strip():
            raise CliError("cli.bad_value", param=option, detail=f"'{value}' (NAAM=BEDRAG / NAME=AMOUNT)")
        pairs.append((name.strip(), amount(text)))
    return pairs


def _outcome(round_ref: str) -> dict[str, Any]:
    app = state().app()
    view = app.round(state().coop, round_ref)
    data: dict[str, Any] = to_json_data(view)
    data["proposals"] = to_json_data(app.proposals(state().coop, view.id))
    return data


def _print_round(round_ref: str) -> None:
    app = state().app()
    view = app.round(state().coop, round_ref)
    proposals = app.proposals(state().coop, view.id)

    def human() -> None:
        details([
            ("id", view.id),
            (t("titel", "title"), view.title),
            (t("jaar", "year"), str(view.year)),
            (t("geld", "budget"), money(view.budget)),
            (t("regel", "rule"), view.rule),
            (t("status", "status"), _status(view.status)),
            (t("uit een bestand", "imported"), yes_no(view.imported, state().lang)),
            (t("kiezers", "voters"), str(view.voters)),
            (t("gesloten op", "closed on"), show_date(view.closed_on, state().lang)),
            (t("totaal toegekend", "total cost"), money(view.total_cost)),
            (t("controlegetal (SHA-256)", "digest (SHA-256)"), view.input_digest or "—"),
        ])
        grid = table("id", t("voorstel", "proposal"), t("kosten", "cost"), t("stemmen", "votes"),
                       t("gekozen", "selected"), right=(2, 3))
        for p in sorted(proposals, key=lambda p: -p.approvals):
            grid.add_row(p.id, p.title, money(p.cost), str(p.approvals), yes_no(p.selected, state().lang))
        out().print(grid)

    if state().json:
        print_json(_outcome(view.id))
    else:
        human()


@command(app, "open", "Open een stemronde met geld uit een of meer bronnen; toont het id.",
           "Open a voting round with money from one or more sources; prints its id.",
           'botu pb open "Energiebegroting 2021" --year 2021 --fund BoTu2028=20000 --fund Aardgasvrij=10000 '
           "--decision decision-1 --rule equalshares --limit isolatie=10000")
def pb_open(
    title: Annotated[str, typer.Argument(help="Titel.  Title.")],
    year_: YearOption,
    fund: Annotated[list[str], typer.Option("--fund", help="BRON=BEDRAG, mag vaker.  SOURCE=AMOUNT, repeatable.")],
    decision: Annotated[str, typer.Option("--decision", help="Id van het besluit over de ronde.  Decision id.")],
    rule: Annotated[str, typer.Option("--rule", help="greedy of equalshares.  greedy or equalshares.")] = "greedy",
    limit: Annotated[list[str] | None, typer.Option("--limit", help="CATEGORIE=BEDRAG.  CATEGORY=AMOUNT.")] = None,
    max_approvals: Annotated[int | None, typer.Option("--max-approvals", help="Hoogstens zoveel keuzes.  At most.")] = None,
    on: OnOption = None,
) -> None:
    command_ = OpenRound(
        title=title,
        year=year(year_) or 0,
        funds=tuple(FundShare(s, a) for s, a in _pairs(fund, "--fund")),
        decision=decision,
        rule=_rule(rule),
        category_limits=tuple(CategoryLimit(c, a) for c, a in _pairs(limit or [], "--limit")),
        max_approvals=max_approvals,
        on=date(on),
    )
    execute(command_, "de stemronde is open.", "the voting round is open.")


@command(app, "propose", "Dien een voorstel in; toont het id.", "Submit a proposal; prints its id.",
           'botu pb propose round-1 "Zonnepanelen op het buurthuis" 6000 --by Buurtcentrum --plan "12 panelen"')
def pb_propose(
    round_: RoundArg,
    title: Annotated[str, typer.Argument(help="Titel.  Title.")],
    cost: Annotated[str, typer.Argument(metavar="COST", help="Kosten.  Cost.")],
    by: Annotated[str, typer.Option("--by", help="De partij die het voorstel doet.  The submitting party.")],
    plan: Annotated[str, typer.Option("--plan", help="Wat we gaan doen.  What we will do.")],
    category: Annotated[str, typer.Option("--category", help="Categorie.  Category.")] = "",
    project: Annotated[str | None, typer.Option("--project", help="Bestaand project.  Existing project.")] = None,
    on: OnOption = None,
) -> None:
    command_ = SubmitProposal(round=round_, title=title, cost=amount(cost), by=by, plan=plan, category=category,
                              project=project, on=date(on))
    execute(command_, "het voorstel is ingediend.", "the proposal was submitted.")


@command(app, "vote", "Stem: kies de voorstellen die u steunt (opnieuw stemmen vervangt uw stem).",
           "Vote: choose the proposals you support (voting again replaces your ballot).",
           "botu pb vote round-1 --voter Ann proposal-1 proposal-3")
def pb_vote(
    round_: RoundArg,
    proposals: Annotated[list[str], typer.Argument(help="Ids van voorstellen.  Proposal ids.")],
    voter: Annotated[str, typer.Option("--voter", help="De partij die stemt.  The voting party.")],
    on: OnOption = None,
) -> None:
    execute(CastBallot(round=round_, voter=voter, approvals=tuple(proposals), on=date(on)),
            "uw stem telt. Bewaar het bewijs hieronder: daarmee ziet u later dat uw stem is geteld "
            "(botu pb receipt). Wie het bewijs ziet, ziet niet van wie de stem is.",
            "your ballot counts. Keep the receipt below: with it you can check later that your ballot was counted "
            "(botu pb receipt). Whoever sees the receipt does not see whose ballot it is.")


@command(app, "receipt", "Kijk met uw bewijs of uw stem meetelt.", "Check with your receipt that your ballot counts.",
           "botu pb receipt round-1 'round-1:…:…'")
def pb_receipt(
    round_: RoundArg,
    receipt: Annotated[str, typer.Argument(help="Het bewijs dat u kreeg bij het stemmen.  The receipt you got when voting.")],
) -> None:
    check = state().app().check_receipt(state().coop, round_, receipt)
    if state().json:
        print_json({"round": check.round_id, "pseudonym": check.pseudonym, "status": check.status,
                    "counted": check.counted, "cast_on": check.cast_on.isoformat() if check.cast_on else None})
        return
    words = {
        "counted": ("Uw stem telt mee.", "Your ballot is counted."),
        "replaced": ("Deze stem is vervangen door een latere stem van u; die latere stem telt.",
                     "This ballot was replaced by a later ballot of yours; that later one counts."),
        "unknown": ("Er is geen stem met dit bewijs in deze ronde.", "There is no ballot with this receipt in this round."),
    }[check.status]
    out().print(t(*words))
    if not check.counted:
        raise typer.Exit(1)


@command(app, "close", "Sluit de ronde: de regel kiest de winnaars, het geld wordt toegekend.",
           "Close the round: the rule chooses the winners, the money is allocated.", "botu pb close round-1 --json")
def pb_close(round_: RoundArg, on: OnOption = None) -> None:
    with _progress("De regel rekent", "The rule is computing") as progress:
        state().app().execute(state().coop, CloseRound(round=round_, on=date(on)), progress=progress)
    if not state().json:
        err().print(t("Gelukt: de ronde is gesloten.", "Done: the round is closed."))
    _print_round(round_)


@command(app, "show", "Een ronde met haar voorstellen en uitkomst.", "A round with its proposals and outcome.",
           "botu pb show round-1 --json")
def pb_show(round_: RoundArg) -> None:
    _print_round(round_)


@command(app, "list", "Alle stemrondes.", "All voting rounds.", "botu pb list")
def pb_list() -> None:
    rounds = state().app().rounds(state().coop)

    def human() -> None:
        grid = table("id", t("titel", "title"), t("jaar", "year"), t("regel", "rule"), t("status", "status"),
                       t("geld", "budget"), right=(5,))
        for r in rounds:
            grid.add_row(r.id, r.title, str(r.year), r.rule, _status(r.status), money(r.budget))
        out().print(grid)

    show(rounds, human)


@command(app, "verify", "Reken een gesloten ronde na: zelfde invoer, zelfde winnaars?",
           "Recompute a closed round: same inputs, same winners?", "botu pb verify round-1")
def pb_verify(round_: RoundArg) -> None:
    with _progress("Narekenen", "Recomputing") as progress:
        check = state().app().verify_round(state().coop, round_, progress=progress)
    if state().json:
        print_json(to_json_data(check))
    else:
        details([
            (t("ronde", "round"), check.round_id),
            (t("klopt", "correct"), yes_no(check.ok, state().lang)),
            (t("zelfde invoer", "same inputs"), yes_no(check.digest_matches, state().lang)),
            (t("zelfde winnaars", "same winners"), yes_no(check.winners_match, state().lang)),
            (t("gesloten met versie", "closed with version"), check.recorded_version),
            (t("nagerekend met versie", "recomputed with version"), check.library_version),
        ])
    if not check.ok:
        raise typer.Exit(1)


@command(app, "import", "Lees een pabulib-bestand (.pb) in als ronde; toont het id.",
           "Import a pabulib file (.pb) as a round; prints its id.",
           "botu pb import Netherlands_Assen_2024.pb", "botu pb import buurt.pb --rule equalshares")
def pb_import(
    path: Annotated[Path, typer.Argument(metavar="FILE.pb", help="Het bestand.  The file.")],
    rule: Annotated[str | None, typer.Option("--rule", help="greedy of equalshares (standaard: die van het bestand).  "
                                                          "greedy or equalshares (default: the file's).")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Titel (standaard uit het bestand).  Title.")] = None,
    no_limits: Annotated[bool, typer.Option("--no-category-limits",
                                            help="Zonder de grenzen per categorie.  Without category limits.")] = False,
) -> None:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CliError("cli.terms_file", path=path, detail=error.strerror or error) from None
    with _progress("Bestand lezen", "Reading the file") as progress:
        round_id = state().app().import_pabulib(state().coop, data, rule=None if rule is None else _rule(rule),
                                                 title=title, category_limits=not no_limits, progress=progress)
    done(round_id, "het bestand is ingelezen als ronde.", "the file was imported as a round.")


@command(app, "export", "Schrijf een ronde als pabulib-bestand (.pb).", "Write a round as a pabulib file (.pb).",
           "botu pb export round-1 > ronde.pb", "botu pb export round-1 --output ronde.pb")
def pb_export(
    round_: RoundArg,
    output: Annotated[Path | None, typer.Option("--output", help="Bestand (standaard: scherm).  File.")] = None,
) -> None:
    text = state().app().export_pabulib(state().coop, round_)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CliError("cli.terms_file", path=output, detail=error.strerror or error) from None
    err().print(t(f"Gelukt: geschreven naar {output}.", f"Done: written to {output}."))
