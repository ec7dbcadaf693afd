"""The benchmark in small (5,000 events): it runs and writes every figure.

Speed is not asserted here (a shared CI machine says little about it); the
benchmark itself measures it as ratios next to raw SQLite/PostgreSQL (``make bench``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import botu_testing
from benchmarks import run

KEYS = [
    "raw_read_decode_eps", "raw_durable_txn_per_s", "rebuild_eps", "rebuild_ratio", "command_per_s",
    "command_ratio", "query_ms_1k", "query_ms_full", "query_ratio", "query_ratio_max", "rebuild_peak_rss_mb",
    "verify_eps", "import_eps", "audit_chain_eps", "targets_met", "verify_ratio", "tree_append_per_s",
    "tree_cost_ratio", "proofs", "proof_bytes_max", "proof_ms_max",
]
PG_KEYS = [
    "pg_raw_read_decode_eps", "pg_raw_durable_txn_per_s", "pg_rebuild_eps", "pg_rebuild_ratio", "pg_command_per_s",
    "pg_command_ratio", "pg_query_ms_1k", "pg_query_ms_full", "pg_query_ratio", "pg_rebuild_peak_rss_mb",
    "pg_command_per_s_1_writer", "pg_command_per_s_8_writers", "pg_writers_ratio", "pg_busy_cores_1_writer",
    "pg_busy_cores_8_writers",
]


@pytest.mark.slow
def test_benchmark_runs_small(tmp_path: Path) -> None:
    with_pg = botu_testing.postgres_available_problem() is None
    out = tmp_path / "bench-results.json"
    run.main([
        "--events", "5000", "--seconds", "0.5", "--repeat", "3", "--verify-coops", "3",
        "--postgres", "yes" if with_pg else "no", "--out", str(out), "--dir", str(tmp_path / "stores"),
        "--proof-sizes", "1000,5000",
    ])
    results = json.loads(out.read_text())
    for key in KEYS + (PG_KEYS if with_pg else []):
        assert key in results, key
    assert results["log"]["events"] == 5000
    assert len(results["log"]["event_kinds"]) >= 25  # every core kind, or nearly, even this small
    assert set(results["query_ms_full"]) == set(run.QUERIES) == set(results["query_ms_1k"])
    for key in ["raw_read_decode_eps", "raw_durable_txn_per_s", "rebuild_eps", "command_per_s", "verify_eps"]:
        assert results[key] > 0, key
    assert all(ms > 0 for ms in results["query_ms_full"].values())
    assert 0 < results["rebuild_peak_rss_mb"] < 4096
    assert results["import_eps"] is None or results["import_eps"] > 0
    if with_pg:
        assert results["pg_command_per_s_1_writer"] > 0 and results["pg_command_per_s_8_writers"] > 0
        cores = results["machine"]["cpus"]
        assert all(0 < results[f"pg_busy_cores_{n}"] <= cores for n in ("1_writer", "8_writers"))
    assert set(results["targets_met"]) == set(run.TARGETS)
    assert results["tree_append_per_s"] > 0 and set(results["proofs"]) == {"1000", "5000"}
    assert all(p["inclusion_bytes"] > 0 and p["inclusion_ms"] > 0 for p in results["proofs"].values())
    assert results["proofs"]["5000"]["inclusion_bytes"] >= results["proofs"]["1000"]["inclusion_bytes"]
