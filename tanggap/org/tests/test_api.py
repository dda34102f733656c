"""The org REST API: scoped lists, writes through the services, errors as JSON {code, message}."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from tanggap.org.models import Official, PositionAssignment, RotationDecree, Unit
from tanggap.org.tests.factories import (
    RotationDecreeFactory,
    RotationEntryFactory,
    UnitFactory,
    official_in,
)

pytestmark = pytest.mark.django_db

API = "/api/org"


def api_as(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def admin_api(region_admin):
    return api_as(region_admin)


@pytest.fixture
def people(region, other_region, unit_a, unit_b):
    return {
        "a": official_in(unit_a, name="Ani", position_started_on=dt.date(2018, 2, 1)),
        "b": official_in(unit_b, name="Budi", position_started_on=dt.date(2024, 2, 1)),
        "other": official_in(UnitFactory(region=other_region), name="Citra"),
    }


# --- reading -------------------------------------------------------------------------------------------


def test_anonymous_callers_and_citizens_are_refused(people, citizen):
    assert api_as(None).get(f"{API}/officials/").status_code in (401, 403)
    response = api_as(citizen).get(f"{API}/officials/")
    assert response.status_code == 403
    assert set(response.json()) >= {"code", "message"}


def test_officials_are_listed_with_tenure_and_scoped_to_the_caller(people, admin_api, handler_b):
    body = admin_api.get(f"{API}/officials/").json()
    assert [o["name"] for o in body["results"]] == ["Ani", "Budi"]
    ani = body["results"][0]
    assert ani["tenure"]["years"] >= 7
    assert ani["unit"]["slug"] == "dinas-a"
    assert {"sex", "birth_date", "appointed_on", "nip"} <= set(ani)
    handler = api_as(handler_b).get(f"{API}/officials/").json()
    assert [o["name"] for o in handler["results"]] == ["Budi"]


def test_officials_are_filtered_for_rotation_planning(people, admin_api, unit_b):
    long_serving = admin_api.get(f"{API}/officials/", {"min_tenure_years": 5}).json()
    assert [o["name"] for o in long_serving["results"]] == ["Ani"]
    in_b = admin_api.get(f"{API}/officials/", {"unit": unit_b.pk}).json()
    assert [o["name"] for o in in_b["results"]] == ["Budi"]
    by_nip = admin_api.get(f"{API}/officials/", {"q": people["b"].nip[:10]}).json()
    assert [o["name"] for o in by_nip["results"]] == ["Budi"]


def test_a_bad_filter_is_a_400_with_a_message(admin_api):
    response = admin_api.get(f"{API}/officials/", {"min_tenure_years": "lama"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and response.json()["message"]


def test_another_regions_records_are_404(people, admin_api, other_region):
    assert admin_api.get(f"{API}/officials/{people['other'].pk}/").status_code == 404
    assert admin_api.get(f"{API}/regions/{other_region.slug}/").status_code == 404


def test_an_official_reads_with_position_history(people, admin_api):
    body = admin_api.get(f"{API}/officials/{people['a'].pk}/").json()
    assert body["positions"][0]["position_title"] == people["a"].position_title
    assert body["positions"][0]["end_date"] is None


def test_the_officials_list_takes_constant_queries(
    region, unit_a, admin_api, django_assert_max_num_queries
):
    for _ in range(40):
        official_in(unit_a)
    with django_assert_max_num_queries(6):
        response = admin_api.get(f"{API}/officials/")
    assert response.json()["count"] == 40


# --- writing -------------------------------------------------------------------------------------------


def _official_payload(unit, **overrides):
    data = {
        "unit": unit.pk,
        "nip": "198503122010032004",
        "name": "Sri Wahyuni",
        "rank": "III/c",
        "position_title": "Analis Kependudukan",
        "position_started_on": "2021-01-04",
    }
    return data | overrides


def test_an_official_is_created_with_facts_read_from_the_nip(admin_api, unit_a):
    response = admin_api.post(f"{API}/officials/", _official_payload(unit_a), format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["sex"], body["birth_date"], body["appointed_on"]) == (
        "P",
        "1985-03-12",
        "2010-03-01",
    )
    assert PositionAssignment.objects.filter(official_id=body["id"], end_date=None).exists()


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("12345", "nip_format"),
        ("198503122010033004", "nip_sex"),
        ("198503122010032000", "nip_sequence"),
    ],
)
def test_a_wrong_nip_is_a_400_with_a_clear_message(admin_api, unit_a, nip, code):
    response = admin_api.post(
        f"{API}/officials/", _official_payload(unit_a, nip=nip), format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == code and body["field"] == "nip"
    assert "NIP" in body["message"]
    assert not Official.objects.exists()


def test_a_unit_outside_the_callers_scope_reads_as_missing(admin_api, other_region):
    foreign = UnitFactory(region=other_region)
    response = admin_api.post(f"{API}/officials/", _official_payload(foreign), format="json")
    assert response.status_code == 400
    assert "unit" in response.json()["errors"]


def test_read_only_roles_cannot_write(evaluator, unit_a):
    response = api_as(evaluator).post(f"{API}/officials/", _official_payload(unit_a), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_region_is_moved_to_wit_and_a_bad_zone_is_refused(admin_api, region):
    ok = admin_api.patch(
        f"{API}/regions/{region.slug}/", {"timezone": "Asia/Jayapura"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["timezone"] == "Asia/Jayapura"
    bad = admin_api.patch(f"{API}/regions/{region.slug}/", {"work_days": "7,8"}, format="json")
    assert bad.status_code == 400 and bad.json()["field"] == "work_days"


def test_units_are_created_with_the_mpp_booth_rule(admin_api, region, unit_a):
    bad = admin_api.post(
        f"{API}/units/",
        {
            "region": region.slug,
            "kind": "mpp_booth",
            "slug": "gerai",
            "name": "Gerai",
            "parent": unit_a.pk,
        },
        format="json",
    )
    assert bad.status_code == 400 and bad.json()["field"] == "parent"
    mpp = admin_api.post(
        f"{API}/units/", {"region": region.slug, "kind": "mpp", "slug": "mpp", "name": "MPP"}
    )
    assert mpp.status_code == 201
    booth = admin_api.post(
        f"{API}/units/",
        {
            "region": region.slug,
            "kind": "mpp_booth",
            "slug": "gerai",
            "name": "Gerai",
            "parent": mpp.json()["id"],
        },
        format="json",
    )
    assert booth.status_code == 201
    duplicate = admin_api.post(
        f"{API}/units/", {"region": region.slug, "kind": "opd", "slug": "mpp", "name": "X"}
    )
    assert duplicate.status_code == 400 and duplicate.json()["field"] == "slug"


def test_a_unit_is_archived_through_the_api(admin_api, region):
    unit = UnitFactory(region=region)
    assert admin_api.post(f"{API}/units/{unit.pk}/archive/", {}, format="json").status_code == 400
    response = admin_api.post(
        f"{API}/units/{unit.pk}/archive/", {"reason": "Digabung"}, format="json"
    )
    assert response.status_code == 200 and response.json()["is_active"] is False


def test_a_desa_is_added_under_a_kecamatan(admin_api, region):
    kec = admin_api.post(
        f"{API}/areas/", {"region": region.slug, "kind": "kecamatan", "code": "1", "name": "Bakung"}
    )
    assert kec.status_code == 201
    desa = admin_api.post(
        f"{API}/areas/",
        {
            "region": region.slug,
            "kind": "desa",
            "code": "1.1",
            "name": "Sumberdadi",
            "parent": kec.json()["id"],
        },
    )
    assert desa.status_code == 201
    listed = admin_api.get(f"{API}/areas/", {"parent": kec.json()["id"]}).json()
    assert [a["name"] for a in listed["results"]] == ["Sumberdadi"]


# --- rotation decrees ------------------------------------------------------------------------------------


def test_a_decree_is_drafted_filled_and_enacted_through_the_api(admin_api, region, unit_a, unit_b):
    people = [official_in(unit_a, position_started_on=dt.date(2019, 1, 2)) for _ in range(3)]
    created = admin_api.post(
        f"{API}/decrees/",
        {
            "region": region.slug,
            "number": "800/7/2026",
            "decree_date": "2026-01-05",
            "effective_date": "2026-01-12",
        },
        format="json",
    )
    assert created.status_code == 201
    decree_id = created.json()["id"]

    entries = [{"nip": p.nip, "unit": unit_b.slug, "position_title": "Analis"} for p in people]
    wrong = entries + [{"nip": "123", "unit": "tidak-ada", "position_title": ""}]
    refused = admin_api.post(
        f"{API}/decrees/{decree_id}/entries/", {"entries": wrong}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["problems"][0]["line"] == 4
    assert RotationDecree.objects.get(pk=decree_id).entries.count() == 0

    added = admin_api.post(
        f"{API}/decrees/{decree_id}/entries/", {"entries": entries}, format="json"
    )
    assert added.status_code == 201 and len(added.json()["entries"]) == 3

    enacted = admin_api.post(f"{API}/decrees/{decree_id}/enact/")
    assert enacted.status_code == 200
    assert enacted.json()["status"] == "enacted"
    assert {e["from_unit"]["slug"] for e in enacted.json()["entries"]} == {unit_a.slug}
    assert set(
        Official.objects.filter(pk__in=[p.pk for p in people]).values_list("unit_id", flat=True)
    ) == {unit_b.pk}

    again = admin_api.post(f"{API}/decrees/{decree_id}/enact/")
    assert again.status_code == 409
    assert again.json() == {
        "code": "decree_enacted",
        "message": "SK ini sudah ditetapkan dan tidak dapat diubah.",
    }


def test_a_draft_entry_is_removed_and_an_enacted_one_is_not(admin_api, region, unit_a, unit_b):
    entry = RotationEntryFactory(
        decree=RotationDecreeFactory(region=region), official=official_in(unit_a), to_unit=unit_b
    )
    assert (
        admin_api.delete(f"{API}/decrees/{entry.decree_id}/entries/{entry.pk}/").status_code == 204
    )
    locked = RotationEntryFactory(
        decree=RotationDecreeFactory(region=region, status="enacted"),
        official=official_in(unit_a),
        to_unit=unit_b,
    )
    response = admin_api.delete(f"{API}/decrees/{locked.decree_id}/entries/{locked.pk}/")
    assert response.status_code == 409 and response.json()["code"] == "decree_enacted"


def test_decrees_are_hidden_from_unit_staff_and_enacting_is_for_managers(
    head_a, evaluator, region, unit_a, unit_b
):
    entry = RotationEntryFactory(
        decree=RotationDecreeFactory(region=region), official=official_in(unit_a), to_unit=unit_b
    )
    assert api_as(head_a).get(f"{API}/decrees/").json()["count"] == 0
    assert api_as(head_a).post(f"{API}/decrees/{entry.decree_id}/enact/").status_code == 404
    response = api_as(evaluator).post(f"{API}/decrees/{entry.decree_id}/enact/")
    assert response.status_code == 403
    assert RotationDecree.objects.get(pk=entry.decree_id).status == "draft"


def test_the_org_routes_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/org/officials/",
        "/api/org/decrees/{id}/enact/",
        "/api/org/units/{id}/archive/",
    ):
        assert path in schema


def test_unit_of_a_handler_is_not_editable_by_them(handler_a, unit_a):
    response = api_as(handler_a).patch(f"{API}/units/{unit_a.pk}/", {"name": "Baru"}, format="json")
    assert response.status_code == 403
    assert Unit.objects.get(pk=unit_a.pk).name == "Dinas A"
