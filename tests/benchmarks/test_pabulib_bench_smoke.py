"""``make bench-pb`` in small (two small Dutch files): it runs, compares and keeps the other figures.

No speed is asserted here; the benchmark itself reports the times beside pabutools'.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import pabulib_bench

DATA = Path("/work/shared/data/pabulib")
FILES = [DATA / "Netherlands_Amsterdam_643.pb", DATA / "Netherlands_Amsterdam_522.pb"]


@pytest.mark.slow
def test_bench_pb_writes_its_figures_and_keeps_the_others(tmp_path: Path) -> None:
    out = tmp_path / "bench-results.json"
    out.write_text(json.dumps({"events": 5000, "load": {"clients": 1}}))
    pabulib_bench.main([*map(str, FILES), "--out", str(out), "--limit", "60"])
    results = json.loads(out.read_text())
    assert results["events"] == 5000 and results["load"] == {"clients": 1}  # kept
    figures = results["pabulib"]
    assert figures["rule"] == "equalshares/add1" and set(figures["files"]) == {p.stem for p in FILES}
    for row in figures["files"].values():
        assert row["same_winners"] is True
        assert row["botu_seconds"] > 0 and row["pabutools_seconds"] > 0 and row["ratio"] > 0
        assert 0 < row["botu_peak_mb"] < 4096


def test_a_side_over_the_limit_is_skipped(tmp_path: Path) -> None:
    result = pabulib_bench.bench([FILES[0]], limit=0.001)  # no Python process starts that fast
    row = result["files"][FILES[0].stem]
    assert row["pabutools_seconds"] is None and row["pabutools_skipped"] == "> 0.001 s"
    assert row["same_winners"] is None and row["botu_seconds"] > 0
    assert "skipped: > 0.001 s" in pabulib_bench.table(result)
