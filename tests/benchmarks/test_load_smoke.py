"""The web load test in small (10 clients, 4 seconds): no errors, nothing lost.

``make load`` runs it at full size (50 clients, 60 seconds); latencies are reported,
never asserted (a shared CI machine says little about speed).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import load


@pytest.mark.slow
def test_many_clients_get_every_answer_and_every_write_lands_once(tmp_path: Path) -> None:
    out = tmp_path / "bench-results.json"
    out.write_text(json.dumps({"rebuild_eps": 1.0}))  # figures of the other benchmark stay
    load.main(["--clients", "10", "--seconds", "4", "--out", str(out)])
    results = json.loads(out.read_text())
    assert results["rebuild_eps"] == 1.0
    result = results["load"]
    assert result["errors"] == 0, result["error_examples"]
    assert result["writes_confirmed"] > 0
    assert result["events_added"] == result["writes_confirmed"]
    for kind in ("page", "api_read", "api_write"):
        figures = result[kind]
        assert figures["requests"] > 0, kind
        assert 0 < figures["p50_ms"] <= figures["p90_ms"] <= figures["p99_ms"] <= figures["max_ms"], kind
    assert result["requests"] == sum(result[kind]["requests"] for kind in ("page", "api_read", "api_write"))


def test_percentile_is_a_latency_that_was_seen() -> None:
    values = [float(v) for v in range(1, 101)]
    assert load.percentile(values, 0.50) == 50.0
    assert load.percentile(values, 0.99) == 99.0
    assert load.percentile([7.0], 0.99) == 7.0
    assert load.percentile([3.0, 1.0, 2.0], 0.5) == 2.0
