"""Server-rendered SVG charts for every report (queues, complaints, surveys): geometry here, markup in core/_chart.html.

The Content-Security-Policy allows no inline script or style, so a chart is plain SVG whose shapes carry
presentation attributes and classes styled by core/reports.css. Every chart has a title and each mark a
tooltip; the same figures are always in a table next to it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH, HEIGHT = 520, 240
LEFT, RIGHT, TOP, BOTTOM = 42, 8, 12, 30
MAX_X_LABELS = 12
# The SVG scales with its box, but core/reports.css sizes its text for the width it is drawn at (container
# queries), so labels stay 11-16 CSS px from a phone to a desktop. On the narrowest chart the text is at
# most this many viewBox units tall, and one character at most CHAR_UNITS wide: the room the y-axis labels
# and the spacing of the x-axis labels are measured with.
MAX_FONT_UNITS = 20
CHAR_UNITS = 12.5


@dataclass(frozen=True)
class Mark:
    """A bar (x, y, w, h) or a line point (x, y), with its tooltip and series index."""

    x: float
    y: float
    w: float
    h: float
    series: int
    tip: str


@dataclass
class Chart:
    """Everything the template draws."""

    title: str
    kind: str  # "bar" or "line"
    width: int = WIDTH
    height: int = HEIGHT
    marks: list[Mark] = field(default_factory=list)
    lines: list[tuple[int, str]] = field(default_factory=list)  # (series, "x,y x,y ...")
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_labels: list[tuple[float, str]] = field(default_factory=list)
    legend: list[tuple[int, str]] = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    baseline: float = HEIGHT - BOTTOM
    empty: bool = False

    @property
    def tick_x(self) -> int:
        """Where the y-axis labels end."""
        return self.plot_left - 6

    @property
    def label_y(self) -> float:
        """Where the x-axis labels sit."""
        return self.baseline + 18


def nice_ceiling(value: float) -> float:
    """The next 1, 2, 2.5 or 5 × 10^k at or above `value` (at least 1)."""
    if value <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def _number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}".replace(",", " ")
    return text.replace(".", ",") if decimals else text  # Indonesian decimal comma


def text_units(text: str) -> float:
    """How wide `text` can be drawn, in viewBox units, at the largest font the stylesheet gives."""
    return len(text) * CHAR_UNITS


def _frame(chart: Chart, top_value: float) -> float:
    """Y ticks, and the left margin their longest label needs; returns the height of one unit."""
    plot_height = chart.baseline - TOP
    for i in range(5):
        value = top_value * i / 4
        whole = value == int(value)
        chart.y_ticks.append(
            (chart.baseline - plot_height * i / 4, _number(value, 0 if whole else 1))
        )
    longest = max((text_units(label) for _, label in chart.y_ticks), default=0.0)
    chart.plot_left = max(LEFT, math.ceil(longest) + 10)
    return plot_height / top_value


def _x_positions(count: int, chart: Chart) -> tuple[float, float]:
    """The slot width and the x of the first slot's left edge."""
    slot = (chart.plot_right - chart.plot_left) / max(count, 1)
    return slot, float(chart.plot_left)


def _x_label(chart: Chart, x: float, label: str) -> None:
    """An x-axis label centred on its slot, moved in just enough to stay inside the drawing."""
    half = text_units(str(label)) / 2
    chart.x_labels.append((round(min(max(x, half), chart.width - half), 1), label))


def _label_every(labels: Sequence[str], chart: Chart) -> int:
    """Label every n-th slot so that the x-axis labels never overlap (nor exceed MAX_X_LABELS)."""
    count = len(labels)
    slot = (chart.plot_right - chart.plot_left) / max(count, 1)
    widest = max((text_units(str(label)) for label in labels), default=0.0) + 6
    return max(1, math.ceil(count / MAX_X_LABELS), math.ceil(widest / slot))


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    unit: str = "",
    decimals: int = 0,
) -> Chart:
    """Grouped bars: one group per label, one bar per series."""
    chart = Chart(title=title, kind="bar", legend=[(i, name) for i, (name, _) in enumerate(series)])
    values = [v or 0.0 for _, vs in series for v in vs if v is not None and math.isfinite(v)]
    chart.empty = not labels or not any(values)
    top = nice_ceiling(max(values, default=0.0))
    scale = _frame(chart, top)
    slot, left = _x_positions(len(labels), chart)
    bar = slot * 0.8 / max(len(series), 1)
    every = _label_every(labels, chart)
    for index, label in enumerate(labels):
        x0 = left + slot * index + slot * 0.1
        if index % every == 0:
            _x_label(chart, left + slot * (index + 0.5), label)
        for s, (name, vs) in enumerate(series):
            value = vs[index] if index < len(vs) else None
            if value is None or not math.isfinite(value):
                continue
            height = max(value * scale, 0.0)
            suffix = f" {unit}" if unit else ""
            chart.marks.append(
                Mark(
                    x=round(x0 + bar * s, 1),
                    y=round(chart.baseline - height, 1),
                    w=round(max(bar - 1, 1), 1),
                    h=round(height, 1),
                    series=s,
                    tip=f"{label} · {name}: {_number(value, decimals)}{suffix}",
                )
            )
    return chart


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    unit: str = "",
    decimals: int = 0,
) -> Chart:
    """One polyline per series over the labels; gaps (None) break nothing, they are skipped."""
    chart = Chart(
        title=title, kind="line", legend=[(i, name) for i, (name, _) in enumerate(series)]
    )
    values = [v for _, vs in series for v in vs if v is not None and math.isfinite(v)]
    chart.empty = not labels or not values
    top = nice_ceiling(max(values, default=0.0))
    scale = _frame(chart, top)
    slot, left = _x_positions(len(labels), chart)
    every = _label_every(labels, chart)
    for index, label in enumerate(labels):
        if index % every == 0:
            _x_label(chart, left + slot * (index + 0.5), label)
    for s, (name, vs) in enumerate(series):
        points = []
        for index, value in enumerate(vs):
            if value is None or not math.isfinite(value):
                continue
            x = round(left + slot * (index + 0.5), 1)
            y = round(chart.baseline - value * scale, 1)
            points.append(f"{x},{y}")
            suffix = f" {unit}" if unit else ""
            chart.marks.append(
                Mark(x, y, 0, 0, s, f"{labels[index]} · {name}: {_number(value, decimals)}{suffix}")
            )
        if points:
            chart.lines.append((s, " ".join(points)))
    return chart
