"""The dashboards' tables as CSV (one table) or XLSX (all of them) downloads."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from tanggap.complaints.reports.figures import ComplaintDashboard, percent
from tanggap.complaints.reports.performance import Performance
from tanggap.core import exports

EXPORT_TABLES = ("months", "categories", "places", "rows")


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _performance_cells(perf: Performance) -> list:
    return [
        perf.handled,
        perf.open,
        perf.answered,
        perf.closed,
        percent(perf.verify.share),
        percent(perf.response.share),
        percent(perf.resolve.share),
        _hours(perf.median_response_hours),
        _hours(perf.median_close_hours),
        None if perf.rating_avg is None else round(perf.rating_avg, 2),
        perf.rating_count,
        percent(perf.reopen_rate),
    ]


def export_tables(dash: ComplaintDashboard) -> dict[str, exports.Table]:
    """The dashboard's tables as exportable tables, by key."""
    performance_headings = [
        _("Laporan"),
        _("Masih terbuka"),
        _("Ditanggapi"),
        _("Selesai"),
        _("Verifikasi tepat waktu (%)"),
        _("Tanggapan tepat waktu (%)"),
        _("Penyelesaian tepat waktu (%)"),
        _("Median sampai tanggapan (jam)"),
        _("Median sampai selesai (jam)"),
        _("Rata-rata penilaian"),
        _("Jumlah penilaian"),
        _("Dibuka kembali (%)"),
    ]
    if dash.unit is None:
        rows_title, first = _("Per unit"), _("Unit")
        rows = [[unit.name, *_performance_cells(p)] for unit, p in dash.units]
    else:
        rows_title, first = _("Per petugas"), _("Petugas")
        rows = [[str(user), *_performance_cells(p)] for user, p in dash.officials]
    rows.append([_("Semua"), *_performance_cells(dash.total)])
    return {
        "months": exports.Table(
            "months",
            _("Per bulan"),
            [
                _("Bulan"),
                _("Masuk"),
                _("Selesai"),
                _("Verifikasi tepat waktu (%)"),
                _("Tanggapan tepat waktu (%)"),
                _("Penyelesaian tepat waktu (%)"),
                _("Rata-rata penilaian"),
            ],
            [
                [
                    f"{m.month:%Y-%m}",
                    m.filed,
                    m.closed,
                    percent(m.verify.share),
                    percent(m.response.share),
                    percent(m.resolve.share),
                    None if m.rating_avg is None else round(m.rating_avg, 2),
                ]
                for m in dash.months
            ],
        ),
        "categories": exports.Table(
            "categories",
            _("Per kategori"),
            [_("Kategori"), _("Laporan"), _("Masih terbuka")],
            [[c.label or _("Tanpa kategori"), c.count, c.open] for c in dash.categories],
        ),
        "places": exports.Table(
            "places",
            _("Per kecamatan"),
            [_("Kecamatan"), _("Laporan"), _("Masih terbuka")],
            [[c.label or _("Tanpa kecamatan"), c.count, c.open] for c in dash.places],
        ),
        "rows": exports.Table("rows", rows_title, [first, *performance_headings], rows),
    }


def export_response(dash: ComplaintDashboard, fmt: str, table: str, slug: str) -> HttpResponse:
    """The tables of `dash` as a download: one as CSV, or all as XLSX."""
    tables = export_tables(dash)
    period = dash.period
    name = f"pengaduan-{slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if fmt == "csv":
        content = exports.csv_bytes(tables[table])
        filename = f"{name}-{table}.csv"
    else:
        scope = dash.unit.name if dash.unit else dash.region.name
        content = exports.xlsx_bytes(
            info_title=_("Keterangan"),
            info=[
                (_("Cakupan"), scope),
                (_("Periode"), f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}"),
                (_("Dibuat"), f"{dash.now.astimezone(period.tz):%Y-%m-%d %H:%M}"),
                (
                    _("Tepat waktu"),
                    _("dipenuhi sebelum tenggat / (tepat waktu + terlambat + lewat)"),
                ),
                (_("Median"), _("jam sejak laporan diteruskan ke unit")),
            ],
            tables=tables.values(),
        )
        filename = f"{name}.xlsx"
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
