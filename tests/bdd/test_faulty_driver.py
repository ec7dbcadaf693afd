"""A broken adapter must make the scenarios it breaks fail, visibly and per driver.

Runs three scenarios in a pytest subprocess under the library driver and the deliberately faulty driver
(``drivers/faulty.py``: it swallows refusals and shows the budget wrongly). The two
scenarios that depend on that behaviour fail as ``[faulty]`` items; the one that does
not still passes — so a failure points at the broken adapter, not at the scenarios.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BROKEN_BY_FAULT = (
    "test_er_gaat_nooit_meer_geld_uit_dan_er_is",  # the refusal is swallowed
    "test_na_een_besluit_gaat_er_geld_naar_een_project",  # the budget shows the wrong amount left
)
UNAFFECTED = "test_een_bewoner_ondertekent_met_een_ps"


def run_with(driver: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, BOTU_BDD_DRIVERS=driver)
    env.pop("BOTU_LIVING_DOCS", None)
    selection = " or ".join((*BROKEN_BY_FAULT, UNAFFECTED))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd/test_scenarios.py", "-p", "no:cacheprovider", "-rA", "-q", "-k", selection],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_faulty_driver_fails_the_scenarios_it_breaks() -> None:
    result = run_with("library,faulty")
    out = result.stdout
    assert result.returncode == 1, out
    for name in BROKEN_BY_FAULT:
        assert f"FAILED tests/bdd/test_scenarios.py::{name}[faulty]" in out, out
        assert f"PASSED tests/bdd/test_scenarios.py::{name}[library]" in out, out
    assert f"PASSED tests/bdd/test_scenarios.py::{UNAFFECTED}[faulty]" in out, out
    assert f"PASSED tests/bdd/test_scenarios.py::{UNAFFECTED}[library]" in out, out
    assert "2 failed, 4 passed" in out, out
