"""Inclusion receipts: a party keeps the proof that its event is in the log (the entry,
its inclusion proof and a signed checkpoint) and checks it later, offline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from botu_core import Cooperations, InvalidInput, JoinParty, PartyKind, check_inclusion_receipt
from botu_core.audit.witness import Witness, create_key

from audit_helpers import botu, small_history

NOW = int(dt.datetime(2026, 12, 1, tzinfo=dt.UTC).timestamp())


def receipt_json(app: Cooperations, coop: UUID, position: int) -> dict[str, Any]:
    loaded = json.loads(app.audit.receipt(coop, position).to_json())
    assert isinstance(loaded, dict)
    return loaded


def changed(receipt: dict[str, Any], change: Any) -> bytes:
    copy = json.loads(json.dumps(receipt))
    change(copy)
    return json.dumps(copy).encode()


def test_a_receipt_checks_offline_with_the_logs_key(app: Cooperations) -> None:
    coop = small_history(app)
    receipt = app.audit.receipt(coop, 4)
    log_key = app.audit.public_key(coop)
    for _ in range(3):  # the log grows after the receipt was taken
        app.execute(coop, JoinParty(name=f"Later {_}", kind=PartyKind.RESIDENT))
    verdict = check_inclusion_receipt(receipt.to_json(), log_key=log_key)
    assert verdict.ok and verdict.key_trusted, verdict.problem
    assert (verdict.position, verdict.event_type, verdict.actor, verdict.tree_size) == (4, "PartyJoined", "owner", 10)
    assert verdict.cooperation_id == str(coop)
    # The receipt's checkpoint is one the store signed and kept.
    assert app.audit.latest_checkpoint(coop) is not None and app.audit.latest_checkpoint(coop).checkpoint.size == 10  # type: ignore[union-attr]
    # Without a key kept elsewhere it checks against the key it carries, and says so.
    alone = check_inclusion_receipt(receipt.to_json())
    assert alone.ok and not alone.key_trusted and alone.log_key == log_key


def test_a_receipt_uses_the_latest_checkpoint_when_it_holds_the_event(app: Cooperations) -> None:
    coop = small_history(app)
    note = app.audit.checkpoint(coop)
    app.execute(coop, JoinParty(name="Later", kind=PartyKind.RESIDENT))
    assert json.loads(app.audit.receipt(coop, 3).to_json())["checkpoint"] == note.text()
    later = json.loads(app.audit.receipt(coop, 11).to_json())  # beyond it: a new checkpoint is signed
    assert later["inclusion"]["tree_size"] == 11 and check_inclusion_receipt(json.dumps(later)).ok


@pytest.mark.parametrize(
    ("name", "change", "code"),
    [
        ("entry", lambda r: r["entry"].update(timestamp="2020-01-01T00:00:00+00:00"), "audit.receipt_entry_mismatch"),
        ("payload", lambda r: r["entry"]["payload"]["event"].update(kind="entrepreneur"), "audit.receipt_entry_mismatch"),
        ("path", lambda r: r["inclusion"]["path"].reverse(), "audit.receipt_proof_invalid"),
        ("size", lambda r: r["inclusion"].update(tree_size=9), "audit.receipt_checkpoint_mismatch"),
        ("checkpoint", lambda r: r.update(checkpoint=r["checkpoint"].replace("\n10\n", "\n11\n")), "audit.receipt_checkpoint_mismatch"),
    ],
)
def test_a_changed_receipt_does_not_check(app: Cooperations, name: str, change: Any, code: str) -> None:
    coop = small_history(app)
    receipt = receipt_json(app, coop, 4)
    verdict = check_inclusion_receipt(changed(receipt, change), log_key=app.audit.public_key(coop))
    assert not verdict.ok and verdict.problem_code == code, (name, verdict.problem)
    assert verdict.problem and verdict.problem_en


def test_a_receipt_signed_with_another_key_does_not_check(app: Cooperations, memory_app: Cooperations) -> None:
    coop = small_history(app)
    receipt = app.audit.receipt(coop, 4)
    other = small_history(memory_app)  # the same history elsewhere: another key signed it
    assert other == coop
    forged = memory_app.audit.receipt(other, 4)
    assert check_inclusion_receipt(forged.to_json()).ok  # it checks with the key it carries ...
    verdict = check_inclusion_receipt(forged.to_json(), log_key=app.audit.public_key(coop))  # ... not with the one kept
    assert not verdict.ok and verdict.problem_code == "audit.receipt_signature_invalid"
    assert check_inclusion_receipt(receipt.to_json(), log_key=app.audit.public_key(coop)).ok


def test_a_receipt_names_the_witnesses_that_cosigned_its_checkpoint(app: Cooperations, tmp_path: Path) -> None:
    coop = small_history(app)
    witness = Witness("gemeente.example", create_key(tmp_path / "w.pem"), tmp_path / "w.json")
    app.audit.add_witness(coop, witness.name, witness.public_key)
    note = app.audit.checkpoint(coop)
    app.audit.add_cosignatures(coop, witness.cosign(note.text(), None, log_key=app.audit.public_key(coop), timestamp=NOW).text())
    receipt = app.audit.receipt(coop, 2)
    verdict = check_inclusion_receipt(receipt.to_json(), witnesses={witness.name: witness.public_key, "someone": "00" * 32})
    assert verdict.ok and verdict.witnessed_by == ("gemeente.example",)


@pytest.mark.parametrize(
    "text",
    [b"not json", b"[]", b'{"format":"botu-audit-receipt","version":1}', b'{"format":"other"}'],
)
def test_a_file_that_is_no_receipt_is_refused_clearly(text: bytes) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_inclusion_receipt(text)
    assert refused.value.code == "audit.receipt_invalid"
    assert refused.value.message_nl and refused.value.message_en


def test_a_receipt_with_a_broken_note_or_key_is_refused_clearly(app: Cooperations) -> None:
    coop = small_history(app)
    receipt = receipt_json(app, coop, 4)
    for change, code in (
        (lambda r: r.update(checkpoint="geen controlepunt"), "audit.invalid_checkpoint"),
        (lambda r: r.update(log_key="abc"), "audit.invalid_public_key"),
    ):
        with pytest.raises(InvalidInput) as refused:
            check_inclusion_receipt(changed(receipt, change))
        assert refused.value.code == code
    with pytest.raises(InvalidInput) as refused:
        check_inclusion_receipt(json.dumps(receipt), log_key="geen sleutel")
    assert refused.value.code == "audit.invalid_public_key"


def test_a_receipt_of_a_position_the_log_does_not_have_is_refused(app: Cooperations) -> None:
    coop = small_history(app)
    for position in (0, 11):
        with pytest.raises(InvalidInput) as refused:
            app.audit.receipt(coop, position)
        assert refused.value.code == "audit.position_out_of_range"


def test_receipt_and_check_receipt_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BOTU_DB", raising=False)
    db = tmp_path / "botu.db"
    with Cooperations(str(db)) as app:
        small_history(app)
        app.close()
    code, out, _ = botu(capsys, "--db", str(db), "--json", "audit", "receipt", "4", "--out", str(tmp_path / "r.json"))
    assert code == 0 and json.loads(out)["position"] == 4
    log_key = json.loads((tmp_path / "r.json").read_text())["log_key"]
    # Checked without the store: another folder, no database named.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "botu.db").rename(tmp_path / "elsewhere.db")
    code, out, err = botu(capsys, "audit", "check-receipt", str(tmp_path / "r.json"), "--log-key", log_key)
    assert code == 0, err
    assert "Het bewijs klopt" in out and "gebeurtenis 4" in out
    code, out, _ = botu(capsys, "--json", "audit", "check-receipt", str(tmp_path / "r.json"))
    assert code == 0 and json.loads(out)["ok"] and not json.loads(out)["key_trusted"]
    receipt = json.loads((tmp_path / "r.json").read_text())
    receipt["entry"]["timestamp"] = "2020-01-01T00:00:00+00:00"
    (tmp_path / "bad.json").write_text(json.dumps(receipt))
    code, out, err = botu(capsys, "audit", "check-receipt", str(tmp_path / "bad.json"), "--log-key", log_key)
    assert code == 3 and "Het bewijs klopt niet" in err
    (tmp_path / "none.json").write_text("geen bewijs")
    code, _, err = botu(capsys, "audit", "check-receipt", str(tmp_path / "none.json"))
    assert code == 2 and "geen geldig bewijs" in err
    assert not (tmp_path / "botu.db").exists()  # checking opened no store
