"""Complaint dashboards, exports, the routing accuracy page and the public transparency page."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.complaints.models import Complaint, RoutingModel
from tanggap.complaints.reports.figures import region_dashboard, unit_dashboard
from tanggap.complaints.reports.performance import Period
from tanggap.complaints.tests.factories import (
    ComplaintCategoryFactory,
    dispatched_report,
    make_history,
    routing_categories,
    routing_units,
)
from tanggap.org.tests.factories import AreaFactory

WIB = ZoneInfo("Asia/Jakarta")
S = Complaint.Status
NOW = dt.datetime(2026, 6, 30, 12, 0, tzinfo=WIB)
H = dt.timedelta(hours=1)
report = dispatched_report
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield
    cache.clear()


@pytest.fixture
def verifier(region):
    user = UserFactory(username="verifikator")
    RoleAssignmentFactory(user=user, role=Role.COMPLAINT_VERIFIER, region=region)
    return user


@pytest.fixture
def places(region):
    return [AreaFactory(region=region, name=name) for name in ("Kanigoro", "Wlingi")]


@pytest.fixture
def roads(region, unit_a):
    return ComplaintCategoryFactory(
        region=region, slug="jalan", name="Jalan rusak", default_unit=unit_a
    )


@pytest.fixture
def data(region, unit_a, unit_b, handler_a, places, roads):
    kanigoro, wlingi = places
    d = dt.datetime(2026, 5, 4, 9, 0, tzinfo=WIB)
    report(region, unit_a, 1, created=d, assignee=handler_a, status=S.CLOSED, category=roads, kecamatan=kanigoro,
           first_response_at=d + 3 * H, answered_at=d + 20 * H, closed_at=d + 30 * H, rating=5)  # fmt: skip
    report(
        region, unit_a, 2, created=NOW - 100 * H, category=roads, kecamatan=kanigoro
    )  # resolve overdue
    report(region, unit_a, 3, created=NOW - 60 * H, kecamatan=wlingi)  # resolve due within 24 h
    report(region, unit_b, 4, created=NOW - 10 * H, is_confidential=True, title="Rahasia: pungli di kantor",
           reporter_name="Siti Pelapor")  # fmt: skip
    report(region, None, 5, created=NOW - 100 * H, status=S.NEW, verified_at=None, dispatched_at=None,
           response_due_at=None, resolve_due_at=None)  # verification overdue  # fmt: skip


def test_region_dashboard_counts_live_deadlines_months_categories_and_places(
    data, region, unit_a, unit_b
):
    dash = region_dashboard(region=region, period=Period.last_months(region, 3))
    live = dash.live
    assert (live.open, live.new, live.overdue, live.due_soon) == (4, 1, 2, 1)
    assert (live.overdue_verify, live.overdue_resolve) == (1, 1)
    assert [m.month for m in dash.months] == [
        dt.date(2026, 4, 1),
        dt.date(2026, 5, 1),
        dt.date(2026, 6, 1),
    ]
    assert [(m.filed, m.closed) for m in dash.months] == [(0, 0), (1, 1), (4, 0)]
    assert dash.months[1].resolve.share == 1 and dash.months[2].resolve.breached == 1
    assert [(c.label, c.count) for c in dash.categories] == [("", 3), ("Jalan rusak", 2)]
    assert [(c.label, c.count, c.open) for c in dash.places] == [
        ("Kanigoro", 2, 1),
        ("", 2, 2),
        ("Wlingi", 1, 1),
    ]
    assert [(u, p.handled) for u, p in dash.units] == [(unit_a, 3), (unit_b, 1)]
    assert dash.total.handled == 5


def test_unit_dashboard_lists_its_officials(data, unit_a, handler_a):
    dash = unit_dashboard(unit=unit_a, period=Period.last_months(unit_a.region, 3))
    assert dash.live.open == 2 and dash.total.handled == 3
    assert [(u, p.closed) for u, p in dash.officials] == [(handler_a, 1)]


@pytest.mark.parametrize("who", ["region_admin", "verifier", "evaluator", "leader", "sysadmin"])
def test_region_readers_open_the_region_dashboard(client, request, data, region, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("complaints:dashboard_region", args=[region.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dinas A" in page and "<svg" in page and "Jalan rusak" in page


def test_unit_roles_see_only_their_unit(client, data, region, unit_a, unit_b, handler_a):
    client.force_login(handler_a)
    assert client.get(reverse("complaints:dashboard_unit", args=[unit_a.pk])).status_code == 200
    assert client.get(reverse("complaints:dashboard_unit", args=[unit_b.pk])).status_code == 403
    assert client.get(reverse("complaints:dashboard_region", args=[region.slug])).status_code == 403
    index = client.get(reverse("complaints:dashboard_index"))
    assert index.status_code == 302 and index["Location"] == reverse(
        "complaints:dashboard_unit", args=[unit_a.pk]
    )


def test_dashboards_need_sign_in_and_unknown_ones_are_404(client, data, region, region_admin):
    url = reverse("complaints:dashboard_region", args=[region.slug])
    assert client.get(url).status_code == 302
    client.force_login(region_admin)
    assert client.get(reverse("complaints:dashboard_region", args=["tidak-ada"])).status_code == 404
    assert client.get(reverse("complaints:dashboard_unit", args=[999999])).status_code == 404


def test_a_bad_period_is_a_message_not_an_error(client, data, region, region_admin):
    client.force_login(region_admin)
    url = reverse("complaints:dashboard_region", args=[region.slug])
    response = client.get(url, {"start": "2026-06-30", "end": "2026-01-01"})
    assert response.status_code == 400
    assert "Tanggal akhir harus sama atau sesudah tanggal awal." in response.content.decode()
    assert client.get(url, {"start": "2020-01-01", "end": "2026-01-01"}).status_code == 400


def _page_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dashboard_pages_run_a_constant_number_of_queries(
    client, data, region, unit_a, unit_b, region_admin, roads, places, django_assert_max_num_queries
):
    client.force_login(region_admin)
    region_url = reverse("complaints:dashboard_region", args=[region.slug])
    unit_url = reverse("complaints:dashboard_unit", args=[unit_a.pk])
    before = [
        _page_queries(client, region_url, django_assert_max_num_queries, 16),
        _page_queries(client, unit_url, django_assert_max_num_queries, 16),
    ]
    for n in range(40):  # more reports, units, officials, categories and places
        category = ComplaintCategoryFactory(region=region, slug=f"k{n}", name=f"Kategori {n}")
        handler = UserFactory(username=f"petugas{n}")
        report(region, [unit_a, unit_b][n % 2], 100 + n, created=NOW - (n + 1) * 30 * H,
               category=category, kecamatan=AreaFactory(region=region), assignee=handler)  # fmt: skip
    after = [
        _page_queries(client, region_url, django_assert_max_num_queries, 16),
        _page_queries(client, unit_url, django_assert_max_num_queries, 16),
    ]
    assert after == before


def test_csv_and_xlsx_exports_carry_the_tables(client, data, region, unit_a, region_admin, roads):
    roads.name = "=HYPERLINK(1)"
    roads.save()
    client.force_login(region_admin)
    url = reverse("complaints:dashboard_region_export", args=[region.slug, "csv"])
    response = client.get(url, {"table": "categories"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Kategori", "Laporan", "Masih terbuka"]
    assert ["'=HYPERLINK(1)", "2", "1"] in rows
    units = list(
        csv.reader(io.StringIO(client.get(url, {"table": "rows"}).content.decode("utf-8-sig")))
    )
    assert units[1][0] == "Dinas A" and units[-1][0] == "Semua" and units[-1][1] == "5"
    assert client.get(url, {"table": "rahasia"}).status_code == 404
    xlsx = client.get(reverse("complaints:dashboard_unit_export", args=[unit_a.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == [
        "Keterangan",
        "Per bulan",
        "Per kategori",
        "Per kecamatan",
        "Per petugas",
    ]
    assert book["Per petugas"]["A2"].value == "Handler A"


def test_transparency_page_is_public_counts_everything_and_shows_nothing_personal(
    client, data, region, django_assert_max_num_queries
):
    response = client.get(reverse("complaints:transparency_region", args=[region.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dinas A" in page and "Dinas B" in page and "Jalan rusak" in page
    assert "Rahasia" not in page and "pungli" not in page and "Siti" not in page
    assert "Handler A" not in page and "Laporan uji" not in page
    assert response.context["figures"].total.handled == 5  # the rahasia report is counted
    # The figures come from the cache now; the region and the latest public reports are read each time.
    with django_assert_max_num_queries(2):
        client.get(reverse("complaints:transparency_region", args=[region.slug]))


def test_transparency_page_links_the_latest_public_reports_never_a_rahasia_one(
    client, data, region
):
    response = client.get(reverse("complaints:transparency_region", args=[region.slug]))
    recent = response.context["recent"]
    confidential = Complaint.objects.get(is_confidential=True)
    unverified = Complaint.objects.get(verified_at=None)
    assert confidential not in recent and unverified not in recent
    assert len(recent) == 3
    assert [c.verified_at for c in recent] == sorted((c.verified_at for c in recent), reverse=True)
    page = response.content.decode()
    for complaint in recent:
        assert reverse("complaints:public", args=[complaint.tracking_code]) in page
        assert (
            client.get(reverse("complaints:public", args=[complaint.tracking_code])).status_code
            == 200
        )
    assert confidential.tracking_code not in page and unverified.tracking_code not in page
    assert "Laporan uji" not in page and "Siti" not in page  # no title, no reporter


def test_transparency_index_goes_to_the_only_region(client, region):
    response = client.get(reverse("complaints:transparency"))
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:transparency_region", args=[region.slug])


@pytest.fixture
def routing_data(region, memory_storage):
    units = routing_units(region, prefix="r-")
    categories = routing_categories(region, units, prefix="r-", name="{key}")
    make_history(region, units, categories, [AreaFactory(region=region)], n=120)
    return units


def test_routing_page_shows_held_out_accuracy_and_retrains_on_request(
    client, region, region_admin, routing_data, django_capture_on_commit_callbacks
):
    client.force_login(region_admin)
    url = reverse("complaints:dashboard_routing", args=[region.slug])
    assert "Belum ada model aktif" in client.get(url).content.decode()
    # The request goes through the outbox: the task runs once the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    model = RoutingModel.objects.get(region=region, is_active=True)
    page = client.get(url).content.decode()
    assert f"{round(model.accuracy * 100)}%" in page and "Unit pupr" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert RoutingModel.objects.filter(region=region).count() == 2
    assert RoutingModel.objects.filter(region=region, is_active=True).count() == 1


def test_routing_page_is_refused_to_unit_staff(client, region, handler_a, evaluator):
    url = reverse("complaints:dashboard_routing", args=[region.slug])
    for user in (handler_a, evaluator):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert not RoutingModel.objects.exists()
