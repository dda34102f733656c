"""The attendance settings pages (/kerja/atur/): who may open and change what, the refusals of bad values
(which change nothing), and the audit row of every change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tanggap.attendance.models import (
    LeavePolicy,
    LeaveYearRule,
    OfficeLocation,
    RecapPolicy,
    WorkSchedule,
)
from tanggap.attendance.services.settings import (
    leave_policy_set,
    office_location_create,
    recap_policy_set,
    work_schedule_set,
)
from tanggap.attendance.tests.factories import OfficeLocationFactory
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LOCATION = {
    "name": "Kantor Dinas A",
    "address": "Jl. Merdeka 1",
    "latitude": "-8.098100",
    "longitude": "112.165000",
    "radius_m": "150",
    "allow_qr": "on",
    "allow_geo": "on",
    "is_active": "on",
}
RECAP = {
    "band_minutes": "30",
    "band1_percent": "0.5",
    "band2_percent": "1",
    "band3_percent": "1.25",
    "band4_percent": "1.5",
    "absent_percent": "3",
    "cap_percent": "100",
}
LEAVE = {
    "annual_days": "12",
    "balance_cap_days": "18",
    "long_unused_cap_days": "24",
    "min_service_months": "12",
}


def as_user(client, user):
    client.force_login(user)
    return client


# --- who may open what -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "index", "region_pages"),
    [
        ("region_admin", 200, 200),
        ("sysadmin", 200, 200),
        ("head_a", 200, 403),
        ("unit_admin_a", 200, 403),
        ("handler_a", 403, 403),
        ("front_desk_a", 403, 403),
        ("evaluator", 403, 403),
        ("citizen", 403, 403),
    ],
)
def test_the_settings_pages_open_for_admins_and_unit_heads_only(
    client, request, region, persona, index, region_pages
):
    as_user(client, request.getfixturevalue(persona))
    assert client.get(reverse("attendance:settings")).status_code == index
    for name in ("attendance:settings_recap", "attendance:settings_leave"):
        assert client.get(reverse(name)).status_code == region_pages


def test_an_official_without_a_role_is_refused(client, staff):
    as_user(client, staff.user)
    assert client.get(reverse("attendance:settings")).status_code == 403
    assert (
        client.get(reverse("attendance:settings_schedule", args=[staff.unit_id])).status_code == 403
    )


def test_the_unit_admin_of_a_sets_unit_a_and_not_unit_b(client, unit_admin_a, unit_a, unit_b):
    location_b = OfficeLocationFactory(unit=unit_b, name="Kantor B")
    as_user(client, unit_admin_a)
    assert client.get(reverse("attendance:settings_schedule", args=[unit_a.pk])).status_code == 200
    url_b = reverse("attendance:settings_schedule", args=[unit_b.pk])
    data = {"kind": "six_day", "start": "07:00", "end": "14:00", "flexible_minutes": "0"}
    assert client.get(url_b).status_code == 404
    assert client.post(url_b, data).status_code == 404
    location_url = reverse("attendance:settings_location", args=[location_b.pk])
    assert client.get(location_url).status_code == 404
    assert client.post(location_url, {**LOCATION, "unit": unit_b.pk}).status_code == 404
    # Creating a location for unit B: the unit is not among the form's choices.
    response = client.post(
        reverse("attendance:settings_location_create"), {**LOCATION, "unit": unit_b.pk}
    )
    assert response.status_code == 400
    assert "bukan wewenang Anda" in response.content.decode()
    assert not WorkSchedule.objects.exists()
    assert OfficeLocation.objects.count() == 1
    assert not AuditEvent.objects.filter(action__startswith="attendance.").exists()


def test_the_service_refuses_a_unit_admin_for_another_unit(unit_admin_a, unit_b):
    with pytest.raises(PermissionDenied):
        work_schedule_set(
            actor=unit_admin_a,
            unit=unit_b,
            kind="five_day",
            start=dt.time(7, 30),
            end=dt.time(16),
        )
    with pytest.raises(PermissionDenied):
        office_location_create(actor=unit_admin_a, unit=unit_b, **LOCATION)


def test_another_regions_admin_is_refused_the_region_policies(other_region, region):
    from tanggap.accounts.models import Role
    from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory

    outsider = UserFactory(username="admin_lain")
    RoleAssignmentFactory(user=outsider, role=Role.REGION_ADMIN, region=other_region)
    with pytest.raises(PermissionDenied):
        recap_policy_set(
            actor=outsider,
            region=region,
            band_minutes=30,
            **dict.fromkeys(
                [
                    "band1_percent",
                    "band2_percent",
                    "band3_percent",
                    "band4_percent",
                    "absent_percent",
                    "cap_percent",
                ],
                1,
            ),
        )
    with pytest.raises(PermissionDenied):
        leave_policy_set(
            actor=outsider,
            region=region,
            annual_days=12,
            balance_cap_days=18,
            long_unused_cap_days=24,
            min_service_months=12,
        )


# --- the index ---------------------------------------------------------------------------------------


def test_the_index_lists_schedules_and_locations_with_their_qr_screens(
    client, region_admin, unit_a, unit_b, django_assert_max_num_queries
):
    WorkSchedule.objects.create(unit=unit_a, kind=WorkSchedule.Kind.SIX_DAY)
    for n in range(5):
        OfficeLocationFactory(unit=unit_b, name=f"Kantor {n}")
    inactive = OfficeLocationFactory(unit=unit_a, name="Kantor lama", is_active=False)
    as_user(client, region_admin)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("attendance:settings"))
    html = response.content.decode()
    assert "Enam hari kerja" in html
    assert "Belum diatur" in html  # unit B has no schedule
    first = OfficeLocation.objects.filter(is_active=True).first()
    assert reverse("attendance:qr_screen", args=[first.pk]) in html
    assert reverse("attendance:qr_screen", args=[inactive.pk]) not in html
    assert "tidak aktif" in html
    # The recap policy's current values, with DOMAIN.md §8's leave defaults.
    assert "3.00%" in html or "3,00%" in html
    assert "12 hari kerja" in html and "24 hari kerja" in html


def test_a_unit_head_sees_only_their_units(client, head_a, unit_a, unit_b):
    OfficeLocationFactory(unit=unit_b, name="Kantor Dinas B Rahasia")
    html = as_user(client, head_a).get(reverse("attendance:settings")).content.decode()
    assert "Dinas A" in html
    assert "Dinas B" not in html
    assert "Aturan cuti tahunan" not in html


# --- writes, with their audit rows -------------------------------------------------------------------


def test_a_unit_admin_sets_the_units_schedule_and_it_is_audited(client, unit_admin_a, unit_a):
    url = reverse("attendance:settings_schedule", args=[unit_a.pk])
    data = {"kind": "flexible", "start": "07:00", "end": "15:30", "flexible_minutes": "60"}
    response = as_user(client, unit_admin_a).post(url, data)
    assert response.status_code == 302
    schedule = WorkSchedule.objects.get(unit=unit_a)
    assert (schedule.kind, schedule.start, schedule.flexible_minutes) == (
        "flexible",
        dt.time(7),
        60,
    )
    event = AuditEvent.objects.get(action="attendance.schedule_set")
    assert event.before is None and event.after["flexible_minutes"] == 60
    client.post(url, {**data, "kind": "shift", "start": "22:00", "end": "06:00"})
    schedule.refresh_from_db()
    assert schedule.kind == "shift"
    second = AuditEvent.objects.filter(action="attendance.schedule_set").order_by("id").last()
    assert second.before["kind"] == "flexible" and second.after["kind"] == "shift"


def test_a_location_is_created_and_edited_with_audit_rows(client, unit_admin_a, unit_a):
    as_user(client, unit_admin_a)
    response = client.post(
        reverse("attendance:settings_location_create"), {**LOCATION, "unit": unit_a.pk}
    )
    assert response.status_code == 302
    location = OfficeLocation.objects.get()
    assert (location.radius_m, location.allow_kiosk, location.address) == (
        150,
        False,
        "Jl. Merdeka 1",
    )
    assert AuditEvent.objects.filter(action="attendance.location_created").count() == 1
    url = reverse("attendance:settings_location", args=[location.pk])
    assert client.get(url).status_code == 200
    client.post(url, {**LOCATION, "unit": unit_a.pk, "radius_m": "300", "allow_kiosk": "on"})
    location.refresh_from_db()
    assert (location.radius_m, location.allow_kiosk) == (300, True)
    event = AuditEvent.objects.get(action="attendance.location_updated")
    assert event.before["radius_m"] == 150 and event.after["radius_m"] == 300


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("radius_m", "0", "Radius (m) harus bilangan bulat 1–5000."),
        ("radius_m", "5001", "Radius (m) harus bilangan bulat 1–5000."),
        ("radius_m", "-5", "Radius (m) harus bilangan bulat 1–5000."),
        ("latitude", "91", "Lintang harus angka antara -90 dan 90."),
        ("latitude", "-90.5", "Lintang harus angka antara -90 dan 90."),
        ("longitude", "181", "Bujur harus angka antara -180 dan 180."),
        ("latitude", "NaN", "Masukkan sebuah bilangan."),
        ("longitude", "inf", "Masukkan sebuah bilangan."),
        ("name", "   ", "Bidang ini harus diisi."),
    ],
)
def test_bad_location_values_are_refused_and_change_nothing(
    client, region_admin, unit_a, field, value, message
):
    location = OfficeLocationFactory(unit=unit_a, name="Kantor Dinas A", radius_m=100)
    as_user(client, region_admin)
    data = {**LOCATION, "unit": unit_a.pk, field: value}
    for url in (
        reverse("attendance:settings_location_create"),
        reverse("attendance:settings_location", args=[location.pk]),
    ):
        response = client.post(url, data)
        assert response.status_code == 400
        assert message in response.content.decode()
    location.refresh_from_db()
    assert (location.radius_m, OfficeLocation.objects.count()) == (100, 1)
    assert not AuditEvent.objects.filter(action__startswith="attendance.").exists()


def test_an_active_location_needs_a_check_in_method(region_admin, unit_a):
    data = {**LOCATION, "radius_m": 150, "allow_qr": False, "allow_geo": False}
    with pytest.raises(DomainError) as caught:
        office_location_create(actor=region_admin, unit=unit_a, **data)
    assert caught.value.code == "no_method"


def test_a_day_schedule_must_end_after_it_starts(region_admin, unit_a):
    with pytest.raises(DomainError) as caught:
        work_schedule_set(
            actor=region_admin, unit=unit_a, kind="five_day", start=dt.time(16), end=dt.time(8)
        )
    assert caught.value.code == "end_before_start"
    assert not WorkSchedule.objects.exists()


def test_the_region_admin_sets_the_recap_policy_and_it_is_audited(client, region_admin, region):
    as_user(client, region_admin)
    page = client.get(reverse("attendance:settings_recap")).content.decode()
    assert 'value="3.00"' in page  # the current (default) value is shown
    response = client.post(reverse("attendance:settings_recap"), {**RECAP, "absent_percent": "2.5"})
    assert response.status_code == 302
    policy = RecapPolicy.objects.get(region=region)
    assert policy.absent_percent == Decimal("2.50")
    event = AuditEvent.objects.get(action="attendance.recap_policy_set")
    assert event.after["absent_percent"] == "2.50" and event.region_id == region.pk


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("cap_percent", "100.01", "Potongan harus antara 0 dan 100 persen."),
        ("band1_percent", "-1", "Potongan harus antara 0 dan 100 persen."),
        ("absent_percent", "NaN", "Masukkan sebuah bilangan."),
        ("band_minutes", "0", "harus bilangan bulat 1–240"),
    ],
)
def test_bad_recap_values_are_refused_and_change_nothing(
    client, region_admin, region, field, value, message
):
    RecapPolicy.objects.create(region=region)
    response = as_user(client, region_admin).post(
        reverse("attendance:settings_recap"), {**RECAP, "band1_percent": "9", field: value}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert RecapPolicy.objects.get(region=region).band1_percent == Decimal("0.50")
    assert not AuditEvent.objects.exists()


def test_the_region_admin_sets_the_leave_policy_and_a_years_rule(client, region_admin, region):
    as_user(client, region_admin)
    page = client.get(reverse("attendance:settings_leave")).content.decode()
    assert 'value="12"' in page and 'value="24"' in page  # seeded from DOMAIN.md §8
    response = client.post(reverse("attendance:settings_leave"), {**LEAVE, "annual_days": "10"})
    assert response.status_code == 302
    assert LeavePolicy.objects.get(region=region).annual_days == 10
    response = client.post(
        reverse("attendance:settings_leave_year"),
        {"year": "2026", "cuti_bersama_reduces_annual": "on"},
    )
    assert response.status_code == 302
    assert LeaveYearRule.objects.get(region=region, year=2026).cuti_bersama_reduces_annual
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"attendance.leave_policy_set", "attendance.leave_year_rule_set"} <= actions


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"annual_days": "-1"}, "harus bilangan bulat 0–60"),
        ({"balance_cap_days": "6"}, "tidak boleh kurang dari hak cuti tahunan"),
        ({"long_unused_cap_days": "17"}, "tidak boleh kurang dari saldo paling banyak"),
        ({"min_service_months": "abc"}, "Masukkan keseluruhan angka bilangan."),
    ],
)
def test_bad_leave_values_are_refused_and_change_nothing(client, region_admin, data, message):
    response = as_user(client, region_admin).post(
        reverse("attendance:settings_leave"), {**LEAVE, **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LeavePolicy.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_year_outside_the_range_is_refused(client, region_admin):
    response = as_user(client, region_admin).post(
        reverse("attendance:settings_leave_year"), {"year": "1999"}
    )
    assert response.status_code == 400
    assert "Tahun harus bilangan bulat 2000–2100." in response.content.decode()
    assert not LeaveYearRule.objects.exists()


# --- the allowed methods count at check-in -----------------------------------------------------------


def test_a_check_in_by_a_method_the_location_does_not_allow_is_refused(staff, office):
    from tanggap.attendance.models import AttendanceEvent
    from tanggap.attendance.services.checkin import check_in

    office.allow_geo = False
    office.save(update_fields=["allow_geo"])
    with pytest.raises(DomainError) as caught:
        check_in(
            actor=staff.user,
            official=staff,
            method="geo",
            location=office,
            latitude=float(office.latitude),
            longitude=float(office.longitude),
            accuracy_m=5,
        )
    assert caught.value.code == "method_not_allowed"
    assert not AttendanceEvent.objects.exists()


def test_a_phone_check_in_looks_only_at_locations_that_take_geolocation(client, staff, office):
    office.allow_geo = False
    office.save(update_fields=["allow_geo"])
    client.force_login(staff.user)
    data = {
        "kind": "in",
        "method": "geo",
        "latitude": float(office.latitude),
        "longitude": float(office.longitude),
        "accuracy": 5,
    }
    response = client.post(reverse("attendance:checkin"), data)
    assert response.status_code == 400
    assert "Belum ada lokasi presensi di daerah Anda." in response.content.decode()
    office.allow_geo = True
    office.save(update_fields=["allow_geo"])
    assert client.post(reverse("attendance:checkin"), data).status_code == 302
