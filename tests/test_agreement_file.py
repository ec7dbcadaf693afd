"""The agreement as a file people edit: the commented template, reading it back, errors
that name the key and its line, and the published JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import jsonschema
import pytest
import yaml

from botu_core import (
    AgreementTerms,
    Commitments,
    Consultation,
    InvalidInput,
    agreement_template,
    read_terms_file,
    template_yaml,
    terms_from_data,
    terms_json_schema,
)
from botu_core.agreement import TERMS_KEYS
from botu_core.agreement_file import COMMITMENT_HELP, PART_HELP

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "agreement.schema.json"


def line_of(text: str, start: str) -> int:
    """The line number (from 1) of the first line of ``text`` that starts with ``start``."""
    return next(i for i, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


def spangen_file() -> str:
    """The template as a second neighbourhood would edit it."""
    return (
        template_yaml()
        .replace('title: "Samenwerkingsovereenkomst Energietransitie Bospolder-Tussendijken"',
                 'title: "Energiekring Spangen"')
        .replace("  plenary_meetings_per_year: 3", "  plenary_meetings_per_year: 4")
        .replace('  consultation: "monthly"', '  consultation: "quarterly"')
        .replace("  minimum_end_date: 2028-01-01", "  minimum_end_date: null")
        .replace("end_date: 2028-12-31", "end_date: 2027-12-31")
    )


def test_the_template_reads_back_as_botus_terms() -> None:
    assert read_terms_file(template_yaml()) == terms_from_data(agreement_template())


def test_every_part_and_commitment_is_explained_in_dutch_and_english_above_its_key() -> None:
    text = template_yaml().splitlines()
    assert set(PART_HELP) >= set(TERMS_KEYS)
    assert set(COMMITMENT_HELP) == {field.name for field in attrs.fields(Commitments)}
    keys = [f"{part}:" for part in TERMS_KEYS] + [f"  {name}:" for name in COMMITMENT_HELP]
    for key in keys:
        at = next(i for i, line in enumerate(text) if line.startswith(key))
        nl, en = text[at - 2], text[at - 1]
        assert nl.lstrip().startswith("# ") and en.lstrip().startswith("# "), key
        assert nl != en, key


def test_an_edited_template_gives_that_neighbourhoods_commitments() -> None:
    terms = read_terms_file(spangen_file().encode())
    assert terms.title == "Energiekring Spangen"
    assert terms.end_date == dt.date(2027, 12, 31)
    assert terms.commitments.plenary_meetings_per_year == 4
    assert terms.commitments.consultation is Consultation.QUARTERLY
    assert terms.commitments.minimum_end_date is None


def test_left_out_commitments_keep_those_of_the_version_revised() -> None:
    text = template_yaml().replace("  plenary_meetings_per_year: 3\n", "")
    base = Commitments(plenary_meetings_per_year=5)
    assert read_terms_file(text, base=base).commitments.plenary_meetings_per_year == 5


@pytest.mark.parametrize(
    ("change", "key_line", "named"),
    [
        (("  plenary_meetings_per_year: 3", '  plenary_meetings_per_year: "vier"'),
         "  plenary_meetings_per_year:", "plenary_meetings_per_year"),
        (('  consultation: "monthly"', '  consultation: "weekly"'), "  consultation:", "consultation"),
        (("  minimum_end_date: 2028-01-01", '  minimum_end_date: "volgend jaar"'),
         "  minimum_end_date:", "minimum_end_date"),
        (("  evaluation_every_year: true", "  evaluation_every_year: true\n  meetings_per_week: 2"),
         "  meetings_per_week:", "meetings_per_week"),
        (("end_date: 2028-12-31", 'end_date: "eind 2028"'), "end_date:", "end_date"),
        (('title: "Samenwerkingsovereenkomst Energietransitie Bospolder-Tussendijken"', 'title: ""'),
         "title:", "title"),
        (("\nvalues:\n", "\nvalue:\n"), "value:", "value"),
    ],
)
def test_a_wrong_key_is_named_with_its_line(change: tuple[str, str], key_line: str, named: str) -> None:
    text = template_yaml().replace(*change)
    assert text != template_yaml()
    with pytest.raises(InvalidInput) as caught:
        read_terms_file(text)
    assert caught.value.code == "agreement.file_invalid"
    assert caught.value.params["line"] == line_of(text, key_line)
    assert f"Regel {line_of(text, key_line)} " in caught.value.message("nl")
    assert f"Line {line_of(text, key_line)} " in caught.value.message("en")


def test_a_wrong_clause_is_named_with_the_line_of_its_item() -> None:
    text = template_yaml()
    first_goal = line_of(text, "goals:") + 1
    lines = text.splitlines()
    lines[first_goal] = '    text: ["geen", "tekst"]'  # the first goal's text is a list
    broken = "\n".join(lines) + "\n"
    with pytest.raises(InvalidInput) as caught:
        read_terms_file(broken)
    assert caught.value.params["line"] == first_goal
    assert "goals[1]" in caught.value.message("en")


def test_a_key_used_twice_is_named_at_its_second_use() -> None:
    text = template_yaml()
    first = text.splitlines()[line_of(text, "goals:")]  # '  - key: "..."' of the first goal
    lines = text.splitlines()
    second_at = line_of(text, "working_agreements:")  # index of the first working agreement's key line
    lines[second_at] = first
    broken = "\n".join(lines) + "\n"
    with pytest.raises(InvalidInput) as caught:
        read_terms_file(broken)
    assert caught.value.params["reason"] == "agreement.duplicate_clause_key"
    assert caught.value.params["line"] == second_at + 1


def test_a_file_that_is_not_yaml_is_refused_with_its_line() -> None:
    text = template_yaml().replace("  plenary_meetings_per_year: 3", "  plenary_meetings_per_year: [3")
    with pytest.raises(InvalidInput) as caught:
        read_terms_file(text)
    assert caught.value.code == "agreement.file_unreadable"
    assert isinstance(caught.value.params["line"], int)


def test_anchors_are_refused_so_a_small_file_cannot_grow_without_end() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\ntitle: *b\n"
    with pytest.raises(InvalidInput) as caught:
        read_terms_file(bomb)
    assert caught.value.code == "agreement.file_anchor"
    assert caught.value.params["line"] == 1


def test_bytes_that_are_not_utf8_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        read_terms_file(template_yaml().encode("utf-16"))
    assert caught.value.code == "input.invalid_encoding"


def test_the_json_of_agreement_show_reads_back_too() -> None:
    shown = {**agreement_template(), "version": 1, "adopted_on": "2021-06-30", "signatures": [], "is_current": True}
    assert read_terms_file(json.dumps(shown)) == terms_from_data(agreement_template())


def test_the_published_schema_is_the_one_the_classes_give() -> None:
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == terms_json_schema(), (
        "docs/agreement.schema.json is out of date: "
        "make schema"
    )


def as_json_data(text: str) -> object:
    # YAML reads dates as dates; JSON (and so the schema) has them as text.
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(lambda: agreement_template(), id="botu-example"),
        pytest.param(lambda: as_json_data(template_yaml()), id="template"),
        pytest.param(lambda: as_json_data(spangen_file()), id="spangen"),
    ],
)
def test_the_template_and_the_botu_example_validate_against_the_schema(document: object) -> None:
    jsonschema.Draft202012Validator(terms_json_schema(),
                                    format_checker=jsonschema.FormatChecker()).validate(document())  # type: ignore[operator]


@pytest.mark.parametrize(
    "change",
    [
        {"commitments": {"plenary_meetings_per_year": -1}},
        {"commitments": {"consultation": "weekly"}},
        {"commitments": {"meetings_per_week": 2}},
        {"end_date": "eind 2028"},
        {"values": [{"key": "x"}]},
    ],
)
def test_what_botu_refuses_the_schema_refuses_too(change: dict[str, object]) -> None:
    document = {**agreement_template(), **change}
    if "commitments" in change:
        document["commitments"] = {**agreement_template()["commitments"], **change["commitments"]}  # type: ignore[dict-item]
    validator = jsonschema.Draft202012Validator(terms_json_schema(), format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(document))
    with pytest.raises(InvalidInput):
        terms_from_data(document)


def test_terms_type_is_public_and_shared() -> None:
    assert isinstance(read_terms_file(template_yaml()), AgreementTerms)
