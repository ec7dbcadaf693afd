"""`botu audit …`: verify, heads, proofs, checkpoints and witnesses, export/import, the
yearly report.

Only translation happens here; all audit work is in ``botu_core.audit`` (``app.audit``).
Exit codes: 0 intact, 3 damaged (``verify``), 2 wrong input, 1 refused.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from botu_core import NotFound, to_json_data

from ..inputs import year
from ..options import command, example, group
from ..output import err, out, print_json, t
from ..state import state
from ..texts import CliError

app = group(
    "Controle: is het logboek onveranderd, publiceer een kop, exporteer, maak het jaarverslag.",
    "Audit: is the log unchanged, publish a head, export, make the yearly report.",
    "botu audit verify --json",
    "botu audit head",
    "botu audit verify --head 62:a96e6cac20f3ebf8",
)

HeadOption = Annotated[
    str | None,
    typer.Option(
        "--head",
        help="Gepubliceerde kop (POSITIE:CODE, CODE of ondertekende kop als JSON).  Published head.",
    ),
]


@command(app, "verify", "Controleer het logboek; exit 0 als het in orde is, 3 als het beschadigd is.",
         "Verify the log; exit 0 when intact, 3 when damaged.", "botu audit verify --json",
         "botu audit verify --head 62:a96e6cac20f3ebf8")
def audit_verify(
    head: HeadOption = None,
    public_key: Annotated[
        str | None, typer.Option("--public-key", help="Publieke sleutel voor een ondertekende kop.  Public key.")
    ] = None,
    checkpoint: Annotated[
        list[Path] | None,
        typer.Option("--checkpoint", help="Controlepunt dat buiten botu bewaard is (bestand).  A checkpoint kept elsewhere."),
    ] = None,
    witness: Annotated[
        list[str] | None,
        typer.Option("--witness", help="Getuige als NAAM=PUBLIEKE_SLEUTEL (hex).  A witness, NAME=PUBLIC_KEY."),
    ] = None,
    log_key: Annotated[
        str | None, typer.Option("--log-key", help="Publieke sleutel van het logboek (hex).  The log's public key.")
    ] = None,
) -> None:
    s = state()
    if head is not None and Path(head).is_file():
        head = Path(head).read_text(encoding="utf-8").strip()  # a signed head kept in a file
    notes = [_read_text(path) for path in checkpoint or []]
    verdict = s.app(audit_only=True).audit.verify(
        s.coop, head=head, public_key=public_key, checkpoints=notes, witnesses=_witness_keys(witness or []), log_key=log_key
    )
    if s.json:
        print_json(to_json_data(verdict.to_dict()))
    elif verdict.ok:
        shown = verdict.head.short if verdict.head else "—"
        out().print(t(f"In orde: {verdict.events} gebeurtenissen gecontroleerd. Kop: {shown}",
                      f"Intact: {verdict.events} events checked. Head: {shown}"))
        for name, size in verdict.witnessed:
            out().print(t(f"Getuige {name}: getekend tot en met gebeurtenis {size}.",
                          f"Witness {name}: signed up to event {size}."))
    else:
        err().print(t(f"Beschadigd vanaf gebeurtenis {verdict.first_bad_position}: {verdict.problem}",
                      f"Damaged from event {verdict.first_bad_position}: {verdict.problem_en}"))
    if not verdict.ok:
        raise typer.Exit(3)


@command(app, "head", "De kop van het logboek om te publiceren (bijvoorbeeld in het verslag).",
         "The head of the log, to publish (for example in the minutes).", "botu audit head --json",
         "botu audit head --position 62 --sign")
def audit_head(
    position: Annotated[int | None, typer.Option("--position", help="Tot en met deze plek.  Up to this position.", min=1)] = None,
    sign: Annotated[bool, typer.Option("--sign", help="Onderteken met de sleutel van de samenwerking.  Sign it.")] = False,
) -> None:
    s = state()
    audit = s.app(audit_only=True).audit
    if sign:
        signed = audit.sign_head(s.coop, position)
        data: dict[str, Any] = {
            "position": signed.position,
            "digest": signed.digest,
            "short": signed.head.short,
            "signed": signed.to_dict(),
            "signed_text": signed.to_text(),
        }
    else:
        head = audit.head(s.coop, position)
        data = {"position": head.position, "digest": head.digest, "short": head.short}
    if s.json:
        print_json(data)
        return
    out().print(data["short"])
    err().print(t(f"Kop tot en met gebeurtenis {data['position']}: {data['digest']}",
                  f"Head up to event {data['position']}: {data['digest']}"))
    if sign:
        out().print(data["signed_text"])


@command(app, "prove", "Bewijs dat gebeurtenis POSITIE in het logboek staat (RFC 9162), zonder botu te controleren.",
         "Prove that event POSITION is in the log (RFC 9162), checkable without botu.", "botu --json audit prove 12")
def audit_prove(
    position: Annotated[int, typer.Argument(help="Plek van de gebeurtenis (vanaf 1).  Position (from 1).")],
    size: Annotated[int | None, typer.Option("--size", help="In de boom van zoveel gebeurtenissen.  Tree size.")] = None,
) -> None:
    s = state()
    proof = s.app().audit.prove(s.coop, position, size)
    data = proof.to_dict()
    if s.json:
        print_json(data)
        return
    out().print(t(f"Gebeurtenis {position} in de boom van {proof.tree_size}:", f"Event {position} in the tree of {proof.tree_size}:"))
    out().print(f"leaf_hash {data['leaf_hash']}")
    for step in proof.path:
        out().print(f"path {step.hex()}")
    out().print(f"root_hash {data['root_hash']}")


@command(app, "consistency", "Bewijs dat de boom van OUD gebeurtenissen het begin is van die van NIEUW (RFC 9162).",
         "Prove that the tree of OLD events is the start of the tree of NEW (RFC 9162).",
         "botu --json audit consistency 40 66")
def audit_consistency(
    old: Annotated[int, typer.Argument(help="Oude grootte.  Old size.")],
    new: Annotated[int, typer.Argument(help="Nieuwe grootte.  New size.")],
) -> None:
    s = state()
    proof = s.app().audit.consistency(s.coop, old, new)
    data = proof.to_dict()
    if s.json:
        print_json(data)
        return
    out().print(f"old {proof.old_size} {data['old_root']}")
    out().print(f"new {proof.new_size} {data['new_root']}")
    for step in proof.path:
        out().print(f"path {step.hex()}")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CliError("cli.bad_value", param=str(path), detail=str(error)[:80]) from None


def _witness_keys(values: list[str]) -> dict[str, str]:
    keys = {}
    for value in values:
        name, sep, key = value.partition("=")
        if not sep or not name or len(key) != 64:
            raise CliError("cli.bad_value", param="--witness", detail=value[:60])
        keys[name] = key.lower()
    return keys


@command(app, "checkpoint", "Onderteken het controlepunt van het logboek (C2SP) en laat het zien.",
         "Sign the log's checkpoint (C2SP) and show it.", "botu audit checkpoint > checkpoint.txt")
def audit_checkpoint() -> None:
    s = state()
    note = s.app().audit.checkpoint(s.coop)
    if s.json:
        checkpoint = note.checkpoint
        print_json({"checkpoint": note.text(), "origin": checkpoint.origin, "size": checkpoint.size,
                    "root_hash": checkpoint.root_hash.hex()})
        return
    sys.stdout.write(note.text())


witness_app = typer.Typer(
    help="Getuigen: partijen die niet de beheerder zijn tekenen controlepunten mee.  "
    "Witnesses: parties other than the operator cosign checkpoints.",
    epilog=example("botu audit witness init buurthuis.nl/getuige --key getuige.pem",
                   "botu audit witness cosign buurthuis.nl/getuige --key getuige.pem"),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(witness_app, name="witness")

KeyFile = Annotated[Path, typer.Option("--key", help="Het sleutelbestand van de getuige.  The witness's key file.")]


@command(witness_app, "init", "Maak de sleutel van een getuige (een eigen bestand).", "Make a witness's key (a file of its own).",
         "botu audit witness init buurthuis.nl/getuige --key getuige.pem")
def witness_init(name: Annotated[str, typer.Argument(help="Naam, bijvoorbeeld buurtcentrum.nl/getuige.  Name.")],
                 key: KeyFile) -> None:
    from botu_core.audit.witness import Witness, create_key

    s = state()
    witness = Witness(name, create_key(key), key.with_suffix(".state.json"))
    if s.json:
        print_json({"name": name, "public_key": witness.public_key, "key_file": str(key)})
        return
    out().print(witness.public_key)
    err().print(t(f"Sleutel gemaakt: {key}. Geef de publieke sleutel aan de samenwerking.",
                  f"Key made: {key}. Give the public key to the cooperation."))


@command(witness_app, "add", "Maak een getuige bekend bij de samenwerking.", "Register a witness with the cooperation.",
         "botu audit witness add buurthuis.nl/getuige 29acbae141bccaf0b22e1a94d34d0bc7361e526d0bfe12c89794bc9322966dd7")
def witness_add(name: Annotated[str, typer.Argument(help="Naam.  Name.")],
                public_key: Annotated[str, typer.Argument(help="Publieke sleutel (hex).  Public key.")]) -> None:
    s = state()
    s.app().audit.add_witness(s.coop, name, public_key)
    if s.json:
        print_json({"name": name, "public_key": public_key})
        return
    err().print(t(f"Getuige {name} is bekend.", f"Witness {name} is registered."))


@command(witness_app, "cosign", "Teken het laatste controlepunt mee, na controle tegen het vorige.",
         "Cosign the latest checkpoint, after checking it against the previous one.",
         "botu audit witness cosign buurthuis.nl/getuige --key getuige.pem --log-key 03a107bf…")
def witness_cosign(
    name: Annotated[str, typer.Argument(help="Naam van de getuige.  Witness name.")],
    key: KeyFile,
    state_file: Annotated[Path | None, typer.Option("--state", help="Wat de getuige eerder tekende.  State file.")] = None,
    log_key: Annotated[str | None, typer.Option("--log-key", help="Publieke sleutel van het logboek (eerste keer).  Log key.")] = None,
) -> None:
    from botu_core.audit.witness import Witness, load_key

    s = state()
    audit = s.app().audit
    witness = Witness(name, load_key(key), state_file or key.with_suffix(".state.json"))
    note = audit.latest_checkpoint(s.coop)
    if note is None:
        raise NotFound("audit.no_checkpoint")
    seen = witness.state()
    new_size = note.checkpoint.size
    proof = audit.consistency(s.coop, seen.size, new_size) if seen is not None and 0 < seen.size < new_size else None
    now = s.clock() if s.clock is not None else dt.datetime.now(dt.UTC)
    cosigned = witness.cosign(note.text(), proof, log_key=log_key, timestamp=int(now.timestamp()))
    if name in audit.witnesses(s.coop):
        audit.add_cosignatures(s.coop, cosigned.text())
    if s.json:
        print_json({"checkpoint": cosigned.text(), "size": new_size, "witness": name})
        return
    sys.stdout.write(cosigned.text())


@contextmanager
def _writing_to(path: Path) -> Iterator[None]:
    """A file botu writes for the user: a name it cannot write is the user's to fix (exit 2),
    not a store that cannot be reached."""
    if not str(path).strip() or path.is_dir():
        raise CliError("cli.out_not_file", path=path)
    try:
        yield
    except OSError as error:
        raise CliError("cli.out_file", path=path, detail=error.strerror or type(error).__name__) from None


@command(app, "export", "Schrijf het hele logboek als JSON Lines, met de kop.",
         "Write the whole log as JSON Lines, with the head.", "botu audit export botu-log.jsonl")
def audit_export(file: Annotated[Path, typer.Argument(help="Bestand.  File.")]) -> None:
    s = state()
    with _writing_to(file):
        head = s.app(audit_only=True).audit.export(s.coop, file)
    if s.json:
        print_json({"file": str(file), "position": head.position, "digest": head.digest, "short": head.short})
        return
    err().print(t(f"Geschreven: {file} ({head.position} gebeurtenissen).", f"Written: {file} ({head.position} events)."))
    out().print(head.short)


@command(app, "import", "Laad een export in een lege opslag; een beschadigd bestand wordt geweigerd.",
         "Load an export into an empty store; a damaged file is refused.",
         "botu --db postgresql://localhost/botu audit import botu-log.jsonl --head 66:9f9cf6d21c9f79cb")
def audit_import(file: Annotated[Path, typer.Argument(help="Bestand.  File.")], head: HeadOption = None) -> None:
    s = state()
    result = s.app().audit.import_log(file, expected_head=head)
    data = {"cooperation": result.cooperation_id, "events": result.events, "position": result.head.position,
            "digest": result.head.digest, "short": result.head.short}
    if s.json:
        print_json(data)
        return
    err().print(t(f"Ingelezen: {result.events} gebeurtenissen.", f"Imported: {result.events} events."))
    out().print(result.head.short)


@command(app, "report", "Maak het jaarverslag voor de controle: één HTML-bestand om te lezen en te printen.",
         "Make the yearly audit report: one HTML file to read and print.", "botu audit report --year 2021")
def audit_report(
    year_text: Annotated[str, typer.Option("--year", help="Jaar, bijvoorbeeld 2021.  Year.")],
    file: Annotated[Path | None, typer.Option("--out", help="Bestand (standaard jaarverslag-JAAR.html).  File.")] = None,
    personal: Annotated[bool, typer.Option("--personal", help="Met persoonlijke gegevens.  With personal data.")] = False,
    sign: Annotated[bool, typer.Option("--sign", help="Met ondertekende kop.  With a signed head.")] = False,
) -> None:
    s = state()
    chosen = year(year_text)
    assert chosen is not None
    target = file or Path(f"jaarverslag-{chosen}.html")
    html = s.app().audit.report(s.coop, chosen, personal=personal, sign=sign)
    with _writing_to(target):
        target.write_text(html, encoding="utf-8")
    if s.json:
        print_json({"file": str(target), "year": chosen})
        return
    err().print(t(f"Jaarverslag {chosen} geschreven.", f"Audit report {chosen} written."))
    out().print(str(target))

