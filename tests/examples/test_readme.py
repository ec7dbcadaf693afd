"""The README's library example runs as a newcomer runs it, and again on the same store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from readme_code import library_example

from botu_core import Cooperations


def run_example(python: str, folder: Path) -> str:
    script = folder / "example.py"
    script.write_text(library_example(), encoding="utf-8")
    done = subprocess.run([python, str(script)], cwd=folder, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def events_in(store: Path) -> int:
    with Cooperations(str(store)) as app:
        return len(app.events_of("botu"))


def test_the_library_example_runs_twice_on_the_same_store(tmp_path: Path) -> None:
    first = run_example(sys.executable, tmp_path)
    recorded = events_in(tmp_path / "botu.db")
    second = run_example(sys.executable, tmp_path)
    assert second == first and "budget.exceeds_left" in first
    assert events_in(tmp_path / "botu.db") == recorded  # the second run recorded nothing
