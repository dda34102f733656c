"""Template helpers of the org pages: tenure in words and working weekdays by name."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tanggap.core.calendar import parse_work_days
from tanggap.org.forms import WEEKDAYS
from tanggap.org.tenure import tenure_between

register = template.Library()


@register.filter
def tenure(start: dt.date | None) -> str:
    """'3 tahun 2 bulan' since `start` (the TMT jabatan), in the active language."""
    if start is None:
        return ""
    span = tenure_between(start, timezone.localdate())
    parts = []
    if span.years:
        parts.append(ngettext("%(n)d tahun", "%(n)d tahun", span.years) % {"n": span.years})
    if span.months or not span.years:
        parts.append(ngettext("%(n)d bulan", "%(n)d bulan", span.months) % {"n": span.months})
    return " ".join(parts)


@register.filter
def weekdays(value: str) -> str:
    """'0,1,2,3,4' as 'Senin, Selasa, Rabu, Kamis, Jumat'."""
    try:
        days = parse_work_days(value)
    except ValueError:
        return value
    if not days:
        return _("mengikuti wilayah")
    names = dict(WEEKDAYS)
    return ", ".join(str(names[str(d)]) for d in sorted(days))
