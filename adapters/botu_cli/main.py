"""The `botu` command line: every command and query of botu_core, for people and scripts.

Exit codes: 0 done; 1 a rule of the agreement refused the command (or something named
does not exist); 2 bad usage or input that could not be read; 3 the store could not be
reached or is damaged. With ``--json`` stdout holds exactly one JSON document (also for
errors: an object with ``code`` and ``message``); messages for people go to stderr.

This module only translates: arguments into the library's commands, views into tables
or JSON. Every rule lives in botu_core.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, overload

import click
import typer
from rich.console import Console
from rich.table import Table

from botu_core import (
    COMMITMENT_LABELS,
    Commitments,
    AdoptAgreement,
    AgreementTerms,
    AllocateBudget,
    BotuError,
    ChangeContact,
    ChangePartyDetails,
    ChooseCoordinators,
    CoBenefit,
    CompleteProject,
    ConcurrencyConflict,
    Cooperations,
    DefineIndicator,
    DiscussDisagreement,
    ForgetParty,
    GiveContactConsent,
    GiveOpinion,
    InvalidInput,
    MEMBER,
    JoinParty,
    LeaveParty,
    MakeFundsAvailable,
    MeasureIndicator,
    MeetingKind,
    Money,
    PartyKind,
    ProposeDecision,
    RaiseDisagreement,
    Reader,
    RecordBenefit,
    RecordDecision,
    RecordEvaluation,
    RecordMeeting,
    RecordSpending,
    RejoinParty,
    ResolveDisagreement,
    ReviseAgreement,
    RuleViolation,
    SignAgreement,
    Stance,
    StartProject,
    StopProject,
    StoreError,
    UpdatePlan,
    WithdrawAllocation,
    WithdrawContactConsent,
    agreement_template,
    describe_change,
    terms_from_data,
    diff_agreements,
    parse_date,
    parse_number,
    parse_enum,
    parse_json,
    to_json_data,
)
from botu_core.examples import EXAMPLES

from .texts import CliError, label, say, show_date, show_datetime, yes_no

# --- the state of one run ------------------------------------------------------------


class State:
    """Global options of one run, and the store, opened only when a command needs it."""

    def __init__(self, lang: str = "nl", json_output: bool = False,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self.clock = clock  # None: the library's own (the real time)
        self.db: str | None = None
        self.coop: str | None = None
        self.lang = lang
        self.json = json_output
        self.as_of: dt.date | None = None
        self._app: Cooperations | None = None
        self._past: Reader | None = None

    def app(self, *, audit_only: bool = False) -> Cooperations:
        """The store; ``audit_only`` (the audit commands) opens it without checking or
        catching up anything, so a damaged log can be judged as it is stored."""
        if self._app is None:
            kwargs: dict[str, Any] = {"audit_only": audit_only}
            if self.clock is not None:
                kwargs["clock"] = self.clock
            self._app = Cooperations(self.db, **kwargs)
        return self._app

    def reader(self) -> Reader:
        """Where queries read, as the store's owner sees them (a member's view: contact
        details only with consent): the live read models, or with --as-of the read models
        as they were on that date (rebuilt apart by the library; the live ones stay)."""
        if self.as_of is None:
            return self.app().view_as(MEMBER)
        if self._past is None:
            self._past = self.app().view_as(MEMBER, as_of=self.as_of, cooperation=self.coop)
        return self._past

    def close(self) -> None:
        if self._past is not None:
            self._past.close()
            self._past = None
        if self._app is not None:
            self._app.close()
            self._app = None


S = State()


def t(nl: str, en: str) -> str:
    return say(S.lang, nl, en)


def lang_from_env() -> str:
    """English when LANG (or LC_ALL, LC_MESSAGES) asks for it, else Dutch."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "nl"
    return "nl"


# --- reading arguments ---------------------------------------------------------------


def amount(text: str) -> Money:
    """An amount in the language of the run (--lang, else LANG): Dutch 25.000 or 12,50,
    English 25,000 or 12.50."""
    return Money.parse(text, S.lang)


def date(text: str | None) -> dt.date | None:
    return None if text is None else parse_date(text)


@overload
def year(text: str) -> int: ...
@overload
def year(text: None) -> None: ...
@overload
def year(text: str | None) -> int | None: ...
def year(text: str | None) -> int | None:
    if text is None:
        return None
    value = text.strip()
    if not value.isdigit():
        raise InvalidInput("input.invalid_year", value=text)
    return int(value)


@overload
def number(text: str) -> Decimal: ...
@overload
def number(text: None) -> None: ...
@overload
def number(text: str | None) -> Decimal | None: ...
def number(text: str | None) -> Decimal | None:
    return None if text is None else parse_number(text, S.lang)


def choice(enum_type: type[Any], value: str | None, option: str) -> Any:
    if value is None:
        return None
    try:
        return parse_enum(enum_type, value.strip(), option)
    except InvalidInput:
        # The library cuts long messages; here the whole list of choices is shown.
        choices = ", ".join(str(m.value) for m in enum_type)
        raise CliError("cli.invalid_choice", value=value, field=option, choices=choices) from None


def completer(values: list[str]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [v for v in values if v.startswith(incomplete)]

    return complete


KINDS = [k.value for k in PartyKind]
MEETING_KINDS = [k.value for k in MeetingKind]
CO_BENEFITS = [b.value for b in CoBenefit]
STANCES = [s.value for s in Stance]


def read_terms(path: Path, base: Commitments | None = None) -> AgreementTerms:
    """Agreement terms from a JSON file (the form `agreement template --json` prints); the
    library reads the document and names the key that is wrong. Commitments left out of
    the file keep ``base`` (the version revised) or BoTu's defaults."""
    try:
        data = parse_json(path.read_bytes())
    except OSError as error:
        raise CliError("cli.terms_file", path=path, detail=error.strerror or error) from None
    except InvalidInput as error:
        if error.code == "input.too_deep":
            raise  # the library's own refusal: exit 2 with its code
        raise CliError("cli.terms_file", path=path, detail=error.message(S.lang)) from None
    return terms_from_data(data, base)


# --- printing --------------------------------------------------------------------------


def out() -> Console:
    width = None if sys.stdout.isatty() else 120
    return Console(file=sys.stdout, markup=False, highlight=False, width=width, soft_wrap=False)


def err() -> Console:
    return Console(file=sys.stderr, markup=False, highlight=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def money(value: Money) -> str:
    return value.show(S.lang)


def table(*headers: str, right: tuple[int, ...] = ()) -> Table:
    grid = Table(show_header=True, header_style="bold", show_lines=False)
    for i, header in enumerate(headers):
        grid.add_column(header, justify="right" if i in right else "left", overflow="fold")
    return grid


def show(data: Any, human: Callable[[], None]) -> None:
    """Print a view: as JSON with --json, else the way ``human`` prints it."""
    if S.json:
        print_json(to_json_data(data))
    else:
        human()


def done(result: str | None, nl: str, en: str) -> None:
    """After a command: its id on stdout (``{"id": …}`` with --json), a sentence on stderr."""
    if S.json:
        print_json({"id": result})
        return
    err().print(t("Gelukt: ", "Done: ") + t(nl, en))
    if result is not None:
        sys.stdout.write(f"{result}\n")


def execute(command: object, nl: str, en: str) -> None:
    """Give a command (already made, so its input is checked) to the library."""
    if S.as_of is not None:
        raise CliError("cli.as_of_read_only")
    result = S.app().execute(S.coop, command)
    done(result, nl, en)


def details(rows: list[tuple[str, str]]) -> None:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for key, value in rows:
        grid.add_row(key, value)
    out().print(grid)


# --- the app and global options ----------------------------------------------------------

GLOBALS_HELP = (
    "Algemene opties (voor of na de opdracht): --db, --coop, --lang nl|en, --json, --as-of JJJJ-MM-DD.  "
    "General options (before or after the command): --db, --coop, --lang nl|en, --json, --as-of YYYY-MM-DD."
)


def example(*lines: str) -> str:
    text = "\n\n".join(f"  $ {line}" for line in lines)
    return f"Voorbeeld / Example:\n\n{text}\n\n{GLOBALS_HELP}"


app = typer.Typer(
    name="botu",
    help=(
        "botu: de samenwerking voor de energietransitie in de wijk, als logboek.  "
        "botu: the neighbourhood's energy-transition cooperation, as a log."
    ),
    epilog=example("botu example load botu-2021", "botu budget show --year 2021", "botu compliance --json"),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def global_options(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="BOTU_DB",
            help="Opslag: bestand (standaard botu.db), sqlite:///…, postgresql://…  Store URL (default botu.db).",
            show_envvar=True,
        ),
    ] = None,
    coop: Annotated[
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
    S.db = db
    if as_of is not None:
        S.as_of = date(as_of)
    S.coop = coop
    if lang is not None:
        if lang not in ("nl", "en"):
            raise InvalidInput("input.invalid_choice", value=lang, field="--lang", choices="nl, en")
        S.lang = lang
    S.json = S.json or json_output


def group(name: str, nl: str, en: str, *lines: str) -> typer.Typer:
    sub = typer.Typer(help=f"{nl}  {en}", epilog=example(*lines), no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(sub, name=name)
    return sub


def command(sub: typer.Typer, name: str, nl: str, en: str, *lines: str, **settings: Any) -> Callable[..., Any]:
    return sub.command(name, help=f"{nl}  {en}", epilog=example(*lines), **settings)


# Shared argument and option types.
OnOption = Annotated[str | None, typer.Option("--on", help="Datum JJJJ-MM-DD (standaard vandaag).  Date YYYY-MM-DD.")]
PartyArg = Annotated[str, typer.Argument(help="Id of precieze naam van de partij.  Party id or exact name.")]
ProjectArg = Annotated[str, typer.Argument(help="Id of precieze titel van het project.  Project id or exact title.")]
AmountArg = Annotated[str, typer.Argument(help="Bedrag in euro: 25.000 of 12,50 (met --lang en: 25,000 of 12.50).  "
                                                "Amount in euros: with --lang en 25,000 or 12.50.")]
YearOption = Annotated[str, typer.Option("--year", help="Jaar, bijvoorbeeld 2021.  Year.")]
OptionalYear = Annotated[str | None, typer.Option("--year", help="Alleen dit jaar.  Only this year.")]
NEGATIVE_OK = {"context_settings": {"ignore_unknown_options": True}}  # so "-50" reaches the amount check


# --- coop ---------------------------------------------------------------------------------

coop_app = group("coop", "Samenwerkingen.", "Cooperations.", 'botu coop create "Energiewijk BoTu" --neighbourhood "Bospolder-Tussendijken"')


@command(coop_app, "create", "Begin een nieuwe samenwerking; toont het id.", "Create a cooperation; prints its id.",
         'botu coop create "Energiewijk BoTu" --neighbourhood "Bospolder-Tussendijken"')
def coop_create(
    name: Annotated[str, typer.Argument(help="Naam.  Name.")],
    neighbourhood: Annotated[str, typer.Option("--neighbourhood", help="Wijk.  Neighbourhood.")] = "",
    slug: Annotated[str | None, typer.Option("--slug", help="Korte naam (standaard uit de naam).  Short name.")] = None,
    founded_on: Annotated[str | None, typer.Option("--founded-on", help="Startdatum JJJJ-MM-DD.  Start date.")] = None,
) -> None:
    founded = date(founded_on)
    result = S.app().create_cooperation(name, slug=slug, neighbourhood=neighbourhood, founded_on=founded)
    done(result, "de samenwerking is begonnen.", "the cooperation was created.")


@command(coop_app, "list", "Alle samenwerkingen in de opslag.", "All cooperations in the store.", "botu coop list --json")
def coop_list() -> None:
    coops = S.app().cooperations()

    def human() -> None:
        grid = table("id", t("korte naam", "slug"), t("naam", "name"), t("wijk", "neighbourhood"),
                     t("sinds", "since"), t("versie", "version"), t("gebeurtenissen", "events"), right=(5, 6))
        for c in coops:
            grid.add_row(c.id, c.slug, c.name, c.neighbourhood, show_date(c.founded_on, S.lang),
                         str(c.current_version), str(c.events))
        out().print(grid)

    show(coops, human)


@command(coop_app, "show", "Gegevens van de samenwerking.", "Details of the cooperation.", "botu --coop botu coop show")
def coop_show() -> None:
    coop = S.app().cooperation(S.coop)
    show(coop, lambda: details([
        ("id", coop.id),
        (t("naam", "name"), coop.name),
        (t("korte naam", "slug"), coop.slug),
        (t("wijk", "neighbourhood"), coop.neighbourhood),
        (t("begonnen op", "founded on"), show_date(coop.founded_on, S.lang)),
        (t("versie overeenkomst", "agreement version"), str(coop.current_version)),
        (t("gebeurtenissen", "events"), str(coop.events)),
    ]))


# --- party ----------------------------------------------------------------------------------

party_app = group("party", "Partijen die meedoen.", "Parties taking part.",
                  'botu party join "Fatima El Amrani" --kind resident --share-contact --phone "06 1234 5678"')


@command(party_app, "join", "Een partij doet mee; toont het id.", "A party joins; prints its id.",
         'botu party join "Buurthuiskamer Tussendijken" --kind initiative --email info@example.nl --share-contact')
def party_join(
    name: Annotated[str, typer.Argument(help="Naam.  Name.")],
    kind: Annotated[str, typer.Option("--kind", help="Soort: " + ", ".join(KINDS) + ".  Kind.",
                                      autocompletion=completer(KINDS))],
    phone: Annotated[str, typer.Option("--phone", help="Telefoon.  Phone.")] = "",
    email: Annotated[str, typer.Option("--email", help="E-mail.")] = "",
    share_contact: Annotated[bool, typer.Option("--share-contact", help="Contactgegevens mogen gedeeld worden.  Contact may be shared.")] = False,
    on: OnOption = None,
) -> None:
    command_ = JoinParty(name=name, kind=choice(PartyKind, kind, "--kind"), phone=phone, email=email,
                         share_contact=share_contact, on=date(on))
    execute(command_, "de partij doet mee.", "the party takes part.")


@command(party_app, "list", "Alle partijen (contact alleen als het gedeeld mag worden).",
         "All parties (contact details only where shared).", "botu party list --json")
def party_list() -> None:
    parties = S.reader().parties(S.coop)

    def human() -> None:
        grid = table("id", t("naam", "name"), t("soort", "kind"), t("doet mee", "active"),
                     t("coördinator", "coordinator"), t("sinds", "since"), t("ondertekend", "signed"), "contact")
        for p in parties:
            contact = " · ".join(x for x in (p.phone, p.email) if x)
            grid.add_row(p.id, p.name, label(p.kind, S.lang), yes_no(p.active, S.lang), yes_no(p.coordinator, S.lang),
                         show_date(p.joined_on, S.lang), ", ".join(str(v) for v in p.signed_versions) or "—",
                         contact or "—")
        out().print(grid)

    show(parties, human)


@command(party_app, "show", "Eén partij.", "One party.", 'botu party show "Gemeente Rotterdam"')
def party_show(party: PartyArg) -> None:
    p = S.reader().party(S.coop, party)
    show(p, lambda: details([
        ("id", p.id),
        (t("naam", "name"), p.name),
        (t("soort", "kind"), label(p.kind, S.lang)),
        (t("doet mee", "active"), yes_no(p.active, S.lang)),
        (t("coördinator", "coordinator"), yes_no(p.coordinator, S.lang)),
        (t("doet mee sinds", "joined on"), show_date(p.joined_on, S.lang)),
        (t("gestopt op", "left on"), show_date(p.left_on, S.lang)),
        (t("telefoon", "phone"), p.phone or "—"),
        (t("e-mail", "e-mail"), p.email or "—"),
        (t("ondertekende versies", "signed versions"), ", ".join(str(v) for v in p.signed_versions) or "—"),
    ]))


@command(party_app, "leave", "Een partij doet niet meer mee.", "A party leaves.",
         'botu party leave "Henk de Vries" --reason "Verhuisd"')
def party_leave(
    party: PartyArg,
    reason: Annotated[str, typer.Option("--reason", help="Reden.  Reason.")] = "",
    on: OnOption = None,
) -> None:
    execute(LeaveParty(party=party, reason=reason, on=date(on)), "de partij doet niet meer mee.", "the party left.")


@command(party_app, "rejoin", "Een partij die gestopt was doet weer mee.", "A party that left takes part again.",
         'botu party rejoin "Henk de Vries"')
def party_rejoin(party: PartyArg, on: OnOption = None) -> None:
    execute(RejoinParty(party=party, on=date(on)), "de partij doet weer mee.", "the party takes part again.")


@command(party_app, "update", "Verander naam, soort of contact van een partij.", "Change a party's name, kind or contact.",
         'botu party update "Henk de Vries" --phone "06 9999 0000" --share-contact')
def party_update(
    party: PartyArg,
    name: Annotated[str | None, typer.Option("--name", help="Nieuwe naam.  New name.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Nieuwe soort.  New kind.", autocompletion=completer(KINDS))] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Telefoon (leeg = weghalen).  Phone.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="E-mail (leeg = weghalen).")] = None,
    share_contact: Annotated[bool | None, typer.Option("--share-contact/--no-share-contact",
                                                       help="Contact delen of niet.  Share contact or not.")] = None,
) -> None:
    command_ = ChangePartyDetails(party=party, name=name, kind=choice(PartyKind, kind, "--kind"), phone=phone,
                                  email=email, share_contact=share_contact)
    execute(command_, "de gegevens zijn veranderd.", "the details were changed.")


@command(party_app, "consent", "Contactgegevens wel of niet delen met andere leden.",
         "Share contact details with other members, or stop sharing.",
         'botu party consent "Henk de Vries" --give', 'botu party consent "Henk de Vries" --withdraw')
def party_consent(
    party: PartyArg,
    give: Annotated[bool, typer.Option("--give/--withdraw", help="Toestemming geven of intrekken.  Give or withdraw consent.")],
    on: OnOption = None,
) -> None:
    if give:
        execute(GiveContactConsent(party=party, on=date(on)), "de contactgegevens worden gedeeld.", "contact details are shared.")
    else:
        execute(WithdrawContactConsent(party=party, on=date(on)), "de contactgegevens worden niet meer gedeeld.",
                "contact details are no longer shared.")


@command(party_app, "forget", "Vergeet een persoon op eigen verzoek (AVG): de gegevens zijn daarna voor niemand meer te lezen.",
         "Forget a person on request (GDPR): their data can no longer be read by anyone.",
         'botu party forget "Henk de Vries"')
def party_forget(party: PartyArg, on: OnOption = None) -> None:
    execute(ForgetParty(party=party, on=date(on)), "de persoon is vergeten.", "the person has been forgotten.")


@command(party_app, "data", "Alles wat de opslag over een persoon weet, als JSON (inzageverzoek, AVG).",
         "Everything the store holds about a person, as JSON (access request, GDPR).",
         'botu party data "Henk de Vries" > henk.json')
def party_data(party: PartyArg) -> None:
    print_json(S.app().personal_data(S.coop, party))


@command(party_app, "coordinators", "Kies de coördinatoren die het proces regelen (alle tegelijk).",
         "Choose the coordinators who run the process (all at once).",
         'botu party coordinators "Fatima El Amrani" "Buurthuiskamer Tussendijken" --decision decision-2')
def party_coordinators(
    parties: Annotated[list[str] | None, typer.Argument(help="Id's of namen van de partijen.  Party ids or names.")] = None,
    decision: Annotated[str | None, typer.Option("--decision", help="Id van het besluit.  Decision id.")] = None,
    on: OnOption = None,
) -> None:
    execute(ChooseCoordinators(parties=tuple(parties or ()), decision=decision, on=date(on)),
            "de coördinatoren zijn gekozen.", "the coordinators were chosen.")


# --- agreement ------------------------------------------------------------------------------

agreement_app = group("agreement", "De samenwerkingsovereenkomst en haar versies.", "The agreement and its versions.",
                      "botu agreement show", 'botu agreement sign "Fatima El Amrani" --note "Ik doe mee!"')


def _print_agreement(view: Any) -> None:
    rows = [
        (t("titel", "title"), view.title),
        (t("versie", "version"), f"{view.version}" + (t(" (de huidige)", " (current)") if view.is_current else "")),
        (t("vastgesteld op", "adopted on"), show_date(view.adopted_on, S.lang)),
        (t("loopt tot", "runs until"), show_date(view.end_date, S.lang)),
    ]
    if view.reason:
        rows.append((t("reden", "reason"), view.reason))
    if view.organisation:
        rows.append((t("organisatie", "organisation"), view.organisation))
    details(rows)
    console = out()
    console.print()
    console.print(t("Wat we afspreken en botu bewaakt", "What we commit to, and botu checks"), style="bold")
    details(commitment_rows(view.commitments))
    for title, clauses in ((t("Waarden", "Values"), view.values), (t("Doelen", "Goals"), view.goals),
                           (t("Afspraken over samenwerking", "Working agreements"), view.working_agreements)):
        console.print()
        console.print(title, style="bold")
        for clause in clauses:
            console.print(f"- [{clause.key}] {clause.text}")
    console.print()
    console.print(t(f"Ondertekend ({len(view.signatures)}):", f"Signed ({len(view.signatures)}):"), style="bold")
    grid = table(t("partij", "party"), t("op", "on"), t("met welke pet op", "capacity"), t("persoonlijke noot", "note"))
    for s in view.signatures:
        grid.add_row(s.party_name, show_date(s.signed_on, S.lang), s.capacity or "—", s.note)
    console.print(grid)


def commitment_rows(commitments: Commitments) -> list[tuple[str, str]]:
    """Each commitment with its label, as the data says it (nothing here is a figure of its own)."""
    data = to_json_data(commitments)
    rows = []
    for name, (nl, en) in COMMITMENT_LABELS.items():
        value = data[name]
        if name == "clauses":
            if value:
                rows.append((t(nl, en), ", ".join(f"{k} → {v}" for k, v in value.items())))
            continue
        if isinstance(value, bool):
            text = yes_no(value, S.lang)
        elif value is None:
            text = t("geen", "none")
        elif name == "consultation":
            text = label(f"consultation-{value}", S.lang)
        elif name == "minimum_end_date":
            text = show_date(commitments.minimum_end_date, S.lang) if commitments.minimum_end_date else "—"
        else:
            text = str(value)
        rows.append((t(nl, en), text))
    return rows


@command(agreement_app, "template", "Een hele overeenkomst als JSON om mee te beginnen: de tekst en afspraken van BoTu.",
         "A whole agreement as JSON to start from: BoTu's text and commitments.",
         "botu --json agreement template > overeenkomst.json", "botu agreement adopt overeenkomst.json")
def agreement_template_() -> None:
    # The document is JSON whatever the output mode: it is meant to be edited and read back.
    print_json(agreement_template())


@command(agreement_app, "show", "Toon de overeenkomst (de huidige versie of --version N).",
         "Show the agreement (the current version or --version N).", "botu agreement show --version 1",
         "botu agreement show --as-of 2021-12-31")
def agreement_show(
    version: Annotated[int | None, typer.Option("--version", help="Versie.  Version.", min=1)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Zoals die was op datum JJJJ-MM-DD.  As it was on a date.")] = None,
) -> None:
    if as_of is not None:
        S.as_of = date(as_of)
    view = S.reader().agreement(S.coop, version)
    show(view, lambda: _print_agreement(view))


@command(agreement_app, "versions", "Alle versies van de overeenkomst.", "All versions of the agreement.",
         "botu agreement versions --json")
def agreement_versions() -> None:
    a = S.app()
    views = [a.agreement(S.coop, v) for v in a.agreement_versions(S.coop)]
    rows = [{"version": v.version, "title": v.title, "adopted_on": v.adopted_on.isoformat(), "reason": v.reason,
             "signatures": len(v.signatures), "is_current": v.is_current} for v in views]
    if S.json:
        print_json(rows)
        return
    grid = table(t("versie", "version"), t("titel", "title"), t("vastgesteld op", "adopted on"), t("reden", "reason"),
                 t("handtekeningen", "signatures"), right=(0, 4))
    for v in views:
        grid.add_row(str(v.version) + (" *" if v.is_current else ""), v.title, show_date(v.adopted_on, S.lang),
                     v.reason or "—", str(len(v.signatures)))
    out().print(grid)


@command(agreement_app, "diff", "Wat is er veranderd tussen twee versies.", "What changed between two versions.",
         "botu agreement diff 1 2")
def agreement_diff(
    v1: Annotated[int, typer.Argument(help="Oude versie.  Old version.", min=1)],
    v2: Annotated[int, typer.Argument(help="Nieuwe versie.  New version.", min=1)],
) -> None:
    a = S.app()
    diff = diff_agreements(a.agreement(S.coop, v1), a.agreement(S.coop, v2))

    def human() -> None:
        console = out()
        if not diff.changes:
            console.print(t(f"Versie {v1} en {v2} zijn gelijk.", f"Versions {v1} and {v2} are the same."))
            return
        grid = table(t("onderdeel", "part"), t("sleutel", "key"), t("wat", "what"), t("was", "was"), t("wordt", "becomes"))
        for c in diff.changes:
            grid.add_row(label(c.section, S.lang), c.key, label(c.change, S.lang), c.old_text or "—", c.new_text or "—")
        console.print(grid)

    show(diff, human)


def print_diff(diff: Any) -> None:
    """The changes in words, one a line: 'plenaire bijeenkomsten per jaar: 3 → 4'."""
    console = out()
    if not diff.changes:
        console.print(t("Er verandert niets.", "Nothing changes."))
    for change in diff.changes:
        console.print(describe_change(change, S.lang))
    console.print(t("Proef (--dry-run): er is niets vastgelegd.", "Dry run (--dry-run): nothing was recorded."))


@command(agreement_app, "adopt", "Stel versie 1 vast uit een JSON-bestand.", "Adopt version 1 from a JSON file.",
         "botu agreement adopt overeenkomst.json --on 2021-09-15")
def agreement_adopt(
    terms: Annotated[Path, typer.Argument(help="JSON-bestand met de tekst.  JSON file with the terms.")],
    on: OnOption = None,
) -> None:
    execute(AdoptAgreement(terms=read_terms(terms), on=date(on)), "de overeenkomst is vastgesteld.",
            "the agreement was adopted.")


@command(agreement_app, "sign", "Onderteken de huidige versie met een persoonlijke noot (PS).",
         "Sign the current version with a personal note.",
         'botu agreement sign "Fatima El Amrani" --note "Ik doe mee voor mijn buren." --capacity bewoner')
def agreement_sign(
    party: PartyArg,
    note: Annotated[str, typer.Option("--note", help="Persoonlijke noot (PS).  Personal note.")],
    capacity: Annotated[str, typer.Option("--capacity", help="Met welke pet op.  Capacity.")] = "",
    version: Annotated[int | None, typer.Option("--version", help="Versie (standaard de huidige).  Version.")] = None,
    on: OnOption = None,
) -> None:
    execute(SignAgreement(party=party, note=note, capacity=capacity, version=version, on=date(on)),
            "de overeenkomst is ondertekend.", "the agreement was signed.")


@command(agreement_app, "revise", "Een nieuwe versie uit een JSON-bestand, met het besluit of de evaluatie erachter.",
         "A new version from a JSON file, naming the decision or evaluation behind it.",
         "botu agreement show --json > nieuw.json",
         'botu agreement revise nieuw.json --reason "Evaluatie 2021" --evaluation evaluation-1 --dry-run',
         'botu agreement revise nieuw.json --reason "Evaluatie 2021" --evaluation evaluation-1')
def agreement_revise(
    terms: Annotated[Path, typer.Argument(help="JSON-bestand met de nieuwe tekst.  JSON file with the new terms.")],
    reason: Annotated[str, typer.Option("--reason", help="Waarom.  Why.")],
    decision: Annotated[str | None, typer.Option("--decision", help="Id van het besluit.  Decision id.")] = None,
    evaluation: Annotated[str | None, typer.Option("--evaluation", help="Id van de evaluatie.  Evaluation id.")] = None,
    on: OnOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Toon alleen wat er zou veranderen; leg niets vast.  "
                                          "Only show what would change; record nothing.")] = False,
) -> None:
    a = S.app()
    base = a.agreement(S.coop).commitments if a.agreement_versions(S.coop) else None
    command_ = ReviseAgreement(terms=read_terms(terms, base), reason=reason, decision=decision,
                               evaluation=evaluation, on=date(on))
    if dry_run:
        diff = a.preview_revision(S.coop, command_)
        show(diff, lambda: print_diff(diff))
        return
    execute(command_, "er is een nieuwe versie van de overeenkomst.", "there is a new version of the agreement.")


# --- project -------------------------------------------------------------------------------

project_app = group("project", "Projecten in het werkboek.", "Projects in the workbook.",
                    'botu project start "Warmtescan" --plan "We meten 100 huizen." --contact "Henk de Vries"')


@command(project_app, "start", "Begin een project met een plan en een contactpersoon; toont het id.",
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


@command(project_app, "list", "Alle projecten.", "All projects.", "botu project list --json")
def project_list() -> None:
    projects = S.reader().projects(S.coop)

    def human() -> None:
        grid = table("id", t("titel", "title"), t("status", "status"), t("contact", "contact"), t("jaar", "year"),
                     t("toegekend", "allocated"), t("uitgegeven", "spent"), t("voordeel", "benefit"), "kg CO2",
                     right=(4, 5, 6, 7, 8))
        for p in projects:
            grid.add_row(p.id, p.title, label(p.status, S.lang), p.contact_name, str(p.series_year), money(p.allocated),
                         money(p.spent), money(p.benefit_euros), str(p.benefit_co2_kg))
        out().print(grid)

    show(projects, human)


@command(project_app, "show", "Eén project, met plan en indicatoren.", "One project, with plan and indicators.",
         'botu project show "Warmtescan"')
def project_show(project: ProjectArg) -> None:
    p = S.reader().project(S.coop, project)

    def human() -> None:
        details([
            ("id", p.id),
            (t("titel", "title"), p.title),
            (t("status", "status"), label(p.status, S.lang)),
            (t("plan", "plan"), p.plan),
            (t("contactpersoon", "contact person"), f"{p.contact_name} ({p.contact_party_id})"),
            (t("begonnen op", "started on"), show_date(p.started_on, S.lang)),
            (t("afgelopen op", "ended on"), show_date(p.ended_on, S.lang)),
            (t("doelen en waarden", "goals and values"), ", ".join(p.goals) or "—"),
            (t("meekoppelkansen", "co-benefits"), ", ".join(label(b, S.lang) for b in p.co_benefits) or "—"),
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
                             "—" if last is None else str(last.value), show_date(last.measured_on if last else None, S.lang))
            out().print(grid)

    show(p, human)


@command(project_app, "update-plan", "Pas het plan van een project aan.", "Update a project's plan.",
         'botu project update-plan "Warmtescan" --plan "We meten 150 huizen."')
def project_update_plan(project: ProjectArg,
                        plan: Annotated[str, typer.Option("--plan", help="Het nieuwe plan.  The new plan.")],
                        on: OnOption = None) -> None:
    execute(UpdatePlan(project=project, plan=plan, on=date(on)), "het plan is aangepast.", "the plan was updated.")


@command(project_app, "set-contact", "Kies een andere contactpersoon.", "Choose another contact person.",
         'botu project set-contact "Warmtescan" --contact "Priya Ramdin"')
def project_set_contact(project: ProjectArg,
                        contact: Annotated[str, typer.Option("--contact", help="Partij.  Party.")],
                        on: OnOption = None) -> None:
    execute(ChangeContact(project=project, contact=contact, on=date(on)), "de contactpersoon is veranderd.",
            "the contact person was changed.")


@command(project_app, "complete", "Het project is klaar.", "The project is completed.",
         'botu project complete "Warmtescan" --note "Alle huizen gemeten."')
def project_complete(project: ProjectArg,
                     note: Annotated[str, typer.Option("--note", help="Toelichting.  Note.")] = "",
                     on: OnOption = None) -> None:
    execute(CompleteProject(project=project, note=note, on=date(on)), "het project is afgerond.",
            "the project was completed.")


@command(project_app, "stop", "Stop een project.", "Stop a project.",
         'botu project stop "Warmtescan" --reason "Geen vrijwilligers meer."')
def project_stop(project: ProjectArg,
                 reason: Annotated[str, typer.Option("--reason", help="Reden.  Reason.")],
                 on: OnOption = None) -> None:
    execute(StopProject(project=project, reason=reason, on=date(on)), "het project is gestopt.", "the project was stopped.")


# --- indicator and benefit -------------------------------------------------------------------

indicator_app = group("indicator", "Indicatoren van projecten.", "Project indicators.",
                      'botu indicator define "Warmtescan" "Huizen gemeten" --unit huizen --target 100')


@command(indicator_app, "define", "Een nieuwe indicator voor een project; toont het id.",
         "Define an indicator for a project; prints its id.",
         'botu indicator define "Warmtescan" "Huizen gemeten" --unit huizen --target 100')
def indicator_define(
    project: ProjectArg,
    name: Annotated[str, typer.Argument(help="Naam.  Name.")],
    unit: Annotated[str, typer.Option("--unit", help="Eenheid.  Unit.")] = "",
    target: Annotated[str | None, typer.Option("--target", help="Doel (getal).  Target (number).")] = None,
    on: OnOption = None,
) -> None:
    execute(DefineIndicator(project=project, name=name, unit=unit, target=number(target), on=date(on)),
            "de indicator is toegevoegd.", "the indicator was defined.")


@command(indicator_app, "measure", "Leg een meting vast.", "Record a measurement.",
         'botu indicator measure "Warmtescan" "Huizen gemeten" 42 --on 2021-10-01', **NEGATIVE_OK)
def indicator_measure(
    project: ProjectArg,
    indicator: Annotated[str, typer.Argument(help="Id of naam van de indicator.  Indicator id or name.")],
    value: Annotated[str, typer.Argument(help="Gemeten waarde.  Measured value.")],
    note: Annotated[str, typer.Option("--note", help="Toelichting.  Note.")] = "",
    on: OnOption = None,
) -> None:
    execute(MeasureIndicator(project=project, indicator=indicator, value=number(value), note=note, on=date(on)),
            "de meting is vastgelegd.", "the measurement was recorded.")


benefit_app = group("benefit", "Voordeel in euro en CO2 per project.", "Benefits in euros and CO2 per project.",
                    'botu benefit record "Warmtescan" --euros 1200 --co2-kg 800 --from 2021-07-01 --until 2021-12-31')


@command(benefit_app, "record", "Leg voordeel vast: euro bespaard en kg CO2 minder.",
         "Record a benefit: euros saved and kg CO2 avoided.",
         'botu benefit record "Warmtescan" --euros 1.200,00 --co2-kg 800 --from 2021-07-01 --until 2021-12-31')
def benefit_record(
    project: ProjectArg,
    euros: Annotated[str, typer.Option("--euros", help="Euro bespaard voor bewoners.  Euros saved.")],
    co2_kg: Annotated[str, typer.Option("--co2-kg", help="Kg CO2 minder.  Kg CO2 avoided.")],
    period_start: Annotated[str, typer.Option("--from", help="Begin van de periode.  Period start.")],
    period_end: Annotated[str, typer.Option("--until", help="Einde van de periode.  Period end.")],
    note: Annotated[str, typer.Option("--note", help="Toelichting.  Note.")] = "",
) -> None:
    command_ = RecordBenefit(project=project, euros=amount(euros), co2_kg=number(co2_kg),
                             period_start=parse_date(period_start), period_end=parse_date(period_end), note=note)
    execute(command_, "het voordeel is vastgelegd.", "the benefit was recorded.")


@command(benefit_app, "show", "Het voordeel per project en bij elkaar.", "Benefits per project and in total.",
         "botu benefit show")
def benefit_show() -> None:
    view = S.reader().benefits(S.coop)

    def human() -> None:
        grid = table("id", t("project", "project"), t("euro", "euros"), "kg CO2", right=(2, 3))
        for p in view.projects:
            grid.add_row(p.project_id, p.title, money(p.euros), str(p.co2_kg))
        grid.add_row("", t("totaal", "total"), money(view.total_euros), str(view.total_co2_kg))
        out().print(grid)

    show(view, human)


# --- budget ------------------------------------------------------------------------------------

budget_app = group("budget", "De participatieve energiebegroting.", "The participatory energy budget.",
                   "botu budget fund BoTu2028 50000 --year 2021", "botu budget show --year 2021")


@command(budget_app, "fund", "Er komt geld beschikbaar van een bron in een jaar.", "Funds become available from a source in a year.",
         "botu budget fund BoTu2028 50000 --year 2021", **NEGATIVE_OK)
def budget_fund(
    source: Annotated[str, typer.Argument(help="Bron, bijvoorbeeld BoTu2028.  Source.")],
    amount_: Annotated[str, typer.Argument(metavar="AMOUNT", help="Bedrag: 50000 of 50.000,00 (met --lang en: 50,000.00).  Amount.")],
    year_: YearOption,
    decision: Annotated[str | None, typer.Option("--decision", help="Id van het besluit.  Decision id.")] = None,
    on: OnOption = None,
) -> None:
    command_ = MakeFundsAvailable(source=source, year=year(year_), amount=amount(amount_), decision=decision, on=date(on))
    execute(command_, "het geld staat op de begroting.", "the funds are in the budget.")


@command(budget_app, "allocate", "Ken geld toe aan een project, met het besluit erachter; toont het id.",
         "Allocate funds to a project, naming the decision; prints its id.",
         'botu budget allocate "Warmtescan" 12500 --source BoTu2028 --year 2021 --decision decision-1', **NEGATIVE_OK)
def budget_allocate(
    project: ProjectArg,
    amount_: Annotated[str, typer.Argument(metavar="AMOUNT", help="Bedrag.  Amount.")],
    source: Annotated[str, typer.Option("--source", help="Bron.  Source.")],
    year_: YearOption,
    decision: Annotated[str, typer.Option("--decision", help="Id van het besluit.  Decision id.")],
    on: OnOption = None,
) -> None:
    command_ = AllocateBudget(project=project, source=source, year=year(year_), amount=amount(amount_),
                              decision=decision, on=date(on))
    execute(command_, "het geld is toegekend.", "the funds were allocated.")


@command(budget_app, "withdraw", "Trek een toekenning in.", "Withdraw an allocation.",
         'botu budget withdraw allocation-3 --reason "Project gaat niet door."')
def budget_withdraw(
    allocation: Annotated[str, typer.Argument(help="Id van de toekenning.  Allocation id.")],
    reason: Annotated[str, typer.Option("--reason", help="Reden.  Reason.")],
    decision: Annotated[str | None, typer.Option("--decision", help="Id van het besluit.  Decision id.")] = None,
    on: OnOption = None,
) -> None:
    execute(WithdrawAllocation(allocation=allocation, reason=reason, decision=decision, on=date(on)),
            "de toekenning is ingetrokken.", "the allocation was withdrawn.")


@command(budget_app, "spend", "Leg een uitgave vast op een toekenning; toont het id.",
         "Record spending on an allocation; prints its id.",
         'botu budget spend allocation-1 2500 --description "Warmtecamera\'s"', **NEGATIVE_OK)
def budget_spend(
    allocation: Annotated[str, typer.Argument(help="Id van de toekenning.  Allocation id.")],
    amount_: Annotated[str, typer.Argument(metavar="AMOUNT", help="Bedrag.  Amount.")],
    description: Annotated[str, typer.Option("--description", help="Waaraan.  What for.")],
    on: OnOption = None,
) -> None:
    execute(RecordSpending(allocation=allocation, amount=amount(amount_), description=description, on=date(on)),
            "de uitgave is vastgelegd.", "the spending was recorded.")


@command(budget_app, "show", "Per bron en jaar: beschikbaar, toegekend, uitgegeven en over.",
         "Per source and year: available, allocated, spent and left.", "botu budget show --year 2021 --json")
def budget_show(year_: OptionalYear = None) -> None:
    lines = S.reader().budget(S.coop, year(year_))

    def human() -> None:
        grid = table(t("bron", "source"), t("jaar", "year"), t("beschikbaar", "available"), t("toegekend", "allocated"),
                     t("uitgegeven", "spent"), t("over", "left"), right=(1, 2, 3, 4, 5))
        for b in lines:
            grid.add_row(b.source, str(b.year), money(b.available), money(b.allocated), money(b.spent), money(b.left))
        total = [Money(sum(getattr(b, f).cents for b in lines)) for f in ("available", "allocated", "spent", "left")]
        grid.add_row(t("totaal", "total"), "", *(money(m) for m in total), style="bold")
        out().print(grid)

    show(lines, human)


@command(budget_app, "allocations", "Alle toekenningen.", "All allocations.", "botu budget allocations --year 2021")
def budget_allocations(year_: OptionalYear = None) -> None:
    allocations = S.reader().allocations(S.coop, year(year_))

    def human() -> None:
        grid = table("id", t("project", "project"), t("bron", "source"), t("jaar", "year"), t("bedrag", "amount"),
                     t("uitgegeven", "spent"), t("besluit", "decision"), t("status", "status"), right=(3, 4, 5))
        for a in allocations:
            grid.add_row(a.id, a.project_title, a.source, str(a.year), money(a.amount), money(a.spent), a.decision_id,
                         label(a.status, S.lang))
        out().print(grid)

    show(allocations, human)


# --- meetings, decisions, opinions ----------------------------------------------------------

meeting_app = group("meeting", "Bijeenkomsten en overleg.", "Meetings and consultations.",
                    'botu meeting record --kind plenary --date 2021-09-15 --attendee "Gemeente Rotterdam"')


@command(meeting_app, "record", "Leg een bijeenkomst vast; toont het id.", "Record a meeting; prints its id.",
         'botu meeting record --kind consultation --date 2021-10-05 --attendee "Henk de Vries" --attendee party-1')
def meeting_record(
    kind: Annotated[str, typer.Option("--kind", help="Soort: plenary (bijeenkomst), consultation (overleg; "
                                      "'monthly' mag ook), evaluation (evaluatie).  Kind.",
                                      autocompletion=completer(MEETING_KINDS))],
    held_on: Annotated[str, typer.Option("--date", help="Datum JJJJ-MM-DD.  Date.")],
    attendee: Annotated[list[str] | None, typer.Option("--attendee", help="Aanwezige partij (vaker mag).  Attending party.")] = None,
    title: Annotated[str, typer.Option("--title", help="Titel.  Title.")] = "",
    minutes: Annotated[str, typer.Option("--minutes", help="Verslag.  Minutes.")] = "",
) -> None:
    command_ = RecordMeeting(kind=choice(MeetingKind, kind, "--kind"), held_on=parse_date(held_on), title=title,
                             attendees=tuple(attendee or ()), minutes=minutes)
    execute(command_, "de bijeenkomst is vastgelegd.", "the meeting was recorded.")


@command(meeting_app, "list", "Alle bijeenkomsten.", "All meetings.", "botu meeting list --year 2021")
def meeting_list(year_: OptionalYear = None) -> None:
    meetings = S.reader().meetings(S.coop, year(year_))

    def human() -> None:
        grid = table("id", t("datum", "date"), t("soort", "kind"), t("titel", "title"), t("aanwezig", "attendees"),
                     right=(4,))
        for m in meetings:
            grid.add_row(m.id, show_date(m.held_on, S.lang), label(m.kind, S.lang), m.title or "—", str(len(m.attendees)))
        out().print(grid)

    show(meetings, human)


decision_app = group("decision", "Besluiten.", "Decisions.",
                     'botu decision record --meeting meeting-1 --subject Begroting --text "We verdelen het geld zo."')


@command(decision_app, "record", "Leg een besluit van een bijeenkomst vast; toont het id.",
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


@command(decision_app, "propose", "Leg een voorstel voor, zodat partijen hun mening kunnen geven; toont het id.",
         "Propose a decision, so parties can give their opinion; prints its id.",
         'botu decision propose --subject "Zonnepanelen" --text "Zonnepanelen op het buurthuis."')
def decision_propose(
    subject: Annotated[str, typer.Option("--subject", help="Onderwerp.  Subject.")],
    text: Annotated[str, typer.Option("--text", help="Het voorstel.  The proposal.")],
    on: OnOption = None,
) -> None:
    execute(ProposeDecision(subject=subject, text=text, on=date(on)), "het voorstel ligt klaar.", "the proposal was made.")


@command(decision_app, "list", "Alle besluiten en voorstellen.", "All decisions and proposals.", "botu decision list --json")
def decision_list() -> None:
    decisions = S.reader().decisions(S.coop)

    def human() -> None:
        grid = table("id", t("onderwerp", "subject"), t("status", "status"), t("datum", "date"),
                     t("voor/tegen/neutraal", "for/against/neutral"))
        for d in decisions:
            grid.add_row(d.id, d.subject, label(d.status, S.lang), show_date(d.taken_on or d.proposed_on, S.lang),
                         f"{d.opinions_for}/{d.opinions_against}/{d.opinions_neutral}")
        out().print(grid)

    show(decisions, human)


opinion_app = group("opinion", "Meningen over voorstellen.", "Opinions on proposals.",
                    'botu opinion give decision-4 --party "Henk de Vries" --stance for')


@command(opinion_app, "give", "Geef een mening over een voorstel (elke partij telt één keer).",
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


# --- disagreements and evaluations ------------------------------------------------------------

disagreement_app = group("disagreement", "Onenigheid: melden, bespreken, oplossen.", "Disagreements: raise, discuss, resolve.",
                         'botu disagreement raise --by "Henk de Vries" --about "Verdeling van het geld"')


@command(disagreement_app, "raise", "Meld onenigheid; toont het id.", "Raise a disagreement; prints its id.",
         'botu disagreement raise --by "Henk de Vries" --about "Verdeling van het geld"')
def disagreement_raise(
    by: Annotated[str, typer.Option("--by", help="Partij die het meldt.  Party raising it.")],
    about: Annotated[str, typer.Option("--about", help="Waarover.  About what.")],
    description: Annotated[str, typer.Option("--description", help="Beschrijving.  Description.")] = "",
    on: OnOption = None,
) -> None:
    execute(RaiseDisagreement(by=by, about=about, description=description, on=date(on)),
            "de onenigheid is gemeld.", "the disagreement was raised.")


@command(disagreement_app, "discuss", "Leg vast dat onenigheid besproken is op een bijeenkomst.",
         "Record that a disagreement was discussed at a meeting.",
         'botu disagreement discuss disagreement-1 --meeting meeting-4 --notes "Goed gesprek."')
def disagreement_discuss(
    disagreement: Annotated[str, typer.Argument(help="Id.")],
    meeting: Annotated[str, typer.Option("--meeting", help="Id van de bijeenkomst.  Meeting id.")],
    notes: Annotated[str, typer.Option("--notes", help="Aantekeningen.  Notes.")] = "",
) -> None:
    execute(DiscussDisagreement(disagreement=disagreement, meeting=meeting, notes=notes),
            "de bespreking is vastgelegd.", "the discussion was recorded.")


@command(disagreement_app, "resolve", "Leg vast hoe onenigheid is opgelost.", "Record how a disagreement was resolved.",
         'botu disagreement resolve disagreement-1 --outcome "We verdelen het geld anders."')
def disagreement_resolve(
    disagreement: Annotated[str, typer.Argument(help="Id.")],
    outcome: Annotated[str, typer.Option("--outcome", help="Uitkomst.  Outcome.")],
    meeting: Annotated[str | None, typer.Option("--meeting", help="Id van de bijeenkomst.  Meeting id.")] = None,
    on: OnOption = None,
) -> None:
    execute(ResolveDisagreement(disagreement=disagreement, outcome=outcome, meeting=meeting, on=date(on)),
            "de onenigheid is opgelost.", "the disagreement was resolved.")


@command(disagreement_app, "list", "Alle onenigheid (--status open of resolved).", "All disagreements (--status open or resolved).",
         "botu disagreement list --status open")
def disagreement_list(
    status: Annotated[str | None, typer.Option("--status", help="open of resolved.", autocompletion=completer(["open", "resolved"]))] = None,
) -> None:
    if status is not None and status not in ("open", "resolved"):
        raise InvalidInput("input.invalid_choice", value=status, field="status", choices="open, resolved")
    items = S.reader().disagreements(S.coop, status)

    def human() -> None:
        grid = table("id", t("status", "status"), t("waarover", "about"), t("door", "by"), t("gemeld op", "raised on"),
                     t("opgelost op", "resolved on"), t("uitkomst", "outcome"))
        for d in items:
            grid.add_row(d.id, label(d.status, S.lang), d.about, d.raised_by_name, show_date(d.raised_on, S.lang),
                         show_date(d.resolved_on, S.lang), d.outcome or "—")
        out().print(grid)

    show(items, human)


evaluation_app = group("evaluation", "De jaarlijkse evaluatie.", "The yearly evaluation.",
                       'botu evaluation record --year 2021 --process "Goed" --goals "Deels" --results "5 projecten"')


@command(evaluation_app, "record", "Leg de evaluatie van een jaar vast; toont het id.",
         "Record the evaluation of a year; prints its id.",
         'botu evaluation record --year 2021 --process "Goed" --goals "Deels gehaald" --results "5 projecten" --meeting meeting-9')
def evaluation_record(
    year_: YearOption,
    process: Annotated[str, typer.Option("--process", help="Hoe ging het samenwerken.  The process.")],
    goals: Annotated[str, typer.Option("--goals", help="Hoe staat het met de doelen.  The goals.")],
    results: Annotated[str, typer.Option("--results", help="Wat is er bereikt.  The results.")],
    lessons: Annotated[str, typer.Option("--lessons", help="Wat hebben we geleerd.  Lessons.")] = "",
    meeting: Annotated[str | None, typer.Option("--meeting", help="Id van de bijeenkomst.  Meeting id.")] = None,
    on: OnOption = None,
) -> None:
    command_ = RecordEvaluation(year=year(year_), process=process, goals=goals, results=results, lessons=lessons,
                                meeting=meeting, on=date(on))
    execute(command_, "de evaluatie is vastgelegd.", "the evaluation was recorded.")


@command(evaluation_app, "list", "Alle evaluaties.", "All evaluations.", "botu evaluation list")
def evaluation_list() -> None:
    items = S.reader().evaluations(S.coop)

    def human() -> None:
        grid = table("id", t("jaar", "year"), t("proces", "process"), t("doelen", "goals"), t("resultaten", "results"),
                     t("lessen", "lessons"))
        for e in items:
            grid.add_row(e.id, str(e.year), e.process, e.goals, e.results, e.lessons or "—")
        out().print(grid)

    show(items, human)


# --- compliance, log, examples -------------------------------------------------------------


@app.command("compliance", help="Houden we ons aan de afspraken? Per jaar: bijeenkomsten, overleg, evaluatie.  "
             "Do we keep to the agreement? Per year: meetings, consultations, evaluation.",
             epilog=example("botu compliance --year 2021", "botu compliance --json", "botu compliance --on 2026-12-31"))
def compliance(
    year_: OptionalYear = None,
    on: Annotated[str | None, typer.Option("--on", help="Bekijk het zoals het op deze dag was (standaard: vandaag; "
                                           "met --as-of: die dag).  As seen on this day (default: today; with --as-of: "
                                           "that day).")] = None,
) -> None:
    years = S.reader().compliance(S.coop, year(year_), today=date(on))

    def human() -> None:
        console = out()
        grid = table(t("jaar", "year"), t("versie", "version"), t("bijeenkomsten", "plenary meetings"),
                     t("afgesproken", "required"), t("overleg", "consultations"), t("afgesproken", "required"),
                     t("evaluatie", "evaluation"), t("in orde", "ok"), right=(1, 2, 3, 4))
        for y in years:
            if not y.checked:
                grid.add_row(str(y.year), "—", str(y.plenary_meetings), "—", str(y.consultations), "—",
                             yes_no(y.evaluation_recorded, S.lang), t("niet van toepassing", "not applicable"))
                continue
            grid.add_row(str(y.year), str(y.version), str(y.plenary_meetings), str(y.required_plenary_meetings),
                         str(y.consultations), label(f"consultation-{y.consultation}", S.lang),
                         yes_no(y.evaluation_recorded, S.lang) + ("" if y.evaluation_required else t(" (niet nodig)", " (not required)")),
                         yes_no(y.ok, S.lang))
        console.print(grid)
        for y in years:
            for finding in y.findings:
                where = t(f" (versie {finding.version}", f" (version {finding.version}")
                where += (t(", artikel ", ", clause ") + finding.clause if finding.clause else "") + ")"
                console.print(f"{y.year}: " + (finding.message_en if S.lang == "en" else finding.message_nl) + where)

    show(years, human)


@app.command("log", help="Het logboek: alle gebeurtenissen, in volgorde.  The log: every event, in order.",
             epilog=example("botu log --since 2021-09-01 --until 2021-12-31", "botu log --json"))
def log(
    since: Annotated[str | None, typer.Option("--since", help="Vanaf datum JJJJ-MM-DD.  From date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Tot en met datum JJJJ-MM-DD.  Until date.")] = None,
) -> None:
    entries = S.reader().log(S.coop, since=date(since), until=date(until))

    def human() -> None:
        grid = table("#", t("gebeurtenis", "event"), t("datum", "date"), t("vastgelegd", "recorded"), right=(0,))
        for e in entries:
            grid.add_row(str(e.position), e.type, show_date(e.on, S.lang), show_datetime(e.timestamp, S.lang))
        out().print(grid)

    show(entries, human)


@app.command("rebuild", help="Gooi de overzichten weg en maak ze opnieuw uit het logboek.  "
             "Throw the overviews (read models) away and rebuild them from the log.",
             epilog=example("botu rebuild", "botu rebuild --json"))
def rebuild() -> None:
    if S.as_of is not None:
        raise CliError("cli.as_of_read_only")
    count = S.app().rebuild_read_models()
    if S.json:
        print_json({"events": count})
        return
    err().print(t(f"Gelukt: de overzichten zijn opnieuw opgebouwd uit {count} gebeurtenissen.",
                  f"Done: the overviews were rebuilt from {count} events."))


example_app = group("example", "Voorbeelden.", "Examples.", "botu example load botu-2021")


@command(example_app, "load", "Zet een voorbeeldgeschiedenis in de opslag (twee keer laden verandert niets).",
         "Record an example history into the store (loading twice changes nothing).",
         "botu example load botu-2021")
def example_load(
    name: Annotated[str, typer.Argument(help="Naam: " + ", ".join(EXAMPLES) + ".", autocompletion=completer(list(EXAMPLES)))],
) -> None:
    if name not in EXAMPLES:
        raise CliError("cli.unknown_example", name=name, choices=", ".join(EXAMPLES))
    loader = EXAMPLES[name]
    a = S.app()
    if not S.json and sys.stdout.isatty() and sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(console=Console(file=sys.stderr), transient=True) as progress:
            task = progress.add_task(t("Voorbeeld laden", "Loading example"), total=None)

            def step(count: int, total: int) -> None:
                progress.update(task, completed=count, total=total)

            result = loader(a, progress=step)
    else:
        result = loader(a)
    done(result, f"het voorbeeld '{name}' staat in de opslag.", f"the example '{name}' is in the store.")


# --- the web app: serve, accounts, API tokens -------------------------------------------------


def _web_failure(error: Exception) -> typer.Exit:
    """A refusal of the web app's account store, shown like the library's errors."""
    message = error.message(S.lang)  # type: ignore[attr-defined]
    if S.json:
        data = error.to_dict()  # type: ignore[attr-defined]
        data["message"] = message
        data["exit_code"] = 1
        print_json(data)
    sys.stderr.write(f"{say(S.lang, 'Fout', 'Error')}: {message}\n")
    return typer.Exit(1)


@app.command("serve", help="Start de website op deze opslag (stoppen met Ctrl+C).  "
             "Serve the web app on this store (stop with Ctrl+C).",
             epilog=example("botu serve", "botu --db botu.db serve --host 127.0.0.1 --port 8000",
                            "botu serve --trusted-proxy 127.0.0.1"))
def serve(
    host: Annotated[str, typer.Option("--host", help="Adres.  Address.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Poort.  Port.", min=1, max=65535)] = 8000,
    load_example: Annotated[bool, typer.Option("--example", help="Laad het voorbeeld als de opslag leeg is.  "
                                                "Load the example when the store is empty.")] = False,
    trusted_proxy: Annotated[list[str] | None, typer.Option(
        "--trusted-proxy",
        help="Adres of netwerk (10.0.0.0/8) van een proxy die X-Forwarded-For en X-Forwarded-Proto mag zetten; "
             "mag vaker. Standaard: BOTU_TRUSTED_PROXIES (met komma's), anders geen.  "
             "Address or network of a proxy that may set X-Forwarded-For and X-Forwarded-Proto; repeatable. "
             "Default: BOTU_TRUSTED_PROXIES (comma separated), else none.")] = None,
) -> None:
    from botu_web.proxies import ENVIRONMENT_VARIABLE, TrustedProxies
    from botu_web.server import serve as run_server

    # Checked before anything starts: a wrong address is a usage error (exit 2).
    try:
        proxies = TrustedProxies(trusted_proxy) if trusted_proxy else TrustedProxies.from_environment()
    except ValueError as error:
        option = "--trusted-proxy" if trusted_proxy else ENVIRONMENT_VARIABLE
        raise CliError("cli.bad_value", param=option,
                       detail=t(f"'{error}' is geen IP-adres of netwerk", f"'{error}' is not an IP address or network")
                       ) from None
    a = S.app()
    if not a.cooperations():
        if not load_example and sys.stdin.isatty():
            load_example = typer.confirm(
                t("De opslag is leeg. Wilt u het voorbeeld BoTu 2021 laden?",
                  "The store is empty. Do you want to load the BoTu 2021 example?"), default=True)
        if load_example:
            EXAMPLES["botu-2021"](a)
            err().print(t("Het voorbeeld BoTu 2021 staat in de opslag.", "The BoTu 2021 example is in the store."))
        else:
            err().print(t("De opslag is leeg. Laad het voorbeeld met: botu serve --example",
                          "The store is empty. Load the example with: botu serve --example"))
    err().print(t(f"botu draait op http://{host}:{port}/ (stoppen: Ctrl+C)",
                  f"botu runs at http://{host}:{port}/ (stop: Ctrl+C)"))
    run_server(a, host=host, port=port, coop=S.coop, trusted_proxies=proxies.as_text())


account_app = group("account", "Accounts voor de website.", "Accounts for the web app.",
                    "botu account create beheerder --role coordinator")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise CliError("cli.usage", detail="--password-stdin", help="botu account create --help")
    password: str = typer.prompt(t("Wachtwoord", "Password"), hide_input=True, confirmation_prompt=True)
    return password


@command(account_app, "create", "Maak een account voor de website (de eerste coördinator: --role coordinator).",
         "Make an account for the web app (the first coordinator: --role coordinator).",
         "botu account create beheerder --role coordinator",
         'echo "een lang wachtwoord" | botu account create fatima --party "Fatima El Amrani" --password-stdin')
def account_create(
    username: Annotated[str, typer.Argument(help="Naam om mee in te loggen.  Login name.")],
    role: Annotated[str, typer.Option("--role", help="member, coordinator of auditor.",
                                      autocompletion=completer(["member", "coordinator", "auditor"]))] = "member",
    party: Annotated[str | None, typer.Option("--party", help="Id of naam van de partij van dit account.  "
                                              "The account's party.")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Lees het wachtwoord van stdin.  "
                                                 "Read the password from stdin.")] = False,
) -> None:
    from botu_web import AccountStore
    from botu_web.texts import WebError

    if role not in ("member", "coordinator", "auditor"):
        raise CliError("cli.invalid_choice", value=role, field="--role", choices="member, coordinator, auditor")
    a = S.app()
    coop_id = party_id = None
    if party is not None or role != "member":
        # A coordinator or auditor is one of this cooperation (--coop) only.
        coop_id = str(a.resolve(S.coop))
    if party is not None:
        party_id = a.view_as(MEMBER).party(coop_id, party).id
    password = _read_password(password_stdin)
    store = AccountStore.for_app(a)
    try:
        account = store.create(username, password, kind=role, coop_id=coop_id, party_id=party_id)
    except WebError as error:
        raise _web_failure(error) from None
    finally:
        store.close()
    done(str(account.id), f"het account '{account.username}' is gemaakt.", f"the account '{account.username}' was made.")


def _grant_or_revoke(username: str, role: str, *, grant: bool) -> None:
    from botu_web import AccountStore
    from botu_web.texts import WebError

    if role not in ("coordinator", "auditor"):
        raise CliError("cli.invalid_choice", value=role, field="ROL", choices="coordinator, auditor")
    a = S.app()
    coop = a.cooperation(S.coop)
    store = AccountStore.for_app(a)
    try:
        account = store.by_username(username)
        if account is None:
            raise WebError("account.unknown", ref=username)
        (store.grant if grant else store.revoke)(account.id, coop.id, role)
    except WebError as error:
        raise _web_failure(error) from None
    finally:
        store.close()
    if grant:
        done(None, f"'{username}' is nu {role} van '{coop.slug}'.", f"'{username}' is now {role} of '{coop.slug}'.")
    else:
        done(None, f"'{username}' is geen {role} meer van '{coop.slug}'.", f"'{username}' is no longer {role} of '{coop.slug}'.")


@command(account_app, "grant", "Geef een account een rol in deze samenwerking (--coop): coordinator of auditor.",
         "Grant an account a role in this cooperation (--coop): coordinator or auditor.",
         "botu --coop spangen account grant beheerder coordinator")
def account_grant(
    username: Annotated[str, typer.Argument(help="Het account.  The account.")],
    role: Annotated[str, typer.Argument(help="coordinator of auditor.", autocompletion=completer(["coordinator", "auditor"]))],
) -> None:
    _grant_or_revoke(username, role, grant=True)


@command(account_app, "revoke", "Neem een account een rol in deze samenwerking (--coop) af.",
         "Take a role in this cooperation (--coop) away from an account.",
         "botu --coop spangen account revoke beheerder coordinator")
def account_revoke(
    username: Annotated[str, typer.Argument(help="Het account.  The account.")],
    role: Annotated[str, typer.Argument(help="coordinator of auditor.", autocompletion=completer(["coordinator", "auditor"]))],
) -> None:
    _grant_or_revoke(username, role, grant=False)


token_app = group("token", "Sleutels (tokens) voor de API.", "API bearer tokens.",
                  'botu token create beheerder --label "script"', "botu token revoke 3")


@command(token_app, "create", "Maak een sleutel voor de API; toont hem één keer.",
         "Make an API token; prints it once.", 'botu token create beheerder --label "begroting-script"')
def token_create(
    username: Annotated[str, typer.Argument(help="Het account.  The account.")],
    label_: Annotated[str, typer.Option("--label", help="Waarvoor.  What it is for.")] = "",
) -> None:
    from botu_web import AccountStore
    from botu_web.texts import WebError

    store = AccountStore.for_app(S.app())
    try:
        account = store.by_username(username)
        if account is None:
            raise WebError("account.unknown", ref=username)
        token_id, secret = store.create_token(account.id, label_)
    except WebError as error:
        raise _web_failure(error) from None
    finally:
        store.close()
    if S.json:
        print_json({"id": token_id, "token": secret})
        return
    err().print(t(f"Gelukt: sleutel {token_id} is gemaakt. Bewaar hem goed, u ziet hem maar één keer.",
                  f"Done: token {token_id} was made. Keep it safe, you see it only once."))
    sys.stdout.write(f"{secret}\n")


@command(token_app, "revoke", "Trek een sleutel in.", "Revoke a token.", "botu token revoke 3")
def token_revoke(token_id: Annotated[int, typer.Argument(help="Nummer van de sleutel.  Token number.")]) -> None:
    from botu_web import AccountStore
    from botu_web.texts import WebError

    store = AccountStore.for_app(S.app())
    try:
        store.revoke_token(token_id)
    except WebError as error:
        raise _web_failure(error) from None
    finally:
        store.close()
    done(str(token_id), "de sleutel is ingetrokken.", "the token was revoked.")


@command(token_app, "list", "Alle sleutels (zonder de geheimen).", "All tokens (without the secrets).", "botu token list")
def token_list() -> None:
    from botu_web import AccountStore

    store = AccountStore.for_app(S.app())
    try:
        tokens = store.tokens()
    finally:
        store.close()
    if S.json:
        print_json([{"id": tk.id, "account": tk.username, "label": tk.label, "created_at": tk.created_at.isoformat(),
                     "revoked_at": tk.revoked_at.isoformat() if tk.revoked_at else None} for tk in tokens])
        return
    grid = table("id", t("account", "account"), t("waarvoor", "label"), t("ingetrokken", "revoked"), right=(0,))
    for tk in tokens:
        grid.add_row(str(tk.id), tk.username, tk.label or "—", yes_no(tk.revoked_at is not None, S.lang))
    out().print(grid)


# --- running ------------------------------------------------------------------------------------

GLOBAL_VALUE_OPTIONS = ("--db", "--coop", "--lang", "--as-of")
GLOBAL_FLAGS = ("--json",)


def hoist_global_options(args: list[str]) -> list[str]:
    """Move the global options to the front, so they work before and after the command."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name = arg.split("=", 1)[0]
        if arg in GLOBAL_FLAGS:
            front.append(arg)
        elif name in GLOBAL_VALUE_OPTIONS and "=" in arg:
            front.append(arg)
        elif arg in GLOBAL_VALUE_OPTIONS and i + 1 < len(args):
            front.extend((arg, args[i + 1]))
            i += 1
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _wanted_lang(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in ("nl", "en"):
            return args[i + 1]
        if arg in ("--lang=nl", "--lang=en"):
            return arg.split("=", 1)[1]
    return None


def exit_code(error: BotuError) -> int:
    if isinstance(error, StoreError):
        return 3
    if isinstance(error, InvalidInput):
        return 2
    if isinstance(error, RuleViolation | ConcurrencyConflict):
        return 1
    return 1


def _usage_error(error: click.ClickException) -> CliError:
    ctx = getattr(error, "ctx", None)
    where = f"{ctx.command_path} --help" if ctx is not None else "botu --help"
    if isinstance(error, click.MissingParameter):
        param = error.param
        name = (param.opts[0] if param is not None and param.opts and param.param_type_name == "option"
                else (param.human_readable_name if param is not None else "?"))
        return CliError("cli.missing", param=name, help=where)
    if isinstance(error, click.NoSuchOption):
        return CliError("cli.no_such_option", option=error.option_name, help=where)
    if isinstance(error, click.BadParameter):
        option = error.param.opts[0] if error.param is not None and error.param.opts else "?"
        return CliError("cli.bad_value", param=option, detail=error.message)
    message = error.format_message()
    if message.startswith("No such command"):
        name = message.split("'")[1] if "'" in message else message
        return CliError("cli.no_such_command", name=name, help=where)
    if message.startswith("Got unexpected extra argument"):
        extra = message.split("(", 1)[-1].rstrip(")") if "(" in message else message
        return CliError("cli.extra_arguments", args=extra)
    return CliError("cli.usage", detail=message, help=where)


def report(error: BotuError | CliError, code: int) -> int:
    """The message on stderr; with --json also the error object on stdout."""
    message = error.message(S.lang)
    if S.json:
        data = error.to_dict()
        data["message"] = message
        data["exit_code"] = code
        print_json(data)
    sys.stderr.write(f"{say(S.lang, 'Fout', 'Error')}: {message}\n")
    return code


_COMMAND: click.Command | None = None


def _command() -> click.Command:
    """The click command tree, built from the Typer app once per process (building it is slow)."""
    global _COMMAND
    if _COMMAND is None:
        _COMMAND = typer.main.get_command(app)
    return _COMMAND


def main(argv: list[str] | None = None, *, clock: Callable[[], dt.datetime] | None = None) -> int:
    """Run the command line on ``argv`` (default: sys.argv); returns the exit code.
    ``clock`` (for tools that embed the command line, and tests) gives "now" instead
    of the real time: the date of commands without ``--on``, and what lies in the future."""
    global S
    args = hoist_global_options(list(sys.argv[1:] if argv is None else argv))
    S = State(lang=_wanted_lang(args) or lang_from_env(), json_output="--json" in args, clock=clock)
    cli = _command()
    try:
        try:
            result = cli.main(args=args, prog_name="botu", standalone_mode=False)
        finally:
            S.close()
    except BotuError as error:
        return report(error, exit_code(error))
    except CliError as error:
        return report(error, error.exit_code)
    except click.exceptions.Abort:
        return report(CliError("cli.aborted"), 1)
    except click.ClickException as error:
        return report(_usage_error(error), 2)
    except (sqlite3.Error, OSError) as error:
        return report(StoreError("store.unavailable", detail=str(error)[:200]), 3)
    except Exception as error:  # noqa: BLE001 - a bug in botu: a short message, no traceback
        if os.environ.get("BOTU_DEBUG") == "1":
            raise
        return report(CliError("cli.internal", detail=f"{type(error).__name__}: {error}"[:200]), 1)
    return result if isinstance(result, int) else 0


def run() -> None:
    """The console script `botu`."""
    sys.exit(main())


# `botu pb …` (participatory rounds) lives in its own module and registers itself here.
from . import pb as _pb  # noqa: E402, F401

# `botu audit …` and `botu why ITEM` (botu_core.audit) likewise.
from . import audit as _audit  # noqa: E402, F401
