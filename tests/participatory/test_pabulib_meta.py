"""pabulib META fields that can change an outcome: honoured, or the file is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from botu_core import Cooperations, InvalidInput
from botu_core.errors import MESSAGES
from botu_core.participatory import CloseRound, parse_pabulib

DATA = Path("/work/shared/data/pabulib")
NOW = dt.datetime(2023, 3, 1, 12, 0, tzinfo=dt.UTC)

# As Amsterdam 332: two categories, and each voter may spend at most so much per category.
PER_CATEGORY = """META
key;value
description;Buurtbudget met grenzen per stemmer
budget;1000
vote_type;approval
rule;greedy
categories;Groen,Jeugd
max_sum_cost_per_category;500,400
PROJECTS
project_id;cost;name;category
1;300;Bomen;Groen
2;200;Geveltuin;Groen
3;400;Speeltuin;Jeugd
4;100;Voetbal;Jeugd
VOTES
voter_id;vote
v1;1,2,3
v2;2,4
v3;1,4
"""


@pytest.fixture
def app() -> Iterator[Cooperations]:
    app = Cooperations("memory:", clock=lambda: NOW)
    app.create_cooperation("Buurtbudgetten", slug="buurtbudgetten", founded_on=dt.date(2019, 1, 1))
    yield app
    app.close()


def _refused(app: Cooperations, data: str | bytes, code: str, **kwargs: object) -> InvalidInput:
    before = len(app.events_of(None))
    with pytest.raises(InvalidInput) as caught:
        app.import_pabulib(None, data, **kwargs)  # type: ignore[arg-type]
    assert caught.value.code == code
    nl, en = caught.value.message("nl"), caught.value.message("en")
    assert nl and en and nl != en
    assert len(app.events_of(None)) == before  # nothing written
    return caught.value


def test_ballots_within_their_per_category_limits_are_imported(app: Cooperations) -> None:
    round_id = app.import_pabulib(None, PER_CATEGORY)
    app.execute(None, CloseRound(round=round_id))
    assert app.round(None, round_id).winners == ("4", "2", "1", "3")  # 2 votes each: cheapest first
    assert "max_sum_cost_per_category;500,400" in app.export_pabulib(None, round_id)


def test_a_ballot_over_its_per_category_limit_is_refused_naming_the_line(app: Cooperations) -> None:
    text = PER_CATEGORY.replace("v3;1,4", "v3;1,2,4")  # 300 + 200 in Groen: exactly the limit
    assert parse_pabulib(text)
    text = PER_CATEGORY.replace("max_sum_cost_per_category;500,400", "max_sum_cost_per_category;450,400")
    error = _refused(app, text, "pabulib.ballot_breaks_limit")
    assert error.params["line"] == 17  # v1 spends 500 in Groen
    assert "Groen" in error.params["key"]
    assert "Regel 17" in error.message("nl") and "Line 17" in error.message("en")


def test_per_category_limits_need_the_categories(app: Cooperations) -> None:
    text = PER_CATEGORY.replace("max_sum_cost_per_category;500,400", "max_sum_cost_per_category;500,400,300")
    _refused(app, text, "pabulib.categories_mismatch")


@pytest.mark.parametrize(
    ("meta", "code"),
    [
        ("max_sum_cost;600", "pabulib.ballot_breaks_limit"),  # v1 approves 900
        ("max_length;2", "pabulib.ballot_breaks_limit"),
        ("min_length;3", "pabulib.ballot_breaks_limit"),
        ("max_length_per_category;1", "pabulib.ballot_breaks_limit"),
        ("min_sum_cost_per_category;100,0", "pabulib.ballot_breaks_limit"),  # v2 (below) spends nothing in Groen
        ("max_project_cost;350", "pabulib.project_outside_limit"),
        ("min_project_score_threshold;2", "pabulib.unsupported_meta"),
        ("budget_per_neighborhood;500,500", "pabulib.unsupported_meta"),
        ("iets_nieuws;1", "pabulib.unsupported_meta"),
    ],
)
def test_limits_botu_checks_and_fields_it_cannot_apply(app: Cooperations, meta: str, code: str) -> None:
    text = PER_CATEGORY.replace("rule;greedy\n", f"rule;greedy\n{meta}\n")
    if meta.startswith("min_sum_cost_per_category"):
        text = text.replace("v2;2,4", "v2;4")  # v2 spends nothing in Groen
    _refused(app, text, code)


def test_the_field_that_describes_the_election_counts_for_nothing(app: Cooperations) -> None:
    text = PER_CATEGORY.replace("rule;greedy\n", "rule;greedy\ncountry;Netherlands\ncomment;#1: iets\n")
    assert app.import_pabulib(None, text)


def test_leftover_spent_another_way_than_the_rule_is_refused_unless_a_rule_is_chosen(app: Cooperations) -> None:
    # Amsterdam 613 funded one more project in part with what was left: greedy does not.
    data = (DATA / "Netherlands_Amsterdam_613.pb").read_bytes()
    error = _refused(app, data, "pabulib.unsupported_leftover")
    assert "Partially fund" in error.params["value"]
    assert app.import_pabulib(None, data, rule="greedy")


def test_leftover_the_way_greedy_spends_it_is_honoured(app: Cooperations) -> None:
    data = (DATA / "Netherlands_Amsterdam_522.pb").read_bytes()
    assert "leftover_budget" in dict(parse_pabulib(data).meta)
    assert app.import_pabulib(None, data)


def test_the_new_codes_are_in_the_catalogue_dutch_first() -> None:
    for code in ("pabulib.unsupported_meta", "pabulib.unsupported_leftover", "pabulib.ballot_breaks_limit",
                 "pabulib.project_outside_limit"):  # fmt: skip
        nl, en = MESSAGES[code]
        assert nl.startswith("Regel") and en.startswith("Line")
