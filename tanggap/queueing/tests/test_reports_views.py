"""The location head's pages: locations list, dashboard (charts, tables, exports) and the planner."""

import csv
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from tanggap.org.tests.factories import UnitFactory
from tanggap.queueing.models import Ticket
from tanggap.queueing.tests.factories import CounterFactory, QueueServiceFactory, past_ticket

WIB = ZoneInfo("Asia/Jakarta")
MONDAY = dt.date(2026, 11, 16)
TUESDAY = dt.date(2026, 11, 17)
SRC = Ticket.Source

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def wednesday_morning():
    with time_machine.travel(dt.datetime(2026, 11, 18, 10, 0, tzinfo=WIB), tick=False):
        yield


@pytest.fixture
def location(unit_a):
    unit_a.work_start, unit_a.work_end = dt.time(8, 0), dt.time(15, 0)
    unit_a.save()
    return unit_a


@pytest.fixture
def ktp(location):
    return QueueServiceFactory(location=location, prefix="A", default_service_minutes=10)


@pytest.fixture
def kk(location):
    return QueueServiceFactory(location=location, prefix="B", default_service_minutes=8)


@pytest.fixture
def counters(location, ktp, kk):
    return [
        CounterFactory(location=location, name="Loket 1", services=[ktp, kk], order=1),
        CounterFactory(location=location, name="Loket 2", services=[ktp, kk], order=2),
    ]


def busy_days(ktp, kk, counters, days=(MONDAY, TUESDAY), per_hour=6):
    """A morning-heavy day at two counters, one ticket every 60/per_hour minutes from 08:00."""
    for day in days:
        for hour in range(8, 15):
            count = per_hour * 2 if hour < 10 else per_hour
            for i in range(count):
                queue_service = ktp if i % 3 else kk
                source = SRC.BOOKING if i % 4 == 0 else SRC.WALK_IN
                wait = 20 if hour < 10 else 4
                past_ticket(
                    queue_service,
                    day,
                    f"{hour:02d}:{i * 60 // count:02d}",
                    wait=wait,
                    service=9,
                    counter=counters[i % 2],
                    source=source,
                )


@pytest.fixture
def history(ktp, kk, counters):
    busy_days(ktp, kk, counters)


def page(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(f"queueing:{name}", args=args), params)


# --- access ------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, location, ktp):
    for url in (
        reverse("queueing:reports_index"),
        reverse("queueing:reports_location", args=[location.pk]),
        reverse("queueing:planner", args=[location.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "masuk" in response["Location"]


def test_a_handler_of_another_unit_is_refused_and_an_unknown_location_is_not_found(
    client, location, ktp, handler_b, head_a
):
    assert page(client, handler_b, "reports_location", location.pk).status_code == 403
    assert page(client, handler_b, "planner", location.pk).status_code == 403
    assert page(client, handler_b, "reports_export", location.pk, "csv").status_code == 403
    no_queue = UnitFactory(region=location.region)
    assert page(client, head_a, "reports_location", no_queue.pk).status_code == 404


def test_the_locations_list_shows_what_the_user_may_read_in_few_queries(
    client, location, ktp, unit_b, head_a, region_admin, django_assert_max_num_queries
):
    QueueServiceFactory(location=unit_b)
    response = page(client, head_a, "reports_index")
    assert location.name in response.content.decode()
    assert unit_b.name not in response.content.decode()
    for n in range(5):
        QueueServiceFactory(location=UnitFactory(region=location.region, name=f"Kecamatan {n}"))
    client.force_login(region_admin)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("queueing:reports_index"))
    assert response.content.decode().count(reverse("queueing:planner", args=[unit_b.pk])) == 1


# --- dashboard ---------------------------------------------------------------------------------------


def test_the_dashboard_shows_live_status_tables_and_svg_charts_without_inline_styles(
    client, location, history, head_a, ktp
):
    past_ticket(ktp, dt.date(2026, 11, 18), "09:30", status=Ticket.Status.WAITING)
    response = page(client, head_a, "reports_location", location.pk)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 2 and "<rect" in html and "<polyline" in html
    assert 'style="' not in html and "<script>" not in html
    assert "Per jam kedatangan" in html and "Loket 2" in html
    assert re.search(r"<strong>1</strong>\s*menunggu", html)  # today's waiting ticket
    assert "30 mnt" in html  # checked in at 09:30, now 10:00


def test_the_dashboard_filters_by_period_and_service(client, location, history, head_a, kk):
    response = page(
        client, head_a, "reports_location", location.pk,
        start="2026-11-17", end="2026-11-17", service=str(kk.pk),
    )  # fmt: skip
    report = response.context["report"]
    assert (report.start, report.end, report.queue_service) == (TUESDAY, TUESDAY, kk)
    assert [row.key for row in report.by_day] == [TUESDAY]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-11-17", "end": "2026-11-01"}, "sesudah tanggal awal"),
        ({"start": "2026-01-01", "end": "2026-11-17"}, "paling panjang 92 hari"),
        ({"start": "kemarin", "end": "2026-11-17"}, "tanggal"),
        ({"start": "2026-11-01", "end": "2026-11-17", "service": "999"}, "pilihan"),
    ],
)
def test_bad_period_input_shows_a_message_and_no_report(
    client, location, history, head_a, params, message
):
    response = page(client, head_a, "reports_location", location.pk, **params)
    assert response.status_code == 200
    assert response.context["report"] is None
    assert message in response.content.decode().lower()


def test_the_dashboard_query_count_does_not_grow_with_the_data(
    client, location, ktp, kk, counters, head_a, django_assert_max_num_queries
):
    busy_days(ktp, kk, counters, days=[MONDAY], per_hour=1)
    client.force_login(head_a)
    url = reverse("queueing:reports_location", args=[location.pk])
    with django_assert_max_num_queries(20) as first:
        client.get(url)
    extra = [MONDAY - dt.timedelta(days=d) for d in range(1, 15)]
    busy_days(ktp, kk, counters, days=extra, per_hour=4)
    CounterFactory(location=location, name="Loket 3", services=[ktp])
    QueueServiceFactory(location=location, prefix="C")
    with django_assert_max_num_queries(len(first)):
        client.get(url)


# --- exports -----------------------------------------------------------------------------------------


def test_csv_export_holds_one_table_with_a_total_row(client, location, history, head_a):
    response = page(
        client, head_a, "reports_export", location.pk, "csv",
        start="2026-11-16", end="2026-11-17", table="counter",
    )  # fmt: skip
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "antrean-dinas-a-20261116-20261117-counter.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Loket", "Tiket", "Pesan daring"]
    assert [row[0] for row in rows[1:]] == ["Loket 1", "Loket 2", "Semua"]
    assert int(rows[1][1]) + int(rows[2][1]) == int(rows[3][1])


def test_xlsx_export_has_a_sheet_per_table(client, location, history, head_a):
    response = page(client, head_a, "reports_export", location.pk, "xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Keterangan", "Per hari", "Per jam", "Per layanan", "Per loket"]
    days = book["Per hari"]
    assert days["A1"].value == "Tanggal" and days["A2"].value == "16-11-2026"
    assert days.cell(row=days.max_row, column=1).value == "Semua"


def test_exports_refuse_unknown_formats_tables_and_bad_periods(client, location, history, head_a):
    assert page(client, head_a, "reports_export", location.pk, "pdf").status_code == 404
    assert page(client, head_a, "reports_export", location.pk, "csv", table="x").status_code == 400
    bad = page(client, head_a, "reports_export", location.pk, "csv", start="2026-11-17", end="x")
    assert bad.status_code == 400


def test_spreadsheet_formulas_in_names_are_neutralised(client, location, history, head_a, ktp):
    CounterFactory(location=location, name="=HYPERLINK(1)", services=[ktp], order=9)
    response = page(client, head_a, "reports_export", location.pk, "csv", table="counter")
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


# --- planner -----------------------------------------------------------------------------------------


def test_the_planner_starts_from_measured_figures_and_compares_staffing(
    client, location, history, head_a, django_assert_max_num_queries
):
    client.force_login(head_a)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("queueing:planner", args=[location.pk]))
    assert response.status_code == 200
    context = response.context
    assert context["observed"].days == 2
    assert context["observed"].arrivals_per_hour[:3] == [12, 12, 6]
    assert len(context["rows"]) == 7  # 08:00–15:00
    result = context["result"]
    assert result.needed[0] >= 2  # 12 an hour at 9 minutes needs more than one counter
    assert result.simulated_proposed.mean_wait <= result.simulated_current.mean_wait
    html = response.content.decode()
    assert "Perlu (Erlang C)" in html and html.count("<svg") == 2
    assert 'style="' not in html


def test_the_planner_uses_entered_figures_and_reports_the_change(client, location, history, head_a):
    response = page(
        client, head_a, "planner", location.pk,
        arrivals="20, 20, 10, 10, 5, 5, 5", service_minutes="10", target_wait="10",
        target_share="80", current_counters="1 1 1 1 1 1 1", proposed_counters="4,4,2,2,1,1,1",
        booked_share="0", distribution="exponential",
    )  # fmt: skip
    context = response.context
    assert [row.arrivals for row in context["rows"]] == [20, 20, 10, 10, 5, 5, 5]
    assert [p.counters for p in context["result"].proposed] == [4, 4, 2, 2, 1, 1, 1]
    assert context["mean_change_pct"] < -60 and context["goal_met"]
    assert "Target turun 60% tercapai" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"arrivals": "10, 20"}, "perlu 7 angka"),
        ({"arrivals": "10, x, 3, 4, 5, 6, 7"}, "tulis angka"),
        ({"current_counters": "1, 2, 3, 4, 5, 6, 1.5"}, "bilangan bulat"),
        ({"proposed_counters": "1, 2, 3, 4, 5, 6, 700"}, "antara 0 dan 100"),
        ({"target_share": "120"}, "99"),
        ({"target_wait": "abc"}, "bilangan"),
        ({"service_minutes": "nan"}, "angka"),
    ],
)
def test_bad_planner_input_shows_a_message_never_an_error(
    client, location, history, head_a, params, message
):
    response = page(client, head_a, "planner", location.pk, **{"target_wait": "15", **params})
    assert response.status_code == 200
    assert "result" not in response.context
    assert message in response.content.decode().lower()


def test_figures_no_location_could_staff_give_a_message(client, location, history, head_a):
    response = page(
        client, head_a, "planner", location.pk,
        arrivals="1000 1000 1000 1000 1000 1000 1000", service_minutes="240", target_wait="15",
        target_share="80",
    )  # fmt: skip
    assert response.status_code == 200 and "result" not in response.context
    assert "tidak bisa direncanakan" in response.content.decode()


def test_the_planner_without_data_asks_for_figures(client, location, ktp, counters, head_a):
    response = page(client, head_a, "planner", location.pk)
    assert response.context["no_data"]
    assert "Isi kedatangan per jam" in response.content.decode()
