"""MkDocs hook: the API reference lists every name in ``botu_core.__all__``, grouped by kind,
and the changelog page shows CHANGELOG.md. Generated at build time, so a name added to the
public API is documented without anyone listing it twice."""

from __future__ import annotations

import enum
import inspect
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_MARK = "<!-- botu_core.__all__ -->"
CHANGELOG_MARK = "<!-- CHANGELOG.md -->"

def _groups() -> list[tuple[str, Any]]:
    """(heading, test) in the order a reader looks for them; the first group that fits wins."""
    import botu_core
    from botu_core.state import HANDLERS  # every command the library has a rule for

    return [
        ("The application", lambda o: o is botu_core.Cooperations),
        ("Commands", lambda o: inspect.isclass(o) and o in HANDLERS),
        ("Errors", lambda o: inspect.isclass(o) and issubclass(o, BaseException)),
        ("Enumerations", lambda o: inspect.isclass(o) and issubclass(o, enum.Enum)),
        ("Views", lambda o: inspect.isclass(o) and o.__module__.startswith(("botu_core.views", "botu_core.audit"))),
        ("Values and other classes", inspect.isclass),
        ("Functions", callable),
        ("Constants", lambda o: True),
    ]


def reference_markdown() -> str:
    import botu_core

    groups: dict[str, list[str]] = {heading: [] for heading, _ in _groups()}
    for name in sorted(botu_core.__all__, key=str.lower):
        obj = getattr(botu_core, name)
        heading = next(h for h, fits in _groups() if fits(obj))
        groups[heading].append(name)
    parts = []
    for heading, names in groups.items():
        if names:
            parts.append(f"## {heading}\n")
            parts += [f"::: botu_core.{name}\n" for name in names]
    return "\n".join(parts)


def on_page_markdown(markdown: str, page: Any, **_kwargs: Any) -> str:
    if REFERENCE_MARK in markdown:
        markdown = markdown.replace(REFERENCE_MARK, reference_markdown())
    if CHANGELOG_MARK in markdown:
        text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        markdown = markdown.replace(CHANGELOG_MARK, text.split("\n", 1)[1])  # the page has its own title
    return markdown
