"""Random and hostile input to every command of the library: a clear error, or a clean
success — never another exception, and a refused command never writes anything."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import botu_testing
from botu_core import COMMANDS, AgreementTerms, BotuError, Clause, Cooperations, MeetingKind, Money, PartyKind, Stance
from factories import cooperation

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "Ann",
        "party-1",
        "project-1",
        "decision-1",
        "meeting-1",
        "allocation-1",
        "BoTu2028",
        "'; DROP TABLE stored_events; --",
        "<script>alert('x')</script>",
        "\x00\x01\x1b[31m",
        "x" * 20_000,
        "Zoë 👩🏽‍🔧 ﷽",
        "../../etc/passwd",
        "1e309",
        "NaN",
        "-0",
        "12.500",
    ]
)
ANY_VALUE = st.one_of(
    HOSTILE_TEXT,
    st.text(max_size=50),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.builds(Money, st.integers(-(10**11), 10**11)),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.lists(HOSTILE_TEXT, max_size=3).map(tuple),
    st.sampled_from([*PartyKind, *MeetingKind, *Stance]),
    st.just(
        AgreementTerms("T", (Clause("a", "b"),), (Clause("a", "c"),), (), dt.date(2030, 1, 1))
    ),  # a duplicate key
)


@st.composite
def hostile_command(draw: st.DrawFn) -> Any:
    command_type = draw(st.sampled_from(COMMANDS))
    kwargs = {a.name: draw(ANY_VALUE) for a in attrs.fields(command_type)}
    return command_type, kwargs


@pytest.fixture(scope="module")
def app() -> Any:
    app = Cooperations("memory:", clock=botu_testing.fixed_clock)
    ids = cooperation(app)
    yield app, ids["coop"]
    app.close()


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=hostile_command())
def test_every_command_refuses_hostile_input_cleanly(app: Any, case: tuple[type, dict[str, Any]]) -> None:
    application, coop = app
    command_type, kwargs = case
    before = len(application.events_of(coop))
    try:
        command = command_type(**kwargs)
        application.execute(coop, command)
    except BotuError as error:
        assert error.message_nl and error.message_en
        assert "Traceback" not in error.message_nl
        assert len(application.events_of(coop)) == before, f"{command_type.__name__} wrote while refusing"
        return
    # Accepted: exactly the command's events were written, and the read models still answer.
    assert len(application.events_of(coop)) >= before
    application.parties(coop)
    application.budget(coop)
