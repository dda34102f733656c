"""CSV and XLSX files of the queue dashboard's tables (per day, hour, service and counter)."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.queueing.reports.analytics import QueueReport, Row

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _tables(report: QueueReport) -> dict[str, tuple[str, str, list[Row]]]:
    """table key → (sheet title, first column heading, rows)."""
    return {
        "day": (_("Per hari"), _("Tanggal"), report.by_day),
        "hour": (_("Per jam"), _("Jam"), report.by_hour),
        "service": (_("Per layanan"), _("Layanan"), report.by_service),
        "counter": (_("Per loket"), _("Loket"), report.by_counter),
    }


def _headings(first: str) -> list[str]:
    return [
        first,
        _("Tiket"),
        _("Pesan daring"),
        _("Ambil di tempat"),
        _("Selesai dilayani"),
        _("Tidak hadir"),
        _("Dibatalkan"),
        _("Tunggu median (menit)"),
        _("Tunggu P90 (menit)"),
        _("Layanan median (menit)"),
        _("Layanan P90 (menit)"),
    ]


def _minutes(value: float | None) -> float | str:
    return "" if value is None else round(value, 1)


def _safe(text: str) -> str:
    """Neutralise spreadsheet formulas in text cells (CSV/formula injection)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cells(row: Row) -> list:
    return [
        _safe(row.label),
        row.tickets,
        row.booked,
        row.walk_in,
        row.served,
        row.no_show,
        row.cancelled,
        _minutes(row.wait_median),
        _minutes(row.wait_p90),
        _minutes(row.service_median),
        _minutes(row.service_p90),
    ]


def export_csv(report: QueueReport, table: str) -> bytes:
    """One table as UTF-8 CSV with a byte-order mark (so spreadsheet programs read the accents)."""
    _title, first, rows = _tables(report)[table]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_headings(first))
    for row in rows:
        writer.writerow(_cells(row))
    writer.writerow(_cells(report.total))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(report: QueueReport) -> bytes:
    """Every table on its own sheet, and a first sheet saying what the file is."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    info = book.active
    info.title = _("Keterangan")
    service = report.queue_service
    for line in (
        (_("Lokasi"), report.location.name),
        (_("Periode"), f"{report.start:%Y-%m-%d} – {report.end:%Y-%m-%d}"),
        (_("Layanan"), f"{service.prefix} · {service.service.name}" if service else _("Semua")),
        (_("Dibuat"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        (_("Waktu tunggu"), _("check-in sampai dipanggil")),
        (_("Waktu layanan"), _("mulai dilayani sampai selesai")),
    ):
        info.append([_safe(str(cell)) for cell in line])
    for title, first, rows in _tables(report).values():
        sheet = book.create_sheet(title[:31])
        sheet.append(_headings(first))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(_cells(row))
        sheet.append(_cells(report.total))
        sheet.column_dimensions["A"].width = 34
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_filename(report: QueueReport, fmt: str, table: str = "") -> str:
    """antrean-<location>-<start>-<end>[-<table>].<fmt>"""
    suffix = f"-{table}" if table else ""
    return f"antrean-{report.location.slug}-{report.start:%Y%m%d}-{report.end:%Y%m%d}{suffix}.{fmt}"
