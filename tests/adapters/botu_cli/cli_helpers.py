"""Helpers to drive the `botu` command line as the real console script in a subprocess.

A module of its own (not ``conftest``): pytest imports every ``conftest.py`` under the
same module name, so test files cannot rely on ``from conftest import ...``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs

BOTU = Path(sys.executable).with_name("botu")


@attrs.frozen
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def cli_env(lang: str = "nl_NL.UTF-8") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BOTU_DB", "LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = lang
    env["COLUMNS"] = "200"
    return env


def botu(*args: str, db: Path | str, lang: str = "nl_NL.UTF-8", timeout: float = 60) -> Result:
    """Run the installed console script `botu` with ``--db``."""
    assert BOTU.exists(), f"the console script is not installed at {BOTU} (pip install -e .)"
    done = subprocess.run(
        [str(BOTU), "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=cli_env(lang),
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def botu_parallel(db: Path | str, *commands: tuple[str, ...]) -> list[Result]:
    """Several read-only runs at once (each is a process of its own)."""
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        return list(pool.map(lambda args: botu(*args, db=db), commands))
