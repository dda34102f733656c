"""A round's results as files: the organiser's ranking (CSV or XLSX, one row per proposal with the
weighted mean, spread, outlier flags, reviews) and a Top N proposal's certificate (A4 PDF, WeasyPrint,
with a QR code to the public result page)."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from tanggap.core.qr import qr_png_data_uri
from tanggap.innovation.models import Proposal


def _fmt(value) -> str:
    return "" if value is None else f"{value:.3f}"


def results_table(results) -> tuple[list[str], list[list[object]]]:
    header = [
        _("Peringkat"),
        _("Nomor"),
        _("Judul"),
        _("Instansi"),
        _("Kategori"),
        _("Nilai rata-rata"),
        _("Terendah"),
        _("Tertinggi"),
        _("Simpangan baku"),
        _("Penilaian"),
        _("Pencilan"),
        _("Nilai seri"),
        _("Penilaian kurang"),
    ]
    rows = []
    for row in results.rows:
        r = row.ranked
        rows.append(
            [
                r.rank or "",
                row.proposal.code,
                row.proposal.title,
                row.proposal.unit.name,
                row.proposal.category.name,
                _fmt(r.mean),
                _fmt(r.lowest),
                _fmt(r.highest),
                _fmt(r.sd),
                r.reviews,
                sum(t.outlier for t in r.juror_totals),
                _("ya") if row.tied else "",
                _("ya") if r.missing_review else "",
            ]
        )
    return header, rows


def _safe(value):
    """Text cells that a spreadsheet would read as a formula are prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def results_csv(results) -> bytes:
    header, rows = results_table(results)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[_safe(v) for v in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode()


def results_xlsx(results) -> bytes:
    from openpyxl import Workbook

    header, rows = results_table(results)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Hasil")
    sheet.append(header)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def certificate_html(proposal: Proposal, *, url: str) -> str:
    with translation.override("id"):
        return render_to_string(
            "innovation/rounds/certificate_pdf.html",
            {
                "proposal": proposal,
                "round": proposal.round,
                "url": url,
                "qr_png": qr_png_data_uri(url),
            },
        )


def certificate_pdf(proposal: Proposal, *, url: str) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango is slow and only this view needs it

    return HTML(string=certificate_html(proposal, url=url), base_url=settings.SITE_URL).write_pdf()
