"""The IKM report's files: the official-layout PDF (WeasyPrint, A4) and the XLSX workbook.

The PDF follows the layout units publish under PermenPANRB 14/2017: kop, title, period, respondents
against the sample size, the per-element table with the total, the IKM with mutu and kinerja, the
weighting used, the NRR chart, the respondent profile, the weakest elements, comments, and the place,
date and signature block of the unit head. It is always in Bahasa Indonesia (an official document).
Both show only what the report selector lets through: no figure from fewer than k responses, comments
by month without dates, answer rows only for groups of at least k (tanggap.surveys.disclosure).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from tanggap.core import exports
from tanggap.surveys.disclosure import DIFFERENCE, marker
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.reports.charts import report_charts
from tanggap.surveys.selectors import PROFILE_TITLES, IkmReport, report_raw_answers

RAW_HEADINGS = {
    "month": gettext_lazy("Bulan dilayani"),
    "flagged": gettext_lazy("Tanpa tiket"),
    "sex": gettext_lazy("Jenis kelamin"),
    "age": gettext_lazy("Kelompok usia"),
    "education": gettext_lazy("Pendidikan"),
    "occupation": gettext_lazy("Pekerjaan"),
}


def _decimal(value: Decimal | None, places: int = 3) -> str:
    """A figure with the Indonesian decimal comma."""
    if value is None:
        return "—"
    return f"{value:.{places}f}".replace(".", ",")


def pdf_context(report: IkmReport, *, now=None) -> dict:
    """What the official layout shows."""
    unit = report.unit
    region = report.region
    return {
        "report": report,
        "unit": unit,
        "region": region,
        "head": getattr(unit, "head", None),
        "place": region.place_name if region else "",
        "sign_date": timezone.localdate(now or timezone.now()),
        "charts": report_charts(report),
        "profile_titles": PROFILE_TITLES,
        "instrument": load_instrument(),
    }


def report_pdf_html(report: IkmReport, *, now=None) -> str:
    """The HTML the PDF is printed from."""
    with translation.override("id"):
        return render_to_string("surveys/reports/ikm_pdf.html", pdf_context(report, now=now))


def report_pdf(report: IkmReport, *, now=None) -> bytes:
    """The report as an A4 PDF."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only this view needs it

    return HTML(string=report_pdf_html(report, now=now), base_url=settings.SITE_URL).write_pdf()


def _shown(value):
    """A hidden figure's marker as text; a shown one as it is."""
    return value if isinstance(value, int | float) else str(value)


def _tables(report: IkmReport) -> list[exports.Table]:
    """The report's tables; a hidden report's tables have their headings only (the first sheet says
    why), hidden cells their marker instead of the value."""
    keys = load_instrument().keys
    elements = exports.Table(
        "elements", _("Per unsur"), [_("Kode"), _("Unsur"), _("NRR"), _("NRR tertimbang")]
    )
    for e in report.elements:
        elements.rows.append([e.code, e.label, round(float(e.nrr), 3), round(float(e.weighted), 4)])
    if report.result is not None:
        elements.rows.append(
            ["", _("Jumlah NRR tertimbang"), "", round(float(report.result.total_weighted), 4)]
        )
        elements.rows.append(["", _("IKM (25–100)"), "", float(report.result.ikm)])
    profile = exports.Table(
        "profile", _("Profil responden"), [_("Kelompok"), _("Uraian"), _("Jumlah"), "%"]
    )
    for group, rows in report.profile.items():
        for row in rows:
            profile.rows.append(
                [str(PROFILE_TITLES[group]), row.label]
                + (
                    [str(row.marker), str(row.marker)]
                    if row.marker
                    else [row.count, float(row.percent or 0)]
                )
            )
    trend = exports.Table("trend", _("Tren"), [_("Periode"), _("Responden"), _("IKM"), _("Mutu")])
    for point in report.trend:
        trend.rows.append(
            [
                point.period.label,
                _shown(point.respondents_shown),
                float(point.ikm) if point.ikm is not None else "",
                point.mutu,
            ]
        )
    comments = exports.Table("comments", _("Saran dan komentar"), [_("Bulan"), _("Komentar")])
    for month in report.comments:
        comments.rows.extend([month.month.label, text] for text in month.texts)
    answers = report_raw_answers(report)
    raw = exports.Table(
        "raw",
        _("Jawaban"),
        [
            pgettext("nomor urut", "No"),
            *(str(RAW_HEADINGS[column]) for column in answers.columns),
            *keys,
        ],
    )
    for number, (described, scores) in enumerate(answers.rows, start=1):
        raw.rows.append([number, *described, *scores])
    return [elements, profile, trend, comments, raw]


def report_xlsx(report: IkmReport) -> bytes:
    """The same tables as the PDF on their own sheets, and the anonymous answers."""
    result = report.result
    hidden = str(marker(DIFFERENCE, report.min_group_size))
    info = [
        (_("Laporan"), _("Laporan Hasil Survei Kepuasan Masyarakat")),
        (_("Wilayah"), report.region.name if report.region else ""),
        (_("Unit"), report.unit.name if report.unit else ""),
        (_("Lokasi"), report.location.name if report.location else _("Semua")),
        (_("Layanan"), getattr(report.service, "name", None) or _("Semua")),
        (
            _("Periode"),
            f"{report.period.label} ({report.period.start:%Y-%m-%d} – {report.period.end:%Y-%m-%d})",
        ),
        (_("Responden"), report.respondents_shown),
        (_("Orang dilayani"), report.population),
        (_("Sampel minimal (Krejcie–Morgan)"), report.sample_needed),
        (
            _("Sampel cukup"),
            hidden if report.hidden else _("ya") if report.sample_sufficient else _("tidak"),
        ),
        (_("IKM"), _decimal(result.ikm, 2) if result else hidden),
        (_("Mutu"), result.mutu if result else hidden),
        (_("Kinerja"), result.kinerja_label if result else hidden),
        (_("Pembobotan"), report.weighting_label),
        (_("Kerahasiaan responden"), report.disclosure_note),
        (_("Dibuat"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
    ]
    return exports.xlsx_bytes(info_title=_("Keterangan"), info=info, tables=_tables(report))


def report_filename(report: IkmReport, fmt: str) -> str:
    """ikm-<unit>-<period>.<fmt>"""
    slug = report.unit.slug if report.unit else "wilayah"
    return f"ikm-{slug}-{report.period.code}.{fmt}"
