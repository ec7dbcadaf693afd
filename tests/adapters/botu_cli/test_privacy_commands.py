"""botu party consent|forget|data: the privacy commands of the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from botu_cli.main import main
from botu_core import Cooperations
from botu_core.examples import load_botu_2021


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, object]:
    code = main(list(args))
    return code, json.loads(capsys.readouterr().out)


def test_consent_access_and_forgetting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "botu.db")
    app = Cooperations(db, clock=lambda: dt.datetime(2023, 3, 1, 12, tzinfo=dt.UTC))
    load_botu_2021(app)
    app.close()
    base = ("--db", db, "--json")
    assert run(capsys, *base, "party", "show", "Henk de Vries")[1]["phone"] is None  # type: ignore[index]
    assert run(capsys, *base, "party", "consent", "Henk de Vries", "--give")[0] == 0
    assert run(capsys, *base, "party", "show", "Henk de Vries")[1]["phone"] == "06 2345 6789"  # type: ignore[index]

    code, export = run(capsys, "--db", db, "party", "data", "Henk de Vries")
    assert code == 0
    fields = {f for e in export["personal_fields"] for f in e["fields"]}  # type: ignore[index]
    assert {"name", "phone", "note", "comment", "description"} <= fields
    assert "Fatima" not in json.dumps(export)

    assert run(capsys, *base, "party", "forget", "Henk de Vries")[1] == {"id": "party-2"}
    shown = run(capsys, *base, "party", "show", "party-2")[1]
    assert shown["name"] == "vergeten deelnemer" and shown["forgotten"] is True  # type: ignore[index]
    code, error = run(capsys, *base, "party", "forget", "party-2")
    assert code == 1 and error["code"] == "party.forgotten"  # type: ignore[index]


def test_a_missing_personal_data_key_is_a_clear_error_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "botu.db"
    Cooperations(str(db)).close()
    (tmp_path / "botu.db.key").unlink()
    code = main(["--db", str(db), "party", "list"])
    captured = capsys.readouterr()
    assert code != 0
    assert "Traceback" not in captured.out + captured.err
    assert "sleutel" in captured.out + captured.err and "botu.db.key" in captured.out + captured.err
    code = main(["--db", str(db), "--json", "party", "list"])
    assert json.loads(capsys.readouterr().out)["code"] == "store.key_missing"


def test_meeting_record_keeps_minutes_for_members(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "botu.db")
    app = Cooperations(db, clock=lambda: dt.datetime(2023, 3, 1, 12, tzinfo=dt.UTC))
    load_botu_2021(app)
    app.close()
    secret = "Henk vertelde over zijn schulden."
    for title, extra in (("Besloten", ("--members-only",)), ("Open", ())):
        code = main(["--db", db, "meeting", "record", "--kind", "plenary", "--date", "2022-02-01", "--title", title,
                     "--minutes", secret, *extra])
        assert code == 0, capsys.readouterr()
    capsys.readouterr()
    app = Cooperations(db)
    meetings = {m.title: m for m in app.meetings("botu")}
    assert meetings["Besloten"].minutes_members_only and not meetings["Open"].minutes_members_only
    public = {m.title: m.minutes for m in app.view_as("public").meetings("botu")}
    assert public == {**public, "Besloten": "", "Open": secret}
    app.close()
    assert main(["meeting", "record", "--help"]) == 0
    help_text = capsys.readouterr().out
    assert "--members-only" in help_text and "openbaar" in help_text
