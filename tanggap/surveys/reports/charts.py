"""The IKM report's charts: NRR per element (bars on the 1–4 scale) and the IKM over the last periods."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tanggap.core.charts import Chart, bar_chart, line_chart
from tanggap.surveys.selectors import IkmReport

NRR_TOP = 4


def _rescale(chart: Chart, top: float) -> Chart:
    """Put the chart's top at `top` (NRR is on a 1–4 scale; the generic builder rounds up to 5)."""
    if chart.empty or not chart.y_ticks:
        return chart
    old_top = float(chart.y_ticks[-1][1].replace(",", ".").replace(" ", ""))
    if not old_top or old_top == top:
        return chart
    plot_height = chart.baseline - chart.y_ticks[-1][0]
    factor = old_top / top
    for index, mark in enumerate(chart.marks):
        height = round(mark.h * factor, 1)
        chart.marks[index] = type(mark)(
            mark.x, round(chart.baseline - height, 1), mark.w, height, mark.series, mark.tip
        )
    chart.y_ticks = [
        (round(chart.baseline - plot_height * i / top, 1), str(i)) for i in range(int(top) + 1)
    ]
    return chart


def report_charts(report: IkmReport) -> dict[str, Chart]:
    """NRR per element (bars, 0–4) and the IKM over the last four periods (line)."""
    labels = [e.code for e in report.elements]
    nrr = _rescale(
        bar_chart(
            _("NRR per unsur"),
            labels,
            [(_("NRR"), [float(e.nrr) for e in report.elements])],
            decimals=2,
        ),
        NRR_TOP,
    )
    trend = line_chart(
        _("IKM per periode"),
        [point.period.short_label for point in report.trend],
        [(_("IKM"), [float(p.ikm) if p.ikm is not None else None for p in report.trend])],
        decimals=2,
    )
    return {"nrr": nrr, "trend": trend}
