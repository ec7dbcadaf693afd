"""`botu agreement …`: the cooperation agreement, its versions, signatures and revisions."""

from __future__ import annotations

import sys
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
    read_terms_file,
    ReviseAgreement,
    SignAgreement,
    template_yaml,
    to_json_data,
)

from ..inputs import date
from ..options import command, DecisionOption, group, OnOption, PartyArg
from ..output import details, out, print_json, show, t, table
from ..recording import execute, records
from ..state import state
from ..texts import CliError, label, show_date, yes_no

def read_terms(path: Path, base: Commitments | None = None) -> AgreementTerms:
    """Agreement terms from a file: the YAML that `agreement template` writes, or the JSON of
    `agreement template --json` / `agreement show --json`. The library reads the document and
    names the key (and its line) that is wrong. Commitments left out of the file keep
    ``base`` (the version revised) or BoTu's defaults."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise CliError("cli.terms_file", path=path, detail=error.strerror or error) from None
    return read_terms_file(content, base=base)


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
            text = label(value, state().lang, "consultation")
        elif name == "minimum_end_date":
            text = show_date(commitments.minimum_end_date, state().lang) if commitments.minimum_end_date else "—"
        else:
            text = str(value)
        rows.append((t(nl, en), text))
    return rows


@command(app, "template", "Een hele overeenkomst om mee te beginnen, met uitleg bij elk onderdeel: de tekst en "
         "afspraken van BoTu, als YAML (met --json als JSON).",
         "A whole agreement to start from, every part explained: BoTu's text and commitments, as YAML "
         "(with --json as JSON).",
         "botu agreement template > overeenkomst.yaml", "botu agreement adopt overeenkomst.yaml",
         "botu --json agreement template > overeenkomst.json")
def agreement_template_() -> None:
    if state().json:
        print_json(agreement_template())
    else:
        sys.stdout.write(template_yaml())


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
    a = state().reader()
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
    a = state().reader()
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


@command(app, "adopt", "Stel versie 1 vast uit een bestand (YAML of JSON).", "Adopt version 1 from a file (YAML or JSON).",
         "botu agreement adopt overeenkomst.yaml --on 2021-09-15")
@records
def agreement_adopt(
    terms: Annotated[Path, typer.Argument(help="Bestand met de tekst (YAML of JSON).  File with the terms (YAML or JSON).")],
    on: OnOption = None,
) -> None:
    execute(AdoptAgreement(terms=read_terms(terms), on=date(on)), "de overeenkomst is vastgesteld.",
            "the agreement was adopted.")


@command(app, "sign", "Onderteken de huidige versie met een persoonlijke noot (PS).",
         "Sign the current version with a personal note.",
         'botu agreement sign "Fatima El Amrani" --note "Ik doe mee voor mijn buren." --capacity bewoner')
@records
def agreement_sign(
    party: PartyArg,
    note: Annotated[str, typer.Option("--note", help="Persoonlijke noot (PS).  Personal note.")],
    capacity: Annotated[str, typer.Option("--capacity", help="Met welke pet op.  Capacity.")] = "",
    version: Annotated[int | None, typer.Option("--version", help="Versie (standaard de huidige).  Version.")] = None,
    on: OnOption = None,
) -> None:
    execute(SignAgreement(party=party, note=note, capacity=capacity, version=version, on=date(on)),
            "de overeenkomst is ondertekend.", "the agreement was signed.")


@command(app, "revise", "Een nieuwe versie uit een bestand (YAML of JSON), met het besluit of de evaluatie erachter.",
         "A new version from a file (YAML or JSON), naming the decision or evaluation behind it.",
         "botu agreement show --json > nieuw.json",
         'botu agreement revise nieuw.json --reason "Evaluatie 2021" --evaluation evaluation-1 --dry-run',
         'botu agreement revise nieuw.json --reason "Evaluatie 2021" --evaluation evaluation-1')
@records
def agreement_revise(
    terms: Annotated[Path, typer.Argument(help="Bestand met de nieuwe tekst (YAML of JSON).  File with the new terms.")],
    reason: Annotated[str, typer.Option("--reason", help="Waarom.  Why.")],
    decision: DecisionOption = None,
    evaluation: Annotated[str | None, typer.Option("--evaluation", help="Id van de evaluatie.  Evaluation id.")] = None,
    on: OnOption = None,
) -> None:
    """With the general ``--dry-run`` a revision shows what it changes in meaning (text
    and commitments), not its events: that is what a reader of a revision wants to see."""
    a = state().app()
    base = a.agreement(state().coop).commitments if a.agreement_versions(state().coop) else None
    command_ = ReviseAgreement(terms=read_terms(terms, base), reason=reason, decision=decision,
                               evaluation=evaluation, on=date(on))
    if state().dry_run:
        diff = a.preview_revision(state().coop, command_)
        show(diff, lambda: print_diff(diff))
        return
    execute(command_, "er is een nieuwe versie van de overeenkomst.", "there is a new version of the agreement.")
