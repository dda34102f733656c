"""The monthly recap as a download for the allowance (TPP) calculation: CSV (one row per official) or
XLSX (what the file is, the officials, the units)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.attendance.models import LeaveType
from tanggap.attendance.reports.recap import Figures, Recap
from tanggap.core import exports

LEAVE_LABELS = dict(LeaveType.Code.choices)


def leave_label(code: str) -> str:
    return str(LEAVE_LABELS.get(code, code))


def _figure_headings(recap: Recap) -> list[str]:
    return [
        _("Hari kerja"),
        _("Hadir"),
        _("Terlambat (kali)"),
        _("Terlambat (menit)"),
        _("Pulang cepat (kali)"),
        _("Pulang cepat (menit)"),
        _("Tanpa keterangan"),
        _("Dinas luar"),
        *[_("Cuti: %(type)s") % {"type": leave_label(code)} for code in recap.leave_codes],
        _("Potongan TPP (%)"),
        _("Hari dikoreksi"),
    ]


def _figure_cells(recap: Recap, figures: Figures) -> list:
    return [
        figures.working_days,
        figures.present,
        figures.late,
        figures.late_minutes,
        figures.early,
        figures.early_minutes,
        figures.absent,
        figures.official_trip,
        *[figures.leave.get(code, 0) for code in recap.leave_codes],
        float(figures.deduction),
        figures.corrected,
    ]


def recap_tables(recap: Recap) -> list[exports.Table]:
    officials = exports.Table(
        "officials",
        _("Per pegawai"),
        [_("NIP"), _("Nama"), _("Unit"), *_figure_headings(recap)],
        [
            [row.official.nip, row.official.display_name, row.official.unit.name]
            + _figure_cells(recap, row.figures)
            for row in recap.officials
        ],
    )
    units = exports.Table(
        "units",
        _("Per unit"),
        [_("Unit"), _("Pegawai"), *_figure_headings(recap)],
        [[row.unit.name, row.officials, *_figure_cells(recap, row.figures)] for row in recap.units],
    )
    return [officials, units]


def recap_response(recap: Recap, fmt: str) -> HttpResponse:
    """The recap as a file: CSV of the officials, or XLSX of everything."""
    officials, units = recap_tables(recap)
    scope = recap.unit
    slug = f"{recap.region.slug}-{scope.slug}" if scope else recap.region.slug
    name = f"rekap-presensi-{slug}-{recap.month:%Y-%m}"
    if fmt == "csv":
        content = exports.csv_bytes(officials)
        filename = f"{name}.csv"
    else:
        policy = recap.policy
        content = exports.xlsx_bytes(
            info_title=_("Keterangan"),
            info=[
                (_("Wilayah"), recap.region.name),
                (_("Bulan"), f"{recap.month:%Y-%m}"),
                (_("Dihitung sampai"), f"{recap.last_day:%Y-%m-%d}"),
                (_("Dibuat"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
                (
                    _("Rentang TL/PSW (menit)"),
                    str(policy.band_minutes),
                ),
                (
                    _("Potongan TL/PSW 1–4 (%)"),
                    " / ".join(str(p) for p in policy.band_percents()),
                ),
                (_("Potongan tanpa keterangan per hari (%)"), str(policy.absent_percent)),
                (_("Potongan paling banyak (%)"), str(policy.cap_percent)),
            ],
            tables=[officials, units],
        )
        filename = f"{name}.xlsx"
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
