"""pabulib files: export and import again, pabutools reads botu's export, bad files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from pabutools.election.pabulib import parse_pabulib_from_string

from botu_core import Cooperations, InvalidInput
from botu_core.participatory import CloseRound, parse_pabulib

from .reference import pabutools_winners

DATA = Path("/work/shared/data/pabulib")
NOW = dt.datetime(2023, 3, 1, 12, 0, tzinfo=dt.UTC)
SMALL = ["Netherlands_Amsterdam_643.pb", "Netherlands_Amsterdam_522.pb", "Netherlands_Amsterdam_166.pb"]


@pytest.fixture(scope="module")
def app() -> Iterator[Cooperations]:
    app = Cooperations("memory:", clock=lambda: NOW)
    app.create_cooperation("Buurtbudgetten", slug="buurtbudgetten", founded_on=dt.date(2019, 1, 1))
    yield app
    app.close()


@pytest.mark.parametrize("name", SMALL)
def test_export_is_read_by_pabutools_and_by_botu_the_same(app: Cooperations, name: str) -> None:
    original = (DATA / name).read_bytes()
    round_id = app.import_pabulib(None, original)
    app.execute(None, CloseRound(round=round_id))
    text = app.export_pabulib(None, round_id)

    # pabutools reads it: same budget, projects, costs and ballots as the original file
    instance, profile = parse_pabulib_from_string(text)
    source = parse_pabulib(original)
    assert instance.budget_limit == Fraction(source.budget.cents, 100)
    assert {p.name: Fraction(p.cost) for p in instance} == {
        p.project_id: Fraction(p.cost.cents, 100) for p in source.projects
    }
    assert sorted(sorted(p.name for p in b) for b in profile) == sorted(sorted(b.approvals) for b in source.ballots)
    # … and its rule gives the winners botu recorded
    winners = frozenset(app.round(None, round_id).winners)
    if not source.category_limits:
        assert pabutools_winners(instance.meta["rule"], instance, profile) == winners
    # the export marks the outcome in a 'selected' column
    assert {p.name for p in instance if instance.project_meta[p].get("selected") == "1"} == set(winners)

    # botu reads its own export back into the same election
    again = parse_pabulib(text)
    assert again.budget == source.budget
    assert again.category_limits == source.category_limits
    assert [(p.project_id, p.cost, p.categories) for p in again.projects] == sorted(
        ((p.project_id, p.cost, p.categories) for p in source.projects), key=lambda x: int(x[0])
    )
    assert {b.voter_id: b.approvals for b in again.ballots} == {b.voter_id: b.approvals for b in source.ballots}
    round_2 = app.import_pabulib(None, text)
    app.execute(None, CloseRound(round=round_2))
    assert frozenset(app.round(None, round_2).winners) == winners
    assert app.verify_round(None, round_2).computed_digest != ""


GOOD = "META\nkey;value\nbudget;1000\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost;name\n1;600;A\n2;500;B\nVOTES\nvoter_id;vote\nv1;1,2\nv2;2\n"


def test_a_small_good_file() -> None:
    election = parse_pabulib(GOOD)
    assert [p.project_id for p in election.projects] == ["1", "2"]
    assert election.budget.cents == 100_000
    assert [b.approvals for b in election.ballots] == [("1", "2"), ("2",)]


def _break(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


BAD = [
    ("", "pabulib.empty", 1),
    ("hallo\n" + GOOD, "pabulib.outside_section", 1),
    (_break("PROJECTS\n", ""), "pabulib.missing_section", 12),
    (_break("VOTES\nvoter_id;vote\nv1;1,2\nv2;2\n", ""), "pabulib.missing_section", 9),
    (_break("budget;1000\n", ""), "pabulib.missing_meta", 1),
    (_break("budget;1000", "budget;duizend"), "pabulib.bad_amount", 3),
    (_break("vote_type;approval", "vote_type;ordinal"), "pabulib.unsupported_vote_type", 4),
    (_break("project_id;cost;name", "project_id;prijs;name"), "pabulib.missing_column", 7),
    (_break("1;600;A", "1;600"), "pabulib.field_count", 8),
    (_break("2;500;B", "1;500;B"), "pabulib.duplicate_project", 9),
    (_break("2;500;B", "2;0;B"), "pabulib.zero_amount", 9),
    (_break("2;500;B", "2;5,5,5;B"), "pabulib.bad_amount", 9),
    (_break("v2;2", "v2;3"), "pabulib.unknown_project", 13),
    (_break("v2;2", "v1;2"), "pabulib.duplicate_voter", 13),
    (_break("v2;2", "v2;2,2"), "pabulib.duplicate_approval", 13),
    (_break("voter_id;vote", "voter;vote"), "pabulib.missing_column", 11),
    (_break("rule;greedy", "rule;greedy\nbudget_per_category;10,20\ncategories;groen"), "pabulib.categories_mismatch", 6),
    (_break("1;600;A", '1;"600;A'), "pabulib.bad_row", 8),
    # A name given twice: the last one would win silently.
    (_break("budget;1000", "budget;5000\nbudget;1"), "pabulib.duplicate_meta_key", 4),
    (_break("rule;greedy", "rule;greedy\nBudget ;1"), "pabulib.duplicate_meta_key", 6),
    (_break("vote_type;approval", "vote_type;approval\nvote_type;choose-1"), "pabulib.duplicate_meta_key", 5),
    (GOOD + "META\nkey;value\nbudget;1\n", "pabulib.section_twice", 14),
    (_break("VOTES\n", "PROJECTS\nproject_id;cost;name\n3;1;C\nVOTES\n"), "pabulib.section_twice", 10),
    (_break("key;value", "key;key"), "pabulib.duplicate_column", 2),
    (_break("project_id;cost;name\n1;600;A\n2;500;B", "project_id;cost;name;cost\n1;600;A;1\n2;500;B;1"), "pabulib.duplicate_column", 7),
    (_break("project_id;cost;name\n1;600;A\n2;500;B", "project_id;cost;name;Name\n1;600;A;X\n2;500;B;Y"), "pabulib.duplicate_column", 7),
    (_break("voter_id;vote\nv1;1,2\nv2;2", "voter_id;vote;vote\nv1;1,2;1\nv2;2;1"), "pabulib.duplicate_column", 11),
    # Amounts in the plain machine form only: no group signs, no decimal comma, two decimals at most.
    (_break("budget;1000", "budget;1000,50"), "pabulib.bad_amount", 3),
    (_break("budget;1000", "budget;1.000"), "pabulib.bad_amount", 3),
    (_break("budget;1000", "budget;1,000"), "pabulib.bad_amount", 3),
    (_break("budget;1000", "budget;1e3"), "pabulib.bad_amount", 3),
    (_break("budget;1000", "budget;1_000"), "pabulib.bad_amount", 3),
    (_break("budget;1000", "budget;+1000"), "pabulib.bad_amount", 3),
    (_break("budget;1000", "budget;１０００"), "pabulib.bad_amount", 3),
    (_break("budget;1000", "budget;1000.505"), "pabulib.bad_amount", 3),
    (_break("2;500;B", "2;500.5.5;B"), "pabulib.bad_amount", 9),
]


@pytest.mark.parametrize(("text", "code", "line"), BAD, ids=[f"{c}@{n}" for _, c, n in BAD])
def test_malformed_file_names_the_line_and_writes_nothing(app: Cooperations, text: str, code: str, line: int) -> None:
    before = len(app.events_of(None))
    with pytest.raises(InvalidInput) as caught:
        app.import_pabulib(None, text)
    error = caught.value
    assert error.code == code
    assert error.params["line"] == line
    assert f"Regel {line}" in error.message("nl") and f"Line {line}" in error.message("en")
    assert len(app.events_of(None)) == before


def test_plain_amounts_are_read_exactly() -> None:
    election = parse_pabulib(_break("budget;1000", "budget;1000.5").replace("2;500;B", "2;499.99;B"))
    assert election.budget.cents == 100_050
    assert [p.cost.cents for p in election.projects] == [60_000, 49_999]


def test_not_utf8_names_the_line() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_pabulib(GOOD.encode("utf-8").replace(b";A\n", b";\xff\n"))
    assert caught.value.code == "pabulib.not_utf8" and caught.value.params["line"] == 8


def test_unknown_rule_needs_a_choice(app: Cooperations) -> None:
    text = _break("rule;greedy", "rule;phragmen")
    before = len(app.events_of(None))
    with pytest.raises(InvalidInput) as caught:
        app.import_pabulib(None, text)
    assert caught.value.code == "pabulib.unsupported_rule"
    assert len(app.events_of(None)) == before
    round_id = app.import_pabulib(None, text, rule="greedy")
    app.execute(None, CloseRound(round=round_id))
    assert app.round(None, round_id).winners == ("2",)  # 2 votes for B; A (600) does not fit after it
