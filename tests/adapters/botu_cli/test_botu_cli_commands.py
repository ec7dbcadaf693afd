"""Every command and error path of `botu`, run in-process (``botu_cli.main.main``).

The same argument parsing, exit codes and output as the console script, without
starting a process per check. Each refusal must give exit code 1 (a rule) or 2 (bad
input), a clear Dutch message, and leave the log exactly as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from botu_core import Cooperations, to_json_data
from botu_core.examples import EXAMPLES
from cli_helpers import Result

Run = Callable[..., Result]


def load_example(path: Path) -> str:
    with Cooperations(str(path)) as app:
        coop_id: str = EXAMPLES["botu-2021"](app)
    return coop_id


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example history, shared by the checks that must not change it."""
    path = tmp_path_factory.mktemp("example") / "botu.db"
    load_example(path)
    return path


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    path = tmp_path / "botu.db"
    load_example(path)
    return path


def log_length(run: Run, db: Path) -> int:
    result = run("log", "--json", db=db)
    assert result.code == 0, result.err
    return len(result.json())


A = "Sociaal incasseren"  # a project of the example with BoTu2028 money
REFUSED = [
    # (arguments, exit code, part of the Dutch message)
    (["party", "show", "Niemand"], 1, "Er is geen partij 'Niemand'"),
    (["party", "join", "Henk de Vries", "--kind", "resident"], 1, "Er doet al een partij mee met de naam"),
    (["party", "join", "Nieuw", "--kind", "alien"], 2, "'alien' is geen geldige keuze voor --kind"),
    (["party", "join", "Nieuw", "--kind", "resident", "--email", "geen-mail"], 2, "geen geldig e-mailadres"),
    (["party", "join", "Nieuw", "Iemand", "--kind", "resident"], 2, "Er staat te veel in de opdracht"),
    (["party", "join", "Nieuw"], 2, "Vul --kind in"),
    (["party", "leave", "Niemand"], 1, "Er is geen partij"),
    (["budget", "allocate", A, "-100", "--source", "BoTu2028", "--year", "2021", "--decision", "decision-2"], 2,
     "Het bedrag moet groter zijn dan € 0,00"),
    (["budget", "fund", "BoTu2028", "0", "--year", "2021"], 2, "groter zijn dan € 0,00"),
    (["budget", "fund", "BoTu2028", "12,34,5", "--year", "2021"], 2, "geen geldig bedrag"),
    (["budget", "fund", "BoTu2028", "veel", "--year", "2021"], 2, "geen geldig bedrag"),
    (["budget", "fund", "BoTu2028", "1.5,5", "--year", "2021"], 2, "Schrijf een bedrag als 25.000 of 12,50"),
    (["budget", "fund", "BoTu2028", "100,5.5", "--year", "2021"], 2, "geen geldig bedrag"),
    (["budget", "fund", "BoTu2028", "12500.00", "--year", "2021"], 2, "geen geldig bedrag"),
    (["--lang", "en", "budget", "fund", "BoTu2028", "12,50", "--year", "2021"], 2, "Write an amount as 25,000 or 12.50"),
    (["--lang", "en", "budget", "fund", "BoTu2028", "25.000", "--year", "2021"], 2, "more than two decimals"),
    (["budget", "fund", "BoTu2028", "1,005", "--year", "2021"], 2, "meer dan twee cijfers achter de komma"),
    (["budget", "fund", "BoTu2028", "100", "--year", "twintig"], 2, "geen geldig jaar"),
    (["budget", "fund", "BoTu2028", "100", "--year", "1999"], 2, "geen geldig jaar"),
    (["budget", "allocate", A, "100", "--source", "Onbekend", "--year", "2021", "--decision", "decision-2"], 1,
     "Er is geen geld van 'Onbekend' in 2021"),
    (["budget", "allocate", A, "100", "--source", "BoTu2028", "--year", "2023", "--decision", "decision-2"], 1,
     "Er is geen geld van 'BoTu2028' in 2023"),
    (["budget", "allocate", A, "12.500,01", "--source", "BoTu2028", "--year", "2021", "--decision", "decision-2"], 1,
     "nog € 12.500,00 over"),
    (["budget", "allocate", A, "100", "--source", "BoTu2028", "--year", "2021", "--decision", "decision-99"], 1,
     "Er is geen besluit 'decision-99'"),
    (["budget", "allocate", "Bestaat niet", "100", "--source", "BoTu2028", "--year", "2021", "--decision",
      "decision-2"], 1, "Er is geen project 'Bestaat niet'"),
    (["budget", "allocate", A, "100", "--source", "BoTu2028", "--year", "2021"], 2, "Vul --decision in"),
    (["budget", "spend", "allocation-1", "999999", "--description", "Te veel"], 1, "Dat kan niet"),
    (["budget", "withdraw", "allocation-1", "--reason", "Toch niet"], 1, "kan niet worden ingetrokken"),
    (["budget", "show", "--year", "twintig"], 2, "geen geldig jaar"),
    (["meeting", "record", "--kind", "plenary", "--date", "15-09-2021"], 2, "Schrijf de datum als JJJJ-MM-DD"),
    (["meeting", "record", "--kind", "plenary", "--date", "2021-02-30"], 2, "geen geldige datum"),
    (["meeting", "record", "--kind", "plenary", "--date", "2999-01-01"], 2, "ligt in de toekomst"),
    (["meeting", "record", "--kind", "plenary", "--date", "2020-01-01"], 1, "voor de start van de samenwerking"),
    (["meeting", "record", "--kind", "jaarlijks", "--date", "2021-09-15"], 2, "Kies uit: plenary, consultation, evaluation"),
    (["meeting", "record", "--kind", "plenary", "--date", "2021-09-15", "--attendee", "Niemand"], 1,
     "Er is geen partij 'Niemand'"),
    (["decision", "record", "--meeting", "meeting-99", "--subject", "X", "--text", "Y"], 1, "Er is geen bijeenkomst"),
    (["project", "start", "Nieuw", "--plan", "", "--contact", "Henk de Vries"], 2, "Vul 'plan' in"),
    (["project", "start", "Nieuw", "--plan", "   ", "--contact", "Henk de Vries"], 2, "Vul 'plan' in"),
    (["project", "start", "Nieuw", "--contact", "Henk de Vries"], 2, "Vul --plan in"),
    (["project", "start", "Nieuw", "--plan", "Iets", "--contact", "Niemand"], 1, "Er is geen partij 'Niemand'"),
    (["project", "start", "Nieuw", "--plan", "Iets", "--contact", "Henk de Vries", "--co-benefit", "geld"], 2,
     "Kies uit: education"),
    (["project", "update-plan", A, "--plan", ""], 2, "Vul 'plan' in"),
    (["project", "show", "Bestaat niet"], 1, "Er is geen project"),
    (["indicator", "measure", A, "Iets", "veel"], 2, "geen geldig getal"),
    (["benefit", "record", A, "--euros", "10", "--co2-kg", "1", "--from", "2021-12-31", "--until", "2021-01-01"], 2,
     "De periode eindigt voor hij begint"),
    (["benefit", "record", A, "--euros", "-10", "--co2-kg", "1", "--from", "2021-01-01", "--until", "2021-12-31"], 2,
     "Het bedrag"),
    (["agreement", "sign", "Fatima El Amrani", "--note", "Nog een keer"], 1, "heeft versie 2 al ondertekend"),
    (["agreement", "sign", "Niemand", "--note", "Hallo"], 1, "Er is geen partij"),
    (["agreement", "sign", "Henk de Vries"], 2, "Vul --note in"),
    (["agreement", "show", "--version", "9"], 1, "Versie 9 van de overeenkomst bestaat niet"),
    (["agreement", "show", "--as-of", "2021-07-02"], 1, "Versie 1 van de overeenkomst bestaat niet"),
    (["agreement", "show", "--as-of", "1-10-2021"], 2, "JJJJ-MM-DD"),
    (["agreement", "revise", "bestaat-niet.json", "--reason", "x", "--evaluation", "evaluation-1"], 2,
     "kan niet gelezen worden"),
    (["opinion", "give", "decision-2", "--party", "Henk de Vries", "--stance", "for"], 1, "is al genomen"),
    (["opinion", "give", "decision-2", "--party", "Henk de Vries", "--stance", "misschien"], 2,
     "Kies uit: for, against, neutral"),
    (["disagreement", "raise", "--by", "Niemand", "--about", "Iets"], 1, "Er is geen partij"),
    (["disagreement", "raise", "--by", "Henk de Vries", "--about", ""], 2, "Vul 'waarover' in"),
    (["disagreement", "resolve", "disagreement-1", "--outcome", "Nog eens"], 1, "is al opgelost"),
    (["disagreement", "resolve", "disagreement-9", "--outcome", "Iets"], 1, "Er is geen onenigheid"),
    (["disagreement", "list", "--status", "half"], 2, "geen geldige keuze"),
    (["evaluation", "record", "--year", "2021", "--process", "a", "--goals", "b", "--results", "c"], 1,
     "Het jaar 2021 is al geëvalueerd"),
    (["log", "--since", "gisteren"], 2, "geen geldige datum"),
    (["onzin"], 2, "botu kent de opdracht 'onzin' niet"),
    (["budget", "show", "--onzin"], 2, "botu kent de optie '--onzin' niet"),
    (["--lang", "fr", "coop", "show"], 2, "Kies uit: nl, en"),
    (["--coop", "andere", "coop", "show"], 1, "Er is geen samenwerking 'andere'"),
    (["example", "load", "onbekend"], 2, "Er is geen voorbeeld 'onbekend'"),
]


def test_bad_input_and_refusals_give_a_clear_dutch_message_and_leave_the_log_alone(
    run_inproc: Run, example_db: Path
) -> None:
    before = log_length(run_inproc, example_db)
    failures = []
    for args, code, message in REFUSED:
        result = run_inproc(*args, db=example_db)
        if result.code != code or message not in result.err or result.out or "Traceback" in result.err:
            failures.append((args, result))
    assert failures == []
    assert log_length(run_inproc, example_db) == before


def test_errors_with_json_are_one_json_object_on_stdout(run_inproc: Run, example_db: Path, tmp_path: Path) -> None:
    refused = run_inproc("budget", "allocate", A, "99999", "--source", "BoTu2028", "--year", "2021",
                         "--decision", "decision-2", "--json", db=example_db)
    assert refused.code == 1
    error = json.loads(refused.out)
    assert error["code"] == "budget.exceeds_left"
    assert error["message"].startswith("Dat kan niet") and error["message_en"].startswith("Not possible")
    assert error["message"] in refused.err

    usage = run_inproc("--json", "project", "start", "X", db=example_db)
    assert usage.code == 2 and json.loads(usage.out)["code"] == "cli.missing"

    english = run_inproc("--lang", "en", "party", "show", "Niemand", "--json", db=example_db)
    assert english.code == 1
    assert json.loads(english.out)["message"] == "There is no party 'Niemand' in this cooperation."
    assert english.err.startswith("Error: There is no party")

    bad_file = tmp_path / "kapot.json"
    bad_file.write_text("{ geen json", encoding="utf-8")
    wrong_shape = tmp_path / "vorm.json"
    wrong_shape.write_text('{"title": "Alleen een titel"}', encoding="utf-8")
    for path in (bad_file, wrong_shape):
        result = run_inproc("agreement", "revise", str(path), "--reason", "x", "--evaluation", "evaluation-1",
                            "--json", db=example_db)
        assert result.code == 2
        assert json.loads(result.out)["code"] in ("input.invalid_json", "agreement.terms_missing")

    store = run_inproc("coop", "list", "--json", db=tmp_path / "bestaat" / "niet" / "hier.db")
    assert store.code == 3 and json.loads(store.out)["code"] == "store.unavailable"
    unknown_store = run_inproc("coop", "list", db="ftp://ergens")
    assert unknown_store.code == 2 and "geen database die botu kent" in unknown_store.err


def test_queries_match_the_library_and_show_dutch_or_english(run_inproc: Run, example_db: Path) -> None:
    with Cooperations(str(example_db)) as app:
        coop = app.resolve(None)
        expected = {
            ("party", "list"): to_json_data(app.parties(coop)),
            ("party", "show", "Gemeente Rotterdam"): to_json_data(app.party(coop, "Gemeente Rotterdam")),
            ("project", "show", "project-2"): to_json_data(app.project(coop, "project-2")),
            ("budget", "show", "--year", "2021"): to_json_data(app.budget(coop, 2021)),
            ("budget", "allocations"): to_json_data(app.allocations(coop)),
            ("meeting", "list", "--year", "2021"): to_json_data(app.meetings(coop, 2021)),
            ("decision", "list"): to_json_data(app.decisions(coop)),
            ("disagreement", "list", "--status", "resolved"): to_json_data(app.disagreements(coop, "resolved")),
            ("evaluation", "list"): to_json_data(app.evaluations(coop)),
            ("benefit", "show"): to_json_data(app.benefits(coop)),
            ("compliance",): to_json_data(app.compliance(coop)),
            ("agreement", "show", "--version", "1"): to_json_data(app.agreement(coop, 1)),
            ("coop", "show"): to_json_data(app.cooperation(coop)),
            ("coop", "list"): to_json_data(app.cooperations()),
            ("log", "--since", "2021-10-01", "--until", "2021-10-31"): to_json_data(
                app.log(coop, since=__import__("datetime").date(2021, 10, 1),
                        until=__import__("datetime").date(2021, 10, 31))),
        }
    for args, data in expected.items():
        result = run_inproc(*args, "--json", db=example_db)
        assert result.code == 0, (args, result.err)
        assert result.json() == data, args
    parties = run_inproc("party", "list", "--json", db=example_db).json()
    assert {"id", "name", "kind"} <= set(parties[0])
    assert all(p["phone"] is None for p in parties if not p["share_contact"])  # no contact without consent

    # As of a date: version 1 at the end of 2021, version 2 (adopted February 2022) after that.
    assert run_inproc("agreement", "show", "--as-of", "2021-12-31", "--json", db=example_db).json()["version"] == 1
    assert run_inproc("agreement", "show", "--as-of", "2022-03-01", "--json", db=example_db).json()["version"] == 2
    versions = run_inproc("agreement", "versions", "--json", db=example_db).json()
    assert [(v["version"], v["is_current"]) for v in versions] == [(1, False), (2, True)]
    diff = run_inproc("agreement", "diff", "1", "2", "--json", db=example_db).json()
    assert (diff["from_version"], diff["to_version"]) == (1, 2)
    assert {"changed", "added"} <= {c["change"] for c in diff["changes"]}

    # Human output: tables and sentences, Dutch by default, English with --lang en.
    dutch = {args: run_inproc(*args, db=example_db) for args in [
        ("project", "list"), ("party", "show", "Henk de Vries"), ("agreement", "show"), ("log",),
        ("disagreement", "list"), ("compliance", "--year", "2021"), ("agreement", "diff", "1", "2")]}
    assert all(r.code == 0 for r in dutch.values())
    assert "€ 20.000,00" in dutch[("project", "list")].out and "loopt" in dutch[("project", "list")].out
    assert "1 juli 2021" in dutch[("party", "show", "Henk de Vries")].out
    assert "Waarden" in dutch[("agreement", "show")].out and "gelijkwaardigheid" in dutch[("agreement", "show")].out
    assert "CooperationFounded" in dutch[("log",)].out
    assert "opgelost" in dutch[("disagreement", "list")].out
    assert "toegevoegd" in dutch[("agreement", "diff", "1", "2")].out
    english = run_inproc("--lang", "en", "project", "list", db=example_db)
    assert "€ 20,000.00" in english.out and "running" in english.out
    # The global options also work after the command.
    assert run_inproc("budget", "show", "--lang=en", db=example_db).out.count("available") == 1


def test_the_other_commands_change_what_the_library_shows(run_inproc: Run, fresh_db: Path, tmp_path: Path) -> None:
    def ok(*args: str) -> str | None:
        result = run_inproc(*args, "--json", db=fresh_db)
        assert result.code == 0, (args, result.out, result.err)
        return result.json()["id"]

    before = log_length(run_inproc, fresh_db)
    henk = ok("party", "update", "Henk de Vries", "--phone", "06 9999 0000", "--share-contact")
    assert ok("party", "leave", "Priya Ramdin", "--reason", "Verhuisd", "--on", "2022-01-10") == "party-3"
    assert ok("party", "rejoin", "Priya Ramdin", "--on", "2022-02-01") == "party-3"
    newcomer = ok("party", "join", "Kees Jansen", "--kind", "entrepreneur", "--on", "2022-01-05")
    assert ok("project", "update-plan", A, "--plan", "Een nieuw plan.", "--on", "2022-01-11") == "project-1"
    assert ok("project", "set-contact", A, "--contact", newcomer, "--on", "2022-01-12") == "project-1"
    indicator = ok("indicator", "define", A, "Gesprekken", "--unit", "gesprekken", "--target", "25", "--on",
                   "2022-01-13")
    ok("indicator", "measure", A, "Gesprekken", "7,5", "--on", "2022-01-20")
    ok("benefit", "record", A, "--euros", "1.250,50", "--co2-kg", "80", "--from", "2022-01-01", "--until",
       "2022-01-31")
    spending = ok("budget", "spend", "allocation-3", "500", "--description", "Folders", "--on", "2022-01-21")
    assert spending and spending.startswith("spending-")
    assert ok("budget", "withdraw", "allocation-4", "--reason", "Gaat niet door", "--on", "2022-01-22") == "allocation-4"
    proposal = ok("decision", "propose", "--subject", "Zonnepanelen", "--text", "Op het buurthuis.", "--on",
                  "2022-01-23")
    ok("opinion", "give", str(proposal), "--party", "Henk de Vries", "--stance", "for", "--comment", "Goed plan",
       "--on", "2022-01-24")
    meeting = ok("meeting", "record", "--kind", "plenary", "--date", "2022-01-25", "--title", "Overleg",
                 "--attendee", "Henk de Vries")
    ok("decision", "record", "--meeting", str(meeting), "--subject", "Zonnepanelen", "--text", "Ja.",
       "--proposal", str(proposal))
    disagreement = ok("disagreement", "raise", "--by", "Kees Jansen", "--about", "Folders", "--on", "2022-01-24")
    ok("disagreement", "discuss", str(disagreement), "--meeting", str(meeting), "--notes", "Besproken")
    ok("project", "complete", "Social return on investment", "--note", "Klaar", "--on", "2022-01-27")
    ok("project", "stop", "Inzet van sociale teams", "--reason", "Geen mensen", "--on", "2022-01-28")

    # A revision from the JSON that `agreement show --json` prints, edited.
    shown = run_inproc("agreement", "show", "--json", db=fresh_db).json()
    shown["goals"].append({"key": "nieuw-doel", "text": "Iedereen een warm huis."})
    terms = tmp_path / "nieuw.json"
    terms.write_text(json.dumps(shown, ensure_ascii=False), encoding="utf-8")
    assert ok("agreement", "revise", str(terms), "--reason", "Nieuw doel", "--decision", str(proposal),
              "--on", "2022-01-29") == "3"
    ok("agreement", "sign", "Kees Jansen", "--note", "Ik doe mee.", "--on", "2022-01-30")

    with Cooperations(str(fresh_db)) as app:
        coop = app.resolve(None)
        assert app.party(coop, henk or "").phone == "06 9999 0000"
        assert app.party(coop, "Priya Ramdin").active
        project = app.project(coop, A)
        assert (project.plan, project.contact_name) == ("Een nieuw plan.", "Kees Jansen")
        assert project.indicators[-1].id == indicator and str(project.indicators[-1].measurements[-1].value) == "7.5"
        assert str(project.spent) == "500.00" and str(project.benefit_euros) == "1250.50"
        statuses = {p.title: p.status for p in app.projects(coop)}
        assert statuses["Social return on investment"] == "completed"
        assert statuses["Inzet van sociale teams"] == "stopped"
        assert {a.id: a.status for a in app.allocations(coop)}["allocation-4"] == "withdrawn"
        decision = next(d for d in app.decisions(coop) if d.id == proposal)
        assert decision.status == "taken" and decision.opinions_for == 1
        assert [d.id for d in app.disagreements(coop, "open")] == [disagreement]
        agreement = app.agreement(coop)
        assert agreement.version == 3 and agreement.goals[-1].key == "nieuw-doel"
        assert [s.party_name for s in agreement.signatures] == ["Kees Jansen"]
        assert len(app.log(coop)) == before + 21  # one event per command above

    opened = run_inproc("disagreement", "list", "--status", "open", "--json", db=fresh_db).json()
    assert [(d["id"], d["status"]) for d in opened] == [(disagreement, "open")]
    human = run_inproc("party", "join", "Lotte", "--kind", "other", db=fresh_db)
    assert human.code == 0 and human.out.strip() == "party-12" and human.err.startswith("Gelukt")


def test_help_has_an_example_on_every_command(run_inproc: Run, example_db: Path) -> None:
    import click
    import typer

    from botu_cli.main import app

    root = typer.main.get_command(app)
    assert isinstance(root, click.Group)
    paths: list[list[str]] = [[]]
    for name, sub in root.commands.items():
        paths.append([name])
        if isinstance(sub, click.Group):
            paths.extend([name, child] for child in sub.commands)
    assert len(paths) > 45
    for path in paths:
        result = run_inproc(*path, "--help", db=example_db)
        assert result.code == 0, path
        assert "Voorbeeld / Example" in result.out and "$ botu" in result.out, path


def test_an_embedding_tool_gives_the_clock(fresh_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``main(argv, clock=...)``: "now" decides the date of a command without --on and
    what lies in the future — not the machine's clock."""
    import datetime as dt

    from botu_cli.main import main

    def at(day: dt.date) -> Callable[[], dt.datetime]:
        return lambda: dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)

    argv = ["--db", str(fresh_db), "--json", "meeting", "record", "--kind", "plenary", "--date", "2030-03-01"]
    capsys.readouterr()
    assert main(argv, clock=at(dt.date(2030, 2, 1))) == 2  # a month ahead of that "now"
    assert "ligt in de toekomst" in capsys.readouterr().out
    assert main(argv, clock=at(dt.date(2030, 4, 1))) == 0
    capsys.readouterr()
    assert main(["--db", str(fresh_db), "--json", "meeting", "list"], clock=at(dt.date(2030, 4, 1))) == 0
    held = [m["held_on"] for m in json.loads(capsys.readouterr().out)]
    assert "2030-03-01" in held


def test_a_file_botu_cannot_write_is_the_users_to_fix(
    fresh_db: Path, tmp_path: Path, run_inproc: Run
) -> None:
    before = run_inproc("--json", "log", db=fresh_db).json()
    for target in ("", str(tmp_path)):  # no name, a folder
        result = run_inproc("--json", "audit", "export", target, db=fresh_db)
        assert result.code == 2 and result.json()["code"] == "cli.out_not_file", result
        assert "is geen bestandsnaam" in result.json()["message"]
    missing = str(tmp_path / "nergens" / "log.jsonl")
    result = run_inproc("--json", "audit", "export", missing, db=fresh_db)
    assert result.code == 2 and result.json()["code"] == "cli.out_file"
    assert "kan niet geschreven worden" in result.json()["message"]
    english = run_inproc("--json", "--lang", "en", "audit", "report", "--year", "2021", "--out", str(tmp_path), db=fresh_db)
    assert english.code == 2 and "is not a file name" in english.json()["message"]
    assert run_inproc("--json", "log", db=fresh_db).json() == before


def test_amounts_and_numbers_are_read_in_the_language_of_the_run(run_inproc: Run, fresh_db: Path) -> None:
    dutch = run_inproc("budget", "fund", "Wijkfonds", "25.000", "--year", "2022", "--json", db=fresh_db)
    english = run_inproc("--lang", "en", "budget", "fund", "Buurtfonds", "25,000.50", "--year", "2022", "--json",
                         db=fresh_db)
    assert (dutch.code, english.code) == (0, 0), (dutch.err, english.err)
    measured = run_inproc("indicator", "measure", A, "indicator-1", "1.250,5", "--json", db=fresh_db)
    assert measured.code == 0, measured.err
    before = log_length(run_inproc, fresh_db)
    for args in (["budget", "fund", "Wijkfonds", "1.5,5"], ["budget", "fund", "Wijkfonds", "12.3,4"],
                 ["--lang", "en", "budget", "fund", "Wijkfonds", "100,5.5"],
                 ["--lang", "en", "budget", "fund", "Wijkfonds", "25.000"],
                 ["indicator", "measure", A, "indicator-1", "1.5,5"]):
        refused = run_inproc(*args, *(["--year", "2022"] if "fund" in args else []), db=fresh_db)
        assert refused.code == 2 and refused.out == "", (args, refused)
    assert log_length(run_inproc, fresh_db) == before
    with Cooperations(str(fresh_db)) as app:
        funds = {line.source: line.available for line in app.budget("botu", 2022)}
        project = app.project("botu", A)
    assert (str(funds["Wijkfonds"]), str(funds["Buurtfonds"])) == ("25000.00", "25000.50")
    assert str(next(i for i in project.indicators if i.id == "indicator-1").measurements[-1].value) == "1250.5"
