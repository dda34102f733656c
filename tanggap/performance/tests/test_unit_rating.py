"""A unit's own performance rating of a year (UnitPerformanceRating): who may record it (the region
admin or a system administrator), its audit row and validation, the predikat page and API checking
against it (a chosen rating is a what-if), the region admin's form, and the guidance line on a unit head's
year-end rating page."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.attendance.tests.factories import official_with_account
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.org.tests.factories import OfficialFactory, UnitFactory
from tanggap.performance.models import UnitPerformanceRating
from tanggap.performance.services import unit_rating_set
from tanggap.performance.tests.factories import SkpFactory

pytestmark = pytest.mark.django_db
BASIS = "Keputusan Bupati Contoh No. 800/1/2026 tentang hasil evaluasi kinerja perangkat daerah"


@pytest.fixture(autouse=True)
def _in_2026():
    tz = zoneinfo.ZoneInfo("Asia/Jakarta")
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, 0, tzinfo=tz), tick=False):
        yield


@pytest.fixture
def other_admin(other_region):
    user = UserFactory(username="admin_lain")
    RoleAssignmentFactory(user=user, role=Role.REGION_ADMIN, region=other_region)
    return user


def _rated(unit, predikats: list[str], year=2026):
    superior = OfficialFactory(unit=unit)
    for value in predikats:
        SkpFactory(
            official=OfficialFactory(unit=unit), superior=superior, year=year, predikat=value
        )


def _set(actor, unit, rating="baik", year=2026, basis=BASIS):
    return unit_rating_set(actor=actor, unit=unit, year=year, rating=rating, basis=basis)


def page(client, user, **params) -> tuple[int, str]:
    client.force_login(user)
    response = client.get(reverse("performance:predikat"), params)
    return response.status_code, response.content.decode()


# --- the service -----------------------------------------------------------------------------------


def test_the_region_admin_sets_the_units_rating_with_an_audit_row(region_admin, unit_a):
    row = _set(region_admin, unit_a, "istimewa")
    assert (row.rating, row.year, row.basis, row.decided_by) == (
        "istimewa",
        2026,
        BASIS,
        region_admin,
    )
    event = AuditEvent.objects.get(target_type__endswith="unitperformancerating")
    assert event.action == "unit_rating.set" and event.before in (None, {})
    assert event.after["rating"] == "istimewa" and event.after["basis"] == BASIS


def test_changing_the_rating_keeps_one_row_and_audits_before_and_after(region_admin, unit_a):
    _set(region_admin, unit_a, "baik")
    _set(region_admin, unit_a, "kurang", basis="Keputusan perubahan")
    assert UnitPerformanceRating.objects.get().rating == "kurang"
    event = AuditEvent.objects.filter(action="unit_rating.changed").get()
    assert event.before["rating"] == "baik" and event.after["rating"] == "kurang"
    assert event.after["basis"] == "Keputusan perubahan"


def test_a_system_administrator_may_set_it(sysadmin, unit_a):
    assert _set(sysadmin, unit_a).rating == "baik"


@pytest.mark.parametrize("who", ["head_a", "unit_admin_a", "evaluator", "other_admin", "official"])
def test_the_unit_itself_and_other_regions_may_not_set_it(request, unit_a, who):
    if who == "official":
        user = official_with_account(unit_a, "pegawai_a").user
    else:
        user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        _set(user, unit_a)
    assert not UnitPerformanceRating.objects.exists() and not AuditEvent.objects.exists()


def test_the_official_heading_the_unit_may_not_set_it(unit_a):
    head = official_with_account(unit_a, "kepala")
    unit_a.head = head
    unit_a.save(update_fields=["head"])
    with pytest.raises(PermissionDenied):
        _set(head.user, unit_a)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"year": "dua ribu"}, "Tahun harus berupa angka"),
        ({"year": 1999}, "Tahun harus berupa angka"),
        ({"rating": "luar_biasa"}, "Predikat unit harus salah satu dari"),
        ({"rating": None}, "Predikat unit harus salah satu dari"),
        ({"basis": "   "}, "Dasar penetapan wajib diisi"),
        ({"basis": None}, "Dasar penetapan wajib diisi"),
        ({"basis": "x" * 1001}, "terlalu panjang"),
    ],
)
def test_bad_input_is_refused_in_indonesian_and_changes_nothing(
    region_admin, unit_a, kwargs, message
):
    _set(region_admin, unit_a, "baik")
    with pytest.raises(DomainError) as caught:
        _set(region_admin, unit_a, **{"rating": "kurang", **kwargs})
    assert message in str(caught.value.message)
    assert UnitPerformanceRating.objects.get().rating == "baik"
    assert AuditEvent.objects.count() == 1


# --- the predikat page -----------------------------------------------------------------------------


def test_the_page_checks_against_the_stored_rating_and_shows_its_basis(
    client, head_a, region_admin, unit_a
):
    _rated(unit_a, ["baik"] * 10)
    _set(region_admin, unit_a, "istimewa")
    status, html = page(client, head_a, unit=unit_a.pk, tahun="2026")
    assert status == 200
    assert 'id="rating-stored"' in html
    assert "Predikat kinerja unit Istimewa, ditetapkan 4 Mei 2026 oleh" in html
    assert BASIS in html
    assert 'id="distribution-warning"' not in html  # ten Baik break nothing for Istimewa
    assert 'id="what-if"' not in html
    assert 'id="unit-rating-form"' not in html  # the unit head reads; only the region sets


def test_a_chosen_rating_is_a_labelled_what_if_beside_the_stored_one(
    client, head_a, region_admin, unit_a
):
    _rated(unit_a, ["baik"] * 10)
    _set(region_admin, unit_a, "istimewa")
    status, html = page(client, head_a, unit=unit_a.pk, tahun="2026", predikat_unit="baik")
    assert status == 200
    assert 'id="what-if"' in html and "sebagai simulasi" in html
    assert BASIS in html  # the stored rating stays said
    assert 'id="distribution-warning"' in html  # checked against the what-if Baik


def test_without_a_stored_rating_the_default_is_used_and_explained(client, head_a, unit_a):
    _rated(unit_a, ["baik"] * 10)
    status, html = page(client, head_a, unit=unit_a.pk, tahun="2026")
    assert status == 200 and "(bawaan)" in html and 'id="rating-stored"' not in html
    assert 'id="distribution-warning"' in html


def test_a_stored_rating_of_another_year_is_not_used(client, head_a, region_admin, unit_a):
    _set(region_admin, unit_a, "istimewa", year=2025)
    _, html = page(client, head_a, unit=unit_a.pk, tahun="2026")
    assert "(bawaan)" in html and BASIS not in html


def test_the_region_admin_sets_the_rating_on_the_page(client, region_admin, unit_a):
    _, html = page(client, region_admin, unit=unit_a.pk, tahun="2026")
    assert 'id="unit-rating-form"' in html
    response = client.post(
        reverse("performance:unit_rating_set"),
        {"unit": unit_a.pk, "year": "2026", "rating": "butuh_perbaikan", "basis": BASIS},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("performance:predikat"))
    assert f"unit={unit_a.pk}" in response["Location"]
    row = UnitPerformanceRating.objects.get()
    assert (row.unit, row.year, row.rating) == (unit_a, 2026, "butuh_perbaikan")
    followed = client.get(response["Location"]).content.decode()
    assert "ditetapkan: Butuh Perbaikan" in followed  # the success message
    assert "Predikat kinerja unit Butuh Perbaikan, ditetapkan" in followed


@pytest.mark.parametrize(
    "body, message",
    [
        ({"rating": "baik", "basis": ""}, "Dasar penetapan wajib diisi"),
        ({"rating": "x", "basis": BASIS}, "Predikat unit harus salah satu dari"),
        ({"rating": "baik", "basis": BASIS, "year": "20x6"}, "Tahun harus berupa angka"),
    ],
)
def test_a_bad_form_post_gets_a_400_page_and_changes_nothing(
    client, region_admin, unit_a, body, message
):
    client.force_login(region_admin)
    response = client.post(
        reverse("performance:unit_rating_set"), {"unit": unit_a.pk, "year": "2026", **body}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not UnitPerformanceRating.objects.exists()


def test_the_unit_head_cannot_post_the_form(client, head_a, unit_a):
    client.force_login(head_a)
    response = client.post(
        reverse("performance:unit_rating_set"),
        {"unit": unit_a.pk, "year": "2026", "rating": "istimewa", "basis": BASIS},
    )
    assert response.status_code == 403
    assert not UnitPerformanceRating.objects.exists()


def test_a_unit_outside_the_readers_reach_is_not_found(client, other_admin, unit_a):
    client.force_login(other_admin)
    response = client.post(
        reverse("performance:unit_rating_set"),
        {"unit": unit_a.pk, "year": "2026", "rating": "istimewa", "basis": BASIS},
    )
    assert response.status_code in (403, 404)
    assert not UnitPerformanceRating.objects.exists()


def test_the_form_refuses_a_get(client, region_admin):
    client.force_login(region_admin)
    assert client.get(reverse("performance:unit_rating_set")).status_code == 405


def _count(client, user, unit) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("performance:predikat"), {"unit": unit.pk, "tahun": "2026"})
    assert response.status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_with_a_stored_rating_and_more_officials(
    client, region_admin, unit_a, django_assert_max_num_queries
):
    _rated(unit_a, ["baik"] * 2)
    without = _count(client, region_admin, unit_a)
    _rated(unit_a, ["baik", "sangat_baik"] * 10)
    _set(region_admin, unit_a, "kurang")
    assert _count(client, region_admin, unit_a) == without
    with django_assert_max_num_queries(12):
        client.get(reverse("performance:predikat"), {"unit": unit_a.pk, "tahun": "2026"})


# --- the unit head's year-end rating page ----------------------------------------------------------


@pytest.fixture
def head_and_superior(unit_a):
    """Unit A's head (an official) and their superior, the head of the parent unit."""
    parent = UnitFactory(region=unit_a.region, name="Sekretariat Daerah", slug="setda")
    boss_of_head = official_with_account(parent, "sekda")
    parent.head = boss_of_head
    parent.save(update_fields=["head"])
    head = official_with_account(unit_a, "kepala_dinas")
    unit_a.parent = parent
    unit_a.head = head
    unit_a.save(update_fields=["parent", "head"])
    return head, boss_of_head


def test_the_unit_heads_rating_page_says_the_results_follow_the_unit(
    client, region_admin, unit_a, head_and_superior
):
    head, superior = head_and_superior
    skp = SkpFactory(official=head, superior=superior, year=2026)
    _set(region_admin, unit_a, "butuh_perbaikan")
    client.force_login(superior.user)
    html = client.get(reverse("performance:skp_rating", args=[skp.pk])).content.decode()
    assert (
        f"Hasil kerja kepala unit mengikuti predikat kinerja unit: Butuh Perbaikan ({BASIS})"
        in html
    )


def test_a_staff_members_rating_page_has_no_guidance_line(
    client, region_admin, unit_a, head_and_superior
):
    head, _superior = head_and_superior
    staff = official_with_account(unit_a, "staf")
    skp = SkpFactory(official=staff, superior=head, year=2026)
    _set(region_admin, unit_a, "butuh_perbaikan")
    client.force_login(head.user)
    response = client.get(reverse("performance:skp_rating", args=[skp.pk]))
    assert response.status_code == 200
    assert 'id="unit-rating-guidance"' not in response.content.decode()


def test_no_guidance_without_a_stored_rating_of_the_skps_year(
    client, region_admin, unit_a, head_and_superior
):
    head, superior = head_and_superior
    skp = SkpFactory(official=head, superior=superior, year=2026)
    _set(region_admin, unit_a, "istimewa", year=2025)
    client.force_login(superior.user)
    response = client.get(reverse("performance:skp_rating", args=[skp.pk]))
    assert response.status_code == 200
    assert 'id="unit-rating-guidance"' not in response.content.decode()


# --- the API ---------------------------------------------------------------------------------------


def _api(user, unit, **params):
    api = Client(raise_request_exception=False)
    api.force_login(user)
    return api.get(f"/api/performance/units/{unit.pk}/predikat/", {"year": 2026, **params})


def test_the_api_says_where_the_units_rating_comes_from(region_admin, unit_a):
    _rated(unit_a, ["baik"] * 10)
    body = _api(region_admin, unit_a).json()
    assert (body["unit_rating"], body["unit_rating_source"]) == ("baik", "bawaan")
    assert body["violations"]
    body = _api(region_admin, unit_a, unit_rating="kurang").json()
    assert (body["unit_rating"], body["unit_rating_source"]) == ("kurang", "dipilih")
    _set(region_admin, unit_a, "istimewa")
    body = _api(region_admin, unit_a).json()
    assert (body["unit_rating"], body["unit_rating_source"]) == ("istimewa", "ditetapkan")
    assert body["violations"] == []
    body = _api(region_admin, unit_a, unit_rating="baik").json()
    assert (body["unit_rating"], body["unit_rating_source"]) == ("baik", "dipilih")


def test_the_api_hides_the_stored_rating_from_who_may_not_read_the_unit(
    region_admin, other_admin, unit_a
):
    _set(region_admin, unit_a, "istimewa")
    response = _api(other_admin, unit_a)
    assert response.status_code == 404
    assert "istimewa" not in response.content.decode()


def _post_rating(user, unit, **body):
    api = Client(raise_request_exception=False)
    api.force_login(user)
    data = {"year": 2026, "rating": "istimewa", "basis": BASIS, **body}
    return api.post(
        f"/api/performance/units/{unit.pk}/rating/", data, content_type="application/json"
    )


def test_the_region_admin_records_then_changes_the_rating_through_the_api(region_admin, unit_a):
    response = _post_rating(region_admin, unit_a)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["unit"]["id"], body["year"], body["rating"]) == (unit_a.pk, 2026, "istimewa")
    assert body["decided_by"] == str(region_admin)
    response = _post_rating(region_admin, unit_a, rating="kurang")
    assert response.status_code == 200 and response.json()["rating"] == "kurang"
    assert UnitPerformanceRating.objects.get().rating == "kurang"
    assert AuditEvent.objects.filter(target_type__endswith="unitperformancerating").count() == 2


@pytest.mark.parametrize(
    "body, field",
    [({"basis": " "}, "basis"), ({"rating": "x"}, "rating"), ({"year": 1990}, "year")],
)
def test_bad_api_input_is_a_400_and_changes_nothing(region_admin, unit_a, body, field):
    response = _post_rating(region_admin, unit_a, **body)
    assert response.status_code == 400
    assert response.json()["message"]
    assert not UnitPerformanceRating.objects.exists()


def test_the_unit_head_is_refused_and_another_region_finds_nothing(head_a, other_admin, unit_a):
    assert _post_rating(head_a, unit_a).status_code == 403
    assert _post_rating(other_admin, unit_a).status_code == 404
    assert not UnitPerformanceRating.objects.exists()
