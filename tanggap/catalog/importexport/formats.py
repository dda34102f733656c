"""The file formats of standards: CSV, XLSX and JSON, one row (object) per service; writing and reading."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.catalog.components import LIST_FIELDS, STANDARD_FIELDS
from tanggap.catalog.models import Service, StandardVersion
from tanggap.core.errors import DomainError

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
SERVICE_COLUMNS = (
    "code",
    "name",
    "name_en",
    "unit",
    "category",
    "category_name",
    "description",
    "is_adminduk",
    "is_online",
    "locations",
)
ENACTMENT_COLUMNS = ("version", "status", "decree_number", "decree_date", "enact")
COLUMNS = (*SERVICE_COLUMNS, *STANDARD_FIELDS, *ENACTMENT_COLUMNS)
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
JSON_FORMAT_TAG = "tanggap.standards/1"


class ImportFileError(DomainError):
    """The file as a whole cannot be read (format, encoding, columns, size)."""

    code = "import_file_invalid"


# --- export ----------------------------------------------------------------------------------------


def _latest_standard(service: Service) -> StandardVersion | None:
    """The version an export carries: the draft being worked on if there is one, else the enacted one."""
    current = getattr(service, "current_standards", None)
    if current is None:
        current = list(service.standards.filter(status__in=["draft", "enacted"]))
    by_status = {s.status: s for s in current}
    return by_status.get("draft") or by_status.get("enacted")


def _cost_text(value: Decimal) -> str:
    value = Decimal(value)
    return (
        str(value.quantize(Decimal("1")))
        if value == value.to_integral_value()
        else str(value.normalize())
    )


def export_records(qs) -> list[dict[str, Any]]:
    """Services as plain dicts (lists stay lists, booleans stay booleans), in code order."""
    records = []
    for service in qs:
        standard = _latest_standard(service)
        record: dict[str, Any] = {
            "code": service.code,
            "name": service.name,
            "name_en": service.name_en,
            "unit": service.unit.slug,
            "category": service.category.slug if service.category else "",
            "category_name": service.category.name if service.category else "",
            "description": service.description,
            "is_adminduk": service.is_adminduk,
            "is_online": service.is_online,
            "locations": [u.slug for u in service.locations.all()],
        }
        for name in STANDARD_FIELDS:
            value = getattr(standard, name) if standard else None
            if name == "cost":
                value = _cost_text(value if value is not None else Decimal(0))
            elif name in LIST_FIELDS:
                value = list(value or [])
            elif value is None:
                value = 0 if name == "duration_value" else ""
            record[name] = value
        record.update(
            {
                "version": standard.version if standard else None,
                "status": standard.status if standard else "",
                "decree_number": standard.decree_number if standard else "",
                "decree_date": standard.decree_date.isoformat()
                if standard and standard.decree_date
                else "",
                "enact": False,
            }
        )
        records.append(record)
    return records


def _flat(value: Any) -> Any:
    """A cell value for CSV/XLSX: lists become lines, booleans "ya"/"tidak"."""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if value is None:
        return ""
    return value


def export_csv(qs) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in export_records(qs):
        writer.writerow([_flat(record[c]) for c in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode(
        "utf-8"
    )  # the BOM makes spreadsheet programs read UTF-8


def export_xlsx(qs) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "standar_pelayanan"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in export_records(qs):
        sheet.append([_flat(record[c]) for c in COLUMNS])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text that starts with "=" stays text, never a formula
                if "\n" in cell.value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_json(qs, *, region=None, unit=None) -> bytes:
    data = {
        "format": JSON_FORMAT_TAG,
        "region": region.slug if region else (unit.region.slug if unit else None),
        "unit": unit.slug if unit else None,
        "exported_at": timezone.now().isoformat(),
        "services": export_records(qs),
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def export_standards(qs, fmt: str, *, region=None, unit=None) -> bytes:
    """The services in `qs` as a file of format `fmt` (csv, xlsx or json)."""
    if fmt == "csv":
        return export_csv(qs)
    if fmt == "xlsx":
        return export_xlsx(qs)
    if fmt == "json":
        return export_json(qs, region=region, unit=unit)
    raise DomainError(
        _("Format '%(f)s' tidak dikenal; pilih csv, xlsx, atau json.") % {"f": fmt},
        code="invalid_format",
    )


def export_filename(fmt: str, *, region=None, unit=None) -> str:
    scope = unit.slug if unit else (region.slug if region else "semua")
    return f"standar-pelayanan-{scope}-{timezone.localdate():%Y%m%d}.{fmt}"


# --- reading files -----------------------------------------------------------------------------------


def guess_format(filename: str) -> str | None:
    ext = (filename or "").rsplit(".", 1)[-1].lower()
    return ext if ext in FORMATS else None


def _check_columns(columns) -> None:
    unknown = [c for c in columns if c and c not in COLUMNS]
    if unknown:
        raise ImportFileError(
            _("Kolom tidak dikenal: %(c)s. Kolom yang dikenal: %(k)s.")
            % {"c": ", ".join(map(str, unknown)), "k": ", ".join(COLUMNS)}
        )
    if "code" not in columns:
        raise ImportFileError(_("Kolom 'code' (kode layanan) wajib ada."))


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if value is None:
        return ""
    return value


def read_csv(data: bytes) -> list[tuple[int, dict]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max(
        [",", ";", "\t"], key=first_line.count
    )  # spreadsheets in Indonesian locales use ';'
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(_("Berkas kosong.")) from None
    except csv.Error as exc:
        raise ImportFileError(_("Berkas CSV tidak dapat dibaca: %(e)s") % {"e": exc}) from None
    header = [h.strip() for h in header]
    _check_columns(header)
    rows = []
    try:
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            rows.append((number, dict(zip(header, values, strict=False))))
    except csv.Error as exc:
        raise ImportFileError(_("Berkas CSV tidak dapat dibaca: %(e)s") % {"e": exc}) from None
    return rows


def read_xlsx(data: bytes) -> list[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportFileError(
            _("Berkas XLSX tidak dapat dibaca; simpan ulang sebagai Excel Workbook (.xlsx).")
        ) from None
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header = [str(h).strip() if h is not None else "" for h in next(iterator)]
    except StopIteration:
        raise ImportFileError(_("Berkas kosong.")) from None
    _check_columns(header)
    rows = []
    for number, values in enumerate(iterator, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        rows.append((number, {h: _cell(v) for h, v in zip(header, values, strict=False) if h}))
    workbook.close()
    return rows


def read_json(data: bytes) -> list[tuple[int, dict]]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFileError(_("Berkas JSON tidak valid: %(e)s") % {"e": exc}) from None
    items = parsed.get("services") if isinstance(parsed, dict) else parsed
    if not isinstance(items, list):
        raise ImportFileError(_("Berkas JSON harus berisi daftar 'services'."))
    rows = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ImportFileError(_("Objek ke-%(n)s bukan objek JSON.") % {"n": number})
        _check_columns(list(item) + ["code"])
        rows.append((number, item))
    return rows


def read_rows(data: bytes, fmt: str) -> list[tuple[int, dict]]:
    """The rows of an uploaded file as (row number, {column: value}); ImportFileError if unreadable."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(_("Berkas terlalu besar (paling besar 5 MB)."))
    readers = {"csv": read_csv, "xlsx": read_xlsx, "json": read_json}
    if fmt not in readers:
        raise ImportFileError(
            _("Format '%(f)s' tidak dikenal; pilih csv, xlsx, atau json.") % {"f": fmt}
        )
    rows = readers[fmt](data)
    if not rows:
        raise ImportFileError(_("Berkas tidak berisi baris data."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("Terlalu banyak baris (paling banyak %(n)s).") % {"n": MAX_ROWS})
    return rows
