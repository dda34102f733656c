"""How catalogue values read to people: rupiah amounts, the time to complete, a place's opening hours."""

from __future__ import annotations

from decimal import Decimal

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tanggap.core.calendar import zone_name


def rupiah(value) -> str:
    """Indonesian style: "Rp 10.000" or "Rp 2.500,50"; "Gratis" when zero."""
    if value in (None, ""):
        return ""
    amount = Decimal(value)
    if amount == 0:
        return _("Gratis")
    whole = int(amount)
    cents = int((amount - whole) * 100)
    text = f"{whole:,}".replace(",", ".")
    if cents:
        text += f",{cents:02d}"
    return f"Rp {text}"


def duration(standard) -> str:
    """The time to complete: value and unit, e.g. "14 hari kerja"."""
    if standard is None:
        return ""
    n = standard.duration_value
    if not n:
        return _("Selesai saat itu juga")
    unit = standard.duration_unit
    # One message per unit, so languages with plurals (English) read "1 working day", "3 working days".
    if unit == "minutes":
        text = ngettext("%(n)s menit", "%(n)s menit", n)
    elif unit == "hours":
        text = ngettext("%(n)s jam", "%(n)s jam", n)
    elif unit == "working_hours":
        text = ngettext("%(n)s jam kerja", "%(n)s jam kerja", n)
    elif unit == "working_days":
        text = ngettext("%(n)s hari kerja", "%(n)s hari kerja", n)
    elif unit == "days":
        text = ngettext("%(n)s hari kalender", "%(n)s hari kalender", n)
    else:
        return f"{n} {standard.get_duration_unit_display()}"
    return text % {"n": n}


def opening_hours(week) -> str:
    """A place's opening week as people say it: "Senin–Jumat, 08.00–16.00 WIB" (a core WeeklyHours)."""
    days = sorted(week.work_days)
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        day_text = f"{WEEKDAYS[days[0]]}–{WEEKDAYS[days[-1]]}"
    else:
        day_text = ", ".join(str(WEEKDAYS[d]) for d in days)
    return _("%(days)s, %(start)s–%(end)s %(zone)s") % {
        "days": day_text,
        "start": week.start.strftime("%H.%M"),
        "end": week.end.strftime("%H.%M"),
        "zone": zone_name(week.timezone),
    }
