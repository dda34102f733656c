"""The registry as a download: CSV (one table) or XLSX (a first sheet saying what it is, then the table),
with the filters of the list page. The budget is included: the file is for staff of the region."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core import exports


def registry_table(innovations) -> exports.Table:
    """One row per innovation (the selector's queryset, already scoped and filtered)."""
    rows = [
        [
            i.code,
            i.name,
            i.unit.name,
            i.region.name,
            i.get_form_display(),
            i.get_kind_display(),
            i.get_initiator_display(),
            i.get_affair_display(),
            i.get_stage_display(),
            i.initiated_on.isoformat() if i.initiated_on else "",
            i.trial_on.isoformat() if i.trial_on else "",
            i.implemented_on.isoformat() if i.implemented_on else "",
            int(i.budget) if i.budget is not None else "",
            i.evidence_count,
            i.replication_count,
            _("Ya") if i.is_public else _("Tidak"),
            i.benefits,
        ]
        for i in innovations.annotate(
            evidence_count=Count("evidence", distinct=True),
            replication_count=Count("replications", distinct=True),
        ).order_by("code", "id")
    ]
    headings = [
        _("Kode"),
        _("Nama inovasi"),
        _("Unit"),
        _("Daerah"),
        _("Bentuk"),
        _("Jenis"),
        _("Inisiator"),
        _("Urusan"),
        _("Tahapan"),
        _("Tanggal inisiatif"),
        _("Tanggal uji coba"),
        _("Tanggal penerapan"),
        _("Anggaran (Rp)"),
        _("Bukti dukung"),
        _("Replikasi"),
        _("Tampil di etalase"),
        _("Manfaat"),
    ]
    return exports.Table("registry", _("Registri inovasi"), headings, rows)


def registry_export_response(innovations, fmt: str) -> HttpResponse:
    """The registry as CSV or XLSX."""
    table = registry_table(innovations)
    now = timezone.localtime()
    name = f"registri-inovasi-{now:%Y%m%d}"
    if fmt == "csv":
        content = exports.csv_bytes(table)
        filename = f"{name}.csv"
    else:
        content = exports.xlsx_bytes(
            info_title=_("Keterangan"),
            info=[
                (_("Isi"), _("Registri inovasi daerah")),
                (_("Jumlah inovasi"), str(len(table.rows))),
                (_("Dibuat"), f"{now:%Y-%m-%d %H:%M}"),
            ],
            tables=[table],
        )
        filename = f"{name}.xlsx"
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
