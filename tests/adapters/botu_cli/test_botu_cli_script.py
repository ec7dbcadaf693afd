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
from conftest import BOTU, botu, botu_parallel, cli_env


def test_example_load_is_idempotent_and_queries_match_the_read_models(tmp_path: Path) -> None:
    db = tmp_path / "botu.db"
    first = botu("example", "load", "botu-2021", "--json", db=db)
    assert first.code == 0, first.err
    coop_id = first.json()["id"]
    log_1 = botu("log", "--json", db=db).json()

    again = botu("example", "load", "botu-2021", db=db)  # human output: the id alone on stdout
    assert again.code == 0, again.err
    assert again.out.strip() == coop_id
    assert "Gelukt" in again.err
    assert "━" not in again.err  # no progress bar when not on a terminal

    budget, projects, compliance, log_2, budget_human, compliance_en = botu_parallel(
        db,
        ("budget", "show", "--json"),
        ("project", "list", "--json"),
        ("compliance", "--year", "2021", "--json"),
        ("log", "--json"),
        ("budget", "show", "--year", "2021"),
        ("--lang", "en", "compliance", "--year", "2021"),
    )
    assert len(log_2.json()) == len(log_1) > 50  # loading twice recorded nothing new
    assert [e["type"] for e in log_1][:2] == ["CooperationFounded", "PartyJoined"]
    assert set(log_1[0]) >= {"position", "type", "timestamp"}

    lines = {(b["source"], b["year"]): b for b in budget.json()}
    assert lines[("BoTu2028", 2021)]["left"] == "12500.00"
    assert lines[("Aardgasvrij", 2021)]["left"] == "20000.00"
    assert lines[("BoTu2028", 2021)]["available"] == "50000.00"
    assert set(lines[("BoTu2028", 2021)]) >= {"source", "year", "available", "allocated", "spent", "left"}

    [year] = compliance.json()
    assert year["year"] == 2021 and year["ok"] is True and year["findings"] == []
    assert year["plenary_meetings"] >= 3 and year["evaluation_recorded"] is True

    # Human output: Dutch amounts, a table; English on request.
    assert "€ 12.500,00" in budget_human.out and "€ 20.000,00" in budget_human.out
    assert "beschikbaar" in budget_human.out
    assert "plenary meetings" in compliance_en.out and "yes" in compliance_en.out

    # --json gives exactly what the library's read models give.
    with Cooperations(str(db)) as app:
        assert budget.json() == to_json_data(app.budget(coop_id))
        assert projects.json() == to_json_data(app.projects(coop_id))
        assert compliance.json() == to_json_data(app.compliance(coop_id, 2021))
        assert len(log_1) == len(app.log(coop_id))


def test_a_whole_year_of_the_agreement_through_the_console_script(tmp_path: Path) -> None:
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
    hoek = ok("party", "join", "Buurtcentrum De Hoek", "--kind", "initiative", "--on", "2021-10-01")
    ok("party", "join", "Gemeente Teststad", "--kind", "municipality", "--on", "2021-10-01")
    ok("agreement", "sign", "Anna Bakker", "--note", "Ik doe mee voor mijn buren.", "--capacity", "bewoner",
       "--on", "2021-10-02")
    for day in ("2021-10-05", "2021-11-05", "2021-12-06"):
        ok("meeting", "record", "--kind", "monthly", "--date", day, "--attendee", "Anna Bakker", "--attendee", hoek)
    plenary = [
        ok("meeting", "record", "--kind", "plenary", "--date", day, "--attendee", anna, "--attendee", "Gemeente Teststad")
        for day in ("2021-10-10", "2021-11-10", "2021-12-10")
    ]
    project = ok("project", "start", "Zonnedak", "--plan", "Zonnepanelen op het buurthuis.",
                 "--contact", "Buurtcentrum De Hoek", "--co-benefit", "greening", "--on", "2021-10-11")
    ok("indicator", "define", "Zonnedak", "Panelen", "--unit", "stuks", "--target", "40", "--on", "2021-10-11")
    ok("indicator", "measure", project, "Panelen", "12", "--on", "2021-12-01")
    ok("budget", "fund", "BoTu2028", "50000", "--year", "2021", "--on", "2021-10-01")
    decision = ok("decision", "record", "--meeting", plenary[1], "--subject", "Begroting 2021",
                  "--text", "Zonnedak krijgt 12.500 euro.")
    allocation = ok("budget", "allocate", "Zonnedak", "12.500,00", "--source", "BoTu2028", "--year", "2021",
                    "--decision", decision, "--on", "2021-11-10")
    ok("budget", "spend", allocation, "2500.50", "--description", "Panelen gekocht", "--on", "2021-11-20")
    ok("benefit", "record", "Zonnedak", "--euros", "300", "--co2-kg", "450,5", "--from", "2021-11-01",
       "--until", "2021-12-31")
    disagreement = ok("disagreement", "raise", "--by", "Anna Bakker", "--about", "Plek van de panelen",
                      "--on", "2021-11-12")
    ok("disagreement", "resolve", disagreement, "--outcome", "Panelen op het zuiden.", "--meeting", plenary[2])
    ok("evaluation", "record", "--year", "2021", "--process", "Goed samengewerkt.", "--goals", "Op weg.",
       "--results", "Eén zonnedak.", "--meeting", plenary[2])

    compliance, budget, projects, disagreements, parties, budget_human = botu_parallel(
        db,
        ("compliance", "--year", "2021", "--json"),
        ("budget", "show", "--json"),
        ("project", "list", "--json"),
        ("disagreement", "list", "--json"),
        ("party", "list", "--json"),
        ("budget", "show"),
    )
    [year] = compliance.json()
    assert year == {
        "year": 2021,
        "plenary_meetings": 3,
        "monthly_consultations": 3,
        "months_without_consultation": [],
        "evaluation_recorded": True,
        "ok": True,
        "findings": [],
    }
    assert budget.json() == [
        {"source": "BoTu2028", "year": 2021, "available": "50000.00", "allocated": "12500.00",
         "spent": "2500.50", "left": "37500.00"}
    ]
    [zonnedak] = projects.json()
    assert (zonnedak["title"], zonnedak["contact_name"], zonnedak["benefit_euros"]) == (
        "Zonnedak", "Buurtcentrum De Hoek", "300.00")
    assert zonnedak["indicators"][0]["measurements"][0]["value"] == "12"
    assert [(d["id"], d["status"]) for d in disagreements.json()] == [(disagreement, "resolved")]
    assert [(p["name"], p["kind"]) for p in parties.json()] == [
        ("Anna Bakker", "resident"), ("Buurtcentrum De Hoek", "initiative"), ("Gemeente Teststad", "municipality")]
    assert "€ 37.500,00" in budget_human.out and "€ 2.500,50" in budget_human.out


def test_exit_codes_of_the_console_script(tmp_path: Path) -> None:
    db = tmp_path / "botu.db"
    assert botu("coop", "create", "Energiewijk Test", "--founded-on", "2021-10-01", db=db).code == 0
    damaged = tmp_path / "kapot.db"
    damaged.write_bytes(b"dit is geen database" * 500)
    unknown_party, bad_amount_json, damaged_store, no_command, helped, module = botu_parallel(
        db,
        ("party", "show", "Niemand"),
        ("budget", "fund", "BoTu2028", "12,5,0", "--year", "2021", "--json"),
        ("--db", str(damaged), "coop", "list"),
        ("onzin",),
        ("budget", "allocate", "--help"),
        ("log", "--json"),
    )
    assert unknown_party.code == 1 and unknown_party.out == ""
    assert "Er is geen partij 'Niemand'" in unknown_party.err and "Traceback" not in unknown_party.err

    assert bad_amount_json.code == 2
    error = bad_amount_json.json()
    assert error["code"] == "amount.invalid" and "geen geldig bedrag" in error["message"]

    assert damaged_store.code == 3 and "opslag" in damaged_store.err and "Traceback" not in damaged_store.err
    assert no_command.code == 2 and "kent de opdracht 'onzin' niet" in no_command.err
    assert helped.code == 0 and "Voorbeeld / Example" in helped.out and "botu budget allocate" in helped.out
    assert module.code == 0 and module.json()[0]["type"] == "CooperationFounded"

    # `python -m botu_cli` is the same program.
    done = subprocess.run([sys.executable, "-m", "botu_cli", "--db", str(db), "coop", "list", "--json"],
                          capture_output=True, text=True, env=cli_env(), timeout=60)
    assert done.returncode == 0 and json.loads(done.stdout)[0]["slug"] == "energiewijk-test"


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
