"""The "Kinerja saya" block on attendance's Kerja Saya page: this year's SKP with progress and what the
platform records of the official's own work; nothing breaks without an SKP; a bounded number of queries."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tanggap.performance.models import AutoSource, Skp, SkpQuarterReview, SkpResultRealisation
from tanggap.performance.my_work import my_work_of
from tanggap.performance.services import skp_autofill_quarter
from tanggap.performance.tests.factories import SkpFactory, SkpResultFactory
from tanggap.performance.tests.test_autofill import report, served
from tanggap.queueing.tests.factories import QueueServiceFactory

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def _august():
    with time_machine.travel(dt.datetime(2026, 8, 14, 10, 0, tzinfo=WIB), tick=False):
        yield


def page(client, official) -> str:
    client.force_login(official.user)
    response = client.get(reverse("attendance:mine"))
    assert response.status_code == 200
    return response.content.decode()


def _skp_with_progress(official, superior, n_results=2):
    skp = SkpFactory(official=official, superior=superior, year=2026)
    typed = SkpResultFactory(skp=skp, text="Berkas selesai diverifikasi", target=Decimal("200"))
    review = SkpQuarterReview.objects.create(
        skp=skp, quarter=2, reviewed_at=dt.datetime(2026, 7, 5, tzinfo=WIB)
    )
    SkpResultRealisation.objects.create(review=review, result=typed, value=Decimal("150"))
    for i in range(n_results - 1):
        SkpResultFactory(
            skp=skp,
            text=f"Tiket dilayani {i}",
            target=Decimal("10"),
            source=AutoSource.TICKETS_SERVED,
        )
    return skp


def test_an_official_with_an_skp_sees_its_progress_and_their_platform_record(client, people):
    staff, boss = people["staff"], people["boss"]
    desk = QueueServiceFactory(location=staff.unit)
    served(desk, staff.user, dt.datetime(2026, 8, 3, 10, tzinfo=WIB))
    served(desk, staff.user, dt.datetime(2026, 3, 3, 10, tzinfo=WIB))
    served(desk, people["peer"].user, dt.datetime(2026, 8, 3, 11, tzinfo=WIB))
    created = dt.datetime(2026, 3, 2, 9, tzinfo=WIB)
    report(staff.unit, staff.user, created=created, answered_after_hours=24)
    report(staff.unit, staff.user, created=created, answered_after_hours=24)
    report(staff.unit, staff.user, created=created, answered_after_hours=24)
    report(staff.unit, staff.user, created=created, answered_after_hours=90)
    skp = _skp_with_progress(staff, boss)
    skp_autofill_quarter(actor=None, skp=skp, quarter=3)

    html = page(client, staff)
    assert 'id="kinerja-saya"' in html
    assert "Berkas selesai diverifikasi" in html
    assert "75%" in html  # 150 of 200, from the quarter-2 review
    assert "tinjauan triwulan 2" in html
    assert "20%" in html  # 2 tickets of 10, from the platform
    assert "otomatis dari platform" in html
    record = html.split('id="platform-record"')[1]
    # This month 1, this year 2 (the peer's ticket is not theirs); 4 complaints, 3 on time.
    assert "<strong>1</strong>" in record and "<strong>2</strong>" in record
    assert "<strong>4</strong>" in record and "<strong>75%</strong>" in record


def test_the_predikat_shows_once_rated(client, people):
    skp = _skp_with_progress(people["staff"], people["boss"])
    Skp.objects.filter(pk=skp.pk).update(
        status=Skp.Status.CLOSED,
        predikat="baik",
        hasil_kerja_rating="sesuai",
        perilaku_rating="sesuai",
    )
    html = page(client, people["staff"])
    assert 'id="skp-predikat">Baik<' in html


def test_without_an_skp_the_block_says_so_and_still_shows_the_record(client, people):
    html = page(client, people["staff"])
    assert 'id="skp-none"' in html
    assert 'id="platform-record"' in html


def test_last_years_skp_is_not_this_years(client, people):
    SkpFactory(official=people["staff"], superior=people["boss"], year=2025)
    assert 'id="skp-none"' in page(client, people["staff"])


def test_an_account_of_no_official_gets_no_block(client, citizen):
    client.force_login(citizen)
    html = client.get(reverse("attendance:mine")).content.decode()
    assert 'id="kinerja-saya"' not in html


def test_the_block_costs_the_same_queries_whatever_the_number_of_results(client, people):
    few = _skp_with_progress(people["staff"], people["boss"], n_results=2)
    skp_autofill_quarter(actor=None, skp=few, quarter=3)
    many = _skp_with_progress(people["peer"], people["boss"], n_results=12)
    skp_autofill_quarter(actor=None, skp=many, quarter=3)

    def queries(official) -> int:
        client.force_login(official.user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("attendance:mine")).status_code == 200
        return len(captured.captured_queries)

    assert queries(people["peer"]) == queries(people["staff"])


def test_the_block_reads_in_eight_queries(people, django_assert_max_num_queries):
    skp = _skp_with_progress(people["staff"], people["boss"], n_results=5)
    skp_autofill_quarter(actor=None, skp=skp, quarter=3)
    # The official, the SKP, its results, their automatic figures, its reviews and their
    # realisations, the tickets, the complaints.
    with django_assert_max_num_queries(8):
        work = my_work_of(people["staff"].pk)
    assert len(work.results) == 5
