"""An agreement's commitments are data: each cooperation's terms say the figures botu
checks, BoTu's are only the default, and a revision is bound by the promise it revises."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from botu_core import (
    AdoptAgreement,
    BotuError,
    Commitments,
    Cooperations,
    InvalidInput,
    MeetingKind,
    RecordMeeting,
    ReviseAgreement,
    RuleViolation,
    to_json_data,
)
from botu_core.agreement import terms_from_data
from botu_core.serialization import terms_to_data
from botu_core.values import Consultation
from factories import D, cooperation, log_length, terms

SPANGEN = Commitments(
    plenary_meetings_per_year=4,
    consultation=Consultation.QUARTERLY,
    minimum_end_date=None,
)


def test_botus_commitments_are_the_default() -> None:
    assert to_json_data(Commitments()) == {
        "parties_need_confirmation": True,
        "plenary_meetings_per_year": 3,
        "consultation": "monthly",
        "evaluation_every_year": True,
        "indicators_required": True,
        "disagreement_open_days": 90,
        "minimum_end_date": "2028-01-01",
        "clauses": {},
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("plenary_meetings_per_year", -1),
        ("plenary_meetings_per_year", "3"),
        ("plenary_meetings_per_year", True),
        ("consultation", "weekly"),
        ("evaluation_every_year", "ja"),
        ("indicators_required", 1),
        ("disagreement_open_days", 0),
        ("disagreement_open_days", 2.5),
        ("minimum_end_date", "2028-01-01"),
        ("parties_need_confirmation", None),
    ],
)
def test_a_wrong_commitment_is_refused_naming_its_key(field: str, value: Any) -> None:
    with pytest.raises(InvalidInput) as error:
        Commitments(**{field: value})
    assert error.value.code == "agreement.invalid_commitment"
    assert error.value.params["key"] == field
    assert field in error.value.message("nl") and field in error.value.message("en")
    assert error.value.message("nl") != error.value.message("en")


def test_the_disagreement_days_say_they_are_the_cooperations_own_choice() -> None:
    with pytest.raises(InvalidInput) as error:
        Commitments(disagreement_open_days=-5)
    assert "keuze van de samenwerking, niet uit de tekst" in error.value.message("nl")
    assert "the cooperation's choice, not the text's" in error.value.message("en")


def test_a_commitment_may_name_its_clause_but_only_one_of_the_text(memory_app: Cooperations) -> None:
    c = memory_app.create_cooperation("Spangen", slug="spangen", founded_on=D(2022, 1, 1))
    wrong = attrs.evolve(terms(), commitments=Commitments(clauses={"plenary_meetings_per_year": "bestaat-niet"}))
    with pytest.raises(InvalidInput) as error:
        memory_app.execute(c, AdoptAgreement(wrong))
    assert (error.value.code, error.value.params["key"]) == ("agreement.unknown_clause", "bestaat-niet")
    with pytest.raises(InvalidInput) as unknown:
        Commitments(clauses={"weekly_walks": "inclusief"})
    assert unknown.value.code == "agreement.unknown_commitment"
    assert log_length(memory_app, c) == 1
    right = attrs.evolve(terms(), commitments=Commitments(clauses={"plenary_meetings_per_year": "inclusief"}))
    memory_app.execute(c, AdoptAgreement(right))
    assert memory_app.agreement(c).commitments.clause_for("plenary_meetings_per_year") == "inclusief"


def test_a_cooperation_without_a_minimum_end_date_may_end_in_2027(memory_app: Cooperations) -> None:
    c = memory_app.create_cooperation("Energiekring Spangen", slug="spangen", founded_on=D(2022, 1, 1))
    memory_app.execute(c, AdoptAgreement(attrs.evolve(terms(end=D(2027, 12, 31)), commitments=SPANGEN)))
    view = memory_app.agreement(c)
    assert view.end_date == D(2027, 12, 31)
    assert view.commitments == SPANGEN


def _revise(app: Cooperations, ids: dict[str, str], **changes: Any) -> Any:
    current = app.agreement(ids["coop"])
    new_terms = attrs.evolve(terms(end=changes.pop("end", current.end_date)),
                             commitments=attrs.evolve(current.commitments, **changes))
    return app.execute(ids["coop"], ReviseAgreement(new_terms, reason="Evaluatie", decision=ids["decision"]))


def test_a_revision_may_not_end_before_the_minimum_of_the_version_it_revises(memory_app: Cooperations) -> None:
    ids = cooperation(memory_app)
    before = log_length(memory_app, ids["coop"])
    # Moving the promise along does not help: the promise of version 1 binds version 2.
    with pytest.raises(RuleViolation) as error:
        _revise(memory_app, ids, end=D(2027, 12, 31), minimum_end_date=None)
    assert error.value.code == "agreement.end_before_minimum"
    assert error.value.params == {"version": 1, "minimum": D(2028, 1, 1), "end_date": D(2027, 12, 31)}
    assert "1 januari 2028" in error.value.message("nl") and "1 January 2028" in error.value.message("en")
    assert log_length(memory_app, ids["coop"]) == before


@pytest.mark.parametrize("lower", [None, D(2027, 6, 30)])
def test_a_revision_may_not_lower_the_minimum_end_date(memory_app: Cooperations, lower: dt.date | None) -> None:
    ids = cooperation(memory_app)
    before = log_length(memory_app, ids["coop"])
    with pytest.raises(RuleViolation) as error:
        _revise(memory_app, ids, minimum_end_date=lower)
    assert error.value.code == "agreement.minimum_end_lowered"
    assert log_length(memory_app, ids["coop"]) == before


def test_a_revision_may_raise_the_minimum_end_date(memory_app: Cooperations) -> None:
    ids = cooperation(memory_app)
    _revise(memory_app, ids, end=D(2031, 12, 31), minimum_end_date=D(2030, 1, 1))
    assert memory_app.agreement(ids["coop"]).commitments.minimum_end_date == D(2030, 1, 1)
    with pytest.raises(RuleViolation) as error:
        _revise(memory_app, ids, end=D(2029, 12, 31))
    assert (error.value.code, error.value.params["minimum"]) == ("agreement.end_before_minimum", D(2030, 1, 1))


def test_a_revision_of_only_a_commitment_is_a_new_version(memory_app: Cooperations) -> None:
    ids = cooperation(memory_app)
    assert str(_revise(memory_app, ids, plenary_meetings_per_year=4)) == "2"
    assert memory_app.agreement(ids["coop"]).commitments.plenary_meetings_per_year == 4
    assert memory_app.agreement(ids["coop"], 1).commitments.plenary_meetings_per_year == 3


# --- the terms as a JSON document ----------------------------------------------------------


def test_terms_read_back_from_the_document_they_give() -> None:
    original = attrs.evolve(terms(end=D(2027, 12, 31)), commitments=SPANGEN)
    data = terms_to_data(original)
    assert set(data) == {"title", "organisation", "values", "goals", "working_agreements", "end_date", "commitments"}
    assert data["commitments"]["consultation"] == "quarterly"
    assert data["commitments"]["minimum_end_date"] is None
    assert terms_from_data(data) == original


def test_a_document_without_commitments_keeps_those_given_as_base() -> None:
    data = terms_to_data(terms())
    del data["commitments"]
    assert terms_from_data(data).commitments == Commitments()
    assert terms_from_data(data, base=SPANGEN).commitments == SPANGEN
    data["commitments"] = {"plenary_meetings_per_year": 5}
    assert terms_from_data(data, base=SPANGEN).commitments == attrs.evolve(SPANGEN, plenary_meetings_per_year=5)


@pytest.mark.parametrize(
    ("change", "code", "key"),
    [
        ({"commitments": {"plenary_meetings_per_year": "vier"}}, "agreement.invalid_commitment", "plenary_meetings_per_year"),
        ({"commitments": {"consultation": "weekly"}}, "agreement.invalid_commitment", "consultation"),
        ({"commitments": {"minimum_end_date": "morgen"}}, "agreement.invalid_commitment", "minimum_end_date"),
        ({"commitments": {"walks_per_week": 2}}, "agreement.unknown_commitment", "walks_per_week"),
        ({"commitments": [1, 2]}, "agreement.terms_invalid", "commitments"),
        ({"end_date": "eind 2027"}, "agreement.terms_invalid", "end_date"),
        ({"values": "gelijkwaardig"}, "agreement.terms_invalid", "values"),
        ({"goals": [{"key": "x"}]}, "agreement.terms_invalid", "goals[1]"),
        ({"title": 3}, "agreement.terms_invalid", "title"),
        ({"extra": 1}, "agreement.terms_invalid", "extra"),
    ],
)
def test_a_wrong_document_is_refused_naming_the_key(change: dict[str, Any], code: str, key: str) -> None:
    data = {**terms_to_data(terms()), **change}
    with pytest.raises(BotuError) as error:
        terms_from_data(data)
    assert (error.value.code, error.value.params["key"]) == (code, key)


def test_a_document_missing_a_part_is_refused_naming_it() -> None:
    data = terms_to_data(terms())
    del data["end_date"]
    with pytest.raises(InvalidInput) as error:
        terms_from_data(data)
    assert (error.value.code, error.value.params["key"]) == ("agreement.terms_missing", "end_date")


# --- the consultation meeting kind ---------------------------------------------------------


def test_the_old_monthly_kind_is_a_consultation(memory_app: Cooperations) -> None:
    ids = cooperation(memory_app)
    assert MeetingKind("monthly") is MeetingKind.CONSULTATION
    memory_app.execute(ids["coop"], RecordMeeting(kind=MeetingKind("monthly"), held_on=D(2021, 10, 5)))
    assert memory_app.meetings(ids["coop"])[-1].kind == "consultation"
    assert [k.value for k in MeetingKind] == ["plenary", "consultation", "evaluation"]


# --- what a revision would change, without recording it --------------------------------------


def test_a_dry_run_of_a_revision_shows_the_commitments_that_change_and_records_nothing(
    memory_app: Cooperations,
) -> None:
    from botu_core import describe_change

    ids = cooperation(memory_app)
    before = log_length(memory_app, ids["coop"])
    current = memory_app.agreement(ids["coop"])
    four = attrs.evolve(terms(), commitments=attrs.evolve(current.commitments, plenary_meetings_per_year=4,
                                                         consultation=Consultation.QUARTERLY))
    diff = memory_app.preview_revision(ids["coop"], ReviseAgreement(four, reason="Vaker", decision=ids["decision"]))
    assert (diff.from_version, diff.to_version) == (1, 2)
    assert [(c.section, c.key, c.old_text, c.new_text) for c in diff.changes] == [
        ("commitment", "plenary_meetings_per_year", "3", "4"), ("commitment", "consultation", "monthly", "quarterly")]
    assert [describe_change(c) for c in diff.changes] == [
        "plenaire bijeenkomsten per jaar: 3 → 4", "overleg: elke maand → elk kwartaal"]
    assert describe_change(diff.changes[0], "en") == "plenary meetings a year: 3 → 4"
    assert log_length(memory_app, ids["coop"]) == before
    # A revision the rules refuse is refused in the dry run too.
    short = attrs.evolve(terms(end=D(2027, 1, 1)), commitments=current.commitments)
    with pytest.raises(RuleViolation) as error:
        memory_app.preview_revision(ids["coop"], ReviseAgreement(short, reason="Korter", decision=ids["decision"]))
    assert error.value.code == "agreement.end_before_minimum"
    assert log_length(memory_app, ids["coop"]) == before


def test_the_template_is_botus_text_with_botus_commitments() -> None:
    from botu_core import agreement_template

    data = agreement_template()
    assert data["commitments"] == to_json_data(Commitments())
    assert terms_from_data(data).title.startswith("Samenwerkingsovereenkomst")
