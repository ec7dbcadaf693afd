"""`botu audit report --year Y`: to stdout by default (so it can be piped or redirected),
to a file with --out."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from botu_core import Cooperations
from botu_core.examples import EXAMPLES
from cli_helpers import Result

Run = Callable[..., Result]


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "botu.db"
    with Cooperations(str(path)) as app:
        EXAMPLES["botu-2021"](app)
    return path


def test_the_report_goes_to_stdout_without_out(run_inproc: Run, example_db: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_inproc("audit", "report", "--year", "2021", db=example_db)
    assert result.code == 0, result.err
    assert result.out.lstrip().lower().startswith("<!doctype html")
    assert "2021" in result.out and result.out.rstrip().endswith("</html>")
    assert list(tmp_path.iterdir()) == []  # no file made behind the user's back
    as_json = run_inproc("--json", "audit", "report", "--year", "2021", db=example_db)
    assert as_json.code == 0, as_json.err
    data = json.loads(as_json.out)
    assert data["year"] == 2021 and data["html"] == result.out


def test_the_report_goes_to_the_file_given_with_out(run_inproc: Run, example_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "verslag.html"
    result = run_inproc("audit", "report", "--year", "2021", "--out", str(target), db=example_db)
    assert result.code == 0, result.err
    assert result.out.strip() == str(target)
    assert target.read_text(encoding="utf-8").lower().lstrip().startswith("<!doctype html")
