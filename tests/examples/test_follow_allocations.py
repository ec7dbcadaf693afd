"""The follow example keeps its CSV in step, and a kill -9 at any moment loses or
repeats no allocation once it is started again."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from factories import cooperation

from botu_core import AllocateBudget, Cooperations, Money

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "follow_allocations.py"


def allocate(app: Cooperations, ids: dict[str, str], n: int) -> list[str]:
    command = AllocateBudget(project=ids["project"], source="BoTu2028", year=2021, amount=Money.parse("10"),
                             decision=ids["decision"])
    return [str(app.execute(ids["coop"], command)) for _ in range(n)]


def rows(csv_path: Path) -> list[str]:
    if not csv_path.exists():
        return []
    with csv_path.open(newline="", encoding="utf-8") as f:
        return [r["allocation_id"] for r in csv.DictReader(f)]


def start(store_url: str, csv_path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, str(EXAMPLE), store_url, str(csv_path), "--follow"], env=env,
                            stdout=subprocess.DEVNULL)


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the example did not keep up"
        time.sleep(0.05)


def test_one_run_writes_every_allocation_once(app: Cooperations, store_url: str, tmp_path: Path) -> None:
    ids = cooperation(app)
    made = allocate(app, ids, 3)
    csv_path = tmp_path / "allocations.csv"
    assert subprocess.run([sys.executable, str(EXAMPLE), store_url, str(csv_path)], check=True,
                          capture_output=True).returncode == 0
    assert rows(csv_path) == made
    more = allocate(app, ids, 2)
    subprocess.run([sys.executable, str(EXAMPLE), store_url, str(csv_path)], check=True, capture_output=True)
    assert rows(csv_path) == made + more  # a second run adds only what is new


def test_a_row_written_after_the_last_saved_position_is_not_repeated(
    app: Cooperations, store_url: str, tmp_path: Path
) -> None:
    ids = cooperation(app)
    made = allocate(app, ids, 3)
    csv_path = tmp_path / "allocations.csv"
    subprocess.run([sys.executable, str(EXAMPLE), store_url, str(csv_path)], check=True, capture_output=True)
    # As if killed between writing the last row and saving its position: the position
    # file says where the CSV stood before that row.
    saved = Path(str(csv_path) + ".position")
    last = list(app.follow())[-1].position
    before_last = [r.position for r in app.follow() if r.type == "BudgetAllocated"][-1] - 1
    lines = csv_path.read_bytes().splitlines(keepends=True)
    saved.write_text(json.dumps({"position": before_last, "size": len(b"".join(lines[:-1]))}))
    csv_path.write_bytes(b"".join(lines) + b"half a ro")  # and a torn write after it
    subprocess.run([sys.executable, str(EXAMPLE), store_url, str(csv_path)], check=True, capture_output=True)
    assert rows(csv_path) == made
    assert json.loads(saved.read_text())["position"] == last


def test_killed_and_restarted_it_has_every_allocation_exactly_once(
    open_app: Callable[..., Cooperations], store_url: str, tmp_path: Path
) -> None:
    app = open_app()
    ids = cooperation(app)
    csv_path = tmp_path / "allocations.csv"
    made: list[str] = []
    for _round in range(3):
        follower = start(store_url, csv_path)
        try:
            made += allocate(app, ids, 5)
            # Killed while it is busy: some of this round's allocations are in, not all.
            wait_for(lambda: len(rows(csv_path)) > len(made) - 5)
            made += allocate(app, ids, 5)
        finally:
            follower.send_signal(signal.SIGKILL)
            follower.wait(timeout=30)
    follower = start(store_url, csv_path)
    try:
        wait_for(lambda: len(rows(csv_path)) >= len(made))
    finally:
        follower.send_signal(signal.SIGKILL)
        follower.wait(timeout=30)
    assert sorted(rows(csv_path)) == sorted(made) and len(made) == 30
