"""Signed checkpoints (C2SP tlog-checkpoint as a signed note) and witnesses (C2SP
tlog-cosignature) that are not the operator: a rewrite or truncation behind a cosigned
checkpoint is found even when the operator re-hashes and re-signs everything."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import struct
from pathlib import Path
from uuid import UUID

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from botu_core import Cooperations, InvalidInput, JoinParty, PartyKind, StoreError
from botu_core.audit import check_signed_head
from botu_core.audit.witness import Witness, create_key

from audit_helpers import RawEvents, small_history

Small = tuple[Cooperations, UUID, RawEvents]
NOW = int(dt.datetime(2026, 12, 1, tzinfo=dt.UTC).timestamp())


def by_hand(note: str, public_key: bytes) -> tuple[str, int, bytes]:
    """Read a checkpoint note with nothing but the C2SP texts: origin, size, root; check the log's signature."""
    body, _, signatures = note.partition("\n\n")
    body += "\n"
    origin, size, root, tail = body.split("\n")
    assert tail == "" and str(int(size)) == size
    line = signatures.rstrip("\n").split("\n")[0]
    dash, name, blob = line.split(" ")
    assert dash == "\u2014" and name == origin
    raw = base64.b64decode(blob)
    assert raw[:4] == hashlib.sha256(name.encode() + b"\n\x01" + public_key).digest()[:4]
    Ed25519PublicKey.from_public_bytes(public_key).verify(raw[4:], body.encode())
    return origin, int(size), base64.b64decode(root)


def test_a_checkpoint_is_a_signed_note_of_the_tree(small: Small) -> None:
    app, coop, _raw = small
    note = app.audit.checkpoint(coop).text()
    origin, size, root = by_hand(note, bytes.fromhex(app.audit.public_key(coop)))
    assert (origin, size) == (f"botu/audit/{coop}", 10)
    assert root == app.audit.prove(coop, 1).root_hash
    assert app.audit.checkpoint(coop).text() == note  # the log has not grown: the same one
    app.execute(coop, JoinParty(name="Nieuw", kind=PartyKind.OTHER))
    assert by_hand(app.audit.checkpoint(coop).text(), bytes.fromhex(app.audit.public_key(coop)))[1] == 11
    verdict = app.audit.verify(coop)
    assert verdict.ok and verdict.checkpoint_size == 11 and verdict.tree_size == 11
    # Signed heads of before stay checkable.
    signed = app.audit.sign_head(coop)
    assert check_signed_head(signed.to_text(), app.audit.public_key(coop))
    assert app.audit.verify(coop, head=signed.to_text()).ok


def test_truncation_behind_a_checkpoint_is_found(small: Small) -> None:
    app, coop, raw = small
    app.audit.checkpoint(coop)
    raw.delete(10)
    raw.delete(9)
    raw.rechain()  # the chain and the tree made to fit the shorter log
    verdict = app.audit.verify(coop)
    assert (verdict.ok, verdict.first_bad_position, verdict.problem_code) == (False, 9, "audit.truncated_behind_checkpoint")


def test_the_command_line_prints_the_note_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from botu_cli.main import main

    db = str(tmp_path / "botu.db")
    with Cooperations(db) as app:
        coop = small_history(app)
        key = bytes.fromhex(app.audit.public_key(coop))
        app.close()
    capsys.readouterr()
    assert main(["--db", db, "audit", "checkpoint"]) == 0
    note = capsys.readouterr().out
    assert by_hand(note, key)[1] == 10
    assert note.endswith("\n") and note.count("\n\n") == 1


class Party:
    """A witness with its own key and state files, apart from the store."""

    def __init__(self, folder: Path, name: str) -> None:
        self.name = name
        self.witness = Witness(name, create_key(folder / f"{name.replace('/', '_')}.pem"), folder / f"{name.replace('/', '_')}.json")

    def cosign(self, app: Cooperations, coop: UUID, log_key: str) -> str:
        note = app.audit.checkpoint(coop)
        seen = self.witness.state()
        size = note.checkpoint.size
        proof = app.audit.consistency(coop, seen.size, size) if seen is not None and seen.size < size else None
        cosigned = self.witness.cosign(note.text(), proof, log_key=log_key, timestamp=NOW)
        app.audit.add_cosignatures(coop, cosigned.text())
        return cosigned.text()


@pytest.fixture
def witnessed(small: Small, tmp_path: Path) -> tuple[Cooperations, UUID, RawEvents, Party, str]:
    app, coop, raw = small
    log_key = app.audit.public_key(coop)
    party = Party(tmp_path, "buurthuis.example/getuige")
    app.audit.add_witness(coop, party.name, party.witness.public_key)
    party.cosign(app, coop, log_key)
    for name in ("Nieuw", "Later"):
        app.execute(coop, JoinParty(name=name, kind=PartyKind.OTHER))
    kept = party.cosign(app, coop, log_key)  # checked against size 10 with a consistency proof
    return app, coop, raw, party, kept


def test_verify_names_the_witnesses_and_their_sizes(witnessed: tuple[Cooperations, UUID, RawEvents, Party, str]) -> None:
    app, coop, _raw, party, kept = witnessed
    verdict = app.audit.verify(coop)
    assert verdict.ok and verdict.witnessed == ((party.name, 12),)
    assert verdict.to_dict()["witnesses"] == [{"name": party.name, "size": 12}]
    cosignature = kept.rstrip("\n").split("\n")[-1]
    assert cosignature.startswith(f"\u2014 {party.name} ")
    raw = base64.b64decode(cosignature.split(" ")[2])
    public = bytes.fromhex(party.witness.public_key)
    assert raw[:4] == hashlib.sha256(party.name.encode() + b"\n\x04" + public).digest()[:4]
    assert struct.unpack(">Q", raw[4:12])[0] == NOW
    body = kept.partition("\n\n")[0] + "\n"
    Ed25519PublicKey.from_public_bytes(public).verify(raw[12:], f"cosignature/v1\ntime {NOW}\n".encode() + body.encode())


def test_a_rewrite_behind_a_cosigned_checkpoint_is_found_though_the_operator_re_signs_everything(
    witnessed: tuple[Cooperations, UUID, RawEvents, Party, str],
) -> None:
    app, coop, raw, party, kept = witnessed
    raw.flip_byte(3, b'"kind":"resident"', b'"kind":"other"')
    raw.rechain()  # every digest and every subtree recomputed ...
    raw.resign_checkpoints()  # ... every kept checkpoint (and cosignature) dropped ...
    forged = app.audit.checkpoint(coop)  # ... and a new one signed with the cooperation's own key
    assert app.audit.verify(coop).ok  # the store alone is fooled
    verdict = app.audit.verify(coop, checkpoints=[kept], witnesses={party.name: party.witness.public_key})
    assert (verdict.ok, verdict.problem_code, verdict.first_bad_position) == (False, "audit.rewritten_behind_witness", 12)
    assert party.name in (verdict.problem_en or "")
    # And the witness refuses to cosign the forged checkpoint: it is not consistent with what it signed.
    with pytest.raises(InvalidInput) as refused:
        party.witness.cosign(forged.text(), None, timestamp=NOW)
    assert refused.value.code == "audit.witness_inconsistent"


def test_a_rewrite_is_found_from_the_store_while_the_cosigned_checkpoint_is_kept_there(
    witnessed: tuple[Cooperations, UUID, RawEvents, Party, str],
) -> None:
    app, coop, raw, party, _kept = witnessed
    raw.flip_byte(3, b'"kind":"resident"', b'"kind":"other"')
    raw.rechain()
    verdict = app.audit.verify(coop)
    assert (verdict.ok, verdict.problem_code) == (False, "audit.rewritten_behind_witness")


def test_truncation_behind_a_cosigned_checkpoint_is_found_though_the_operator_re_signs_everything(
    witnessed: tuple[Cooperations, UUID, RawEvents, Party, str],
) -> None:
    app, coop, raw, party, kept = witnessed
    for version in (12, 11, 10):
        raw.delete(version)
    raw.rechain()
    raw.resign_checkpoints()
    app.audit.checkpoint(coop)
    assert app.audit.verify(coop).ok
    verdict = app.audit.verify(coop, checkpoints=[kept], witnesses={party.name: party.witness.public_key})
    assert (verdict.ok, verdict.problem_code, verdict.first_bad_position) == (False, "audit.truncated_behind_witness", 10)


def test_opening_a_store_cut_short_behind_its_checkpoint_is_refused(open_app: object) -> None:
    app = open_app()  # type: ignore[operator]
    coop = small_history(app)
    app.audit.checkpoint(coop)
    raw = RawEvents(app, coop)
    raw.delete(10)
    raw.rechain()
    app.close()
    with pytest.raises(StoreError) as refused:
        open_app()  # type: ignore[operator]
    assert refused.value.code == "audit.store_damaged"


def test_witness_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from botu_cli.main import main

    db = str(tmp_path / "botu.db")
    with Cooperations(db) as app:
        coop = small_history(app)
        log_key = app.audit.public_key(coop)
        app.close()
    key = tmp_path / "getuige.pem"
    capsys.readouterr()
    assert main(["--db", db, "--json", "audit", "witness", "init", "getuige.example", "--key", str(key)]) == 0
    public = json.loads(capsys.readouterr().out)["public_key"]
    assert main(["--db", db, "audit", "witness", "add", "getuige.example", public]) == 0
    assert main(["--db", db, "audit", "checkpoint"]) == 0
    assert main(["--db", db, "audit", "witness", "cosign", "getuige.example", "--key", str(key), "--log-key", log_key]) == 0
    capsys.readouterr()
    assert main(["--db", db, "--json", "audit", "verify"]) == 0
    assert json.loads(capsys.readouterr().out)["witnesses"] == [{"name": "getuige.example", "size": 10}]
