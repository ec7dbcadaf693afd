"""Four writer processes on one cooperation: no lost and no duplicated events, clear conflicts.

Each round, all writers read the same version of the cooperation, wait for each
other, then try to record at once: exactly one wins, the others get the conflict
error and write nothing. Then the writers use ``execute`` with retries, which decides
again on the fresh state: every command is recorded exactly once.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter
from typing import Any

from botu_core import ConcurrencyConflict, Cooperations, JoinParty, PartyKind

import botu_testing
from factories import cooperation

WRITERS = 4
ROUNDS = 5


def _writer(url: str, coop: str, number: int, barrier: Any, results: Any) -> None:
    app = Cooperations(url, clock=botu_testing.fixed_clock, max_retries=0)
    try:
        coop_id = app.resolve(coop)
        for round_ in range(ROUNDS):
            stale = app._get(coop_id)
            barrier.wait()
            name = f"Writer {number} round {round_}"
            try:
                app._decide_and_save(stale, JoinParty(name=name, kind=PartyKind.RESIDENT), None)
                results.put(("won", name))
            except ConcurrencyConflict as error:
                results.put(("conflict", error.code))
            barrier.wait()
        retrying = Cooperations(url, clock=botu_testing.fixed_clock, max_retries=50)
        try:
            for round_ in range(ROUNDS):
                name = f"Writer {number} retry {round_}"
                retrying.execute(coop_id, JoinParty(name=name, kind=PartyKind.RESIDENT), idempotency_key=name)
                results.put(("retried", name))
        finally:
            retrying.close()
    finally:
        app.close()


def test_four_writers_race_on_one_cooperation(store_url: str) -> None:
    app = Cooperations(store_url, clock=botu_testing.fixed_clock)
    ids = cooperation(app)
    coop = ids["coop"]
    before = len(app.events_of(coop))
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(WRITERS)
    results = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(store_url, coop, n, barrier, results)) for n in range(WRITERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    outcomes = [results.get(timeout=5) for _ in range(WRITERS * ROUNDS * 2)]
    kinds = Counter(kind for kind, _ in outcomes)
    assert kinds == {"won": ROUNDS, "conflict": ROUNDS * (WRITERS - 1), "retried": ROUNDS * WRITERS}
    assert {detail for kind, detail in outcomes if kind == "conflict"} == {"store.conflict"}

    events = app.events_of(coop)
    versions = [e.originator_version for e in events]
    assert versions == list(range(1, len(events) + 1))  # gap-free, no duplicates
    joined = [e.fact.name for e in events[before:]]
    expected = {name for kind, name in outcomes if kind in ("won", "retried")}
    assert sorted(joined) == sorted(expected)  # nothing lost, nothing twice
    assert len(events) == before + ROUNDS + ROUNDS * WRITERS
    assert {p.name for p in app.view_as("member").parties(coop)} >= expected
    app.close()


def test_threads_that_read_while_others_write_share_one_application(store_url: str) -> None:
    """A web server answers pages in threads while commands are recorded: the cached
    cooperation is shared, so looking something up must never replay a fact twice.

    (Found by the load test: a page's look-up fast-forwarded the cached cooperation
    while a command was applying the fact it had just saved: "event 544 follows 544".)
    """
    import sys
    import threading

    app = Cooperations(store_url, clock=botu_testing.fixed_clock)
    ids = cooperation(app)
    coop = ids["coop"]
    before = len(app.events_of(coop))
    writes_per_thread, failures = 40, []
    stop = threading.Event()

    def write(number: int) -> None:
        try:
            for i in range(writes_per_thread):
                app.execute(coop, JoinParty(name=f"Schrijver {number}-{i}", kind=PartyKind.RESIDENT))
        except Exception as error:  # noqa: BLE001 - every failure is reported below
            failures.append(f"write: {error!r}")

    def read() -> None:
        try:
            while not stop.is_set():
                app.party(coop, ids["ann"])
                app.project(coop, ids["project"])
                app.resolve(coop)
        except Exception as error:  # noqa: BLE001
            failures.append(f"read: {error!r}")

    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, so the interleavings happen
    try:
        readers = [threading.Thread(target=read) for _ in range(3)]
        writers = [threading.Thread(target=write, args=(n,)) for n in range(3)]
        for t in readers + writers:
            t.start()
        for t in writers:
            t.join(300)
        stop.set()
        for t in readers:
            t.join(60)
    finally:
        sys.setswitchinterval(old_interval)
    assert failures == []
    versions = [e.originator_version for e in app.events_of(coop)]
    assert versions == list(range(1, before + 3 * writes_per_thread + 1))
    assert len({p.name for p in app.view_as("member").parties(coop)} & {f"Schrijver {n}-{i}" for n in range(3) for i in range(40)}) == 120
    app.close()
