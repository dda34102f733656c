"""The assessment pages and API: visibility, the verifier's moves, the index, report and scheme pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.innovation.criteria import Criterion
from tanggap.innovation.models import Assessment, IndexScheme, Indicator
from tanggap.innovation.services.assessment import assessment_start
from tanggap.innovation.tests.factories import EvidenceFactory, InnovationFactory, small_scheme

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def scheme():
    return small_scheme(2099)


@pytest.fixture
def innovation(unit_a):
    return InnovationFactory(unit=unit_a, name="Antrean Daring")


@pytest.fixture
def head_b(unit_b):
    user = UserFactory(username="kepala_b")
    RoleAssignmentFactory(user=user, role=Role.UNIT_HEAD, unit=unit_b, region=unit_b.region)
    return user


def _page(innovation):
    return reverse("innovation:assessment", args=[innovation.pk]) + "?tahun=2099"


def test_office_assesses_through_the_page(office, innovation, scheme):
    client = _client(office)
    evidence = EvidenceFactory(innovation=innovation, indicator=scheme.indicators.get(code="I1"))
    assert client.post(_page(innovation), {"action": "start"}).status_code == 302
    for criterion in Criterion:
        client.post(_page(innovation), {"action": "criterion", "criterion": criterion, "met": "ya"})
    client.post(_page(innovation), {"action": "finish"})
    assessment = Assessment.objects.get()
    assert assessment.status == "dinilai"  # evidence still pending
    client.post(
        _page(innovation),
        {"action": "evidence", "evidence": evidence.pk, "status": "tidak_valid", "reason": ""},
    )
    evidence.refresh_from_db()
    assert evidence.status == "menunggu"
    client.post(
        _page(innovation), {"action": "evidence", "evidence": evidence.pk, "status": "valid"}
    )
    client.post(_page(innovation), {"action": "finish"})
    assessment.refresh_from_db()
    assert (assessment.status, assessment.result) == ("selesai", "memenuhi")
    page = client.get(_page(innovation))
    assert page.status_code == 200
    assert "Buka kembali" in page.content.decode()


def test_owner_sees_the_assessment_read_only(office, head_a, innovation, scheme):
    assessment_start(actor=office, innovation=innovation, scheme=scheme)
    client = _client(head_a)
    page = client.get(_page(innovation))
    assert page.status_code == 200
    assert 'value="criterion"' not in page.content.decode()
    # One block per criterion: the list's flex row must not scatter label, answer and form apart.
    assert page.content.decode().count("<li><div><strong>") == len(Criterion)
    assert "Penilaian dimulai" in page.content.decode()  # the history in words, not "start"
    assert client.post(_page(innovation), {"action": "finish"}).status_code == 403


def test_evaluator_reads_but_cannot_move(office, evaluator, innovation, scheme):
    assessment_start(actor=office, innovation=innovation, scheme=scheme)
    client = _client(evaluator)
    assert client.get(_page(innovation)).status_code == 200
    response = client.post(
        _page(innovation), {"action": "criterion", "criterion": "bermanfaat", "met": "ya"}
    )
    assert response.status_code == 403
    assert Assessment.objects.get().criteria["bermanfaat"] is None


def test_owner_of_another_unit_gets_404(head_b, innovation, scheme):
    assert _client(head_b).get(_page(innovation)).status_code == 404


def test_citizen_is_refused_everywhere(citizen, innovation, scheme):
    client = _client(citizen)
    for url in [
        _page(innovation),
        reverse("innovation:assessments"),
        reverse("innovation:index"),
        reverse("innovation:report"),
        reverse("innovation:schemes"),
    ]:
        assert client.get(url).status_code == 403, url
    assert client.get("/api/innovation/assessments/").status_code == 403
    assert client.get("/api/innovation/index/").status_code == 404


def test_bad_input_changes_nothing(office, innovation, scheme):
    client = _client(office)
    client.post(_page(innovation), {"action": "start"})
    for data in [
        {"action": "criterion", "criterion": "x", "met": "ya"},
        {"action": "criterion", "criterion": "bermanfaat", "met": "mungkin"},
        {"action": "evidence", "evidence": "abc", "status": "valid"},
        {"action": "nonsense"},
    ]:
        assert client.post(_page(innovation), data).status_code in {302, 404}
    assert set(Assessment.objects.get().criteria.values()) == {None}


def test_queue_lists_innovations_in_bounded_queries(
    office, unit_a, scheme, django_assert_max_num_queries
):
    for _ in range(6):
        InnovationFactory(unit=unit_a)
    client = _client(office)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("innovation:assessments") + "?tahun=2099")
    assert response.status_code == 200
    assert response.content.decode().count("Belum dinilai") == 6


def test_index_page_with_what_if_and_report_exports(office, innovation, scheme):
    client = _client(office)
    response = client.get(reverse("innovation:index") + "?tahun=2099")
    assert response.status_code == 200
    assert "Tidak Dapat Dinilai" in response.content.decode()
    assert '<div class="table-scroll"' in response.content.decode()  # no sideways page on a phone
    assert client.get(reverse("innovation:index") + "?tahun=2099&inovasi=999").status_code == 400
    csv = client.get(reverse("innovation:report") + "?format=csv")
    assert csv.status_code == 200 and "Terdaftar" in csv.content.decode("utf-8-sig")
    assert client.get(reverse("innovation:report") + "?format=xlsx").status_code == 200


def test_scheme_copy_and_edit(office, scheme):
    client = _client(office)
    response = client.post(reverse("innovation:schemes"), {"source": "2099", "year": "2100"})
    assert response.status_code == 302
    copy = IndexScheme.objects.get(year=2100)
    assert copy.indicators.count() == 4
    s1 = copy.indicators.get(code="S1")
    url = reverse("innovation:scheme_detail", args=[2100])
    # a top share below 1 breaks the scheme: refused with a message, nothing changed
    client.post(url, {"indicator": s1.pk, "max_score": "12", "label": ["a"], "share": ["0.5"]})
    s1.refresh_from_db()
    assert str(s1.max_score) == "10.000"
    client.post(
        url, {"indicator": s1.pk, "max_score": "12", "label": ["a", "b"], "share": ["0.5", "1"]}
    )
    s1.refresh_from_db()
    assert str(s1.max_score) == "12.000"
    used = Indicator.objects.get(scheme=scheme, code="I1")
    EvidenceFactory(innovation=None, region=office.role_assignments.first().region, indicator=used)
    client.post(
        reverse("innovation:scheme_detail", args=[2099]),
        {"indicator": used.pk, "max_score": "30", "label": ["a"], "share": ["1"]},
    )
    used.refresh_from_db()
    assert str(used.max_score) == "20.000"


def test_evaluator_cannot_copy_a_scheme(evaluator, scheme):
    _client(evaluator).post(reverse("innovation:schemes"), {"source": "2099", "year": "2101"})
    assert not IndexScheme.objects.filter(year=2101).exists()


def test_api_lists_decides_and_reads_the_index(office, head_b, innovation, scheme):
    assessment = assessment_start(actor=office, innovation=innovation, scheme=scheme)
    client = _client(office)
    listing = client.get("/api/innovation/assessments/?year=2099")
    assert [row["id"] for row in listing.json()] == [assessment.pk]
    url = f"/api/innovation/assessments/{assessment.pk}/"
    decided = client.post(
        url + "decide/", {"criterion": "bermanfaat", "met": True}, content_type="application/json"
    )
    assert decided.status_code == 200 and decided.json()["criteria"]["bermanfaat"] is True
    finish = client.post(url + "finish/", {}, content_type="application/json")
    assert finish.status_code == 400
    evidence = EvidenceFactory(innovation=innovation, indicator=scheme.indicators.get(code="I1"))
    bad = client.post(
        f"/api/innovation/evidence/{evidence.pk}/validate/",
        {"status": "tidak_valid"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    index = client.get("/api/innovation/index/?year=2099")
    assert index.status_code == 200 and index.json()["band"] == "tidak_dapat_dinilai"
    assert _client(head_b).get(url).status_code == 404
