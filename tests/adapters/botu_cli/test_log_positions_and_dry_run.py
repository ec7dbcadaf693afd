"""`botu log --after N [--follow] --jsonl`, and `--dry-run` on the commands that record."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import BOTU, Result, cli_env

from botu_core import Cooperations

Run = Callable[..., Result]


@pytest.fixture
def db(run_inproc: Run, tmp_path: Path) -> Path:
    path = tmp_path / "botu.db"
    assert run_inproc("coop", "create", "Energiewijk BoTu", "--founded-on", "2021-07-01", db=path).code == 0
    for name in ("Ann", "Buurtcentrum"):
        kind = "resident" if name == "Ann" else "initiative"
        assert run_inproc("party", "join", name, "--kind", kind, "--phone", "06 1111 2222", db=path).code == 0
    return path


def lines(result: Result) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.out.splitlines()]


def positions(db: Path) -> list[int]:
    with Cooperations(str(db)) as app:
        return [r.position for r in app.follow()]


def test_jsonl_gives_one_record_a_line_after_a_position(run_inproc: Run, db: Path) -> None:
    everything = lines(run_inproc("log", "--jsonl", db=db))
    assert [r["position"] for r in everything] == positions(db)
    assert [r["type"] for r in everything] == ["CooperationFounded", "PartyJoined", "PartyJoined"]
    rest = lines(run_inproc("log", "--after", str(everything[0]["position"]), "--jsonl", db=db))
    assert rest == everything[1:]
    assert "06 1111 2222" not in json.dumps(everything)  # the public's view unless asked
    assert "Ann" not in json.dumps(everything)
    assert "Ann" in json.dumps(lines(run_inproc("log", "--jsonl", "--audience", "member", db=db)))


def test_log_by_position_refuses_dates_and_bad_positions(run_inproc: Run, db: Path) -> None:
    assert run_inproc("log", "--after", "1", "--since", "2021-01-01", db=db).code == 2
    refused = run_inproc("--json", "log", "--after", "-1", "--jsonl", db=db)
    assert refused.code == 2 and refused.json()["code"] == "follow.invalid_position"


def test_follow_prints_new_events_as_they_are_recorded(run_inproc: Run, db: Path) -> None:
    last = positions(db)[-1]
    follower = subprocess.Popen([str(BOTU), "--db", str(db), "log", "--after", str(last), "--follow", "--jsonl"],
                                stdout=subprocess.PIPE, text=True, env=cli_env())
    try:
        time.sleep(0.5)
        assert run_inproc("party", "join", "Cas", "--kind", "entrepreneur", db=db).code == 0
        assert follower.stdout is not None
        record = json.loads(follower.stdout.readline())  # blocks until the follower prints it
        assert record["type"] == "PartyJoined" and record["position"] == last + 1
    finally:
        follower.send_signal(signal.SIGINT)
        follower.wait(timeout=30)
    assert follower.returncode == 0  # Ctrl-C ends following quietly


def test_dry_run_shows_the_events_and_records_nothing(run_inproc: Run, db: Path) -> None:
    before = positions(db)
    dry = run_inproc("party", "join", "Cas", "--kind", "entrepreneur", "--dry-run", db=db)
    assert dry.code == 0, dry.err
    assert "PartyJoined" in dry.out and "niets vastgelegd" in dry.err
    data = run_inproc("--json", "--dry-run", "project", "start", "Zonnedaken", "--plan", "Panelen.",
                      "--contact", "Buurtcentrum", db=db).json()
    assert data["dry_run"] is True and [e["type"] for e in data["events"]] == ["ProjectStarted"]
    refused = run_inproc("--json", "party", "leave", "party-9", "--dry-run", db=db)
    assert refused.code == 1 and refused.json()["code"] == "party.unknown"  # refused as the real command would be
    created = run_inproc("--json", "coop", "create", "Tweede", "--dry-run", db=db).json()
    assert [e["type"] for e in created["events"]] == ["CooperationFounded"]
    assert positions(db) == before
    with Cooperations(str(db)) as app:
        assert len(app.cooperations()) == 1


def test_commands_that_cannot_try_refuse_the_dry_run(run_inproc: Run, db: Path) -> None:
    before = positions(db)
    for args in (("example", "load", "botu-2021"), ("rebuild",), ("audit", "checkpoint")):
        result = run_inproc("--json", *args, "--dry-run", db=db)
        assert result.code == 2 and result.json()["code"] == "cli.dry_run_unsupported", args
    assert positions(db) == before
