"""Which scenario runs under which driver: the needs read from the steps, the drivers'
``unsupported`` lists, and the deselection (not skipping) that follows from them."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.steps import step_function_context_registry

from capabilities import ABSTRACT, StepNeeds, driver_method_needs
from drivers import DRIVERS, NotSupported

ROOT = Path(__file__).resolve().parents[2]
CONFTEST = Path(__file__).with_name("conftest.py")


def steps() -> dict[str, Any]:
    """The step functions of ``conftest.py`` by name."""
    found = {}
    for context in list(step_function_context_registry.values()):
        func = context.step_func
        if Path(func.__code__.co_filename) == CONFTEST:
            found[func.__name__] = func
    assert found, "no step definitions found"
    return found


def needs_of(name: str) -> frozenset[str]:
    func = steps()[name]
    return StepNeeds(func.__globals__, func.__globals__["World"]).of(func)


def test_the_needs_of_a_step_are_read_from_its_code() -> None:
    # A Gegeven step calls the driver directly.
    assert needs_of("_found") == {"found_cooperation"}
    # An Als step goes through World.attempt, which counts the log first.
    assert needs_of("_join") == {"join", "log"}
    assert needs_of("_coordinators") == {"choose_coordinators", "log"}
    # A helper of the module (_decide) and a concrete helper of Driver (decision -> decisions).
    assert needs_of("_decided") == {"take_decision"}
    assert needs_of("_taken") == {"decisions"}
    # Checking a refusal needs nothing of the driver; checking that nothing was recorded reads the log.
    assert needs_of("_message") == frozenset()
    assert needs_of("_nothing_recorded") == {"log"}
    # _all_views reads every overview.
    assert {"parties", "agreement", "agreement_versions", "budget", "compliance"} <= needs_of("_views_same")
    assert driver_method_needs("party") == {"parties"}
    assert driver_method_needs("event_count") == {"log"}


@pytest.mark.parametrize("name", sorted(DRIVERS))
def test_a_driver_lacks_only_real_methods_and_refuses_them(name: str) -> None:
    spec = DRIVERS[name]
    assert spec.unsupported <= ABSTRACT, f"{name}: {sorted(spec.unsupported - ABSTRACT)} are no driver methods"
    if not spec.unsupported:
        return
    driver = spec.make(dt.date(2026, 11, 26))
    try:
        for method in sorted(spec.unsupported):
            with pytest.raises(NotSupported):
                getattr(driver, method)(*([None] * _arity(getattr(driver, method))))
    finally:
        driver.close()


def _arity(method: Any) -> int:
    import inspect

    return sum(
        1
        for p in inspect.signature(method).parameters.values()
        if p.default is inspect.Parameter.empty and p.kind is not inspect.Parameter.KEYWORD_ONLY
    )


def test_combinations_a_driver_cannot_run_are_deselected_and_counted() -> None:
    # The faulty driver lacks choose_coordinators on purpose (the others lack nothing now).
    env = dict(os.environ, BOTU_BDD_DRIVERS="library,faulty")
    env.pop("BOTU_LIVING_DOCS", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd/test_scenarios.py", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    items = [line for line in out.splitlines() if line.startswith("tests/bdd/test_scenarios.py::")]
    library = [i for i in items if "[library]" in i or "[library-" in i]  # outlines: [library-<example>]
    faulty = [i for i in items if "[faulty]" in i or "[faulty-" in i]
    # Every scenario runs under the library; under the faulty driver all but the three
    # scenarios about choosing coordinators, which are deselected (not skipped) and counted.
    deselected = int(re.search(r"(\d+) deselected", out).group(1))  # type: ignore[union-attr]
    assert deselected == 3
    assert len(library) == len(faulty) + deselected
    assert not [i for i in items if "partijen_worden_gekozen_om_het_proces_te_regelen[faulty" in i]
    assert "test_partijen_worden_gekozen_om_het_proces_te_regelen[library]" in out
    assert "[faulty] 3 scenario('s): mist choose_coordinators" in out
