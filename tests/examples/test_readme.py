"""The README's library example runs as a newcomer runs it, and again on the same store."""

from __future__ import annotations

import sys
from pathlib import Path

from readme_code import events_in, run_example


def test_the_library_example_runs_twice_on_the_same_store(tmp_path: Path) -> None:
    first = run_example(sys.executable, tmp_path)
    recorded = events_in(tmp_path / "botu.db")
    second = run_example(sys.executable, tmp_path)
    assert second == first and "budget.exceeds_left" in first
    assert events_in(tmp_path / "botu.db") == recorded  # the second run recorded nothing
