"""The queue dashboard's charts: tickets per hour of arrival, median and 90th-percentile waits per day."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tanggap.core.charts import Chart, bar_chart, line_chart
from tanggap.queueing.reports.analytics import QueueReport


def dashboard_charts(report: QueueReport) -> dict[str, Chart]:
    """Tickets per hour of day, and median / 90th-percentile waits per day."""
    per_hour = bar_chart(
        _("Tiket per jam kedatangan"),
        [f"{row.key:02d}" for row in report.by_hour],
        [
            (_("Pesan daring"), [row.booked for row in report.by_hour]),
            (_("Ambil di tempat"), [row.walk_in for row in report.by_hour]),
        ],
        unit=_("tiket"),
    )
    per_day = line_chart(
        _("Waktu tunggu per hari (menit)"),
        [row.key.strftime("%d/%m") for row in report.by_day],
        [
            (_("Median"), [row.wait_median for row in report.by_day]),
            (_("Persentil 90"), [row.wait_p90 for row in report.by_day]),
        ],
        unit=_("menit"),
        decimals=1,
    )
    return {"per_hour": per_hour, "per_day": per_day}
