"""The command line's contract for an agreement's commitments: the template other tools
start from, adopt/revise reading that document (bad files named by key, nothing recorded),
a dry run of a revision, and compliance with the required figures beside the actual ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Result

from botu_core import Cooperations

Run = Callable[..., Result]


def _events(db: Path) -> int:
    with Cooperations(str(db)) as app:
        return len(app.events_of(app.resolve(None)))


@pytest.fixture
def spangen(run_inproc: Run, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A store with Energiekring Spangen founded in 2022 and the template as Spangen edits it."""
    db = tmp_path / "spangen.db"
    made = run_inproc("coop", "create", "Energiekring Spangen", "--neighbourhood", "Spangen", "--founded-on",
                      "2022-01-01", db=db)
    assert made.code == 0, made.err
    template = run_inproc("--json", "agreement", "template", db=db)
    assert template.code == 0, template.err
    terms = template.json()
    terms["title"] = "Samenwerkingsovereenkomst Energiekring Spangen"
    terms["end_date"] = "2027-12-31"
    terms["commitments"].update(plenary_meetings_per_year=4, consultation="quarterly", minimum_end_date=None)
    return db, terms


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_template_is_a_whole_terms_document_with_botus_figures(run_inproc: Run, tmp_path: Path) -> None:
    result = run_inproc("--json", "agreement", "template", db=tmp_path / "leeg.db")
    assert result.code == 0, result.err
    data = result.json()
    assert set(data) == {"title", "organisation", "values", "goals", "working_agreements", "end_date", "commitments"}
    assert data["commitments"] == {
        "parties_need_confirmation": True, "plenary_meetings_per_year": 3, "consultation": "monthly",
        "evaluation_every_year": True, "indicators_required": True, "disagreement_open_days": 90,
        "minimum_end_date": "2028-01-01", "clauses": {},
    }
    assert len(data["values"]) == 7 and {"key", "text"} == set(data["values"][0])


def test_spangen_adopts_its_own_commitments_and_show_gives_them(
    run_inproc: Run, spangen: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    db, terms = spangen
    adopted = run_inproc("agreement", "adopt", str(_write(tmp_path, "spangen.json", terms)), "--on", "2022-01-01", db=db)
    assert adopted.code == 0, adopted.err
    shown = run_inproc("--json", "agreement", "show", db=db).json()
    assert shown["end_date"] == "2027-12-31"
    assert shown["commitments"]["plenary_meetings_per_year"] == 4
    assert shown["commitments"]["consultation"] == "quarterly"
    assert shown["commitments"]["minimum_end_date"] is None
    human = run_inproc("agreement", "show", db=db).out
    assert "plenaire bijeenkomsten per jaar" in human and "elk kwartaal" in human


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"plenary_meetings_per_year": "vier"}, "plenary_meetings_per_year"),
        ({"consultation": "wekelijks"}, "consultation"),
        ({"walks": 1}, "walks"),
        ({"minimum_end_date": "2027-13-01"}, "minimum_end_date"),
    ],
)
def test_a_bad_terms_file_is_refused_naming_the_key_and_nothing_is_recorded(
    run_inproc: Run, spangen: tuple[Path, dict[str, Any]], tmp_path: Path, change: dict[str, Any], key: str
) -> None:
    db, terms = spangen
    before = _events(db)
    terms["commitments"].update(change)
    result = run_inproc("--json", "agreement", "adopt", str(_write(tmp_path, "kapot.json", terms)), db=db)
    assert result.code == 2
    error = result.json()
    assert error["code"] in ("agreement.invalid_commitment", "agreement.unknown_commitment")
    assert key in error["message_nl"] and key in error["message_en"]
    assert _events(db) == before


def test_a_terms_file_missing_a_part_names_it(run_inproc: Run, spangen: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    db, terms = spangen
    del terms["end_date"]
    result = run_inproc("--json", "agreement", "adopt", str(_write(tmp_path, "half.json", terms)), db=db)
    assert result.code == 2 and result.json()["code"] == "agreement.terms_missing"
    assert "end_date" in result.json()["message_nl"]


def test_a_dry_run_prints_the_changes_in_meaning_and_records_nothing(
    run_inproc: Run, spangen: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    db, terms = spangen
    assert run_inproc("agreement", "adopt", str(_write(tmp_path, "v1.json", terms)), "--on", "2022-01-01", db=db).code == 0
    assert run_inproc("meeting", "record", "--kind", "plenary", "--date", "2022-03-01", db=db).code == 0
    assert run_inproc("decision", "record", "--meeting", "meeting-1", "--subject", "Vaker", "--text", "Vijf keer.",
                      db=db).code == 0
    terms["commitments"]["plenary_meetings_per_year"] = 5
    five = str(_write(tmp_path, "v2.json", terms))
    before = _events(db)
    dry = run_inproc("agreement", "revise", five, "--reason", "Vaker", "--decision", "decision-1", "--dry-run", db=db)
    assert dry.code == 0, dry.err
    assert "plenaire bijeenkomsten per jaar: 4 → 5" in dry.out and "niets vastgelegd" in dry.out
    data = run_inproc("--json", "agreement", "revise", five, "--reason", "Vaker", "--decision", "decision-1",
                      "--dry-run", db=db).json()
    assert data["changes"] == [{"section": "commitment", "key": "plenary_meetings_per_year", "change": "changed",
                                "old_text": "4", "new_text": "5"}]
    assert _events(db) == before
    # A file without commitments keeps those of the version revised.
    del terms["commitments"]
    terms["title"] += " (2023)"
    kept = run_inproc("--json", "agreement", "revise", str(_write(tmp_path, "v2b.json", terms)), "--reason", "Titel",
                      "--decision", "decision-1", "--dry-run", db=db).json()
    assert [c["section"] for c in kept["changes"]] == ["title"]


def test_a_revision_ending_botu_before_2028_is_refused(run_inproc: Run, tmp_path: Path) -> None:
    db = tmp_path / "botu.db"
    assert run_inproc("coop", "create", "Energiewijk BoTu", "--founded-on", "2021-07-01", db=db).code == 0
    terms = run_inproc("--json", "agreement", "template", db=db).json()
    assert run_inproc("agreement", "adopt", str(_write(tmp_path, "botu.json", terms)), "--on", "2021-09-01",
                      db=db).code == 0
    assert run_inproc("meeting", "record", "--kind", "plenary", "--date", "2021-09-15", db=db).code == 0
    assert run_inproc("decision", "record", "--meeting", "meeting-1", "--subject", "Korter", "--text", "Tot 2027.",
                      db=db).code == 0
    terms["end_date"] = "2027-12-31"
    terms["commitments"]["minimum_end_date"] = None
    before = _events(db)
    for extra in (("--dry-run",), ()):
        result = run_inproc("--json", "agreement", "revise", str(_write(tmp_path, "kort.json", terms)), "--reason",
                            "Korter", "--decision", "decision-1", *extra, db=db)
        assert result.code == 1 and result.json()["code"] == "agreement.end_before_minimum"
        assert "1 januari 2028" in result.json()["message_nl"]
    assert _events(db) == before


def test_compliance_json_gives_the_required_figures_and_coded_findings(
    run_inproc: Run, spangen: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    db, terms = spangen
    assert run_inproc("agreement", "adopt", str(_write(tmp_path, "v1.json", terms)), "--on", "2022-01-01", db=db).code == 0
    for kind, day in (("plenary", "2022-03-01"), ("monthly", "2022-02-01"), ("consultation", "2022-05-01")):
        assert run_inproc("meeting", "record", "--kind", kind, "--date", day, db=db).code == 0
    (year,) = run_inproc("--json", "compliance", "--year", "2022", db=db).json()
    assert (year["plenary_meetings"], year["required_plenary_meetings"]) == (1, 4)
    assert (year["consultations"], year["consultation"], year["missing_consultation_periods"]) == (2, "quarterly", [3, 4])
    assert year["version"] == 1
    codes = {(f["code"], f["version"]) for f in year["findings"]}
    assert ("compliance.too_few_plenary", 1) in codes and ("compliance.missing_quarterly_consultations", 1) in codes
    assert "afgesproken is minstens 4" in run_inproc("compliance", "--year", "2022", db=db).out


def test_the_template_is_a_commented_yaml_file_that_adopts_as_it_is_edited(run_inproc: Run, tmp_path: Path) -> None:
    db = tmp_path / "spangen.db"
    assert run_inproc("coop", "create", "Energiekring Spangen", "--founded-on", "2022-01-01", db=db).code == 0
    template = run_inproc("agreement", "template", db=db)
    assert template.code == 0, template.err
    assert template.out.startswith("# ")
    assert "# Hoe vaak alle partijen per jaar samenkomen" in template.out
    assert "# How many times a year all parties meet" in template.out
    edited = (template.out.replace("  plenary_meetings_per_year: 3", "  plenary_meetings_per_year: 4")
              .replace("  minimum_end_date: 2028-01-01", "  minimum_end_date: null")
              .replace("end_date: 2028-12-31", "end_date: 2027-12-31"))
    path = tmp_path / "overeenkomst.yaml"
    path.write_text(edited, encoding="utf-8")
    adopted = run_inproc("agreement", "adopt", str(path), "--on", "2022-01-01", db=db)
    assert adopted.code == 0, adopted.err
    shown = run_inproc("--json", "agreement", "show", db=db).json()
    assert shown["commitments"]["plenary_meetings_per_year"] == 4
    assert shown["commitments"]["minimum_end_date"] is None and shown["end_date"] == "2027-12-31"


def test_a_bad_yaml_file_names_the_key_and_its_line_and_records_nothing(run_inproc: Run, tmp_path: Path) -> None:
    db = tmp_path / "spangen.db"
    assert run_inproc("coop", "create", "Energiekring Spangen", "--founded-on", "2022-01-01", db=db).code == 0
    template = run_inproc("agreement", "template", db=db).out
    broken = template.replace("  consultation: \"monthly\"", "  consultation: \"wekelijks\"")
    line = next(i for i, text in enumerate(broken.splitlines(), start=1) if text.startswith("  consultation:"))
    path = tmp_path / "kapot.yaml"
    path.write_text(broken, encoding="utf-8")
    before = _events(db)
    result = run_inproc("--json", "agreement", "adopt", str(path), db=db)
    assert result.code == 2
    error = result.json()
    assert error["code"] == "agreement.file_invalid"
    assert f"Regel {line} " in error["message_nl"] and "consultation" in error["message_nl"]
    assert f"Line {line} " in error["message_en"]
    assert _events(db) == before
