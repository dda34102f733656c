"""The rounds API: lists (query limits), a unit's proposal with eligibility refusals, results hidden
before publication, public ranks after, and every route in the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tanggap.innovation.models import Assessment, Proposal
from tanggap.innovation.services.results import round_publish
from tanggap.innovation.tests.factories import (
    AssessmentFactory,
    InnovationFactory,
    ProposalFactory,
    round_with_rubric,
)
from tanggap.innovation.tests.test_rounds import scored_round

pytestmark = pytest.mark.django_db


def test_lists(client, office, region, unit_a, django_assert_max_num_queries):
    round_ = round_with_rubric(organiser=region)
    for _ in range(4):
        ProposalFactory(round=round_, innovation=InnovationFactory(unit=unit_a))
    client.force_login(office)
    with django_assert_max_num_queries(12):
        body = client.get("/api/innovation/rounds/").json()
    assert body["results"][0]["id"] == round_.pk
    detail = client.get(f"/api/innovation/rounds/{round_.pk}/").json()
    assert [i["code"] for i in detail["rubric"]] == ["kebaruan", "manfaat", "replikasi"]
    with django_assert_max_num_queries(12):
        body = client.get(f"/api/innovation/rounds/{round_.pk}/proposals/").json()
    assert body["count"] == 4


def test_unit_posts_proposal(client, head_a, region, unit_a, other_region):
    round_ = round_with_rubric(organiser=region)
    category = round_.categories.get()
    client.force_login(head_a)
    young = InnovationFactory(unit=unit_a, stage="inisiatif")
    url = f"/api/innovation/rounds/{round_.pk}/proposals/"
    response = client.post(
        url, {"innovation": young.pk, "category": category.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "tahapan minimal" in response.json()["message"]
    assert not Proposal.objects.exists()
    good = InnovationFactory(unit=unit_a)
    AssessmentFactory(
        innovation=good, status=Assessment.Status.DONE, result=Assessment.Result.MEMENUHI
    )
    response = client.post(
        url, {"innovation": good.pk, "category": category.pk}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == Proposal.Status.SUBMITTED
    foreign = round_with_rubric(organiser=other_region)
    assert client.get(f"/api/innovation/rounds/{foreign.pk}/").status_code == 404


def test_results_hidden_then_public(client, office, head_a, region):
    round_, proposals, _ = scored_round(region)
    url = f"/api/innovation/rounds/{round_.pk}/results/"
    assert client.get(url).status_code == 404
    client.force_login(head_a)
    assert client.get(url).status_code == 404
    client.force_login(office)
    body = client.get(url).json()
    assert body["published"] is False and body["results"][0]["sd"] is not None
    round_publish(actor=office, round_=round_)
    client.logout()
    body = client.get(url).json()
    assert body["published"] is True
    first = body["results"][0]
    assert first["code"] == "P-2026-0002" and first["top_n"] is True
    assert "sd" not in first and "outliers" not in first


def test_schema_lists_round_routes(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    for path in (
        "/api/innovation/rounds/",
        "/api/innovation/rounds/{round_id}/",
        "/api/innovation/rounds/{round_id}/proposals/",
        "/api/innovation/rounds/{round_id}/results/",
    ):
        assert path in schema["paths"]
