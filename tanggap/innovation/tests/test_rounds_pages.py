"""Round pages: the list and dashboard (query limits), the proposal page with ineligible innovations and
their reasons, results hidden before publication, publication, export, the winner's certificate."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from tanggap.innovation.models import Assessment, Proposal, Round
from tanggap.innovation.tests.factories import (
    AssessmentFactory,
    InnovationFactory,
    ProposalFactory,
    round_with_rubric,
)
from tanggap.innovation.tests.test_rounds import scored_round

pytestmark = pytest.mark.django_db


def test_list_and_dashboard(client, office, region, unit_a, django_assert_max_num_queries):
    round_ = round_with_rubric(organiser=region)
    for _ in range(5):
        ProposalFactory(round=round_, innovation=InnovationFactory(unit=unit_a))
    client.force_login(office)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("innovation:rounds"))
    assert round_.name in response.content.decode()
    with django_assert_max_num_queries(25):
        response = client.get(reverse("innovation:round_detail", args=[round_.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "start_screening" in body and "Kebaruan" in body


def test_dashboard_rubric_form_refuses_bad_weights(client, office, region):
    round_ = round_with_rubric(organiser=region, status=Round.Status.DRAFT)
    client.force_login(office)
    response = client.post(
        reverse("innovation:round_detail", args=[round_.pk]),
        {"do": "rubric", "lines": "a | A | 50\nb | B | 20"},
    )
    assert response.status_code == 400
    assert "100%" in response.content.decode()
    assert round_.rubric.count() == 3


def test_draft_dashboard_fields_have_distinct_ids_and_a_jury_link(client, office, region):
    """The category and stage forms both have a "name" field: each label must point at its own input."""
    import re

    round_ = round_with_rubric(organiser=region, status=Round.Status.DRAFT)
    client.force_login(office)
    body = client.get(reverse("innovation:round_detail", args=[round_.pk])).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', body)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'for="category_name"' in body and 'for="stage_name"' in body
    assert reverse("innovation:round_jury", args=[round_.pk]) in body


def test_round_create_page(client, office, region):
    client.force_login(office)
    response = client.post(
        reverse("innovation:round_create"),
        {
            "organiser": region.pk,
            "name": "Lomba Baru",
            "year": 2026,
            "style": "lokal",
            "opens_on": "2026-03-01",
            "closes_on": "2026-05-01",
            "min_stage": "penerapan",
            "min_years_implemented": 1,
            "max_proposals_per_unit": 3,
            "require_qualified": "on",
            "reviews_per_proposal": 3,
            "tie_rule": "criterion",
            "outlier_gap": "20",
            "top_n": 5,
        },
    )
    assert response.status_code == 302
    assert Round.objects.get(name="Lomba Baru").organiser == region


def test_proposal_page_lists_ineligible_with_reason(client, head_a, region, unit_a):
    round_ = round_with_rubric(organiser=region)
    good = InnovationFactory(unit=unit_a, name="Inovasi Bagus")
    AssessmentFactory(
        innovation=good, status=Assessment.Status.DONE, result=Assessment.Result.MEMENUHI
    )
    InnovationFactory(unit=unit_a, name="Inovasi Muda", stage="uji_coba")
    client.force_login(head_a)
    response = client.get(reverse("innovation:proposal_create", args=[round_.pk]))
    body = response.content.decode()
    assert "Inovasi Muda" in body and "tahapan minimal" in body
    response = client.post(
        reverse("innovation:proposal_create", args=[round_.pk]),
        {"innovation": good.pk, "category": round_.categories.get().pk},
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    response = client.post(
        reverse("innovation:proposal_detail", args=[round_.pk, proposal.pk]), {"action": "submit"}
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_results_hidden_until_published_then_public(client, office, head_a, region):
    round_, proposals, _ = scored_round(region)
    url = reverse("innovation:round_results", args=[round_.pk])
    assert client.get(url).status_code == 404
    client.force_login(head_a)
    assert client.get(url).status_code == 404
    cert = reverse("innovation:certificate", args=[round_.pk, proposals[1].pk])
    assert client.get(cert).status_code == 404
    client.force_login(office)
    body = client.get(url).content.decode()
    assert "ada nilai pencilan" in body and "Kebaruan" in body
    client.post(url, {})
    round_.refresh_from_db()
    assert round_.status == Round.Status.PUBLISHED
    client.logout()
    body = client.get(url).content.decode()
    assert "ada nilai pencilan" not in body and "sd " not in body
    assert proposals[1].title in body
    # On a phone the Top N mark and the certificate sit with the title, not in a column off-screen.
    before, after = body.split(proposals[1].title, 1)
    cell = before.rsplit("<td>", 1)[1] + after.split("</td>", 1)[0]
    assert "Top N" in cell and cert in cell
    response = client.get(cert)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    loser = reverse("innovation:certificate", args=[round_.pk, proposals[3].pk])
    assert client.get(loser).status_code == 404


def test_export_contents(client, office, region):
    round_, proposals, _ = scored_round(region)
    url = reverse("innovation:round_results_export", args=[round_.pk])
    assert client.get(url).status_code == 404
    client.force_login(office)
    response = client.get(url + "?format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Peringkat"
    assert rows[1][:2] == ["1", "P-2026-0002"] and rows[1][5] == "80.000"
    assert rows[1][11] == "ya"
    outlier_row = next(r for r in rows if r[1] == "P-2026-0003")
    assert outlier_row[10] == "1"
    response = client.get(url + "?format=xlsx")
    assert response.content[:2] == b"PK"
    assert client.get(url + "?format=pdf").status_code == 400
