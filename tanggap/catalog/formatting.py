"""How catalogue values read to people: rupiah amounts and the time to complete."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


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
