"""Benchmark: closing a participatory round, botu beside pabutools on the same input.

Not collected by the default test run (the file name does not start with ``test_``).
Run it with

    .venv/bin/pytest tests/benchmarks/bench_participatory.py -s
    .venv/bin/python tests/benchmarks/bench_participatory.py

It times (1) the largest real file (Amsterdam 613: 1961 voters, 41 projects) and (2) a
synthetic round of 10,000 voters and 100 proposals, each with both rules: botu's rule
alone, botu's whole close (the command, its facts and the read models), and pabutools'
rule. The ratio printed is pabutools' time divided by botu's rule time (above 1: botu
is faster).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pabutools.election import Cost_Sat
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
from pabutools.tiebreaking import TieBreakingRule

from botu_core import Cooperations
from botu_core.participatory import CloseRound, parse_pabulib
from botu_core.participatory.rounds import election_of, find_round
from botu_core.participatory.rules import compute, natural_key

LARGEST = Path("/work/shared/data/pabulib/Netherlands_Amsterdam_613.pb")
RULES = ("greedy", "equalshares/add1")


def synthetic(voters: int = 10_000, proposals: int = 100, seed: int = 2026) -> str:
    """A pabulib text: 100 proposals of € 1.000–€ 20.000, a budget of € 200.000, and
    10,000 voters who each approve 1–8 proposals, popular ones more often."""
    rng = random.Random(seed)
    ids = [str(i) for i in range(1, proposals + 1)]
    weights = [1.0 / (i**0.7) for i in range(1, proposals + 1)]
    lines = ["META", "key;value", "description;Synthetisch", "budget;200000", "vote_type;approval", "rule;greedy"]
    lines += ["PROJECTS", "project_id;cost"] + [f"{pid};{rng.randrange(1000, 20001, 50)}" for pid in ids]
    lines += ["VOTES", "voter_id;vote"]
    for v in range(voters):
        chosen: set[str] = set()
        for _ in range(rng.randint(1, 8)):
            chosen.add(rng.choices(ids, weights)[0])
        lines.append(f"v{v};{','.join(sorted(chosen, key=int))}")
    return "\n".join(lines) + "\n"


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def pabutools_rule(rule: str, text: str) -> tuple[float, frozenset[str]]:
    instance, profile = parse_pabulib_from_string(text)
    score = {p.name: profile.approval_score(p) for p in instance}
    tie = TieBreakingRule(lambda _i, _p, p: (-score[p.name], p.cost, natural_key(p.name)))
    if rule == "greedy":
        seconds, outcome = timed(lambda: greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat, tie_breaking=tie))
    else:
        seconds, outcome = timed(
            lambda: method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1, tie_breaking=tie)
        )
    return seconds, frozenset(p.name for p in outcome)


def run(name: str, text: str) -> list[str]:
    report = []
    for rule in RULES:
        app = Cooperations("memory:", clock=lambda: dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC))
        try:
            app.create_cooperation("Bench", slug="bench", founded_on=dt.date(2019, 1, 1))
            round_id = app.import_pabulib(None, text, rule=rule)
            election = election_of(find_round(app._get(app.resolve(None)).state, round_id))
            rule_seconds, result = timed(lambda: compute(rule, election))
            close_seconds, _ = timed(lambda: app.execute(None, CloseRound(round=round_id)))
            winners = frozenset(app.round(None, round_id).winners)
        finally:
            app.close()
        pabu_seconds, pabu_winners = pabutools_rule(rule, text)
        assert winners == frozenset(result.winners) == pabu_winners, (name, rule)
        line = (
            f"{name:<34} {rule:<17} botu rule {rule_seconds:8.3f} s   botu close {close_seconds:8.3f} s   "
            f"pabutools {pabu_seconds:8.3f} s   ratio pabutools/botu {pabu_seconds / rule_seconds:6.2f}"
        )
        print(line, flush=True)
        report.append(line)
    return report


def test_benchmark_largest_file() -> None:
    run(f"{LARGEST.stem} ({len(parse_pabulib(LARGEST.read_bytes()).ballots)} voters)", LARGEST.read_text("utf-8"))


def test_benchmark_synthetic_10000_voters_100_proposals() -> None:
    run("synthetic 10000 voters x 100", synthetic())


if __name__ == "__main__":
    test_benchmark_largest_file()
    test_benchmark_synthetic_10000_voters_100_proposals()
