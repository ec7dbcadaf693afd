"""Idempotency keys: a retry returns the first result; a key is for one command only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from factories import cooperation, log_length
from test_schema_evolution import load_old_log

from botu_core import Cooperations, InvalidInput, JoinParty, LeaveParty, PartyKind


def test_the_same_key_with_the_same_command_returns_the_first_result(open_app: Callable[..., Cooperations]) -> None:
    one = open_app()
    c = cooperation(one)["coop"]
    command = JoinParty(name="Bea", kind=PartyKind.RESIDENT, phone="06 1234 5678")
    first = one.execute(c, command, idempotency_key="k1")
    before = log_length(one, c)
    assert one.execute(c, command, idempotency_key="k1") == first
    assert open_app().execute(c, command, idempotency_key="k1") == first  # another process, from the store
    assert log_length(one, c) == before


def test_the_same_key_with_other_fields_is_refused_naming_both(open_app: Callable[..., Cooperations]) -> None:
    one = open_app()
    c = cooperation(one)["coop"]
    one.execute(c, JoinParty(name="Bea", kind=PartyKind.RESIDENT), idempotency_key="k1")
    before = log_length(one, c)
    for app in (one, open_app()):  # the digest is in the store, not only in this process
        with pytest.raises(InvalidInput) as error:
            app.execute(c, JoinParty(name="Cas", kind=PartyKind.RESIDENT), idempotency_key="k1")
        assert error.value.code == "idempotency.key_reused"
        assert "'k1'" in error.value.message("nl") and "JoinParty" in error.value.message("nl")
        assert "already used for another command" in error.value.message("en")
    assert log_length(one, c) == before
    assert "Cas" not in {p.name for p in one.parties(c)}


def test_the_same_key_with_another_kind_of_command_names_both_commands(app: Cooperations) -> None:
    ids = cooperation(app)
    app.execute(ids["coop"], JoinParty(name="Bea", kind=PartyKind.RESIDENT), idempotency_key="k1")
    with pytest.raises(InvalidInput) as error:
        app.execute(ids["coop"], LeaveParty(party=ids["ann"]), idempotency_key="k1")
    for lang in ("nl", "en"):
        assert "(JoinParty)" in error.value.message(lang) and "(LeaveParty)" in error.value.message(lang)


def test_founding_with_a_key_used_for_another_cooperation_is_refused(app: Cooperations) -> None:
    first = app.create_cooperation("Energiewijk BoTu", slug="botu", idempotency_key="found")
    assert app.create_cooperation("Energiewijk BoTu", slug="botu", idempotency_key="found") == first
    with pytest.raises(InvalidInput) as error:
        app.create_cooperation("Energiewijk BoTu", slug="botu", neighbourhood="elders", idempotency_key="found")
    assert error.value.code == "idempotency.key_reused"


def test_keys_recorded_before_digests_are_taken_as_retries(store_url: str) -> None:
    # The fixture's keys were recorded without a digest of their command.
    app, coop = load_old_log(store_url)
    try:
        before = log_length(app, coop)
        first = next(e.result for e in app.events_of(coop) if e.command_key == "botu-2021:join-1")
        again = app.execute(coop, JoinParty(name="Iemand anders", kind=PartyKind.RESIDENT), idempotency_key="botu-2021:join-1")
        assert again == first and log_length(app, coop) == before
    finally:
        app.close()
