"""botu as a user installs it: ``python -m build`` makes a wheel, a fresh virtual environment
installs it (its dependencies from the package index), and the README's library example
runs with it twice in a row on the same store.

Installing every dependency takes minutes, so this test has the marker ``wheel``: the
ordinary run leaves it out (pyproject's addopts) and ``make test`` runs it once, by
``make wheel-test``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from readme_code import ROOT, events_in, run_example

pytestmark = [pytest.mark.wheel, pytest.mark.slow]


def _run(*args: str | Path, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a fresh virtual environment with botu's wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "build", "--outdir", work / "dist", ROOT, cwd=work)
    (wheel,) = (work / "dist").glob("botu-*.whl")
    _run(sys.executable, "-m", "venv", "--clear", work / "venv", cwd=work)
    python = work / "venv" / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", wheel, cwd=work)
    return python


def test_the_wheel_installs_botu_core_and_the_botu_command(installed: Path, tmp_path: Path) -> None:
    where = _run(installed, "-c", "import botu_core, botu_web, botu_cli; print(botu_core.__file__)", cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(installed.parent.parent)  # not the source tree
    assert (installed.parent / "botu").exists()
    assert "botu" in _run(installed.parent / "botu", "--help", cwd=tmp_path)


def test_the_readme_example_runs_twice_with_the_wheel(installed: Path, tmp_path: Path) -> None:
    first = run_example(str(installed), tmp_path)
    recorded = events_in(tmp_path / "botu.db")
    second = run_example(str(installed), tmp_path)
    assert second == first and "budget.exceeds_left" in first
    assert events_in(tmp_path / "botu.db") == recorded
