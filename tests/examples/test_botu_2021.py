"""The example history of 2021: it runs, it is idempotent, and its printed state is right."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from botu_core import Cooperations
from botu_core.examples import load_botu_2021

import botu_testing

ROOT = Path(__file__).resolve().parents[2]


def test_recording_twice_changes_nothing(tmp_path: Path) -> None:
    app = Cooperations(str(tmp_path / "botu.db"), clock=botu_testing.fixed_clock)
    steps: list[tuple[int, int]] = []
    coop = load_botu_2021(app, progress=lambda done, total: steps.append((done, total)))
    assert steps[-1][0] == steps[-1][1]  # the progress total is right
    events = len(app.events_of(coop))
    dump = app.read_models.dump()
    assert load_botu_2021(app) == coop
    assert len(app.events_of(coop)) == events
    assert app.read_models.dump() == dump
    app.close()


def test_the_history_follows_the_agreement(memory_app: Cooperations) -> None:
    coop = load_botu_2021(memory_app)
    v1 = memory_app.agreement(coop, 1)
    assert (len(v1.values), len(v1.goals), len(v1.working_agreements)) == (7, 5, 7)
    assert v1.values[0].text.startswith("We werken op basis van gelijkwaardigheid.")
    v2 = memory_app.agreement(coop)
    assert v2.version == 2 and v2.evaluation_id == "evaluation-1"
    kinds = {p.kind for p in memory_app.parties(coop)}
    assert kinds == {"resident", "initiative", "entrepreneur", "municipality", "housing-corporation", "energy-company", "other"}
    projects = memory_app.projects(coop)
    assert [p.title for p in projects] == [
        "Sociaal incasseren",
        "Duurzame buurthuiskamers",
        "€ én CO2-voordeel stapelen",
        "Inzet van sociale teams",
        "Social return on investment",
    ]
    assert all(p.plan and p.contact_name for p in projects)
    assert sum(line.available.cents for line in memory_app.budget(coop, 2021)) == 100_000_00
    assert [c.ok for c in memory_app.compliance(coop, 2021)] == [True]
    assert [d.status for d in memory_app.disagreements(coop)] == ["resolved"]


def test_the_script_prints_projects_budget_and_what_is_left(tmp_path: Path) -> None:
    db = tmp_path / "botu.db"
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "botu_2021.py"), str(db)], capture_output=True, text=True, check=True
    ).stdout
    for title in ["Sociaal incasseren", "Duurzame buurthuiskamers", "Inzet van sociale teams", "Social return on investment"]:
        assert title in out
    assert "€ 100.000,00" in out
    assert "€ 32.500,00" in out  # what is left of the €100,000
    assert "2021: in orde" in out
