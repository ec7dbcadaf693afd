"""Fixtures to drive the `botu` command line in-process (``botu_cli.main.main``), for the
many small error checks; the subprocess helpers are in ``cli_helpers``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_helpers import Result

@pytest.fixture
def run_inproc(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Result]]:
    """Run the command line in this process (same code path as the script, minus the process)."""
    from botu_cli.main import main

    for name in ("BOTU_DB", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")

    def _run(*args: str, db: Path | str) -> Result:
        capsys.readouterr()
        code = main(["--db", str(db), *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    yield _run
