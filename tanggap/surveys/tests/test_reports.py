"""The official-layout PDF and the XLSX workbook of the IKM report."""

from __future__ import annotations

import datetime as dt
import io

from tanggap.surveys import selectors
from tanggap.surveys.periods import Period
from tanggap.surveys.reports import charts, files
from tanggap.surveys.tests.factories import respond

Q3 = Period("triwulan", 2026, 3)


def _report(unit):
    # Six questionnaires, half all 4 and half all 3 (IKM 87,41): enough to be shown (at least five).
    for value in (4, 4, 4, 3, 3, 3):
        respond(unit, dt.date(2026, 7, 15), value, comment="Pelayanan ramah")
    return selectors.ikm_report(unit=unit, period=Q3)


def test_pdf_html_has_the_official_content(unit_a):
    html = files.report_pdf_html(_report(unit_a))
    assert "Laporan Hasil Survei Kepuasan Masyarakat" in html
    assert "Pemerintah Kabupaten Uji" in html
    assert "Triwulan III 2026" in html
    assert "Waktu Penyelesaian" in html and "NRR Tertimbang" in html
    assert "87,41" in html  # the IKM
    assert "<strong>B</strong>" in html and "Baik" in html
    assert "0,111" in html  # the weighting used
    assert "<svg" in html and "<rect" in html
    assert "Pelayanan ramah" in html
    assert "NIP." in html


def test_pdf_is_a_pdf(unit_a):
    content = files.report_pdf(_report(unit_a))
    assert content.startswith(b"%PDF")


def test_pdf_of_a_period_without_answers_still_prints(unit_a):
    report = selectors.ikm_report(unit=unit_a, period=Q3)
    assert "Hasil disembunyikan: kurang dari 5 responden" in files.report_pdf_html(report)


def test_xlsx_has_the_tables_and_the_anonymous_answers(unit_a):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(files.report_xlsx(_report(unit_a))))
    assert book.sheetnames == [
        "Keterangan",
        "Per unsur",
        "Profil responden",
        "Tren",
        "Saran dan komentar",
        "Jawaban",
    ]
    elements = list(book["Per unsur"].values)
    assert elements[0] == ("Kode", "Unsur", "NRR", "NRR tertimbang")
    assert elements[1][:3] == ("U1", "Persyaratan", 3.5)
    assert elements[-1][1:] == ("IKM (25–100)", None, 87.41)
    raw = list(book["Jawaban"].values)
    assert len(raw) == 7  # heading + 6 answers
    assert raw[0][-9] == "persyaratan"
    assert "Pelayanan ramah" not in {cell for row in raw for cell in row}
    info = dict(row[:2] for row in book["Keterangan"].values)
    assert info["IKM"] == "87,41" and info["Mutu"] == "B"


def test_nrr_chart_tops_at_four(unit_a):
    chart = charts.report_charts(_report(unit_a))["nrr"]
    assert chart.y_ticks[-1][1] == "4"
    assert len(chart.marks) == 9
    assert chart.marks[0].h == round((chart.baseline - chart.y_ticks[-1][0]) * 3.5 / 4, 1)
