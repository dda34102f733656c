"""No survey figure a reader could trace to one respondent (issue 9, defect 6).

A unit report narrowed to one month, service and location used to show that group's IKM, profile,
comments with their dates and one answer row per questionnaire, also for a group of one. Now nothing of
a group under k = SURVEY_MIN_GROUP_SIZE (5) is shown in the pages, the PDF or the XLSX, a breakdown never
lets a hidden cell be worked out from its total, comments come by month without dates, and answer rows
keep only the profile columns at least k rows share. (The surveys app has no JSON API: these are all the
outputs of a survey report.)
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest
import time_machine
from django.conf import settings as django_settings
from django.urls import reverse

from tanggap.catalog.tests.factories import ServiceFactory
from tanggap.org.tests.factories import UnitFactory
from tanggap.surveys import disclosure, selectors
from tanggap.surveys.periods import Period
from tanggap.surveys.reports import files
from tanggap.surveys.tests.factories import respond

NOW = dt.datetime(2026, 8, 10, 3, tzinfo=dt.UTC)
MAY = Period("bulan", 2026, 5)
Q2 = Period("triwulan", 2026, 2)
LONE_ANSWERS = (1, 2, 1, 2, 1, 2, 1, 2, 1)  # IKM 36,08: a figure nobody else's answers give
LONE_COMMENT = "Pak Darto dari Dusun Krajan menunggu tiga jam"
FEW_COMMENT = "Kursi ruang tunggu kurang"
MANY_COMMENT = "Petugas ramah dan cepat"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass
class Scene:
    unit: object
    location: object
    lone: object  # one respondent in May at the location
    few: object  # four
    many: object  # six


@pytest.fixture
def scene(unit_a, region) -> Scene:
    location = UnitFactory(region=region, slug="mpp-uji", name="MPP Uji")
    lone, few, many = (
        ServiceFactory(unit=unit_a, name=name) for name in ("Akta", "Kartu Keluarga", "KTP-el")
    )
    respond(
        unit_a,
        dt.date(2026, 5, 12),
        LONE_ANSWERS,
        service=lone,
        location=location,
        sex="L",
        age=71,
        education="s2",
        occupation="petani",
        comment=LONE_COMMENT,
    )
    for i in range(4):  # all 2: IKM 49,95
        respond(
            unit_a,
            dt.date(2026, 5, 13),
            2,
            service=few,
            location=location,
            comment=FEW_COMMENT if i == 0 else "",
        )
    for i, value in enumerate((4, 4, 4, 3, 3, 3)):  # IKM 87,41
        respond(
            unit_a,
            dt.date(2026, 5, 14),
            value,
            service=many,
            location=location,
            comment=MANY_COMMENT if i == 0 else "",
        )
    return Scene(unit_a, location, lone, few, many)


def _query(service, location, period: Period = MAY) -> dict:
    return {"periode": period.code, "layanan": service.pk, "lokasi": location.pk}


def _page(client, user, scene: Scene, service, period: Period = MAY) -> str:
    client.force_login(user)
    url = reverse("surveys:report_unit", args=[scene.unit.pk])
    response = client.get(url, _query(service, scene.location, period))
    assert response.status_code == 200
    return response.content.decode()


def _xlsx(client, user, scene: Scene, service):
    from openpyxl import load_workbook

    client.force_login(user)
    url = reverse("surveys:report_unit_export", args=[scene.unit.pk, "xlsx"])
    response = client.get(url, _query(service, scene.location))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _report(scene: Scene, service, period: Period = MAY, **filters):
    return selectors.ikm_report(
        unit=scene.unit, service=service, location=scene.location, period=period, **filters
    )


SMALL_GROUPS = [
    pytest.param("lone", "36,08", LONE_COMMENT, id="one-respondent"),
    pytest.param("few", "49,95", FEW_COMMENT, id="four-respondents"),
]


@pytest.mark.parametrize(("group", "ikm", "comment"), SMALL_GROUPS)
def test_the_report_page_shows_nothing_of_a_group_under_k(
    client, head_a, scene, group, ikm, comment
):
    html = _page(client, head_a, scene, getattr(scene, group))
    assert ikm not in html and 'class="ikm-value"' not in html
    assert comment not in html
    assert "Hasil disembunyikan: kurang dari 5 responden" in html
    assert "<strong>&lt; 5</strong> responden" in html
    assert "Profil responden" not in html and "Laki-laki" not in html  # no profile table at all
    assert "NRR per unsur" not in html


def test_the_report_page_shows_a_group_of_k_with_comments_by_month_without_dates(
    client, head_a, scene
):
    html = _page(client, head_a, scene, scene.many)
    assert '<strong class="ikm-value">87,41</strong>' in html
    assert "<strong>6</strong> responden" in html
    assert "<h3>Mei 2026</h3>" in html and f"<li>{MANY_COMMENT}</li>" in html
    assert "14 Mei" not in html and "2026-05-14" not in html
    assert LONE_COMMENT not in html and FEW_COMMENT not in html  # other services' comments


@pytest.mark.parametrize(("group", "ikm", "comment"), SMALL_GROUPS)
def test_the_pdf_shows_nothing_of_a_group_under_k(client, head_a, scene, group, ikm, comment):
    service = getattr(scene, group)
    html = files.report_pdf_html(_report(scene, service))
    assert ikm not in html and comment not in html
    assert "Jumlah responden</td><td>: &lt; 5" in html
    assert "Hasil disembunyikan: kurang dari 5 responden" in html
    assert "Profil Responden" not in html and "Indeks Kepuasan Masyarakat</div>" not in html
    client.force_login(head_a)  # and the download itself is printed from that report
    url = reverse("surveys:report_unit_export", args=[scene.unit.pk, "pdf"])
    response = client.get(url, _query(service, scene.location))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_pdf_of_a_group_of_k_has_its_figures_and_comments_by_month(scene):
    html = files.report_pdf_html(_report(scene, scene.many))
    assert '<div class="value">87,41</div>' in html
    assert "Jumlah responden</td><td>: 6" in html
    assert "<strong>Mei 2026</strong>" in html and f"<li>{MANY_COMMENT}</li>" in html
    assert "14 Mei" not in html and "2026-05-14" not in html


@pytest.mark.parametrize(("group", "ikm", "comment"), SMALL_GROUPS)
def test_the_xlsx_has_no_value_and_no_row_of_a_group_under_k(
    client, head_a, scene, group, ikm, comment
):
    book = _xlsx(client, head_a, scene, getattr(scene, group))
    info = dict(row[:2] for row in book["Keterangan"].values)
    assert info["Responden"] == "< 5"
    assert info["IKM"] == info["Mutu"] == info["Kinerja"] == "disembunyikan"
    assert info["Kerahasiaan responden"].startswith("Hasil disembunyikan: kurang dari 5")
    for sheet in ("Per unsur", "Profil responden", "Saran dan komentar", "Jawaban"):
        assert len(list(book[sheet].values)) == 1, sheet  # the headings only
    cells = {str(cell) for sheet in book for row in sheet.values for cell in row}
    assert comment not in cells and ikm.replace(",", ".") not in cells


def test_the_xlsx_of_a_group_of_k_has_answer_rows_by_month_without_dates(client, head_a, scene):
    book = _xlsx(client, head_a, scene, scene.many)
    info = dict(row[:2] for row in book["Keterangan"].values)
    assert (info["Responden"], info["IKM"]) == ("6", "87,41")
    comments = list(book["Saran dan komentar"].values)
    assert comments == [("Bulan", "Komentar"), ("Mei 2026", MANY_COMMENT)]
    raw = list(book["Jawaban"].values)
    assert raw[0][:7] == (
        "No",
        "Bulan dilayani",
        "Tanpa tiket",
        "Jenis kelamin",
        "Kelompok usia",
        "Pendidikan",
        "Pekerjaan",
    )
    assert len(raw) == 7  # heading + 6 answer rows
    assert {row[1] for row in raw[1:]} == {"2026-05"}  # the month, never the day
    assert {row[4] for row in raw[1:]} == {"25–34"}  # the age group, never the age
    assert sorted(row[7] for row in raw[1:]) == [3, 3, 3, 4, 4, 4]


def test_answer_rows_drop_the_profile_columns_that_would_single_somebody_out(scene):
    # Six rows of the unit in May at the location for one service: five alike, one man of 71 (the
    # only one): his sex, age group, education or occupation would find his row, so none is given.
    respond(
        scene.unit,
        dt.date(2026, 5, 20),
        LONE_ANSWERS,
        service=scene.many,
        location=scene.location,
        sex="L",
        age=71,
        education="s2",
        occupation="petani",
    )
    answers = selectors.report_raw_answers(_report(scene, scene.many))
    assert answers.columns == ("month", "flagged")
    assert len(answers.rows) == 7
    assert all(len(described) == 2 for described, _scores in answers.rows)
    assert answers.rows[-1][1] == (4,) * 9  # sorted by what they show, not by when written
    assert selectors.report_raw_answers(_report(scene, scene.lone)).rows == []


def test_a_wider_report_is_shown_and_its_comments_come_by_month(client, head_a, scene):
    # The whole unit in May: eleven respondents, so shown; the comments of May without their days.
    report = selectors.ikm_report(unit=scene.unit, period=MAY)
    assert report.respondents == 11 and report.result is not None
    assert [(c.month.label, c.texts) for c in report.comments] == [
        ("Mei 2026", (FEW_COMMENT, LONE_COMMENT, MANY_COMMENT))  # alphabetical, not by time
    ]


def test_comments_of_a_month_under_k_stay_out_of_a_quarter_report(scene):
    for _ in range(2):  # June: two respondents only
        respond(scene.unit, dt.date(2026, 6, 3), 3, comment="Parkir sempit")
    report = selectors.ikm_report(unit=scene.unit, period=Q2)
    assert report.respondents == 13  # June's answers count in the index ...
    texts = [text for month in report.comments for text in month.texts]
    assert "Parkir sempit" not in texts  # ... but its comments would point at two people
    assert [c.month.label for c in report.comments] == ["Mei 2026"]


def test_a_group_of_k_is_hidden_when_a_wider_report_minus_it_leaves_one_person(
    client, head_a, unit_a
):
    # Six answers for one service, one for the other: the unit's report minus the first service's
    # would be the lone answer, so the first service's report is hidden too (complementary).
    big, small = ServiceFactory(unit=unit_a), ServiceFactory(unit=unit_a)
    for value in (4, 4, 4, 3, 3, 3):
        respond(unit_a, dt.date(2026, 5, 14), value, service=big)
    respond(unit_a, dt.date(2026, 5, 14), LONE_ANSWERS, service=small, comment=LONE_COMMENT)
    whole = selectors.ikm_report(unit=unit_a, period=MAY)
    assert whole.respondents == 7 and not whole.hidden
    for service, reason in ((small, disclosure.SMALL), (big, disclosure.DIFFERENCE)):
        report = selectors.ikm_report(unit=unit_a, service=service, period=MAY)
        assert report.hidden == reason
        assert (report.respondents, report.result, report.comments) == (None, None, [])
    assert selectors.ikm_report(unit=unit_a, service=big, period=MAY).trend[-1].ikm is None
    client.force_login(head_a)
    url = reverse("surveys:report_unit", args=[unit_a.pk])
    html = client.get(url, {"periode": MAY.code, "layanan": big.pk}).content.decode()
    assert "87,41" not in html and "saringan yang lebih luas" in html


def test_locations_are_a_breakdown_too(unit_a, region):
    here, there = UnitFactory(region=region), UnitFactory(region=region)
    for value in (4, 4, 4, 3, 3, 3):
        respond(unit_a, dt.date(2026, 5, 14), value, location=here)
    respond(unit_a, dt.date(2026, 5, 14), 1, location=there)
    assert selectors.ikm_report(unit=unit_a, location=here, period=MAY).hidden == "difference"
    assert selectors.ikm_report(unit=unit_a, location=there, period=MAY).hidden == "small"
    for _ in range(4):  # now five at the other location: both shown
        respond(unit_a, dt.date(2026, 5, 15), 2, location=there)
    assert not selectors.ikm_report(unit=unit_a, location=here, period=MAY).hidden


def test_profile_tables_hide_small_cells_and_one_more_when_one_would_be_known(scene):
    # The six of the large group are all women of 30: a man among them would be "6 − 5".
    respond(
        scene.unit,
        dt.date(2026, 5, 20),
        4,
        service=scene.many,
        location=scene.location,
        sex="L",
    )
    report = _report(scene, scene.many)
    sex = [(row.label, row.count, row.percent, str(row.marker)) for row in report.profile["sex"]]
    assert sex == [
        ("Laki-laki", None, None, "< 5"),
        ("Perempuan", None, None, "disembunyikan"),  # 7 − 1 would give the man away
    ]
    ages = [(row.count, str(row.marker)) for row in report.profile["age"]]
    assert ages == [(None, "< 5"), (7, ""), (None, "< 5"), (None, "< 5"), (None, "< 5")]


def test_the_profile_sheet_and_page_show_markers_not_values(client, head_a, scene):
    respond(
        scene.unit, dt.date(2026, 5, 20), 4, service=scene.many, location=scene.location, sex="L"
    )
    book = _xlsx(client, head_a, scene, scene.many)
    sexes = [row for row in book["Profil responden"].values if row[0] == "Jenis kelamin"]
    assert sexes == [
        ("Jenis kelamin", "Laki-laki", "< 5", "< 5"),
        ("Jenis kelamin", "Perempuan", "disembunyikan", "disembunyikan"),
    ]
    html = _page(client, head_a, scene, scene.many)
    assert '<td>Laki-laki</td><td class="num hidden-cell" data-label="Jumlah">&lt; 5</td>' in html
    assert (
        '<td>Perempuan</td><td class="num hidden-cell" data-label="Jumlah">disembunyikan</td>'
        in html
    )


def test_trend_points_under_k_are_hidden(scene):
    report = _report(scene, scene.many)
    assert [(p.period.code, p.respondents, p.ikm is not None) for p in report.trend] == [
        ("2026-02", None, False),
        ("2026-03", None, False),
        ("2026-04", None, False),
        ("2026-05", 6, True),
    ]
    assert {str(p.marker) for p in report.trend[:3]} == {"< 5"}


def test_an_empty_group_looks_like_a_small_one(scene):
    # Whether one particular citizen answered must not show: nobody and a few read the same.
    empty = _report(scene, scene.many, period=Period("bulan", 2026, 4))
    small = _report(scene, scene.lone)
    assert (empty.hidden, empty.respondents_shown) == (small.hidden, small.respondents_shown)
    assert files.report_pdf_html(empty).count("&lt; 5") == files.report_pdf_html(small).count(
        "&lt; 5"
    )


def test_the_region_comparison_and_the_public_pages_hide_units_under_k(
    client, region, region_admin, unit_a, unit_b
):
    for value in (4, 4, 4, 3, 3, 3):
        respond(unit_a, dt.date(2026, 5, 14), value)
    respond(unit_b, dt.date(2026, 5, 14), LONE_ANSWERS)
    comparison = selectors.region_ikm_comparison(region=region, period=Q2)
    rows = {row.unit.name: row for row in comparison.rows}
    assert rows["Dinas A"].respondents == 6 and rows["Dinas B"].respondents is None
    assert rows["Dinas B"].result is None and rows["Dinas B"].rank is None
    client.force_login(region_admin)
    html = client.get(
        reverse("surveys:report_region", args=[region.slug]), {"periode": Q2.code}
    ).content.decode()
    assert "36,08" not in html and "Kurang dari 5 responden: angka disembunyikan" in html
    client.logout()
    index = client.get(reverse("surveys:public_ikm"), {"wilayah": region.slug}).content.decode()
    assert "Dinas A" in index and "Dinas B" not in index
    page = client.get(reverse("surveys:public_ikm_unit", args=[unit_b.pk])).content.decode()
    assert "36,08" not in page and "belum memiliki hasil survei yang dapat diterbitkan" in page


def test_the_minimum_group_size_is_a_setting(scene, settings):
    settings.SURVEY_MIN_GROUP_SIZE = 12
    assert selectors.ikm_report(unit=scene.unit, period=MAY).respondents_shown == "< 12"
    settings.SURVEY_MIN_GROUP_SIZE = 11
    assert selectors.ikm_report(unit=scene.unit, period=MAY).respondents == 11
    settings.SURVEY_MIN_GROUP_SIZE = 7
    assert _report(scene, scene.many).respondents_shown == "< 7"


def test_a_minimum_group_size_under_two_is_refused_at_start():
    assert django_settings.SURVEY_MIN_GROUP_SIZE == 5  # the default
    env = {**os.environ, "SURVEY_MIN_GROUP_SIZE": "1", "TANGGAP_TESTING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", "import tanggap.config.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0 and "SURVEY_MIN_GROUP_SIZE must be 2 or more" in done.stderr


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        pytest.param([10, 3], {1: "small", 0: "complement"}, id="one-small-cell"),
        pytest.param([10, 8, 0], {2: "small", 1: "complement"}, id="one-empty-cell"),
        pytest.param([10, 4, 4], {1: "small", 2: "small", 0: "complement"}, id="both-four"),
        pytest.param([10, 1, 1, 0], {1: "small", 2: "small", 3: "small"}, id="uncertain"),
        pytest.param([10, 7], {}, id="nothing-small"),
    ],
)
def test_complementary_suppression_of_a_table(counts, hidden):
    assert disclosure.hidden_cells(counts, 5) == hidden


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        pytest.param([10, 1, 0], {1: "small", 0: "complement"}, id="one-person-left"),
        pytest.param([10, 1, 4], {1: "small", 2: "small"}, id="five-together"),
        pytest.param([10, 1, 2, 6], {1: "small", 2: "small", 3: "complement"}, id="three"),
        pytest.param([10, 0], {}, id="empty-groups-give-nothing-away"),
    ],
)
def test_complementary_suppression_of_groups(counts, hidden):
    assert disclosure.hidden_groups(counts, 5) == hidden
