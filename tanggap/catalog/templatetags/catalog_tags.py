"""Formatting for catalogue pages: rupiah amounts, durations, and list fields as text."""

from __future__ import annotations

from django import template

from tanggap.catalog import formatting

register = template.Library()
register.filter("rupiah", formatting.rupiah)
register.filter("duration", formatting.duration)


@register.filter
def lines(value) -> str:
    """A list field as one item per line, for textareas."""
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    return value or ""
