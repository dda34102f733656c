"""The region's own (SPD) evidence page: the office adds a link or a file (a bad file is refused and
nothing is stored), removes pending evidence, validates it and the index changes; another region's office
and region readers cannot write; the index page links to it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.innovation.models import Evidence, Indicator
from tanggap.innovation.services import evidence as services
from tanggap.innovation.tests.factories import scheme_2023
from tanggap.innovation.tests.test_registry_services import PDF, _stored_files

pytestmark = pytest.mark.django_db

URL = reverse("innovation:spd_evidence")


def _spd():
    return scheme_2023().indicators.filter(aspect=Indicator.Aspect.SPD).order_by("order").first()


def _sid():
    return scheme_2023().indicators.filter(aspect=Indicator.Aspect.SID).first()


@pytest.fixture
def other_office(other_region):
    user = UserFactory(username="brida_lain")
    RoleAssignmentFactory(user=user, role=Role.INNOVATION_OFFICER, region=other_region)
    return user


def test_office_adds_a_link_and_validating_it_changes_the_index(client, office, region):
    indicator = _spd()
    client.force_login(office)
    before = client.get(reverse("innovation:index")).context["result"]
    response = client.post(
        URL, {"do": "add", "indicator": indicator.pk, "level": 1, "link": "https://x.go.id/perda"}
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.innovation is None and evidence.region == region
    assert evidence.status == Evidence.Status.PENDING
    body = client.get(URL).content.decode()
    assert "https://x.go.id/perda" in body and indicator.code in body
    # Pending evidence does not count yet.
    assert client.get(reverse("innovation:index")).context["result"].index == before.index
    client.post(URL, {"do": "validate", "evidence": evidence.pk, "status": "valid"})
    evidence.refresh_from_db()
    assert evidence.status == Evidence.Status.VALID
    after = client.get(reverse("innovation:index")).context["result"]
    assert after.spd_score > before.spd_score
    # A validated piece of evidence cannot be removed.
    client.post(URL, {"do": "remove", "evidence": evidence.pk})
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_office_adds_a_file_and_removes_pending_evidence(client, office):
    client.force_login(office)
    response = client.post(
        URL,
        {"do": "add", "indicator": _spd().pk, "level": 1,
         "file": SimpleUploadedFile("perda.pdf", PDF, content_type="application/pdf")},
    )  # fmt: skip
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.medium == Evidence.Medium.FILE
    file_url = reverse("innovation:spd_evidence_file", args=[evidence.pk])
    assert file_url in client.get(URL).content.decode()
    assert client.get(file_url).status_code == 200
    client.post(URL, {"do": "remove", "evidence": evidence.pk})
    assert not Evidence.objects.exists()


def test_bad_file_is_refused_and_nothing_is_stored(client, office):
    client.force_login(office)
    before = _stored_files()
    response = client.post(
        URL,
        {"do": "add", "indicator": _spd().pk, "level": 1,
         "file": SimpleUploadedFile("perda.pdf", b"MZ\x90\x00" + b"\x00" * 200)},
    )  # fmt: skip
    assert response.status_code == 400
    assert not Evidence.objects.exists()
    assert _stored_files() == before


def test_spd_service_refuses_sid_indicators_and_bad_levels(office, region):
    with pytest.raises(DomainError):
        services.spd_evidence_add_link(
            actor=office, region=region, indicator=_sid(), level=1, link="https://a.id"
        )
    with pytest.raises(DomainError):
        services.spd_evidence_add_link(
            actor=office, region=region, indicator=_spd(), level=99, link="https://a.id"
        )
    assert not Evidence.objects.exists()


def test_another_regions_office_is_refused(client, office, other_office, region):
    evidence = services.spd_evidence_add_link(
        actor=office, region=region, indicator=_spd(), level=1, link="https://a.id/bukti"
    )
    with pytest.raises(PermissionDenied):
        services.spd_evidence_add_link(
            actor=other_office, region=region, indicator=_spd(), level=1, link="https://b.id"
        )
    with pytest.raises(PermissionDenied):
        services.spd_evidence_remove(actor=other_office, evidence=evidence)
    client.force_login(other_office)
    # Their page shows their own region only; aiming at the other region's evidence finds nothing.
    assert "https://a.id/bukti" not in client.get(URL).content.decode()
    assert client.get(f"{URL}?wilayah={region.slug}").status_code == 404
    for data in ({"do": "remove", "evidence": evidence.pk},
                 {"do": "validate", "evidence": evidence.pk, "status": "valid"}):  # fmt: skip
        assert client.post(URL, data).status_code == 404
    evidence.refresh_from_db()
    assert evidence.status == Evidence.Status.PENDING
    assert Evidence.objects.count() == 1


def test_readers_see_but_cannot_write_and_unit_heads_are_refused(
    client, office, evaluator, head_a, region
):
    services.spd_evidence_add_link(
        actor=office, region=region, indicator=_spd(), level=1, link="https://a.id/bukti"
    )
    client.force_login(evaluator)
    body = client.get(URL).content.decode()
    assert "https://a.id/bukti" in body and 'name="do" value="validate"' not in body
    assert client.post(URL, {"do": "add", "indicator": _spd().pk, "level": 1,
                             "link": "https://c.id"}).status_code == 403  # fmt: skip
    client.force_login(head_a)
    assert client.get(URL).status_code in (302, 403, 404)
    assert Evidence.objects.count() == 1


def test_list_query_count_and_index_link(client, office, region, django_assert_max_num_queries):
    for indicator in scheme_2023().indicators.filter(aspect=Indicator.Aspect.SPD)[:5]:
        services.spd_evidence_add_link(
            actor=office, region=region, indicator=indicator, level=1, link="https://a.id/x"
        )
    client.force_login(office)
    with django_assert_max_num_queries(15):
        assert client.get(URL).status_code == 200
    assert URL in client.get(reverse("innovation:index")).content.decode()
