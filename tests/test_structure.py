"""Commands from plain data: one public converter, and only botu's coded errors out of it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import botu_core
from botu_core import (
    BotuError,
    CoBenefit,
    Cooperations,
    InvalidInput,
    JoinParty,
    MakeFundsAvailable,
    Money,
    PartyKind,
    RecordBenefit,
    StartProject,
    Wording,
    structure,
)
from botu_core.fields import label
from botu_core.state import HANDLERS


# --- plain values -------------------------------------------------------------------------

def test_commands_take_plain_values_directly() -> None:
    party = JoinParty(name="Ans", kind="resident", on="2022-01-05")  # type: ignore[arg-type]
    assert (party.kind, party.on) == (PartyKind.RESIDENT, dt.date(2022, 1, 5))
    funds = MakeFundsAvailable(source="Gemeente", year="2022", amount="100")  # type: ignore[arg-type]
    assert (funds.year, funds.amount) == (2022, Money(100_00))
    project = StartProject(title="Zon", plan="Panelen", contact="Ans",
                           co_benefits=["education", "greening"])  # type: ignore[arg-type]
    assert project.co_benefits == (CoBenefit.EDUCATION, CoBenefit.GREENING)


def test_structure_reads_plain_json_data() -> None:
    data = json.loads('{"project": "p", "euros": "1250.50", "co2_kg": "14.5",'
                      ' "period_start": "2022-01-01", "period_end": "2022-12-31"}')
    benefit = structure(RecordBenefit, data)
    assert benefit.euros == Money(1250_50) and benefit.period_end == dt.date(2022, 12, 31)
    assert structure(JoinParty, {"name": "Ans", "kind": "resident", "share_contact": "true"}).share_contact is True


def test_structure_reads_amounts_in_a_language_when_asked() -> None:
    data = {"source": "Gemeente", "year": 2022, "amount": "12.500,00"}
    assert structure(MakeFundsAvailable, data, lang="nl").amount == Money(12_500_00)
    with pytest.raises(InvalidInput) as refused:
        structure(MakeFundsAvailable, data)  # the plain form has no group signs
    assert refused.value.code == "amount.invalid"


# --- errors name the field in the reader's language ------------------------------------------

def _refusal(command_type: type, data: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        structure(command_type, data)
    return refused.value


def test_a_missing_field_is_named_in_each_language() -> None:
    error = _refusal(JoinParty, {"kind": "resident"})
    assert error.code == "input.required"
    assert "'name'" in error.message_en and "'naam'" not in error.message_en
    assert "'naam'" in error.message_nl


def test_english_messages_name_english_fields_when_a_command_is_made_directly() -> None:
    with pytest.raises(InvalidInput) as refused:
        JoinParty(name="", kind=PartyKind.RESIDENT)
    assert "'name'" in refused.value.message_en and "'naam'" in refused.value.message_nl


@pytest.mark.parametrize(
    ("command_type", "data", "code", "field_en", "field_nl"),
    [
        (JoinParty, {"name": 5, "kind": "resident"}, "input.invalid_type", "name", "naam"),
        (JoinParty, {"name": "Ans", "kind": "alien"}, "input.invalid_choice", "kind", "soort"),
        (JoinParty, {"name": "Ans", "kind": "resident", "on": "2022-13-05"}, "input.invalid_date", "date", "datum"),
        (JoinParty, {"name": "Ans", "kind": "resident", "share_contact": "maybe"}, "input.invalid_type",
         "share contact", "contact delen"),
        (MakeFundsAvailable, {"source": "G", "year": 2021.5, "amount": "1"}, "input.invalid_type", "year", "jaar"),
        (MakeFundsAvailable, {"source": "G", "year": 2022, "amount": "1,5"}, "amount.invalid", "amount", "bedrag"),
        (StartProject, {"title": "t", "plan": "p", "contact": "c", "co_benefits": ["fun"]},
         "input.invalid_choice", "co benefits", "meekoppelkansen"),
        (StartProject, {"title": "t", "plan": "p", "contact": "c", "goals": "g1"}, "input.invalid_type",
         "goals", "doelen"),
    ],
)
def test_a_wrong_value_is_a_coded_error_naming_its_field(
    command_type: type, data: dict[str, Any], code: str, field_en: str, field_nl: str
) -> None:
    error = _refusal(command_type, data)
    assert error.code == code
    assert error.params["field"] == Wording(field_nl, field_en)
    if "{field}" in botu_core.MESSAGES[code][1]:
        assert f"'{field_en}'" in error.message_en
        assert f"'{field_nl}'" in error.message_nl
    else:  # the message quotes the value, as it does in every front end
        assert repr(str(data[next(k for k in data if label(k) == error.params["field"])])) in error.message_en


def test_a_field_the_command_does_not_have_is_refused() -> None:
    error = _refusal(JoinParty, {"name": "Ans", "knd": "resident"})
    assert error.code == "input.unknown_field" and "knd" in error.message_en


def test_data_that_is_no_object_is_refused() -> None:
    assert _refusal(JoinParty, ["Ans", "resident"]).code == "input.not_an_object"


# --- queries --------------------------------------------------------------------------------

@pytest.fixture
def app(memory_app: Cooperations) -> Cooperations:
    memory_app.create_cooperation("Spangen")
    return memory_app


def test_a_query_takes_a_cooperation_view_as_the_cooperation(app: Any) -> None:
    coop = app.cooperation("spangen")
    assert app.resolve(coop) == app.resolve("spangen")


@pytest.mark.parametrize("ref", [5, 1.5, ["spangen"], {"slug": "spangen"}, b"spangen"])
def test_a_cooperation_named_by_something_else_is_a_coded_error(app: Any, ref: Any) -> None:
    with pytest.raises(InvalidInput) as refused:
        app.cooperation(ref)
    assert refused.value.code == "input.invalid_ref"


def test_a_query_year_is_read_from_text_or_refused(app: Any) -> None:
    assert [y.year for y in app.compliance("spangen", year="2026")] == [2026]
    with pytest.raises(InvalidInput) as refused:
        app.compliance("spangen", year="twenty")
    assert refused.value.code == "input.invalid_year"
    with pytest.raises(InvalidInput):
        app.budget("spangen", year=2021.5)


# --- every command, random data ---------------------------------------------------------

# Every command the library has a rule for: a new one is fed random data without being listed.
COMMAND_TYPES = sorted(HANDLERS, key=lambda cls: cls.__name__)

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12)
JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _plausible(cls: type) -> st.SearchStrategy[Any]:
    """Dicts with the command's own field names (so the values are checked, not only the
    keys), with random JSON or plain values that look almost right."""
    near = JSON | st.sampled_from(["2022-01-05", "2022-13-40", "100", "12.50", "resident", "education", "x"])
    fields = {a.name: near for a in attrs.fields(cls)}
    return st.fixed_dictionaries({}, optional=fields) | JSON


def test_every_command_is_in_the_public_api() -> None:
    assert {cls.__name__ for cls in COMMAND_TYPES} <= set(botu_core.__all__)


@pytest.mark.parametrize("command_type", COMMAND_TYPES, ids=lambda cls: cls.__name__)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_json_gives_a_command_or_a_coded_error(command_type: type, data: st.DataObject) -> None:
    value = data.draw(_plausible(command_type))
    lang = data.draw(st.sampled_from([None, "nl", "en"]))
    try:
        command = structure(command_type, value, lang=lang)
    except BotuError as error:
        assert error.code in botu_core.MESSAGES
        assert error.message_nl and error.message_en
    else:
        assert isinstance(command, command_type)


def test_the_terms_of_an_agreement_name_their_parts_in_each_language() -> None:
    terms = {"title": " ", "values": [], "goals": [], "working_agreements": [], "end_date": "2028-12-31"}
    error = _refusal(botu_core.AdoptAgreement, {"terms": terms})
    assert error.code == "input.required"
    assert "'title'" in error.message_en and "'titel'" in error.message_nl


@pytest.mark.parametrize(
    "query",
    [
        lambda app: app.party("spangen", 5),
        lambda app: app.project("spangen", ["p"]),
        lambda app: app.round("spangen", {"r": 1}),
    ],
    ids=["party", "project", "round"],
)
def test_a_party_project_or_round_named_by_something_else_is_a_coded_error(app: Any, query: Any) -> None:
    with pytest.raises(InvalidInput) as refused:
        query(app)
    assert refused.value.code == "input.invalid_ref"


def test_a_query_version_and_dates_are_read_from_text_or_refused(app: Any) -> None:
    with pytest.raises(BotuError) as missing:
        app.agreement("spangen", version="1")
    assert missing.value.code == "agreement.unknown_version"  # read as version 1, which is not there yet
    with pytest.raises(InvalidInput) as refused:
        app.agreement("spangen", version="first")
    assert refused.value.code == "input.invalid_type" and "'version'" in refused.value.message_en
    assert [e.type for e in app.log("spangen", since="2000-01-01", until="2100-01-01")] == ["CooperationFounded"]
    with pytest.raises(InvalidInput) as bad_date:
        app.log("spangen", since="gisteren")
    assert bad_date.value.code == "input.invalid_date"
