"""Template filters of the performance pages."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value) -> str:
    """A stored figure without trailing zeros, in the page's number format (90 · 12,5 · 1.250,75)."""
    if value is None or value == "":
        return "–"
    if not isinstance(value, Decimal):
        return str(value)
    text = format(value.normalize(), "f")
    places = len(text.partition(".")[2])
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
