"""The real console script `botu`, in subprocesses: the example, a whole year, exit codes.

Every run starts a Python process (about a second), so related checks share a run,
and read-only runs go in parallel.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

from botu_core import Cooperations, to_json_data
from botu_core.examples import terms_2021
from cli_helpers import BOTU, botu, botu_parallel, cli_env


def test_example_load_is_idempotent_and_queries_match_the_read_models(tmp_path: Path) -> None:
    db = tmp_path / "botu.db"
    first = botu("example", "load", "botu-2021", "--json", db=db)
    assert first.code == 0, first.err
    coop_id = first.json()["id"]
    with Cooperations(str(db)) as app:
        events = len(app.log(coop_id))
    assert events > 50

    again = botu("example", "load", "botu-2021", db=db)  # human output: the id alone on stdout
    assert again.code == 0, again.err
    assert again.out.strip() == coop_id
    assert "Gelukt" in again.err
    assert "━" not in again.err  # no progress bar when not on a terminal

    damaged = tmp_path / "kapot.db"
    damaged.write_bytes(b"dit is geen database" * 500)
    budget, projects, compliance, unknown_party, bad_amount, damaged_store, helped = botu_parallel(
        db,
        ("budget", "show", "--json"),
        ("project", "list", "--json"),
        ("compliance", "--year", "2021", "--json"),
        ("budget", "allocate", "Niemand", "100", "--source", "BoTu2028", "--year", "2021", "--decision", "decision-2"),
        ("budget", "fund", "BoTu2028", "12,5,0", "--year", "2021", "--json"),
        ("--db", str(damaged), "coop", "list"),
        ("budget", "allocate", "--help"),
    )
    # `python -m botu_cli` is the same program.
    done = subprocess.run([sys.executable, "-m", "botu_cli", "--db", str(db), "log", "--json"],
                          capture_output=True, text=True, env=cli_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    log = json.loads(done.stdout)
    assert len(log) == events  # loading twice and the refused commands recorded nothing
    assert [e["type"] for e in log][:2] == ["CooperationFounded", "PartyJoined"]
    assert set(log[0]) >= {"position", "type", "timestamp"}

    lines = {(b["source"], b["year"]): b for b in budget.json()}
    assert lines[("BoTu2028", 2021)]["left"] == "12500.00"
    assert lines[("Aardgasvrij", 2021)]["left"] == "20000.00"
    assert lines[("BoTu2028", 2021)]["available"] == "50000.00"
    assert set(lines[("BoTu2028", 2021)]) >= {"source", "year", "available", "allocated", "spent", "left"}

    [year] = compliance.json()
    assert year["year"] == 2021 and year["ok"] is True and year["findings"] == []
    assert year["plenary_meetings"] >= 3 and year["evaluation_recorded"] is True

    # --json gives exactly what the library's read models give.
    with Cooperations(str(db)) as app:
        assert budget.json() == to_json_data(app.budget(coop_id))
        assert projects.json() == to_json_data(app.projects(coop_id))
        assert compliance.json() == to_json_data(app.compliance(coop_id, 2021))

    # Exit codes of the real script: 1 a rule refused, 2 bad input, 3 the store, 0 help.
    assert unknown_party.code == 1 and unknown_party.out == ""
    assert "Er is geen project 'Niemand'" in unknown_party.err and "Traceback" not in unknown_party.err
    assert bad_amount.code == 2
    error = bad_amount.json()
    assert error["code"] == "amount.invalid" and "geen geldig bedrag" in error["message"]
    assert damaged_store.code == 3 and "opslag" in damaged_store.err and "Traceback" not in damaged_store.err
    assert helped.code == 0 and "Voorbeeld / Example" in helped.out and "botu budget allocate" in helped.out


def test_a_whole_year_of_the_agreement_through_the_console_script(tmp_path: Path) -> None:
    """The contract's commands, one process each, for the cooperation's first year (from October 2021).

    The commands not in the contract's table are run in-process in test_botu_cli_commands.py.
    """
    db = tmp_path / "jaar.db"
    terms = tmp_path / "overeenkomst.json"
    terms.write_text(json.dumps(to_json_data(terms_2021()), ensure_ascii=False), encoding="utf-8")

    def ok(*args: str) -> str:
        result = botu(*args, "--json", db=db)
        assert result.code == 0, (args, result.err, result.out)
        return str(result.json()["id"])

    ok("coop", "create", "Energiewijk Test", "--neighbourhood", "Testwijk", "--founded-on", "2021-10-01")
    assert ok("agreement", "adopt", str(terms), "--on", "2021-10-01") == "1"
    anna = ok("party", "join", "Anna Bakker", "--kind", "resident", "--phone", "06 1111 2222", "--share-contact",
              "--on", "2021-10-01")
    assert ok("agreement", "sign", "Anna Bakker", "--note", "Ik doe mee voor mijn buren.", "--capacity", "bewoner",
              "--on", "2021-10-02") == anna
    for day in ("2021-10-05", "2021-11-05", "2021-12-06"):
        ok("meeting", "record", "--kind", "monthly", "--date", day, "--attendee", "Anna Bakker")
    plenary = [ok("meeting", "record", "--kind", "plenary", "--date", day, "--attendee", anna)
               for day in ("2021-10-10", "2021-11-10", "2021-12-10")]
    project = ok("project", "start", "Zonnedak", "--plan", "Zonnepanelen op het buurthuis.",
                 "--contact", "Anna Bakker", "--co-benefit", "greening", "--on", "2021-10-11")
    ok("indicator", "define", project, "Panelen", "--unit", "stuks", "--target", "40", "--on", "2021-10-11")
    ok("budget", "fund", "BoTu2028", "50000", "--year", "2021", "--on", "2021-10-01")
    decision = ok("decision", "record", "--meeting", plenary[1], "--subject", "Begroting 2021",
                  "--text", "Zonnedak krijgt 12.500 euro.")
    allocation = ok("budget", "allocate", "Zonnedak", "12.500,00", "--source", "BoTu2028", "--year", "2021",
                    "--decision", decision, "--on", "2021-11-10")
    disagreement = ok("disagreement", "raise", "--by", "Anna Bakker", "--about", "Plek van de panelen",
                      "--on", "2021-11-12")
    ok("disagreement", "resolve", disagreement, "--outcome", "Panelen op het zuiden.", "--meeting", plenary[2])
    ok("evaluation", "record", "--year", "2021", "--process", "Goed samengewerkt.", "--goals", "Op weg.",
       "--results", "Eén zonnedak.", "--meeting", plenary[2])

    compliance, budget, disagreements, parties, budget_human = botu_parallel(
        db,
        ("compliance", "--year", "2021", "--json"),
        ("budget", "show", "--json"),
        ("disagreement", "list", "--json"),
        ("party", "list", "--json"),
        ("budget", "show"),
    )
    [year] = compliance.json()
    assert year == {
        "year": 2021,
        "plenary_meetings": 3,
        "consultations": 3,
        "missing_consultation_periods": [],
        "evaluation_recorded": True,
        "ok": True,
        "findings": [],
        # what was required, from the agreement version in force at the end of 2021
        "version": 1,
        "required_plenary_meetings": 3,
        "consultation": "monthly",
        "evaluation_required": True,
        "indicators_required": True,
        "disagreement_open_days": 90,
        "checked": True,
    }
    assert budget.json() == [
        {"source": "BoTu2028", "year": 2021, "available": "50000.00", "allocated": "12500.00",
         "spent": "0.00", "left": "37500.00"}
    ]
    assert allocation.startswith("allocation-")
    assert [(d["id"], d["status"]) for d in disagreements.json()] == [(disagreement, "resolved")]
    assert [(p["id"], p["name"], p["kind"]) for p in parties.json()] == [(anna, "Anna Bakker", "resident")]
    assert "€ 37.500,00" in budget_human.out and "€ 12.500,00" in budget_human.out


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal (a pseudo-terminal here) `example load` draws a progress bar on stderr."""
    import pty

    master, slave = pty.openpty()
    env = cli_env()
    env["TERM"] = "xterm"
    process = subprocess.Popen([str(BOTU), "--db", str(tmp_path / "botu.db"), "example", "load", "botu-2021"],
                               stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    os.close(master)
    assert process.wait(timeout=30) == 0
    text = output.decode("utf-8", "replace")
    assert "Voorbeeld laden" in text and "━" in text
