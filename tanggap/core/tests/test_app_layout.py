"""The rooms of every app hold what the architecture says (docs/architecture.md). Which module may import
which is checked by the contracts in .importlinter (`make lint`); this checks what they cannot see."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the tanggap package
APPS = sorted(p.parent.name for p in ROOT.glob("*/apps.py"))
MAX_LINES = 400


def _source_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "migrations" in parts or "tests" in parts:
            continue
        yield path


def _imported_modules(path: Path) -> set[str]:
    """Every tanggap module the file imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return {name for name in names if name.startswith("tanggap.")}


def test_no_module_passes_400_lines():
    """Split a module along its seams before it grows past ~400 lines (tests and migrations aside)."""
    long = {
        str(path.relative_to(ROOT)): n
        for path in _source_modules()
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize("app", [app for app in APPS if (ROOT / app / "tasks.py").exists()])
def test_tasks_only_call_services(app):
    """A task is a thin shell: its app's services do the work (and can be called without Huey)."""
    imported = _imported_modules(ROOT / app / "tasks.py")
    own = {name for name in imported if name.startswith(f"tanggap.{app}.")}
    assert own, f"{app}/tasks.py calls no service"
    assert all(name.startswith(f"tanggap.{app}.services") for name in own), sorted(own)


def test_every_app_has_its_place_in_the_layer_contract():
    contracts = (ROOT.parent / ".importlinter").read_text()
    missing = [app for app in APPS if f"tanggap.{app}" not in contracts]
    assert missing == []
