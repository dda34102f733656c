"""CSV and XLSX files of report tables, shared by every dashboard (queues, complaints, ...).

A table is a title, its column headings and rows of plain values. CSV carries one table with a byte-order
mark (so spreadsheet programs read the accents); XLSX carries every table on its own sheet after a first
sheet saying what the file is. Text that a spreadsheet would run as a formula is neutralised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Neutralise spreadsheet formulas in text cells (CSV/formula injection); None becomes empty."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@dataclass
class Table:
    """One exportable table."""

    key: str
    title: str
    headings: Sequence[str]
    rows: list[Sequence] = field(default_factory=list)


def csv_bytes(table: Table) -> bytes:
    """One table as UTF-8 CSV with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in table.headings])
    for row in table.rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(
    *, info_title: str, info: Iterable[tuple[str, str]], tables: Iterable[Table]
) -> bytes:
    """A workbook: a first sheet of (label, value) lines, then one sheet per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = info_title[:31]
    for line in info:
        sheet.append([safe_cell(str(cell)) for cell in line])
    sheet.column_dimensions["A"].width = 28
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.append([safe_cell(h) for h in table.headings])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([safe_cell(cell) for cell in row])
        sheet.column_dimensions["A"].width = 34
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
