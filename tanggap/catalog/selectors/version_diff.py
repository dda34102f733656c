"""Comparing two versions of a standard, component by component and line by line."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from tanggap.catalog.components import COMPONENTS, LIST_FIELDS, Component
from tanggap.catalog.formatting import duration, rupiah
from tanggap.catalog.models import StandardVersion


@dataclass
class DiffLine:
    """One line of a component's comparison: 'same', 'added' or 'removed'."""

    op: str
    text: str


@dataclass
class ComponentDiff:
    component: Component
    changed: bool
    lines: list[DiffLine]


def _component_lines(standard: StandardVersion | None, component: Component) -> list[str]:
    """A component as the lines a reader compares (duration and cost read as on the public page)."""
    if standard is None:
        return []
    if component.key == "duration":
        return [duration(standard)] + ([standard.duration_note] if standard.duration_note else [])
    if component.key == "cost":
        return [rupiah(standard.cost)] + ([standard.cost_note] if standard.cost_note else [])
    lines: list[str] = []
    for name in component.fields:
        value: Any = getattr(standard, name)
        if name in LIST_FIELDS:
            lines.extend(str(v) for v in value)
        elif value not in ("", None):
            lines.extend(str(value).splitlines())
    return lines


def standard_diff(old: StandardVersion | None, new: StandardVersion) -> list[ComponentDiff]:
    """Line-by-line comparison of two versions, component by component (old may be None for v1)."""
    result = []
    for component in COMPONENTS:
        a, b = _component_lines(old, component), _component_lines(new, component)
        lines: list[DiffLine] = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if tag == "equal":
                lines.extend(DiffLine("same", t) for t in a[i1:i2])
            else:
                lines.extend(DiffLine("removed", t) for t in a[i1:i2])
                lines.extend(DiffLine("added", t) for t in b[j1:j2])
        result.append(ComponentDiff(component=component, changed=a != b, lines=lines))
    return result
