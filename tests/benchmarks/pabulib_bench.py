"""``make bench-pb``: equal shares (with "add one") on real pabulib files, botu beside pabutools.

For every ``.pb`` file in the data folder (read in place, never copied), in the same run:
botu's rule time and the process's peak memory, pabutools' time for the same rule with
the same tie-break (in a process of its own, stopped after ``--limit`` seconds: "skipped"),
their ratio against the target where one is set, and whether the winners are identical.
The figures go under ``"pabulib"`` in ``bench-results.json`` (the file's other keys are
kept). Both sides compute the rule on the file's projects, costs and ballots alone: the
comparison leaves out category limits, which pabutools does not read.

    .venv/bin/python tests/benchmarks/pabulib_bench.py [--data DIR] [--limit 60] [FILE ...]

Correctness is tested without timings in ``tests/participatory/test_pabulib_files.py``;
this script is not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

DATA = Path("/work/shared/data/pabulib")
RULE = "equalshares/add1"

# The owner's targets per file (files that are not in the data folder are skipped).
TARGETS: dict[str, tuple[str, float]] = {
    "Poland_Wieliczka_2023_Green_Budget": ("ratio", 40.0),  # pabutools time / botu time
    "Netherlands_Amsterdam_621": ("seconds", 1.0),
    "Poland_Wroclaw_2015_up_to_150": ("seconds", 1.0),
    "Poland_Warszawa_2023_Mokotow": ("seconds", 10.0),
}
PEAK_MB = 200.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def one_botu(path: Path) -> dict[str, Any]:
    from botu_core.participatory import parse_pabulib
    from botu_core.participatory.rules import Candidate, Election, compute

    parsed = parse_pabulib(path.read_bytes())
    election = Election(
        parsed.budget.cents,
        tuple(Candidate(p.project_id, p.cost.cents, p.categories) for p in parsed.projects),
        tuple(frozenset(b.approvals) for b in parsed.ballots),
    )
    start = time.perf_counter()
    result = compute(RULE, election)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "winners": sorted(result.winners)}


def one_pabutools(path: Path) -> dict[str, Any]:
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import method_of_equal_shares
    from pabutools.tiebreaking import TieBreakingRule

    from botu_core.participatory.rules import natural_key

    instance, profile = parse_pabulib(str(path))
    score = {p.name: profile.approval_score(p) for p in instance}
    tie = TieBreakingRule(lambda _i, _p, p: (-score[p.name], p.cost, natural_key(p.name)))
    start = time.perf_counter()
    outcome = method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1, tie_breaking=tie)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "winners": sorted(p.name for p in outcome)}


def _in_process(side: str, path: Path, limit: float | None) -> dict[str, Any] | None:
    """Run one side in a fresh process (its own peak memory); None when over ``limit``."""
    command = [sys.executable, __file__, "--one", side, str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return None
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def bench(paths: list[Path], limit: float) -> dict[str, Any]:
    files: dict[str, Any] = {}
    for path in paths:
        print(f"… {path.stem}", file=sys.stderr, flush=True)
        ours = _in_process("botu", path, None)
        assert ours is not None
        theirs = _in_process("pabutools", path, limit)
        row: dict[str, Any] = {
            "botu_seconds": round(ours["seconds"], 3),
            "botu_peak_mb": round(ours["peak_mb"], 1),
            "pabutools_seconds": None if theirs is None else round(theirs["seconds"], 3),
            "pabutools_skipped": None if theirs is not None else f"> {limit:g} s",
            "ratio": None if theirs is None else round(theirs["seconds"] / max(ours["seconds"], 1e-9), 1),
            "same_winners": None if theirs is None else ours["winners"] == theirs["winners"],
            "winners": len(ours["winners"]),
        }
        target = TARGETS.get(path.stem)
        if target is not None:
            kind, value = target
            row["target"] = f"ratio ≥ {value:g}" if kind == "ratio" else f"≤ {value:g} s"
            if kind == "ratio":
                row["target_met"] = None if row["ratio"] is None else row["ratio"] >= value
            else:
                row["target_met"] = ours["seconds"] <= value
        row["peak_met"] = ours["peak_mb"] <= PEAK_MB
        files[path.stem] = row
    return {"rule": RULE, "limit_seconds": limit, "peak_target_mb": PEAK_MB, "files": files}


def table(result: dict[str, Any]) -> str:
    lines = [
        "| file | botu s | pabutools s | ratio | target | peak MB | same winners |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in result["files"].items():
        theirs = row["pabutools_seconds"] if row["pabutools_seconds"] is not None else f"skipped: {row['pabutools_skipped']}"
        target = row.get("target", "")
        if target:
            target += " ✓" if row.get("target_met") else (" ✗" if row.get("target_met") is False else " ?")
        same = {True: "yes", False: "NO", None: "–"}[row["same_winners"]]
        lines.append(
            f"| {name} | {row['botu_seconds']} | {theirs} | {row['ratio'] or '–'} | {target} | {row['botu_peak_mb']} | {same} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="pabulib files (default: every .pb in --data)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=float, default=60.0, help="seconds pabutools may take before it is skipped")
    parser.add_argument("--out", default="bench-results.json", help="the figures go under 'pabulib' in this file")
    parser.add_argument("--one", nargs=2, metavar=("SIDE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        side, file = args.one
        found = one_botu(Path(file)) if side == "botu" else one_pabutools(Path(file))
        print(json.dumps(found))
        return found
    paths = args.files or sorted(args.data.glob("*.pb"))
    result = bench(paths, args.limit)
    out = Path(args.out)
    results = json.loads(out.read_text()) if out.exists() else {}
    results["pabulib"] = result
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(table(result))
    return result


if __name__ == "__main__":
    main()
