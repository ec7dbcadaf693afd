"""`botu pb …` on the command line: import, close, show --json, verify, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from botu_cli.main import main
from botu_core.participatory import parse_pabulib

ASSEN = Path("/work/shared/data/pabulib/Netherlands_Assen_2024.pb")
DIAMANT = Path("/work/shared/data/pabulib/Netherlands_Amsterdam_522.pb")


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_close_show_verify_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "botu.db"
    assert run(capsys, db, "coop", "create", "Buurtbudgetten", "--slug", "bb")[0] == 0
    code, out, _ = run(capsys, db, "pb", "import", str(ASSEN))
    assert code == 0 and out.strip() == "round-1"
    code, out, _ = run(capsys, db, "pb", "close", "round-1", "--json")
    assert code == 0
    closed = json.loads(out)
    official = parse_pabulib(ASSEN.read_bytes()).official_winners
    assert set(closed["winners"]) == official
    assert closed["total_cost"] == "76700.00"
    code, out, _ = run(capsys, db, "pb", "show", "round-1", "--json")
    shown = json.loads(out)
    assert shown["winners"] == closed["winners"] and shown["total_cost"] == closed["total_cost"]
    assert run(capsys, db, "pb", "verify", "round-1")[0] == 0
    code, out, _ = run(capsys, db, "pb", "export", "round-1")
    assert code == 0 and parse_pabulib(out).official_winners == official
    # another rule than the file's
    code, out, _ = run(capsys, db, "pb", "import", str(DIAMANT), "--rule", "equalshares")
    assert out.strip() == "round-2"
    code, out, _ = run(capsys, db, "pb", "show", "round-2", "--json")
    assert json.loads(out)["rule"] == "equalshares/add1"


def test_bad_file_exit_2_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "botu.db"
    run(capsys, db, "coop", "create", "Buurtbudgetten", "--slug", "bb")
    bad = tmp_path / "bad.pb"
    bad.write_text("META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;50\nVOTES\nvoter_id;vote\nv;2\n")
    code, out, err = run(capsys, db, "pb", "import", str(bad), "--json")
    assert code == 2
    error = json.loads(out)
    assert error["code"] == "pabulib.unknown_project" and "Regel 10" in error["message_nl"]
    code, out, _ = run(capsys, db, "pb", "list", "--json")
    assert json.loads(out) == []


def test_a_vote_gives_a_receipt_that_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import secrets

    from botu_core import Cooperations
    from botu_testing import fixed_clock
    from factories import cooperation, voting_round

    db = tmp_path / "botu.db"
    with Cooperations(str(db), clock=fixed_clock) as app:
        ids = cooperation(app)
        voting_round(app, ids)
    code, out, err = run(capsys, db, "--coop", "botu", "pb", "vote", "round-1", "--voter", "Ann", ids["p1"])
    assert code == 0 and "Bewaar het bewijs" in err
    receipt = out.strip()
    assert receipt.startswith("round-1:") and "party" not in receipt
    code, out, _ = run(capsys, db, "--coop", "botu", "pb", "receipt", "round-1", receipt)
    assert code == 0 and "Uw stem telt mee." in out
    forged = ":".join([*receipt.split(":")[:2], secrets.token_hex(16)])
    code, out, _ = run(capsys, db, "--coop", "botu", "pb", "receipt", "round-1", forged)
    assert code == 1 and "Er is geen stem met dit bewijs" in out
    code, out, _ = run(capsys, db, "--coop", "botu", "pb", "receipt", "round-1", "round-1:" + secrets.token_hex(16) + ":" + secrets.token_hex(16))
    assert code == 1 and "Er is geen stem met dit bewijs" in out
    code, _, err = run(capsys, db, "--coop", "botu", "pb", "receipt", "round-1", "geen bewijs")
    assert code == 2 and "Dit is geen bewijs van een stem." in err


def test_progress_bar_on_stderr_only_for_a_terminal_and_never_with_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "botu.db"
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    run(capsys, db, "coop", "create", "Buurtbudgetten", "--slug", "bb")
    # captured stderr is not a terminal: no bar
    code, out, err = run(capsys, db, "pb", "import", str(ASSEN))
    assert code == 0 and "Bestand lezen" not in err
    # Rich's own switch makes stderr count as a terminal: the bar shows, stdout stays clean
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    code, out, err = run(capsys, db, "pb", "close", "round-1")
    assert code == 0 and "De regel rekent" in err and "De regel rekent" not in out
    code, out, err = run(capsys, db, "pb", "verify", "round-1")
    assert code == 0 and "Narekenen" in err
    code, out, err = run(capsys, db, "pb", "import", str(DIAMANT))
    assert code == 0 and "Bestand lezen" in err and out.strip() == "round-2"
    # with --json neither stream gets a bar
    code, out, err = run(capsys, db, "pb", "close", "round-2", "--json")
    assert code == 0 and "De regel rekent" not in err + out
    assert json.loads(out)["id"] == "round-2"
