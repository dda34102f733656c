"""The dashboards' and the transparency page's charts."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tanggap.complaints.reports.figures import MonthRow, percent
from tanggap.core.charts import Chart, bar_chart, line_chart


def _month_label(row: MonthRow) -> str:
    """The month's short name (the axis has room for three letters a month; tooltips too)."""
    return date_format(row.month, "M")


def dashboard_charts(months: list[MonthRow]) -> dict[str, Chart]:
    """Reports filed and closed per month; share of each target met on time per month."""
    labels = [_month_label(m) for m in months]
    volume = bar_chart(
        _("Laporan masuk dan selesai per bulan"),
        labels,
        [(_("Masuk"), [m.filed for m in months]), (_("Selesai"), [m.closed for m in months])],
        unit=_("laporan"),
    )
    compliance = line_chart(
        _("Tepat waktu per target (%)"),
        labels,
        [
            (_("Verifikasi"), [percent(m.verify.share) for m in months]),
            (_("Tanggapan pertama"), [percent(m.response.share) for m in months]),
            (_("Penyelesaian"), [percent(m.resolve.share) for m in months]),
        ],
        unit="%",
    )
    return {"volume": volume, "compliance": compliance}
