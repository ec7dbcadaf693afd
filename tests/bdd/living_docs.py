"""Living documentation: every Dutch scenario with its result, as one Markdown page.

Regenerate (from the repository root):

    .venv/bin/python tests/bdd/living_docs.py            # writes docs/scenarios.md

It runs ``pytest tests/bdd/test_scenarios.py`` with ``BOTU_LIVING_DOCS`` set; the
hooks in ``conftest.py`` collect pytest-bdd's scenario reports and ``write_page``
turns them into Markdown. Extra arguments go to pytest (e.g. ``-k onenigheid``).
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


def write_page(results: list[dict[str, Any]], path: Path) -> None:
    """``results``: one dict per pytest item: scenario (pytest-bdd's report), item, outcome."""
    by_feature: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for result in results:
        by_feature[result["scenario"]["feature"]["rel_filename"]].append(result)
    passed = sum(r["outcome"] == "passed" for r in results)
    failed = len(results) - passed
    names = {(r["scenario"]["feature"]["rel_filename"], r["scenario"]["name"]) for r in results}
    lines = [
        "# Scenario's van de samenwerkingsovereenkomst",
        "",
        "Levende documentatie: elk voorbeeld uit `scenarios/`, met of het slaagt.",
        f"Gemaakt op {dt.date.today().isoformat()} met `.venv/bin/python tests/bdd/living_docs.py`.",
        "",
        f"**{len(names)} scenario's, {len(results)} uitvoeringen: {passed} geslaagd, {failed} mislukt.**",
        "",
        "✅ = geslaagd, ❌ = mislukt. Tussen haken staat de manier waarop botu is gebruikt "
        "(`library` = de bibliotheek) en, bij een abstract scenario, het voorbeeld.",
        "",
    ]
    for rel in sorted(by_feature):
        items = by_feature[rel]
        feature = items[0]["scenario"]["feature"]
        folder = Path(rel).parent.name
        lines += [f"## {folder}: {feature['name']}", "", f"`{rel}`", ""]
        by_rule: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for item in sorted(items, key=lambda r: (r["scenario"]["line_number"], r["item"])):
            rule = item["scenario"].get("rule")
            by_rule[rule["name"] if rule else ""].append(item)
        for rule_name, rule_items in by_rule.items():
            if rule_name:
                lines += [f"### Regel: {rule_name}", ""]
            for item in rule_items:
                mark = "✅" if item["outcome"] == "passed" else "❌"
                variant = item["item"].split("[", 1)[1].rstrip("]") if "[" in item["item"] else ""
                lines.append(f"- {mark} {item['scenario']['name']} `[{variant}]`")
                if item["outcome"] != "passed":
                    failed_steps = [s for s in item["scenario"]["steps"] if s["failed"]]
                    if failed_steps:
                        step = failed_steps[0]
                        lines.append(f"  - mislukt bij: *{step['keyword']} {step['name']}*")
            lines.append("")
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
