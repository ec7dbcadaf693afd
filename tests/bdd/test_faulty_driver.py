"""A broken adapter must make the scenarios it breaks fail, visibly and per driver.

Runs three scenarios in a pytest subprocess under the library driver and the deliberately faulty driver
(``drivers/faulty.py``: it swallows refusals and shows the budget wrongly). The two
scenarios that depend on that behaviour fail as ``[faulty]`` items; the one that does
not still passes — so a failure points at the broken adapter, not at the scenarios.

The same for the command line: ``BOTU_BDD_CLI`` points the ``cli-script`` driver at a
wrapper around the real ``botu`` that exits 0 and prints ``{"id": null}`` when botu
refused (a CLI that hides refusals). The refused scenario fails as a ``[cli-script]``
item, and it fails at the step that looks for the Dutch message — so the commands
before it (found, join, adopt, read the log) went through the wrapper unharmed.
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


def run_with(driver: str, *tests: str, **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, BOTU_BDD_DRIVERS=driver, **env_extra)
    env.pop("BOTU_LIVING_DOCS", None)
    selection = " or ".join(tests or (*BROKEN_BY_FAULT, UNAFFECTED))
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


CLI_REFUSED = "test_alleen_wie_meedoet_kan_ondertekenen"  # botu refuses; the wrapper hides it

HIDE_REFUSALS = """#!{python}
# A broken botu adapter: when botu refuses (exit 1), it says all went well.
import subprocess, sys
done = subprocess.run([{botu!r}, *sys.argv[1:]], capture_output=True, text=True)
if done.returncode == 1:
    sys.stdout.write('{{"id": null}}\\n')
    sys.exit(0)
sys.stdout.write(done.stdout)
sys.stderr.write(done.stderr)
sys.exit(done.returncode)
"""


def test_a_cli_that_hides_refusals_fails_the_cli_items(tmp_path: Path) -> None:
    botu = Path(sys.executable).with_name("botu")
    wrapper = tmp_path / "botu-hides-refusals"
    wrapper.write_text(HIDE_REFUSALS.format(python=sys.executable, botu=str(botu)), encoding="utf-8")
    wrapper.chmod(0o755)
    result = run_with("cli-script", CLI_REFUSED, BOTU_BDD_CLI=str(wrapper))
    out = result.stdout
    assert result.returncode == 1, out
    assert f"FAILED tests/bdd/test_scenarios.py::{CLI_REFUSED}[cli-script]" in out, out
    # It fails where the Dutch message should be: every step before it passed.
    assert "er verscheen geen melding: botu weigerde niets" in out, out
    assert "in _message" in out, out  # the step 'Dan verschijnt de melding "…"'
    assert "1 failed" in out and "passed" not in out.splitlines()[-1], out
