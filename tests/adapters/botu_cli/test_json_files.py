"""JSON files the command line reads (agreement terms, an exported log, a signed head):
nested too deep is bad input (exit 2, a coded message), never a crash, and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from botu_core import Cooperations
from botu_core.examples import EXAMPLES
from cli_helpers import Result

Run = Callable[..., Result]
DEEP = "[" * 1000 + "]" * 1000


@pytest.fixture
def example_db(tmp_path: Path) -> Path:
    path = tmp_path / "botu.db"
    with Cooperations(str(path)) as app:
        EXAMPLES["botu-2021"](app)
    return path


def events(run: Run, db: Path) -> int:
    result = run("log", "--json", db=db)
    assert result.code == 0, result.err
    return len(result.json())


def test_agreement_terms_nested_too_deep_are_bad_input(run_inproc: Run, example_db: Path, tmp_path: Path) -> None:
    before = events(run_inproc, example_db)
    terms = tmp_path / "diep.json"
    terms.write_text('{"title": "Diep", "values": ' + DEEP + "}", encoding="utf-8")
    refused = run_inproc("agreement", "revise", str(terms), "--reason", "x", "--evaluation", "evaluation-1",
                         "--json", db=example_db)
    assert refused.code == 2
    error = json.loads(refused.out)
    assert error["code"] == "input.too_deep"
    assert error["message"] == "De JSON is te diep genest: hoogstens 32 niveaus."
    assert error["message_en"] == "The JSON is nested too deeply: at most 32 levels."
    people = run_inproc("agreement", "revise", str(terms), "--reason", "x", "--evaluation", "evaluation-1",
                        db=example_db)
    assert people.code == 2 and "te diep genest" in people.err
    assert events(run_inproc, example_db) == before


def test_an_exported_log_or_a_signed_head_nested_too_deep_is_bad_input(run_inproc: Run, example_db: Path,
                                                                      tmp_path: Path) -> None:
    before = events(run_inproc, example_db)
    log = tmp_path / "log.jsonl"
    log.write_text(DEEP + "\n" + DEEP + "\n", encoding="utf-8")
    imported = run_inproc("audit", "import", str(log), "--json", db=tmp_path / "leeg.db")
    assert imported.code == 2
    assert json.loads(imported.out)["code"] == "audit.import_invalid_line"
    assert "te diep genest" in json.loads(imported.out)["message"]
    head = tmp_path / "kop.json"
    head.write_text('{"format": ' + DEEP + "}", encoding="utf-8")
    verified = run_inproc("audit", "verify", "--head", str(head), "--json", db=example_db)
    assert verified.code == 2 and json.loads(verified.out)["code"] == "audit.invalid_head"
    assert events(run_inproc, example_db) == before
