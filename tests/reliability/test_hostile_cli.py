"""Random and hostile arguments to every command of `botu`: exit 0, 1 or 2 with a clear
message — never a traceback, never a bug (BOTU_DEBUG=1 lets bugs raise) — and a refused
command leaves the log as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from botu_cli.main import _command, main
from botu_core import Cooperations
from botu_core.examples import load_botu_2021

HOSTILE = st.sampled_from(
    [
        "", "-1", "0", "12.500", "12,345", "1e309", "NaN", "9" * 40, "2021-02-30", "21-1-1", "2021-07-01",
        "party-1", "project-2", "decision-2", "meeting-1", "allocation-1", "disagreement-1", "evaluation-1",
        "Gemeente Rotterdam", "BoTu2028", "'; DROP TABLE rm_parties; --", "<img src=x onerror=alert(1)>",
        "\x1b[2J", "x" * 5000, "Zoë 👩🏽‍🔧", "--json", "--help-me", "plenary", "resident", "greedy",
    ]
) | st.text(max_size=20)


def command_paths() -> list[list[str]]:
    """Every leaf command of the CLI, as the words that name it."""
    paths: list[list[str]] = []

    def walk(group: click.Command, prefix: list[str]) -> None:
        if isinstance(group, click.Group):
            for name, sub in group.commands.items():
                walk(sub, [*prefix, name])
        else:
            paths.append(prefix)

    walk(_command(), [])
    # Commands that start long-running servers or read stdin are driven by their own tests.
    return [p for p in paths if p[0] not in {"serve"} and p[-1] not in {"serve"}]


PATHS = command_paths()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("hostile-cli") / "botu.db")
    app = Cooperations(path, clock=lambda: dt.datetime(2023, 3, 1, 12, tzinfo=dt.UTC))
    load_botu_2021(app)
    app.close()
    return path


def log_length(db: str) -> int:
    """Every event in the store: a hostile but valid `coop create` may add a cooperation."""
    app = Cooperations(db)
    try:
        return sum(len(app.events_of(c.id)) for c in app.cooperations())
    finally:
        app.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), args=st.lists(HOSTILE, max_size=4), options=st.lists(st.tuples(st.sampled_from(
    ["--year", "--on", "--kind", "--source", "--decision", "--amount", "--date", "--meeting", "--by", "--about",
     "--outcome", "--plan", "--contact", "--note", "--version", "--as-of", "--lang", "--coop"]), HOSTILE), max_size=3))
def test_botu_never_breaks_on_hostile_arguments(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: list[str], args: list[str], options: list[tuple[str, str]]
) -> None:
    monkeypatch.setenv("BOTU_DEBUG", "1")
    monkeypatch.chdir(tmp_path)  # files a command might write land here
    if path[:2] in (["audit", "import"], ["pb", "import"]) or path[:1] == ["example"]:
        args = [str(tmp_path / "nope.jsonl"), *args[1:]]
    argv = ["--db", db, "--json", *path, *args, *[x for pair in options for x in pair]]
    before = log_length(db)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    assert code in (0, 1, 2), (argv, code, err.getvalue()[-500:])
    assert "Traceback" not in out.getvalue() + err.getvalue()
    if code != 0:
        error = json.loads(out.getvalue())
        assert error["code"] and error["message"]
        assert log_length(db) == before, f"{argv} refused but wrote"
