"""The Python code blocks of the README and the example scripts, for the tests that run them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from botu_core import Cooperations

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))

_PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def readme_python_blocks() -> list[str]:
    return _PYTHON_BLOCK.findall(README.read_text(encoding="utf-8"))


def library_example() -> str:
    """The README's example of the library (the first Python block that opens a store)."""
    return next(block for block in readme_python_blocks() if "Cooperations(" in block)


def run_example(python: str, folder: Path) -> str:
    """Run the README's library example with ``python`` in ``folder`` (its store: botu.db there)."""
    script = folder / "example.py"
    script.write_text(library_example(), encoding="utf-8")
    done = subprocess.run([python, str(script)], cwd=folder, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def events_in(store: Path) -> int:
    """How many events the example's cooperation has in ``store``."""
    with Cooperations(str(store)) as app:
        return len(app.events_of("botu"))
