"""Living documentation: every Dutch scenario with its result, as one Markdown page.

Regenerate (from the repository root):

    .venv/bin/python tests/bdd/living_docs.py            # writes docs/scenarios.md

It runs ``pytest tests/bdd/test_scenarios.py`` with ``BOTU_LIVING_DOCS`` set, under the
default drivers (or ``BOTU_BDD_DRIVERS``); the hooks in ``conftest.py`` collect
pytest-bdd's scenario reports, the driver of each item and the combinations that were
deselected, and ``write_page`` turns them into Markdown: one table per rule, one column
per driver. Extra arguments go to pytest (e.g. ``-k onenigheid``).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PAGE = ROOT / "docs" / "scenarios.md"


DRIVER_WORDS = {
    "library": "de bibliotheek (`botu_core`, direct aangeroepen)",
    "library-sqlite": "de bibliotheek op een SQLite-bestand",
    "cli": "de opdrachtregel `botu … --json`, in hetzelfde proces (`botu_cli.main.main`)",
    "cli-script": "het echte programma `botu` in een eigen proces (rooktest)",
    "web": "de website: de JSON-API `/api/v1`, in hetzelfde proces via Litestar's TestClient",
    "web-server": "de website op een echte server (uvicorn, 127.0.0.1) via HTTP (rooktest)",
    "faulty": "een expres kapotte driver (alleen voor de test die dat laat zien)",
}

MARK = {"passed": "✅", "failed": "❌"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def write_page(
    results: list[dict[str, Any]],
    path: Path,
    drivers: list[str] | None = None,
    deselected: list[tuple[str, str, str]] | None = None,
) -> None:
    """``results``: one dict per pytest item: scenario (pytest-bdd's report), item,
    driver, example (an outline's values) and outcome. ``deselected``: (driver,
    scenario name, why) for the combinations that were not collected."""
    drivers = list(drivers or sorted({r["driver"] for r in results}))
    deselected = deselected or []
    not_run = {(d, name): why for d, name, why in deselected}
    by_feature: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for result in results:
        by_feature[result["scenario"]["feature"]["rel_filename"]].append(result)
    names = {(r["scenario"]["feature"]["rel_filename"], r["scenario"]["name"]) for r in results}
    passed = sum(r["outcome"] == "passed" for r in results)
    failed = len(results) - passed
    lines = [
        "# Scenario's van de samenwerkingsovereenkomst",
        "",
        "Levende documentatie: elk voorbeeld uit `scenarios/`, en per manier waarop botu is gebruikt",
        "(driver) of het slaagt.",
        f"Gemaakt op {dt.date.today().isoformat()} met `.venv/bin/python tests/bdd/living_docs.py`.",
        "",
        f"**{len(names)} scenario's, {len(results)} uitvoeringen: {passed} geslaagd, {failed} mislukt.**",
        "",
        "| driver | wat | uitgevoerd | geslaagd | mislukt | niet uitgevoerd |",
        "|---|---|--:|--:|--:|--:|",
    ]
    for driver in drivers:
        mine = [r for r in results if r["driver"] == driver]
        lines.append(
            f"| `{driver}` | {DRIVER_WORDS.get(driver, driver)} | {len(mine)} "
            f"| {sum(r['outcome'] == 'passed' for r in mine)} | {sum(r['outcome'] != 'passed' for r in mine)} "
            f"| {sum(d == driver for d, _n, _w in deselected)} |"
        )
    reasons: dict[tuple[str, str], int] = defaultdict(int)
    for driver, _name, why in deselected:
        reasons[(driver, why)] += 1
    lines += [
        "",
        "✅ = geslaagd, ❌ = mislukt, — = niet uitgevoerd met deze driver (niet overgeslagen: zo'n combinatie",
        "wordt niet verzameld, en pytest telt haar als *deselected*).",
    ]
    if reasons:
        lines += ["Niet uitgevoerd:"]
        for (driver, why), count in sorted(reasons.items()):
            explained = "de driver doet alleen de rooktest" if why == "alleen de rooktest" else f"de driver {why}"
            lines.append(f"- `{driver}`: {count} scenario's — {explained}")
    lines.append("")
    header = "| Scenario | " + " | ".join(f"`{d}`" for d in drivers) + " |"
    rule_line = "|---|" + "|".join(":-:" for _ in drivers) + "|"
    for rel in sorted(by_feature):
        items = by_feature[rel]
        feature = items[0]["scenario"]["feature"]
        folder = Path(rel).parent.name
        lines += [f"## {folder}: {feature['name']}", "", f"`{rel}`", ""]
        by_rule: dict[str, dict[tuple[int, str, str], dict[str, dict[str, Any]]]] = defaultdict(dict)
        for item in items:
            scenario = item["scenario"]
            rule = scenario.get("rule")
            row = (scenario["line_number"], scenario["name"], item["example"])
            by_rule[rule["name"] if rule else ""].setdefault(row, {})[item["driver"]] = item
        for rule_name, rows in by_rule.items():
            if rule_name:
                lines += [f"### Regel: {rule_name}", ""]
            lines += [header, rule_line]
            failures = []
            for (_line, name, example), per_driver in sorted(rows.items()):
                title = f"{name} ({example})" if example else name
                cells = []
                for driver in drivers:
                    item = per_driver.get(driver)
                    if item is None:
                        why = not_run.get((driver, name), "niet uitgevoerd")
                        cells.append(f"— <sub>{_cell(why)}</sub>" if why != "alleen de rooktest" else "—")
                        continue
                    cells.append(MARK.get(item["outcome"], "❌"))
                    if item["outcome"] != "passed":
                        steps = [s for s in item["scenario"]["steps"] if s["failed"]]
                        where = f" — mislukt bij: *{steps[0]['keyword']} {steps[0]['name']}*" if steps else ""
                        failures.append(f"- ❌ `{driver}`: {title}{where}")
                lines.append(f"| {_cell(title)} | " + " | ".join(cells) + " |")
            lines.append("")
            if failures:
                lines += [*failures, ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    env = dict(os.environ, BOTU_LIVING_DOCS=str(os.environ.get("BOTU_LIVING_DOCS", DEFAULT_PAGE)))
    command = [sys.executable, "-m", "pytest", "tests/bdd/test_scenarios.py", "-q", "-p", "no:cacheprovider", *argv]
    completed = subprocess.run(command, cwd=ROOT, env=env, check=False)
    print(f"living documentation: {env['BOTU_LIVING_DOCS']}")
    return completed.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
