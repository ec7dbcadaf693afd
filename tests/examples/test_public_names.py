"""Every example (examples/*.py, the README's Python blocks) uses only botu_core's public API."""

from __future__ import annotations

import ast

import pytest
from readme_code import EXAMPLES, ROOT, readme_python_blocks

import botu_core

SOURCES = [(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")) for path in EXAMPLES] + [
    (f"README.md block {n}", block) for n, block in enumerate(readme_python_blocks(), 1)
]


def private_uses(source: str) -> list[str]:
    """What ``source`` takes from botu_core beyond ``botu_core.__all__``."""
    public = set(botu_core.__all__)
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "botu_core":
            if node.module != "botu_core":
                found.append(f"from {node.module} import …")
            found += [alias.name for alias in node.names if alias.name not in public]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("botu_core.")]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "botu_core":
            if node.attr not in public:
                found.append(f"botu_core.{node.attr}")
    return found


def test_there_are_examples_to_check() -> None:
    assert EXAMPLES and any("Cooperations(" in block for _, block in SOURCES)


@pytest.mark.parametrize(("where", "source"), SOURCES, ids=[where for where, _ in SOURCES])
def test_an_example_imports_only_public_names(where: str, source: str) -> None:
    assert private_uses(source) == [], where


@pytest.mark.parametrize(
    "source",
    ["from botu_core.values import PartyKind", "import botu_core.values", "import botu_core\nbotu_core.values.X",
     "from botu_core import _private"],
)
def test_private_uses_are_found(source: str) -> None:
    assert private_uses(source)
