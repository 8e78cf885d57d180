"""The package's shape: stages in folders, imports running one way only, modules small enough to read.

Every ``from quotediff... import`` in the package is read with ``ast`` (function-level imports included, since
a lazy import is still a dependency) and checked against the order of the stages.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "quotediff"

# A module may import from its own stage and from any stage below it in this list, never from one above.
LAYERS = ["model", "errors", "load", "extract", "compare", "report", "corpus", "cli"]
BASE = {"__init__": 0, "__main__": len(LAYERS)}  # the version string; the entry point sits on top
MAX_LINES = 520  # "about 500": room for a docstring, not for a second job


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(("quotediff", *parts))] = path
    return found


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _rank(module: str) -> int:
    stage = _stage(module)
    return BASE[stage] if stage in BASE else LAYERS.index(stage)


def _target(name: str) -> str:
    """``quotediff.extract`` is the stage's ``__init__``; ``quotediff`` itself is the version string."""
    return name + ".__init__" if name + ".__init__" in MODULES else name


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("quotediff"):
            found.add(_target(node.module))
        elif isinstance(node, ast.Import):
            found.update(_target(alias.name) for alias in node.names if alias.name.startswith("quotediff"))
    return found


MODULES = _modules()


def test_every_module_belongs_to_a_known_stage() -> None:
    unknown = sorted(m for m in MODULES if _stage(m) not in BASE and _stage(m) not in LAYERS)
    assert not unknown, f"modules outside the known stages: {unknown}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_down_the_stages(module: str) -> None:
    upward = sorted(
        target
        for target in _imports(MODULES[module])
        if target in MODULES and _rank(target) > _rank(module) and _stage(target) != "__init__"
    )
    assert not upward, f"{module} imports from a later stage: {upward}"


def test_no_import_cycles() -> None:
    graph = {m: {t for t in _imports(p) if t in MODULES and t != m} for m, p in MODULES.items()}
    # A stage's __init__ re-exports its inner modules, so importing the stage counts as importing them all.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :] + [nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_readable(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines (at most {MAX_LINES}): split it by job"


def test_click_stays_in_the_cli() -> None:
    users = sorted(
        m
        for m, p in MODULES.items()
        if _stage(m) != "cli" and "click" in _import_roots(p)
    )
    assert not users, f"click imported below the CLI: {users}"


def _import_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
    return roots
