"""--as-of on every query: the state as it was on a date, and no writing in the past."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from botu_cli.main import main
from botu_core import Cooperations
from botu_core.examples import load_botu_2021


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("asof") / "botu.db")
    app = Cooperations(path, clock=lambda: dt.datetime(2023, 3, 1, 12, tzinfo=dt.UTC))
    load_botu_2021(app)
    app.close()
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, object]:
    code = main(list(args))
    out = capsys.readouterr().out
    return code, json.loads(out)


@pytest.mark.parametrize(
    ("when", "left_botu2028", "projects", "open_disagreements", "version"),
    [
        ("2021-09-30", "50000.00", 5, 0, 1),
        ("2021-10-31", "12500.00", 5, 1, 1),
        ("2021-12-31", "12500.00", 5, 0, 1),
        ("2022-03-01", "12500.00", 5, 0, 2),
    ],
)
def test_queries_show_the_state_on_a_date(
    db: str, capsys: pytest.CaptureFixture[str], when: str, left_botu2028: str, projects: int, open_disagreements: int, version: int
) -> None:
    code, budget = run(capsys, "--db", db, "budget", "show", "--as-of", when, "--json")
    assert code == 0
    assert {b["source"]: b["left"] for b in budget}["BoTu2028"] == left_botu2028  # type: ignore[union-attr, index]
    assert len(run(capsys, "--db", db, "--as-of", when, "project", "list", "--json")[1]) == projects  # type: ignore[arg-type]
    disagreements = run(capsys, "--db", db, "--as-of", when, "disagreement", "list", "--json")[1]
    assert sum(d["status"] == "open" for d in disagreements) == open_disagreements  # type: ignore[union-attr, index]
    assert run(capsys, "--db", db, "--as-of", when, "agreement", "show", "--json")[1]["version"] == version  # type: ignore[index]


def test_nothing_can_be_recorded_in_the_past(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = len(run(capsys, "--db", db, "log", "--json")[1])  # type: ignore[arg-type]
    code, error = run(capsys, "--db", db, "--as-of", "2021-10-01", "party", "join", "X", "--kind", "resident", "--json")
    assert code == 2 and error["code"] == "cli.as_of_read_only"  # type: ignore[index]
    assert len(run(capsys, "--db", db, "log", "--json")[1]) == before  # type: ignore[arg-type]
