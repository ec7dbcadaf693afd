"""Which driver methods a scenario needs, so it runs only under drivers that have them.

A step's needs are read from its code: every ``….driver.X`` / ``driver.X`` it touches
(``X`` an abstract method of ``Driver``), following the module's helper functions
(``_decide``, ``_all_views``, …), the ``World`` methods it calls (``world.attempt``
counts the log) and the concrete helpers of ``Driver`` (``party`` lists the parties).
Nothing is declared by hand, so the needs cannot drift from the steps.

At collection time each scenario item's steps (background included, outline examples
filled in) are matched to their step definitions the way pytest-bdd matches them (same
parsers); a scenario/driver combination whose needs meet ``driver.unsupported`` is
deselected — not skipped — and counted in the terminal summary.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from drivers.base import Driver

ABSTRACT = frozenset(Driver.__abstractmethods__)


def _tree(func: Callable[..., Any]) -> ast.AST:
    return ast.parse(textwrap.dedent(inspect.getsource(func)))


def _driver_attrs(tree: ast.AST, owner: str) -> set[str]:
    """Attributes read from ``<x>.driver`` or from the name ``owner`` (``driver``, ``self``)."""
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        value = node.value
        on_driver = (isinstance(value, ast.Attribute) and value.attr == "driver") or (
            isinstance(value, ast.Name) and value.id == owner
        )
        if on_driver:
            found.add(node.attr)
    return found


@cache
def driver_method_needs(name: str) -> frozenset[str]:
    """What calling ``Driver.<name>`` needs: itself if abstract, else what its body calls."""
    if name in ABSTRACT:
        return frozenset({name})
    member = getattr(Driver, name, None)
    if not inspect.isfunction(member):
        return frozenset()  # an attribute (today, last_error, name) or close()
    needs: set[str] = set()
    for attr in _driver_attrs(_tree(member), owner="self") - {name}:
        needs |= driver_method_needs(attr)
    return frozenset(needs)


class StepNeeds:
    """The driver methods each step function of a module needs."""

    def __init__(self, module_globals: dict[str, Any], world: type) -> None:
        self.globals = module_globals
        self.world = world
        self._memo: dict[Callable[..., Any], frozenset[str]] = {}

    def of(self, func: Callable[..., Any]) -> frozenset[str]:
        if func in self._memo:
            return self._memo[func]
        self._memo[func] = frozenset()  # recursion guard
        tree = _tree(func)
        needs: set[str] = set()
        for attr in _driver_attrs(tree, owner="driver"):
            needs |= driver_method_needs(attr)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            target = node.func
            if isinstance(target, ast.Name):  # a helper function of the module
                helper = self.globals.get(target.id)
                if inspect.isfunction(helper) and helper.__globals__ is self.globals:
                    needs |= self.of(helper)
            elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                if target.value.id in ("world", "self"):  # a method of World
                    method = getattr(self.world, target.attr, None)
                    if inspect.isfunction(method):
                        needs |= self.of(method)
        self._memo[func] = frozenset(needs)
        return self._memo[func]


def matching_steps(contexts: Iterable[Any], step_type: str, step_name: str) -> list[Any]:
    return [c for c in contexts if c.type == step_type and c.parser.is_matching(step_name)]


def scenario_needs(scenario: Any, contexts: list[Any], needs: StepNeeds) -> tuple[frozenset[str], list[str]]:
    """(what the scenario's steps need, the steps no definition matches)."""
    total: set[str] = set()
    unmatched = []
    for step in scenario.steps:
        found = matching_steps(contexts, step.type, step.name)
        if not found:
            unmatched.append(f"{step.keyword} {step.name}")
        for context in found:
            total |= needs.of(context.step_func)
    return frozenset(total), unmatched
