"""The performance link as API: units' and officials' complaint handling, scoped by role."""

import pytest
from rest_framework.test import APIClient

from tanggap.accounts.tests.factories import UserFactory
from tanggap.complaints.models import Complaint
from tanggap.complaints.tests.factories import bring_to, join_team, make_verifier

API = "/api/complaints/performance"


@pytest.fixture
def answered(region, unit_a):
    handler = UserFactory(username="anggota_tim", full_name="Anggota Tim")
    join_team(unit_a, handler)
    verifier = make_verifier(region)
    complaint = bring_to(
        "ditanggapi", region=region, verifier=verifier, unit=unit_a, handler=handler
    )
    return complaint, handler


def _client(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_region_reader_sees_every_units_figures(
    region_admin, answered, django_assert_max_num_queries
):
    complaint, _handler = answered
    client = _client(region_admin)
    with django_assert_max_num_queries(8):
        response = client.get(f"{API}/units/", {"region": "kab-uji"})
    assert response.status_code == 200
    body = response.json()
    assert body["region"] == "kab-uji"
    [row] = body["units"]
    assert row["unit"] == complaint.unit_id
    assert row["performance"]["handled"] == 1 and row["performance"]["answered"] == 1
    assert row["performance"]["verify"]["met"] + row["performance"]["verify"]["late"] == 1


@pytest.mark.django_db
def test_unit_figures_list_the_officials_who_handled_reports(head_a, unit_a, answered):
    _complaint, handler = answered
    response = _client(head_a).get(f"{API}/units/{unit_a.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["performance"]["handled"] == 1
    assert [o["user"] for o in body["officials"]] == [handler.pk]


@pytest.mark.django_db
def test_an_official_reads_their_own_figures(answered):
    _complaint, handler = answered
    response = _client(handler).get(f"{API}/officials/{handler.pk}/")
    assert response.status_code == 200
    assert response.json()["performance"]["answered"] == 1


@pytest.mark.django_db
def test_other_units_and_citizens_are_refused(handler_b, citizen, unit_a, answered):
    _complaint, handler = answered
    assert _client(handler_b).get(f"{API}/units/{unit_a.pk}/").status_code == 404
    assert _client(citizen).get(f"{API}/officials/{handler.pk}/").status_code == 404
    assert _client(citizen).get(f"{API}/units/", {"region": "kab-uji"}).status_code == 403
    assert APIClient().get(f"{API}/units/", {"region": "kab-uji"}).status_code in (401, 403)


@pytest.mark.django_db
def test_bad_periods_are_refused_with_a_message(region_admin, answered):
    client = _client(region_admin)
    bad = client.get(
        f"{API}/units/", {"region": "kab-uji", "from": "2026-13-01", "to": "2026-12-01"}
    )
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_period"
    backwards = client.get(
        f"{API}/units/", {"region": "kab-uji", "from": "2026-12-01", "to": "2026-01-01"}
    )
    assert backwards.status_code == 400
    assert client.get(f"{API}/units/", {"region": "tidak-ada"}).status_code == 404
    assert Complaint.objects.count() == 1
