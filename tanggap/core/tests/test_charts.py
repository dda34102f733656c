"""Chart geometry: axis labels keep their room at the largest font the stylesheet gives them."""

import re
from pathlib import Path

from tanggap.core.charts import MAX_FONT_UNITS, WIDTH, bar_chart, line_chart, text_units

REPORTS_CSS = Path(__file__).resolve().parent.parent / "static" / "core" / "reports.css"


def test_y_axis_labels_of_thousands_fit_left_of_the_axis():
    chart = bar_chart("Tiket", ["07", "08"], [("Datang", [980, 420])])

    labels = [label for _, label in chart.y_ticks]
    assert "1 000" in labels
    for label in labels:
        assert chart.tick_x - text_units(label) >= 0, label


def test_small_numbers_keep_the_usual_margin():
    chart = bar_chart("Tiket", ["07"], [("Datang", [20])])

    assert chart.plot_left == 42


def test_day_labels_never_overlap_and_stay_inside_the_drawing():
    days = [f"{d:02d}/11" for d in range(1, 31)]
    chart = line_chart("Tunggu", days, [("Median", list(range(30)))])

    xs = [x for x, _ in chart.x_labels]
    widths = [text_units(label) for _, label in chart.x_labels]
    assert len(xs) >= 4
    for i in range(len(xs) - 1):
        assert xs[i + 1] - xs[i] >= (widths[i] + widths[i + 1]) / 2, xs
    for x, w in zip(xs, widths, strict=True):
        assert x - w / 2 >= 0 and x + w / 2 <= WIDTH


def test_stylesheet_never_draws_chart_text_larger_than_the_room_left_for_it():
    sizes = [
        float(s)
        for s in re.findall(r"svg\.chart text \{ font-size: ([\d.]+)px", REPORTS_CSS.read_text())
    ]

    assert sizes and max(sizes) == MAX_FONT_UNITS
