"""The application service: idempotency, optimistic concurrency, read models across processes."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from botu_core import (
    AllocateBudget,
    BotuError,
    ConcurrencyConflict,
    Cooperations,
    InvalidInput,
    JoinParty,
    Money,
    NotFound,
    PartyKind,
    StoreError,
)

from factories import cooperation, log_length


def test_a_retried_command_with_the_same_key_is_recorded_once(app: Cooperations) -> None:
    ids = cooperation(app)
    c = ids["coop"]
    before = log_length(app, c)
    command = JoinParty(name="Bea", kind=PartyKind.RESIDENT)
    first = app.execute(c, command, idempotency_key="join-bea")
    again = app.execute(c, command, idempotency_key="join-bea")
    assert first == again
    assert log_length(app, c) == before + 1


def test_idempotency_keys_hold_across_processes_and_restarts(open_app: Callable[..., Cooperations]) -> None:
    one = open_app()
    ids = cooperation(one)
    c = ids["coop"]
    result = one.execute(c, JoinParty(name="Bea", kind=PartyKind.RESIDENT), idempotency_key="k1")
    two = open_app()  # a second process on the same store, with its own cache
    assert two.execute(c, JoinParty(name="Bea", kind=PartyKind.RESIDENT), idempotency_key="k1") == result
    assert [p.name for p in two.parties(c)].count("Bea") == 1


def test_read_models_follow_writes_of_another_process(open_app: Callable[..., Cooperations]) -> None:
    writer, reader = open_app(), open_app()
    ids = cooperation(writer)
    assert {p.name for p in reader.parties(ids["coop"])} == {"Ann", "Gemeente Rotterdam"}
    writer.execute(ids["coop"], JoinParty(name="Bea", kind=PartyKind.RESIDENT))
    assert "Bea" in {p.name for p in reader.parties(ids["coop"])}


def test_a_stale_writer_loses_the_race_with_a_conflict_or_retries(open_app: Callable[..., Cooperations]) -> None:
    fast = open_app()
    ids = cooperation(fast)
    c = ids["coop"]
    slow = open_app(max_retries=0)
    # The slow writer has decided on the state as it was; meanwhile the fast one records.
    stale = slow._get(slow.resolve(c))
    fast.execute(c, JoinParty(name="Cas", kind=PartyKind.RESIDENT))
    with pytest.raises(ConcurrencyConflict) as error:
        slow._decide_and_save(stale, JoinParty(name="Dirk", kind=PartyKind.RESIDENT), None)
    assert error.value.code == "store.conflict"
    assert "Dirk" not in {p.name for p in fast.parties(c)}
    # Through execute() the command is decided again on the fresh state and succeeds.
    assert slow.execute(c, JoinParty(name="Dirk", kind=PartyKind.RESIDENT)) is not None
    assert {"Cas", "Dirk"} <= {p.name for p in fast.parties(c)}


def test_racing_allocations_never_overspend(open_app: Callable[..., Cooperations]) -> None:
    setup = open_app()
    ids = cooperation(setup)
    c = ids["coop"]
    writers = [open_app(max_retries=10) for _ in range(4)]
    outcomes: list[str] = []
    lock = threading.Lock()

    def allocate(app: Cooperations) -> None:
        try:
            app.execute(
                c,
                AllocateBudget(
                    project=ids["project"], source="BoTu2028", year=2021, amount=Money.parse("20000"), decision=ids["decision"]
                ),
            )
            result = "ok"
        except BotuError as error:
            result = error.code
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=allocate, args=(w,)) for w in writers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["budget.exceeds_left", "budget.exceeds_left", "ok", "ok"]
    (line,) = setup.budget(c, 2021)
    assert str(line.allocated) == "40000.00" and str(line.left) == "10000.00"


def test_cooperations_are_found_by_id_slug_or_name(app: Cooperations) -> None:
    ids = cooperation(app)
    other = app.create_cooperation("Energiewijk Oude Westen", slug="oude-westen")
    assert str(app.resolve("botu")) == ids["coop"]
    assert str(app.resolve("energiewijk oude westen")) == other
    assert str(app.resolve(other)) == other
    with pytest.raises(BotuError) as error:
        app.resolve(None)
    assert error.value.code == "cooperation.ambiguous"
    with pytest.raises(NotFound) as missing:
        app.resolve("nergens")
    assert missing.value.code == "cooperation.unknown"
    # Each cooperation has its own parties and its own ids.
    app.execute(other, JoinParty(name="Ann", kind=PartyKind.RESIDENT))
    assert [p.id for p in app.parties(other)] == ["party-1"]


def test_an_empty_store_has_no_default_cooperation(app: Cooperations) -> None:
    with pytest.raises(NotFound) as error:
        app.resolve(None)
    assert error.value.code == "cooperation.none"


def test_an_unreachable_store_gives_a_store_error() -> None:
    with pytest.raises(StoreError) as error:
        Cooperations("postgresql://nobody@127.0.0.1:1/none")
    assert error.value.code == "store.unavailable"
    with pytest.raises(StoreError):
        Cooperations("/nonexistent-dir/sub/botu.db")


def test_an_unknown_url_is_refused() -> None:
    with pytest.raises(BotuError) as error:
        Cooperations("mysql://x/y")
    assert error.value.code == "store.invalid_url"


# --- open or found: a script that runs again on the same store -------------------------------

def test_found_or_open_returns_the_cooperation_already_there(memory_app: Cooperations) -> None:
    first = memory_app.create_cooperation("Energiewijk Spangen", slug="spangen", exist_ok=True)
    events = len(memory_app.events_of(first))
    again = memory_app.create_cooperation("Energiewijk Spangen", slug="spangen", exist_ok=True)
    assert again == first and len(memory_app.events_of(first)) == events
    assert memory_app.cooperation("spangen").id == first


def test_found_or_open_refuses_a_short_name_taken_by_another_cooperation(memory_app: Cooperations) -> None:
    memory_app.create_cooperation("Energiewijk Spangen", slug="spangen")
    with pytest.raises(InvalidInput) as refused:
        memory_app.create_cooperation("Spangen Zuid", slug="spangen", exist_ok=True)
    assert refused.value.code == "cooperation.slug_taken"
