"""The performance benchmark (issue 9): the library next to raw SQLite/PostgreSQL, in one run.

    .venv/bin/python tests/benchmarks/run.py --events 100000      # or: make bench EVENTS=100000

Writes ``bench-results.json`` (every figure, the ratios and the targets) and prints a
table. Not collected by pytest (no ``test_`` prefix); ``test_bench_smoke.py`` runs a
small form of it in the normal test run.

What it does, in order:

1. builds a synthetic log of ``--events`` events (``synth``: many cooperations, every
   core event kind, deterministic from ``--seed``) through the library's mapper and
   recorder in big batches, and catches the read models and the audit chain up;
2. ``raw_read_decode_eps``: plain ``sqlite3`` reading the same rows + ``json.loads``;
   ``raw_durable_txn_per_s``: plain single-row transactions with the library's
   durability settings (WAL, ``synchronous=FULL``);
3. ``rebuild_eps``: ``rebuild_read_models()`` in a fresh process (so that
   ``rebuild_peak_rss_mb`` is the rebuild's own peak);
4. ``command_per_s``: single commands through ``Cooperations.execute``, each durably
   committed and visible in the read models when it returns;
5. ``query_ms``: the main queries of one cooperation of 1,000 events, in a store of
   1,000 events and in the full store;
6. ``verify_eps`` (audit) and, when the audit has an import, ``import_eps``;
7. the same on PostgreSQL, plus 8 concurrent writers on 8 cooperations vs one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import queue
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import audit_bench  # noqa: E402
import synth  # noqa: E402

from botu_core import (  # noqa: E402
    Cooperations,
    DefineIndicator,
    JoinParty,
    MeasureIndicator,
    MeetingKind,
    PartyKind,
    RecordMeeting,
    StartProject,
)
from botu_core.cooperation import cooperation_id  # noqa: E402
from botu_core.cooperation import Recorded  # noqa: E402

POSTGRES_URL = os.environ.get("BOTU_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
GROUP = 16  # cooperations whose histories are interleaved in the log at a time
BATCH = 5_000  # stored events per insert transaction while building the log

TARGETS = {
    "rebuild_ratio": ("rebuild_eps / raw_read_decode_eps", ">=", 0.25),
    "command_ratio": ("command_per_s / raw_durable_txn_per_s", ">=", 0.40),
    "query_ratio_max": ("slowest main query at full size / at 1,000 events", "<=", 2.0),
    "rebuild_peak_rss_mb": ("peak memory of a rebuild (MB, target at 1,000,000 events)", "<=", 300.0),
    "pg_writers_ratio": ("PostgreSQL: 8 writers / 1 writer", ">=", 3.0),
    # The transparency log (``audit_bench``).
    "tree_cost_ratio": ("one tree append / one command (command_per_s / tree_append_per_s)", "<=", 0.10),
    "proof_bytes_max": ("largest inclusion or consistency proof at the largest size (bytes, RFC 9162 path)", "<", 1024),
    "proof_ms_max": ("slowest median proof at the largest size (ms)", "<", 10.0),
    "verify_ratio": ("verify_eps / raw_read_decode_eps", ">=", 0.50),
}


def clock() -> dt.datetime:
    return NOW


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- building the log -----------------------------------------------------------------


def plan(seed: int, events: int) -> list[tuple[int, int]]:
    """(cooperation index, number of events) until ``events`` in total."""
    out: list[tuple[int, int]] = []
    total = 0
    index = 0
    while total < events:
        n = min(synth.events_for(seed, index), events - total)
        if events - total - n < 500:
            n = events - total  # the last one takes the rest, so the total is exact
        out.append((index, max(n, 2)))
        total += max(n, 2)
        index += 1
    return out


def _make_keys(app: Cooperations, seed: int, histories: list[tuple[int, list[Any]]]) -> None:
    """Personal data is encrypted per person: make every person's key in one go
    (the library makes them one transaction each, as people join)."""
    keys = getattr(app.mapper, "keys", None)
    if keys is None:
        return
    from botu_core.parties import PartyJoined
    from botu_core.privacy import subject_keys

    rows = []
    for index, facts in histories:
        rng = random.Random(f"{seed}/keys/{index}")
        coop = str(cooperation_id(synth.slug(index)))
        for fact in facts:
            if isinstance(fact, PartyJoined):
                rows.append({"coop_id": coop, "subject_id": fact.party_id, "key": rng.randbytes(32)})
    if rows:
        with keys.engine.begin() as conn:
            # Stored wrapped by the store's key-encryption key, as the library stores them.
            wrapped = [{**r, "key": keys.kek.wrap(r["coop_id"], r["subject_id"], r["key"])} for r in rows]
            conn.execute(subject_keys.insert(), wrapped)
        cache = getattr(keys, "_cache", None)
        if isinstance(cache, dict):  # spare the key store a look-up per person while encrypting
            cache.update({(r["coop_id"], r["subject_id"]): r["key"] for r in rows})


def build_log(app: Cooperations, seed: int, events: int) -> dict[str, Any]:
    """Write the synthetic log through the app's mapper and recorder; returns facts about it."""
    started = time.perf_counter()
    counts: dict[str, int] = {}
    sizes = 0
    written = 0
    coops = plan(seed, events)
    span = dt.timedelta(days=5 * 365)
    for g in range(0, len(coops), GROUP):
        group = coops[g : g + GROUP]
        histories = [(i, list(synth.cooperation_history(seed, i, n))) for i, n in group]
        _make_keys(app, seed, histories)
        # Interleave the cooperations' histories as a shared log would.
        rng = random.Random(f"{seed}/interleave/{g}")
        cursors = [[i, 0, h] for i, h in histories]
        ids = {i: cooperation_id(synth.slug(i)) for i, _h in histories}
        pending: list[Any] = []
        while cursors:
            c = rng.randrange(len(cursors))
            index, pos, facts = cursors[c]
            take = rng.randint(1, 6)
            for fact in facts[pos : pos + take]:
                pos += 1
                stamp = NOW - span + span * ((written + len(pending)) / max(events, 1))
                pending.append(
                    Recorded(ids[index], pos, stamp, fact)
                )
                counts[type(fact).__name__] = counts.get(type(fact).__name__, 0) + 1
            cursors[c][1] = pos
            if pos >= len(facts):
                cursors.pop(c)
            if len(pending) >= BATCH or (not cursors and pending):
                stored = [app.mapper.to_stored_event(r) for r in pending]
                sizes += sum(len(s.state) for s in stored)
                app.recorder.insert_events(stored)
                written += len(pending)
                pending = []
    elapsed = time.perf_counter() - started
    return {
        "events": written,
        "cooperations": len(coops),
        "event_kinds": dict(sorted(counts.items(), key=lambda kv: -kv[1])),
        "mean_event_bytes": round(sizes / max(written, 1), 1),
        "build_eps": round(written / elapsed),
    }


# --- raw baselines --------------------------------------------------------------------


def raw_sqlite_read_decode(db: Path, table: str) -> float:
    conn = sqlite3.connect(db)
    started = time.perf_counter()
    n = 0
    cur = conn.execute(f"SELECT rowid, originator_id, originator_version, topic, state FROM {table} ORDER BY rowid")
    while rows := cur.fetchmany(1000):
        for row in rows:
            json.loads(row[4])
        n += len(rows)
    elapsed = time.perf_counter() - started
    conn.close()
    return n / elapsed


def raw_sqlite_durable_txn(folder: Path, size: int, seconds: float) -> float:
    path = folder / "raw-txn.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id TEXT, version INTEGER, topic TEXT, state BLOB, PRIMARY KEY (id, version))")
    blob = b"x" * size
    key = uuid.uuid4().hex
    n = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        n += 1
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t VALUES (?, ?, ?, ?)", (key, n, "MeetingHeld", blob))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return n / elapsed


def raw_pg_read_decode(schema: str, table: str) -> float:
    import psycopg

    with psycopg.connect(POSTGRES_URL) as conn:
        started = time.perf_counter()
        n = 0
        with conn.cursor(name="raw") as cur:
            cur.itersize = 5000
            cur.execute(f'SELECT notification_id, originator_id, originator_version, topic, state FROM "{schema}".{table} ORDER BY notification_id')
            for row in cur:
                json.loads(bytes(row[4]))
                n += 1
        return n / (time.perf_counter() - started)


def raw_pg_durable_txn(schema: str, size: int, seconds: float) -> float:
    import psycopg

    with psycopg.connect(POSTGRES_URL) as conn:
        conn.execute(f'CREATE TABLE "{schema}".raw_txn (id text, version int, topic text, state bytea, PRIMARY KEY (id, version))')
        conn.commit()
        blob = b"x" * size
        n = 0
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            n += 1
            conn.execute(f'INSERT INTO "{schema}".raw_txn VALUES (%s, %s, %s, %s)', ("k", n, "MeetingHeld", blob))
            conn.commit()
        return n / (time.perf_counter() - started)


# --- the library ----------------------------------------------------------------------


def rebuild_in_fresh_process(url: str) -> dict[str, Any]:
    """Rebuild every read model in a new process: its time and its own peak memory."""
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--rebuild-only", url], capture_output=True, text=True
    )
    if out.returncode != 0:
        raise RuntimeError(f"rebuild failed:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def rebuild_only(url: str) -> None:
    app = Cooperations(url, clock=clock)
    try:
        started = time.perf_counter()
        n = app.rebuild_read_models()
        elapsed = time.perf_counter() - started
    finally:
        app.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"events": n, "seconds": elapsed, "eps": n / elapsed, "peak_rss_mb": peak_kb / 1024}))


def prepare_writer(app: Cooperations, slug: str) -> tuple[str, str, str, str]:
    """A cooperation with a party, a project and an indicator to send commands to."""
    coop = app.create_cooperation(f"Bench {slug}", slug=slug, founded_on=dt.date(2021, 1, 1))
    party = str(app.execute(coop, JoinParty(name="Buurthuis", kind=PartyKind.INITIATIVE, on=dt.date(2021, 1, 2))))
    project = str(app.execute(coop, StartProject(title="Zon op het dak", plan="Panelen.", contact=party, on=dt.date(2021, 1, 3))))
    indicator = str(app.execute(coop, DefineIndicator(project=project, name="kWh", unit="kWh")))
    return coop, party, project, indicator


def command(i: int, party: str, project: str, indicator: str) -> Any:
    """The mix of commands sent, in about the log's proportions: measurements,
    meetings, and a new resident (personal data, so a key of their own) in six."""
    day = dt.date(2021, 1, 1) + dt.timedelta(days=i % 2000)
    match i % 6:
        case 0 | 2 | 4:
            return MeasureIndicator(project=project, indicator=indicator, value=Decimal(i) / 4, on=day)
        case 1 | 3:
            return RecordMeeting(kind=MeetingKind.MONTHLY, held_on=day, attendees=(party,), minutes="Kort overleg.")
        case _:
            return JoinParty(name=f"Bewoner {i}", kind=PartyKind.RESIDENT, phone="0612345678", on=day)


def run_commands(
    app: Cooperations, target: tuple[str, str, str, str], seconds: float, limit: int, first: int = 0
) -> tuple[int, float]:
    coop, party, project, indicator = target
    n = 0
    started = time.perf_counter()
    while n < limit and time.perf_counter() - started < seconds:
        app.execute(coop, command(first + n, party, project, indicator))
        n += 1
    return n, time.perf_counter() - started


def command_rate(app: Cooperations, slug: str, seconds: float, limit: int = 100_000) -> float:
    target = prepare_writer(app, slug)
    warm, _ = run_commands(app, target, 0.3, 50)
    n, elapsed = run_commands(app, target, seconds, limit, first=warm)
    return n / elapsed


def _cpu_ticks() -> tuple[int, int] | None:
    """(busy, total) clock ticks of the whole machine since boot, from /proc/stat (Linux)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _writer(url: str, slug: str, seconds: float, barrier: Any, results: Any) -> None:
    app = Cooperations(url, clock=clock)
    try:
        target = prepare_writer(app, slug)
        warm, _ = run_commands(app, target, 0.3, 50)
        barrier.wait()
        before = _cpu_ticks()
        n, elapsed = run_commands(app, target, seconds, 10**9, first=warm)
        after = _cpu_ticks()
        # How many of the machine's cores were busy (this writer, the others, PostgreSQL).
        busy = None
        if before and after and after[1] > before[1]:
            busy = (after[0] - before[0]) / (after[1] - before[1]) * (os.cpu_count() or 1)
        results.put((n, elapsed, busy))
    finally:
        app.close()


def concurrent_writers(url: str, writers: int, seconds: float, tag: str) -> tuple[float, float | None]:
    """``writers`` processes, each on its own cooperation, started together: their
    commands per second, and how many cores the machine kept busy meanwhile."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(writers)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_writer, args=(url, f"writer-{tag.replace('_', '-')}-{i}", seconds, barrier, results))
        for i in range(writers)
    ]
    for p in procs:
        p.start()
    got: list[Any] = []
    deadline = time.monotonic() + 300
    while len(got) < writers:
        try:
            got.append(results.get(timeout=1))
        except queue.Empty:
            failed = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
            if failed or time.monotonic() > deadline:
                for p in procs:
                    p.terminate()
                raise RuntimeError(f"a writer failed (exit codes {failed}); its error is above") from None
    for p in procs:
        p.join()
    busy = [b for _, _, b in got if b is not None]
    return sum(n for n, _, _ in got) / max(e for _, e, _ in got), (round(max(busy), 2) if busy else None)


QUERIES = ["parties", "agreement", "projects", "budget", "allocations", "meetings", "decisions",
           "disagreements", "evaluations", "benefits", "compliance"]


def query_times(apps: list[Cooperations], ref: str, repeat: int) -> list[dict[str, float]]:
    """Median milliseconds of each main query of one cooperation (by its short name), in
    each store; the stores take turns, so a busy moment of the machine hits them alike."""
    out: list[dict[str, float]] = [{} for _ in apps]
    for name in QUERIES:
        times: list[list[float]] = [[] for _ in apps]
        for round_ in range(repeat + 2):
            for i, app in enumerate(apps):
                query = getattr(app, name)
                started = time.perf_counter()
                query(ref)
                if round_ >= 2:  # the first two warm up
                    times[i].append((time.perf_counter() - started) * 1000)
        for i in range(len(apps)):
            out[i][name] = round(statistics.median(times[i]), 3)
    return out


def verify_rate(app: Cooperations, coops: list[tuple[int, int]], limit: int) -> float:
    """Events per second the audit recomputes and checks (over whole cooperations)."""
    n = 0
    started = time.perf_counter()
    for index, _events in coops[: max(1, limit)]:
        verdict = app.audit.verify(str(cooperation_id(synth.slug(index))))
        if not verdict.ok:
            raise RuntimeError(f"verify failed on cooperation {index}: {verdict}")
        n += verdict.events if hasattr(verdict, "events") else _events
    return n / (time.perf_counter() - started)


def import_rate(app: Cooperations, coops: list[tuple[int, int]], limit: int, folder: Path) -> float:
    """Events per second the audit imports (exports of whole cooperations, loaded into a new store)."""
    files = []
    for index, _events in coops[: max(1, limit)]:
        path = folder / f"export-{index}.jsonl"
        app.audit.export(str(cooperation_id(synth.slug(index))), path)
        files.append(path)
    target = Cooperations(str(folder / "imported.db"), clock=clock)
    try:
        n = 0
        started = time.perf_counter()
        for path in files:
            n += target.audit.import_log(path).events
        return n / (time.perf_counter() - started)
    finally:
        target.close()


# --- one run --------------------------------------------------------------------------


def bench_store(url: str, folder: Path | None, args: argparse.Namespace, prefix: str, results: dict[str, Any]) -> Cooperations:
    """Build the log in ``url``, measure rebuild, commands, queries; returns the open app."""
    app = Cooperations(url, clock=clock)
    log(f"{prefix or 'sqlite'}: building a log of {args.events:,} events")
    info = build_log(app, args.seed, args.events)
    results[f"{prefix}log"] = info
    results[f"{prefix}events_table"] = app.recorder.events_table_name.split(".")[-1]
    log(f"{prefix or 'sqlite'}: {info['events']:,} events in {info['cooperations']} cooperations "
        f"({info['build_eps']:,}/s); catching up read models and audit chain")
    started = time.perf_counter()
    app.audit.catch_up()
    results[f"{prefix}audit_chain_eps"] = round(info["events"] / (time.perf_counter() - started))
    # The read models are built once, by the rebuild (in a fresh process, for its own peak
    # memory): the tracking row is moved to the end first, so opening the store there does
    # not project the whole log before the rebuild does it again.
    from sqlalchemy import update

    from botu_core.readmodels import tables

    with app.read_models.engine.begin() as conn:
        conn.execute(update(tables.tracking).values(position=app.recorder.max_notification_id() or 0))
    log(f"{prefix or 'sqlite'}: rebuilding in a fresh process")
    rebuilt = rebuild_in_fresh_process(url)
    results[f"{prefix}rebuild_eps"] = round(rebuilt["eps"])
    results[f"{prefix}rebuild_peak_rss_mb"] = round(rebuilt["peak_rss_mb"], 1)
    log(f"{prefix or 'sqlite'}: commands")
    results[f"{prefix}command_per_s"] = round(command_rate(app, "bench-commands", args.seconds), 1)
    return app


def small_store(url: str, seed: int) -> Cooperations:
    """A store with the probe cooperation alone: 1,000 events."""
    small = Cooperations(url, clock=clock)
    build_log(small, seed, synth.PROBE_EVENTS)
    small.catch_up()
    return small


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--seconds", type=float, default=3.0, help="how long each throughput is measured")
    parser.add_argument("--repeat", type=int, default=15, help="runs of each query (the median counts)")
    parser.add_argument("--out", default="bench-results.json")
    parser.add_argument("--dir", default=None, help="where the SQLite stores go (default: a temporary folder)")
    parser.add_argument("--postgres", choices=["auto", "yes", "no"], default="auto")
    parser.add_argument(
        "--pg-events", type=int, default=None, help="events in the PostgreSQL log (default: a tenth of --events, at least 5,000)"
    )
    parser.add_argument("--verify-coops", type=int, default=5, help="cooperations the audit verifies, exports and imports")
    parser.add_argument(
        "--proof-sizes", default="1000,100000,1000000", help="tree sizes whose proofs are measured (comma separated)"
    )
    parser.add_argument("--rebuild-only", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rebuild_only:
        rebuild_only(args.rebuild_only)
        return {}

    started = time.perf_counter()
    folder = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="botu-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "events": args.events,
        "seed": args.seed,
        "date": dt.date.today().isoformat(),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
    }
    try:
        db = folder / "full.db"
        app = bench_store(str(db), folder, args, "", results)
        log("queries at 1,000 events and at full size")
        small = small_store(str(folder / "small.db"), args.seed)
        results["query_ms_1k"], results["query_ms_full"] = query_times([small, app], synth.slug(0), args.repeat)
        small.close()
        size = int(results["log"]["mean_event_bytes"])
        results["raw_read_decode_eps"] = round(raw_sqlite_read_decode(db, results["events_table"]))
        results["raw_durable_txn_per_s"] = round(raw_sqlite_durable_txn(folder, size, args.seconds), 1)
        coops = plan(args.seed, args.events)
        log("verify")
        results["verify_eps"] = round(verify_rate(app, coops, args.verify_coops))
        results["verify_coops"] = min(len(coops), max(1, args.verify_coops))
        log("transparency log: tree appends, proofs")
        results["tree_append_per_s"] = round(audit_bench.tree_append_rate(app, args.seconds), 1)
        results["proofs"] = audit_bench.proof_figures(folder, [int(n) for n in args.proof_sizes.split(",")], args.seed)
        if hasattr(app.audit, "export") and hasattr(app.audit, "import_log"):
            log("import")
            results["import_eps"] = round(import_rate(app, coops, args.verify_coops, folder))
        else:
            results["import_eps"] = None
            results["import_note"] = "the audit has no export/import API yet: import_eps is measured once it lands"
        app.close()
        if args.postgres != "no":
            pg_bench(args, results)
    finally:
        if not args.dir:
            shutil.rmtree(folder, ignore_errors=True)

    derive(results)
    results["seconds"] = round(time.perf_counter() - started, 1)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    return results


def pg_bench(args: argparse.Namespace, results: dict[str, Any]) -> None:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001
        if args.postgres == "yes":
            raise
        results["pg_note"] = f"PostgreSQL not available: {str(error).splitlines()[0] if str(error) else error}"
        log(results["pg_note"])
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    url = f"{POSTGRES_URL}?schema={schema}"
    pg_args = argparse.Namespace(**{**vars(args), "events": args.pg_events or max(5_000, args.events // 10)})
    try:
        app = bench_store(url, None, pg_args, "pg_", results)
        small_url = f"{POSTGRES_URL}?schema={schema}_1k"
        small = small_store(small_url, args.seed)
        results["pg_query_ms_1k"], results["pg_query_ms_full"] = query_times([small, app], synth.slug(0), args.repeat)
        small.close()
        app.close()
        size = int(results["pg_log"]["mean_event_bytes"])
        results["pg_raw_read_decode_eps"] = round(raw_pg_read_decode(schema, results["pg_events_table"]))
        results["pg_raw_durable_txn_per_s"] = round(raw_pg_durable_txn(schema, size, args.seconds), 1)
        log("pg: 1 writer, then 8 writers")
        for writers, tag in ((1, "1_writer"), (8, "8_writers")):
            rate, busy = concurrent_writers(url, writers, args.seconds, tag)
            results[f"pg_command_per_s_{tag}"] = round(rate, 1)
            results[f"pg_busy_cores_{tag}"] = busy
    finally:
        import psycopg

        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}_1k" CASCADE')


def _ratio(a: Any, b: Any) -> float | None:
    return round(a / b, 3) if isinstance(a, int | float) and isinstance(b, int | float) and b else None


def derive(r: dict[str, Any]) -> None:
    r["rebuild_ratio"] = _ratio(r.get("rebuild_eps"), r.get("raw_read_decode_eps"))
    r["command_ratio"] = _ratio(r.get("command_per_s"), r.get("raw_durable_txn_per_s"))
    r["query_ratio"] = {k: _ratio(r["query_ms_full"][k], r["query_ms_1k"][k]) for k in r.get("query_ms_full", {})}
    r["query_ratio_max"] = max((v for v in r["query_ratio"].values() if v is not None), default=None)
    r["tree_cost_ratio"] = _ratio(r.get("command_per_s"), r.get("tree_append_per_s"))
    r["verify_ratio"] = _ratio(r.get("verify_eps"), r.get("raw_read_decode_eps"))
    if r.get("proofs"):
        largest = r["proofs"][max(r["proofs"], key=int)]
        r["proof_bytes_max"] = max(largest["inclusion_bytes"], largest["consistency_bytes"])
        r["proof_ms_max"] = max(largest["inclusion_ms"], largest["consistency_ms"])
    if "pg_rebuild_eps" in r:
        r["pg_rebuild_ratio"] = _ratio(r["pg_rebuild_eps"], r.get("pg_raw_read_decode_eps"))
        r["pg_command_ratio"] = _ratio(r["pg_command_per_s"], r.get("pg_raw_durable_txn_per_s"))
        r["pg_query_ratio"] = {k: _ratio(r["pg_query_ms_full"][k], r["pg_query_ms_1k"][k]) for k in r["pg_query_ms_full"]}
        r["pg_writers_ratio"] = _ratio(r.get("pg_command_per_s_8_writers"), r.get("pg_command_per_s_1_writer"))
    met = {}
    for key, (_what, op, limit) in TARGETS.items():
        value = r.get(key)
        if key == "rebuild_peak_rss_mb" and value is not None and r["events"] < 1_000_000:
            limit = limit  # the target is for 1,000,000 events; smaller logs must stay below it too
        met[key] = None if value is None else (value >= limit if op == ">=" else value <= limit)
    r["targets_met"] = met


def table(r: dict[str, Any]) -> str:
    rows = [
        ("events / cooperations", f"{r['log']['events']:,} / {r['log']['cooperations']}"),
        ("raw_read_decode_eps", f"{r['raw_read_decode_eps']:,}"),
        ("rebuild_eps (ratio)", f"{r['rebuild_eps']:,} ({r['rebuild_ratio']:.1%})"),
        ("rebuild_peak_rss_mb", f"{r['rebuild_peak_rss_mb']}"),
        ("audit_chain_eps (chaining the log)", f"{r['audit_chain_eps']:,}"),
        ("raw_durable_txn_per_s", f"{r['raw_durable_txn_per_s']:,}"),
        ("command_per_s (ratio)", f"{r['command_per_s']:,} ({r['command_ratio']:.1%})"),
        ("verify_eps (ratio to raw read+decode)", f"{r['verify_eps']:,} ({r['verify_ratio']:.1%})"),
        ("tree_append_per_s (a command's share)", f"{r['tree_append_per_s']:,} ({r['tree_cost_ratio']:.1%})"),
        *[(f"proofs at {int(n):,}: inclusion / consistency",
           f"{p['inclusion_bytes']} B ({p['inclusion_json_bytes']} B JSON) {p['inclusion_ms']} ms / "
           f"{p['consistency_bytes']} B ({p['consistency_json_bytes']} B JSON) {p['consistency_ms']} ms")
          for n, p in r.get("proofs", {}).items()],
        ("verify / import: cooperations", f"{r.get('verify_coops')}"),
        ("import_eps", f"{r['import_eps']:,}" if r["import_eps"] else f"{r['import_eps']}"),
    ]
    for k in r["query_ms_full"]:
        rows.append((f"query_ms {k} 1k -> full (ratio)", f"{r['query_ms_1k'][k]} -> {r['query_ms_full'][k]} ({r['query_ratio'][k]})"))
    if "pg_rebuild_eps" in r:
        rows += [
            ("pg events", f"{r['pg_log']['events']:,}"),
            ("pg raw_read_decode_eps", f"{r['pg_raw_read_decode_eps']:,}"),
            ("pg rebuild_eps (ratio)", f"{r['pg_rebuild_eps']:,} ({r['pg_rebuild_ratio']:.1%})"),
            ("pg rebuild_peak_rss_mb", f"{r['pg_rebuild_peak_rss_mb']}"),
            ("pg raw_durable_txn_per_s", f"{r['pg_raw_durable_txn_per_s']:,}"),
            ("pg command_per_s (ratio)", f"{r['pg_command_per_s']:,} ({r['pg_command_ratio']:.1%})"),
            ("pg 1 writer / 8 writers (ratio)",
             f"{r['pg_command_per_s_1_writer']:,} / {r['pg_command_per_s_8_writers']:,} ({r['pg_writers_ratio']})"),
            ("pg busy cores: 1 writer / 8 writers", f"{r.get('pg_busy_cores_1_writer')} / {r.get('pg_busy_cores_8_writers')} (of {r['machine']['cpus']})"),
            ("pg query ratio max", f"{max(v for v in r['pg_query_ratio'].values() if v is not None)}"),
        ]
    elif "pg_note" in r:
        rows.append(("postgresql", r["pg_note"]))
    rows.append(("targets met", ", ".join(f"{k}={'yes' if v else ('n/a' if v is None else 'NO')}" for k, v in r["targets_met"].items())))
    width = max(len(a) for a, _ in rows)
    return "\n".join(f"{a.ljust(width)}  {b}" for a, b in rows)


if __name__ == "__main__":
    main()
