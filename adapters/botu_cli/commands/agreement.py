"""`botu agreement …`: the cooperation agreement, its versions, signatures and revisions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from botu_core import (
    AdoptAgreement,
    agreement_template,
    AgreementTerms,
    COMMITMENT_LABELS,
    Commitments,
    describe_change,
    diff_agreements,
    InvalidInput,
    parse_json,
    ReviseAgreement,
    SignAgreement,
    terms_from_data,
    to_json_data,
)

from ..inputs import date
from ..options import command, DecisionOption, group, OnOption, PartyArg
from ..output import details, out, print_json, show, t, table
from ..recording import execute
from ..state import state
from ..texts import CliError, label, show_date, yes_no

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
        raise CliError("cli.terms_file", path=path, detail=error.message(state().lang)) from None
    return terms_from_data(data, base)

app = group("De samenwerkingsovereenkomst en haar versies.", "The agreement and its versions.",
                      "botu agreement show", 'botu agreement sign "Fatima El Amrani" --note "Ik doe mee!"')


def _print_agreement(view: Any) -> None:
    rows = [
        (t("titel", "title"), view.title),
        (t("versie", "version"), f"{view.version}" + (t(" (de huidige)", " (current)") if view.is_current else "")),
        (t("vastgesteld op", "adopted on"), show_date(view.adopted_on, state().lang)),
        (t("loopt tot", "runs until"), show_date(view.end_date, state().lang)),
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
        grid.add_row(s.party_name, show_date(s.signed_on, state().lang), s.capacity or "—", s.note)
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
            text = yes_no(value, state().lang)
        elif value is None:
            text = t("geen", "none")
        elif name == "consultation":
            text = label(f"consultation-{value}", state().lang)
        elif name == "minimum_end_date":
            text = show_date(commitments.minimum_end_date, state().lang) if commitments.minimum_end_date else "—"
        else:
            text = str(value)
        rows.append((t(nl, en), text))
    return rows


@command(app, "template", "Een hele overeenkomst als JSON om mee te beginnen: de tekst en afspraken van BoTu.",
         "A whole agreement as JSON to start from: BoTu's text and commitments.",
         "botu --json agreement template > overeenkomst.json", "botu agreement adopt overeenkomst.json")
def agreement_template_() -> None:
    # The document is JSON whatever the output mode: it is meant to be edited and read back.
    print_json(agreement_template())


@command(app, "show", "Toon de overeenkomst (de huidige versie of --version N).",
         "Show the agreement (the current version or --version N).", "botu agreement show --version 1",
         "botu agreement show --as-of 2021-12-31")
def agreement_show(
    version: Annotated[int | None, typer.Option("--version", help="Versie.  Version.", min=1)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Zoals die was op datum JJJJ-MM-DD.  As it was on a date.")] = None,
) -> None:
    if as_of is not None:
        state().as_of = date(as_of)
    view = state().reader().agreement(state().coop, version)
    show(view, lambda: _print_agreement(view))


@command(app, "versions", "Alle versies van de overeenkomst.", "All versions of the agreement.",
         "botu agreement versions --json")
def agreement_versions() -> None:
    a = state().app()
    views = [a.agreement(state().coop, v) for v in a.agreement_versions(state().coop)]
    rows = [{"version": v.version, "title": v.title, "adopted_on": v.adopted_on.isoformat(), "reason": v.reason,
             "signatures": len(v.signatures), "is_current": v.is_current} for v in views]
    if state().json:
        print_json(rows)
        return
    grid = table(t("versie", "version"), t("titel", "title"), t("vastgesteld op", "adopted on"), t("reden", "reason"),
                 t("handtekeningen", "signatures"), right=(0, 4))
    for v in views:
        grid.add_row(str(v.version) + (" *" if v.is_current else ""), v.title, show_date(v.adopted_on, state().lang),
                     v.reason or "—", str(len(v.signatures)))
    out().print(grid)


@command(app, "diff", "Wat is er veranderd tussen twee versies.", "What changed between two versions.",
         "botu agreement diff 1 2")
def agreement_diff(
    v1: Annotated[int, typer.Argument(help="Oude versie.  Old version.", min=1)],
    v2: Annotated[int, typer.Argument(help="Nieuwe versie.  New version.", min=1)],
) -> None:
    a = state().app()
    diff = diff_agreements(a.agreement(state().coop, v1), a.agreement(state().coop, v2))

    def human() -> None:
        console = out()
        if not diff.changes:
            console.print(t(f"Versie {v1} en {v2} zijn gelijk.", f"Versions {v1} and {v2} are the same."))
            return
        grid = table(t("onderdeel", "part"), t("sleutel", "key"), t("wat", "what"), t("was", "was"), t("wordt", "becomes"))
        for c in diff.changes:
            grid.add_row(label(c.section, state().lang), c.key, label(c.change, state().lang), c.old_text or "—", c.new_text or "—")
        console.print(grid)

    show(diff, human)


def print_diff(diff: Any) -> None:
    """The changes in words, one a line: 'plenaire bijeenkomsten per jaar: 3 → 4'."""
    console = out()
    if not diff.changes:
        console.print(t("Er verandert niets.", "Nothing changes."))
    for change in diff.changes:
        console.print(describe_change(change, state().lang))
    console.print(t("Proef (--dry-run): er is niets vastgelegd.", "Dry run (--dry-run): nothing was recorded."))


@command(app, "adopt", "Stel versie 1 vast uit een JSON-bestand.", "Adopt version 1 from a JSON file.",
         "botu agreement adopt overeenkomst.json --on 2021-09-15")
def agreement_adopt(
    terms: Annotated[Path, typer.Argument(help="JSON-bestand met de tekst.  JSON file with the terms.")],
    on: OnOption = None,
) -> None:
    execute(AdoptAgreement(terms=read_terms(terms), on=date(on)), "de overeenkomst is vastgesteld.",
            "the agreement was adopted.")


@command(app, "sign", "Onderteken de huidige versie met een persoonlijke noot (PS).",
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


@command(app, "revise", "Een nieuwe versie uit een JSON-bestand, met het besluit of de evaluatie erachter.",
         "A new version from a JSON file, naming the decision or evaluation behind it.",
         "botu agreement show --json > nieuw.json",
         'botu agreement revise nieuw.json --reason "Evaluatie 2021" --evaluation evaluation-1 --dry-run',
         'botu agreement revise nieuw.json --reason "Evaluatie 2021" --evaluation evaluation-1')
def agreement_revise(
    terms: Annotated[Path, typer.Argument(help="JSON-bestand met de nieuwe tekst.  JSON file with the new terms.")],
    reason: Annotated[str, typer.Option("--reason", help="Waarom.  Why.")],
    decision: DecisionOption = None,
    evaluation: Annotated[str | None, typer.Option("--evaluation", help="Id van de evaluatie.  Evaluation id.")] = None,
    on: OnOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Toon alleen wat er zou veranderen; leg niets vast.  "
                                          "Only show what would change; record nothing.")] = False,
) -> None:
    a = state().app()
    base = a.agreement(state().coop).commitments if a.agreement_versions(state().coop) else None
    command_ = ReviseAgreement(terms=read_terms(terms, base), reason=reason, decision=decision,
                               evaluation=evaluation, on=date(on))
    if dry_run:
        diff = a.preview_revision(state().coop, command_)
        show(diff, lambda: print_diff(diff))
        return
    execute(command_, "er is een nieuwe versie van de overeenkomst.", "there is a new version of the agreement.")
