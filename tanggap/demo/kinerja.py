"""Kabupaten Blitar's kinerja demo: attendance, leave, performance agreements and SKPs."""

from __future__ import annotations

from tanggap.demo.attendance import demo_attendance_load
from tanggap.demo.performance import demo_performance_load


def demo_kinerja_load(loaded: dict, result) -> None:
    """Kabupaten Blitar's attendance, leave, performance agreements and SKPs (after the complaints
    and surveys, whose records the automatic SKP figures are drawn from)."""
    if "kab-blitar" not in loaded:
        return
    item = loaded["kab-blitar"]
    attendance = demo_attendance_load(region=item.region, tally=result.tally)
    performance = demo_performance_load(region=item.region, units=item.units, tally=result.tally)
    result.kinerja = {
        "locations": attendance.locations,
        "events": attendance.events_total,
        "leave": attendance.leave_total,
        "agreements": performance.agreements,
        "skps": performance.skps,
    }
