"""`botu audit …` and `botu why` on the command line (in-process, a real SQLite file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from botu_core import Cooperations

from audit_helpers import RawEvents, botu, small_history


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("BOTU_DB", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    db = tmp_path / "botu.db"
    with Cooperations(str(db)) as app:
        small_history(app)
        app.close()
    return db


def test_verify_head_and_a_damaged_log(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = botu(capsys, "--db", str(store), "audit", "verify", "--json")
    assert code == 0
    assert {k: json.loads(out)[k] for k in ("ok", "events", "first_bad_position", "problem")} == {
        "ok": True, "events": 10, "first_bad_position": None, "problem": None,
    }
    code, out, _ = botu(capsys, "--db", str(store), "audit", "head", "--json")
    head = json.loads(out)
    assert code == 0 and head["position"] == 10 and len(head["digest"]) == 64
    code, _, _ = botu(capsys, "--db", str(store), "audit", "verify", "--head", head["short"])
    assert code == 0

    with Cooperations(str(store)) as app:
        coop = app.audit.resolve("test")
        RawEvents(app, coop).flip_byte(4, b'"kind":"resident"', b'"kind":"other"')
        app.close()
    code, out, err = botu(capsys, "--db", str(store), "audit", "verify", "--json")
    verdict = json.loads(out)
    assert (code, verdict["ok"], verdict["first_bad_position"]) == (3, False, 4)
    assert "Gebeurtenis 4 is veranderd" in verdict["problem"]
    code, _, err = botu(capsys, "--db", str(store), "audit", "verify", "--head", head["digest"])
    assert code == 3 and "Beschadigd vanaf gebeurtenis 4" in err


def test_export_import_report_and_why(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exported = tmp_path / "log.jsonl"
    code, out, _ = botu(capsys, "--db", str(store), "audit", "export", str(exported), "--json")
    assert code == 0
    short = json.loads(out)["short"]
    other = tmp_path / "other.db"
    code, out, _ = botu(capsys, "--db", str(other), "audit", "import", str(exported), "--head", short, "--json")
    assert code == 0 and json.loads(out)["events"] == 10
    code, _, err = botu(capsys, "--db", str(other), "audit", "import", str(exported))
    assert code == 2 and "staat al in deze opslag" in err
    code, out, _ = botu(capsys, "--db", str(other), "why", "party-3", "--json")
    assert code == 0 and [s["type"] for s in json.loads(out)["steps"]] == ["PartyJoined"]
    report = tmp_path / "jaarverslag.html"
    code, _, _ = botu(capsys, "--db", str(other), "audit", "report", "--year", "2026", "--out", str(report))
    assert code == 0 and "<!DOCTYPE html>" in report.read_text(encoding="utf-8")
