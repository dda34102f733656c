"""The app's layout holds: reads never import writes, writes never import the task module (they queue a
task by its dotted name), tasks only call services, and no module passes ~400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1]
PACKAGE = "tanggap.queueing"
MAX_LINES = 400


def _modules(*parts: str) -> list[Path]:
    found = []
    for part in parts:
        path = APP / part
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
    return found


def _imports(path: Path) -> set[str]:
    """Every tanggap.queueing module the file imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return {name for name in names if name.startswith(PACKAGE)}


def _reaches(imported: set[str], target: str) -> bool:
    return any(name == target or name.startswith(target + ".") for name in imported)


@pytest.mark.parametrize(
    ("modules", "forbidden"),
    [
        (("selectors",), ("services", "tasks", "views", "api", "reports")),
        (("services",), ("tasks", "views", "api", "reports")),
        (("workflow", "permissions", "models"), ("services", "selectors", "tasks", "views")),
    ],
    ids=["selectors", "services", "rules"],
)
def test_reads_rules_and_writes_import_nothing_above_them(modules, forbidden):
    for path in _modules(*modules):
        imported = _imports(path)
        for layer in forbidden:
            assert not _reaches(imported, f"{PACKAGE}.{layer}"), (path.name, layer)


def test_tasks_only_call_services():
    imported = _imports(APP / "tasks.py")
    assert imported and all(_reaches({name}, f"{PACKAGE}.services") for name in imported)


def test_no_module_passes_400_lines():
    long = {
        str(path.relative_to(APP)): len(path.read_text().splitlines())
        for path in APP.rglob("*.py")
        if "migrations" not in path.parts and "tests" not in path.parts
    }
    assert {name: n for name, n in long.items() if n > MAX_LINES} == {}
