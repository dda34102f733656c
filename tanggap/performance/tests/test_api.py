"""The performance API: agreements (create, indicators, sign, realisation with achievement and the
not-rising flag), SKP (create, results, quarter review with BerAKHLAK feedback, rating and predikat),
a unit's predikat distribution; scoping (404 beyond it) and bad input that changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from tanggap.performance.models import (
    Indicator,
    PerformanceAgreement,
    Realisation,
    Skp,
    SkpQuarterReview,
)
from tanggap.performance.tests.factories import AgreementFactory, IndicatorFactory, SkpFactory

pytestmark = pytest.mark.django_db
A = "/api/performance/agreements/"
S = "/api/performance/skp/"


def client_of(who) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(getattr(who, "user", who))
    return client


def post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


# --- agreements --------------------------------------------------------------------------------------


def test_an_agreement_from_draft_to_realisation(head_a, unit_a):
    client = client_of(head_a)
    created = post(client, A, {"unit": unit_a.pk, "year": 2026})
    assert created.status_code == 201, created.content
    agreement_id = created.json()["id"]
    assert created.json()["status"] == "draft" and created.json()["indicators"] == []
    added = post(
        client,
        f"{A}{agreement_id}/indicators/",
        {
            "name": "Indeks kepuasan masyarakat",
            "measure": "nilai",
            "baseline": "85",
            "target_year": "85",
            "target_q1": "80",
            "evidence_required": False,
        },
    )
    assert added.status_code == 201, added.content
    assert added.json()["target_not_rising"] is True
    indicator_id = added.json()["id"]
    early = post(
        client,
        f"/api/performance/indicators/{indicator_id}/realisations/",
        {"quarter": 1, "value": "1"},
    )
    assert early.status_code == 400 and early.json()["code"] == "draft"
    signed = post(client, f"{A}{agreement_id}/sign/")
    assert signed.status_code == 200 and signed.json()["status"] == "signed"
    again = post(
        client, f"{A}{agreement_id}/indicators/", {"name": "X", "measure": "%", "target_year": 1}
    )
    assert again.status_code == 400 and again.json()["code"] == "signed"
    recorded = post(
        client,
        f"/api/performance/indicators/{indicator_id}/realisations/",
        {"quarter": 1, "value": "88", "evidence_url": "https://contoh.go.id/bukti.pdf"},
    )
    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["achievement"] == "110.00"
    detail = client.get(f"{A}{agreement_id}/").json()
    assert detail["indicators"][0]["realisations"][0]["value"] == "88.0000"
    assert Indicator.objects.filter(agreement_id=agreement_id).count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"quarter": 5, "value": "1"},
        {"quarter": "x", "value": "1"},
        {"quarter": 1, "value": "NaN"},
        {"quarter": 1, "value": "1e30"},
        {"quarter": 1, "value": "1.123456"},
        {"quarter": 1, "value": "1", "evidence_url": "bukan alamat"},
        {"quarter": 1, "value": "1", "evidence_url": "a\x00b"},
        {"quarter": 1},
    ],
)
def test_a_bad_realisation_is_400_and_records_nothing(head_a, unit_a, body):
    agreement = AgreementFactory(unit=unit_a, status=PerformanceAgreement.Status.SIGNED)
    indicator = IndicatorFactory(agreement=agreement, evidence_required=False)
    response = post(
        client_of(head_a), f"/api/performance/indicators/{indicator.pk}/realisations/", body
    )
    assert response.status_code == 400, response.content
    assert not Realisation.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"unit": "x", "year": 2026},
        {"year": 2026, "unit": 2**70},
        {"year": 1999},
        {"year": 2026},
    ],
)
def test_a_bad_agreement_is_400(head_a, unit_a, body):
    full = {"unit": unit_a.pk, **body} if "unit" not in body and body else body
    response = post(client_of(head_a), A, full)
    assert response.status_code == 400 or (body == {"year": 2026} and response.status_code == 201)
    if response.status_code == 400:
        assert not PerformanceAgreement.objects.exists()


def test_agreements_are_scoped(head_a, handler_b, region_admin, unit_a, unit_b, other_region):
    from tanggap.org.tests.factories import UnitFactory

    mine = AgreementFactory(unit=unit_a)
    theirs = AgreementFactory(unit=unit_b)
    foreign = AgreementFactory(unit=UnitFactory(region=other_region))

    def ids(user):
        return {row["id"] for row in client_of(user).get(A).json()["results"]}

    assert ids(head_a) == {mine.pk}
    assert ids(handler_b) == {theirs.pk}
    assert ids(region_admin) == {mine.pk, theirs.pk}
    assert client_of(head_a).get(f"{A}{theirs.pk}/").status_code == 404
    assert client_of(region_admin).get(f"{A}{foreign.pk}/").status_code == 404
    assert post(client_of(head_a), f"{A}{theirs.pk}/sign/").status_code == 404
    assert post(client_of(handler_b), A, {"unit": unit_a.pk, "year": 2027}).status_code == 403
    assert client_of(head_a).get(f"{A}{2**70}/").status_code == 404
    assert Client().get(A).status_code in (401, 403)


def test_the_agreement_list_takes_few_queries(region_admin, unit_a, django_assert_max_num_queries):
    for year in range(2010, 2030):
        AgreementFactory(unit=unit_a, year=year)
    client = client_of(region_admin)
    with django_assert_max_num_queries(8):
        assert client.get(A).json()["count"] == 20


# --- SKP ---------------------------------------------------------------------------------------------


def test_an_skp_from_results_to_predikat(staff, boss, unit_a):
    indicator = IndicatorFactory(agreement=AgreementFactory(unit=unit_a, year=2026))
    created = post(client_of(staff), S, {"official": staff.pk, "year": 2026})
    assert created.status_code == 201, created.content
    skp_id = created.json()["id"]
    assert created.json()["superior"]["id"] == boss.pk and created.json()["predikat"] is None
    result = post(
        client_of(staff),
        f"{S}{skp_id}/results/",
        {
            "text": "Layanan selesai",
            "target": "100",
            "measure": "layanan",
            "indicator": indicator.pk,
        },
    )
    assert result.status_code == 201, result.content
    assert result.json()["indicator"] == indicator.pk and result.json()["source"] is None
    review_body = {
        "quarter": 1,
        "realisations": [{"result": result.json()["id"], "value": "30"}],
        "results_feedback": "Sesuai rencana.",
        "behaviour_feedback": {"berorientasi_pelayanan": "Ramah", "kolaboratif": "Baik"},
    }
    assert post(client_of(staff), f"{S}{skp_id}/reviews/", review_body).status_code == 403
    review = post(client_of(boss), f"{S}{skp_id}/reviews/", review_body)
    assert review.status_code == 200, review.content
    assert review.json()["realisations"] == [{"result": result.json()["id"], "value": "30.0000"}]
    assert review.json()["behaviour_feedback"]["kolaboratif"] == "Baik"
    rated = post(
        client_of(boss), f"{S}{skp_id}/rating/", {"hasil_kerja": "atas", "perilaku": "sesuai"}
    )
    assert rated.status_code == 200, rated.content
    assert rated.json()["predikat"] == "baik" and rated.json()["status"] == "closed"
    detail = client_of(staff).get(f"{S}{skp_id}/").json()
    assert len(detail["results"]) == 1 and detail["reviews"][0]["quarter"] == 1
    closed = post(
        client_of(staff), f"{S}{skp_id}/results/", {"text": "x", "target": 1, "measure": "x"}
    )
    assert closed.status_code == 400 and closed.json()["code"] == "closed"


@pytest.mark.parametrize(
    "body",
    [
        {"quarter": 0},
        {"quarter": 1, "realisations": [{"result": 2**70, "value": "1"}]},
        {"quarter": 1, "realisations": [{"result": 999999, "value": "1"}]},
        {"quarter": 1, "realisations": {"1": "2"}},
        {"quarter": 1, "behaviour_feedback": {"berorientasi_pelayanan": ["x"]}},
        {"quarter": 1, "behaviour_feedback": {"sopan": "x"}},
        {"quarter": 1, "behaviour_feedback": "ramah"},
        {"quarter": 1, "results_feedback": "x" * 5000},
    ],
)
def test_a_bad_review_is_400_and_writes_nothing(staff, boss, body):
    skp = SkpFactory(official=staff, superior=boss)
    response = post(client_of(boss), f"{S}{skp.pk}/reviews/", body)
    assert response.status_code == 400, response.content
    assert not SkpQuarterReview.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{}, {"hasil_kerja": "baik", "perilaku": "atas"}, {"hasil_kerja": None, "perilaku": "atas"}],
)
def test_a_bad_rating_is_400(staff, boss, body):
    skp = SkpFactory(official=staff, superior=boss)
    assert post(client_of(boss), f"{S}{skp.pk}/rating/", body).status_code == 400
    skp.refresh_from_db()
    assert skp.predikat == "" and skp.status == Skp.Status.DRAFT


@pytest.fixture
def skps(people):
    made = {}
    for name in ("staff", "peer", "sub_head", "sub_staff", "b_staff"):
        official = people[name]
        boss = {
            "sub_head": people["boss"],
            "sub_staff": people["sub_head"],
            "b_staff": people["b_head"],
        }
        made[name] = SkpFactory(official=official, superior=boss.get(name, people["boss"]))
    return made


def test_skp_scoping_matrix(people, skps, region_admin, handler_b):
    def seen(who):
        response = client_of(who).get(S, {"limit": 200})
        assert response.status_code == 200
        return {
            name
            for name, skp in skps.items()
            if skp.pk in {r["id"] for r in response.json()["results"]}
        }

    assert seen(people["staff"]) == {"staff"}
    assert seen(people["boss"]) == {"staff", "peer", "sub_head"}
    assert seen(people["sub_head"]) == {"sub_head", "sub_staff"}
    assert seen(region_admin) == set(skps)
    assert seen(handler_b) == set()
    assert client_of(people["staff"]).get(f"{S}{skps['peer'].pk}/").status_code == 404
    assert (
        post(
            client_of(people["b_head"]),
            f"{S}{skps['staff'].pk}/rating/",
            {"hasil_kerja": "atas", "perilaku": "atas"},
        ).status_code
        == 404
    )
    refused = post(client_of(people["staff"]), S, {"official": people["b_staff"].pk, "year": 2027})
    assert refused.status_code == 400 and refused.json()["code"] == "unknown_official"


def test_the_skp_list_takes_few_queries(skps, region_admin, django_assert_max_num_queries):
    client = client_of(region_admin)
    with django_assert_max_num_queries(8):
        assert client.get(S).json()["count"] == len(skps)


# --- predikat distribution ---------------------------------------------------------------------------


def test_the_predikat_distribution_warns(people, skps, region_admin, unit_a):
    Skp.objects.filter(pk__in=[skps["staff"].pk, skps["peer"].pk]).update(predikat="sangat_baik")
    url = f"/api/performance/units/{unit_a.pk}/predikat/"
    response = client_of(people["boss"]).get(url, {"year": 2026, "unit_rating": "baik"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["counts"] == {"sangat_baik": 2}
    assert body["violations"] and body["violations"][0]["message"]
    assert (
        client_of(people["staff"]).get(url, {"year": 2026, "unit_rating": "baik"}).status_code
        == 404
    )
    for bad in (
        {"year": "x", "unit_rating": "baik"},
        {"year": 2026, "unit_rating": "x"},
    ):
        assert client_of(region_admin).get(url, bad).status_code == 400
    # Without unit_rating: the stored rating of the year, else the default (test_unit_rating.py).
    assert client_of(region_admin).get(url, {"year": 2026}).json()["unit_rating"] == "baik"
    missing = client_of(region_admin).get(
        "/api/performance/units/999999/predikat/", {"year": 2026, "unit_rating": "baik"}
    )
    assert missing.status_code == 404
