"""The jury pages and API: own reviews only, blind rounds hide the unit, scores in range, visibility."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tanggap.innovation.models import Proposal, Review, Round, Score
from tanggap.innovation.selectors import jury as selectors
from tanggap.innovation.services import jury
from tanggap.innovation.tests.factories import (
    InnovationFactory,
    JurorFactory,
    ProposalFactory,
    ReviewFactory,
    round_with_rubric,
)


@pytest.fixture
def round_(region):
    return round_with_rubric(organiser=region, status=Round.Status.REVIEW, blind=True)


@pytest.fixture
def review(round_, unit_a, official_b):
    prop = ProposalFactory(
        round=round_,
        innovation=InnovationFactory(unit=unit_a, name="Sistem Antrean Rahasia"),
        status=Proposal.Status.IN_REVIEW,
        title="Antrean daring",
    )
    juror = JurorFactory(round=round_, user=official_b.user, official=official_b)
    return ReviewFactory(proposal=prop, round=round_, juror=juror)


def items(round_):
    return list(round_.rubric.all())


def test_blind_round_hides_unit_in_pages_and_api(client, review, official_b):
    client.force_login(official_b.user)
    for url in (
        reverse("innovation:review", args=[review.pk]),
        reverse("innovation:my_reviews"),
        reverse("innovation:conflict_declare", args=[review.round_id]),
        "/api/innovation/reviews/",
        f"/api/innovation/reviews/{review.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "Antrean daring" in text
        assert "Dinas A" not in text and "Kabupaten Uji" not in text, url
        assert "Sistem Antrean Rahasia" not in text, url


def test_open_round_shows_unit_to_juror(client, review, official_b):
    Round.objects.filter(pk=review.round_id).update(blind=False)
    client.force_login(official_b.user)
    assert "Dinas A" in client.get(reverse("innovation:review", args=[review.pk])).content.decode()
    assert (
        client.get(f"/api/innovation/reviews/{review.pk}/").json()["proposal"]["unit"] == "Dinas A"
    )


def test_other_jurors_review_is_404(client, review, official_a):
    JurorFactory(round=review.round, user=official_a.user)
    client.force_login(official_a.user)
    assert client.get(reverse("innovation:review", args=[review.pk])).status_code == 404
    assert client.get(f"/api/innovation/reviews/{review.pk}/").status_code == 404
    body = [{"item": items(review.round)[0].pk, "value": "5"}]
    put = client.put(
        f"/api/innovation/reviews/{review.pk}/scores/",
        {"scores": body},
        content_type="application/json",
    )
    assert put.status_code == 404
    assert not Score.objects.exists()


def test_page_refuses_out_of_range_then_sends(client, review, official_b):
    client.force_login(official_b.user)
    url = reverse("innovation:review", args=[review.pk])
    a, b, c = items(review.round)
    data = {f"value_{a.pk}": "80", f"value_{b.pk}": "150", f"value_{c.pk}": "70", "action": "send"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "harus antara 0" in response.content.decode()
    assert not Score.objects.exists()
    data[f"value_{b.pk}"] = "60"
    assert client.post(url, data).status_code == 302
    review.refresh_from_db()
    assert review.status == Review.Status.SUBMITTED


def test_api_scores_and_send(client, review, official_b):
    client.force_login(official_b.user)
    a, b, c = items(review.round)
    url = f"/api/innovation/reviews/{review.pk}/"
    bad = client.put(
        url + "scores/",
        {"scores": [{"item": a.pk, "value": 101}]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "antara" in bad.json()["message"]
    assert client.post(url + "send/").status_code == 400
    good = client.put(
        url + "scores/",
        {"scores": [{"item": i.pk, "value": "50", "comment": "cukup"} for i in (a, b, c)]},
        content_type="application/json",
    )
    assert good.status_code == 200
    assert [s["value"] for s in good.json()["scores"]] == ["50.00"] * 3
    sent = client.post(url + "send/")
    assert sent.status_code == 200 and sent.json()["status"] == "dikirim"


def test_score_visibility_before_and_after_publication(review, official_a, office):
    round_ = review.round
    jury.review_score(
        actor=review.juror.user,
        review=review,
        scores=[{"item": i.pk, "value": "40"} for i in items(round_)],
    )
    other = JurorFactory(round=round_, user=official_a.user)
    assert selectors.visible_scores(office, round_).count() == 3
    assert selectors.visible_scores(review.juror.user, round_).count() == 3
    assert selectors.visible_scores(other.user, round_).count() == 0
    assert selectors.score_sheet(other.user, review) is None
    Round.objects.filter(pk=round_.pk).update(status=Round.Status.PUBLISHED)
    round_.refresh_from_db()
    assert selectors.visible_scores(other.user, round_).count() == 3


def test_organiser_jury_page_and_assignment(
    client, office, round_, region, django_assert_max_num_queries
):
    from tanggap.org.tests.factories import UnitFactory

    units = [UnitFactory(region=region, slug=f"w{i}") for i in range(3)]
    for i in range(6):
        ProposalFactory(
            round=round_, innovation=InnovationFactory(unit=units[i % 3]), status="dinilai"
        )
    for _i in range(3):
        JurorFactory(round=round_)
    client.force_login(office)
    url = reverse("innovation:round_jury", args=[round_.pk])
    assert client.post(url, {"action": "assign"}).status_code == 302
    assert Review.objects.filter(round=round_).count() == 12
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Beban 4") == 3


def test_non_organiser_gets_404_on_jury_page(client, round_, head_a):
    client.force_login(head_a)
    assert client.get(reverse("innovation:round_jury", args=[round_.pk])).status_code == 404


def test_my_reviews_query_count(client, round_, official_b, region, django_assert_max_num_queries):
    juror = JurorFactory(round=round_, user=official_b.user)
    for _i in range(8):
        ReviewFactory(round=round_, juror=juror, proposal=ProposalFactory(round=round_))
    client.force_login(official_b.user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("innovation:my_reviews"))
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/api/innovation/reviews/").status_code == 200


def test_declare_conflict_page(client, review, official_b):
    client.force_login(official_b.user)
    url = reverse("innovation:conflict_declare", args=[review.round_id])
    assert client.post(url, {"proposal": review.proposal_id, "reason": ""}).status_code == 400
    response = client.post(url, {"proposal": review.proposal_id, "reason": "Saudara kandung"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == Review.Status.WITHDRAWN


def test_an_account_of_no_jury_is_refused(client, official_a, review):
    client.force_login(official_a.user)
    assert client.get(reverse("innovation:my_reviews")).status_code == 403
    assert client.get("/api/innovation/reviews/").status_code == 403


def test_a_published_rounds_jury_page_offers_no_changes(client, office, round_):
    JurorFactory(round=round_)
    client.force_login(office)
    url = reverse("innovation:round_jury", args=[round_.pk])
    assert "Susun penugasan juri" in client.get(url).content.decode()
    round_.status = round_.Status.PUBLISHED
    round_.save(update_fields=["status"])
    page = client.get(url).content.decode()
    for button in ("Susun penugasan juri", "Tambah juri", "Nonaktifkan"):
        assert button not in page


def test_histories_name_the_steps_in_indonesian(client, review, official_b, office):
    """The proposal's and the review's histories label each step, not the machine's action names."""
    client.force_login(official_b.user)
    url = reverse("innovation:review", args=[review.pk])
    a, b, c = items(review.round)
    data = {f"value_{a.pk}": "80", f"value_{b.pk}": "60", f"value_{c.pk}": "70", "action": "send"}
    assert client.post(url, data).status_code == 302
    body = client.get(url).content.decode()
    assert "Nilai dikirim" in body and "· send" not in body

    proposal = review.proposal
    proposal.events.create(
        action="pass_admin", from_status="diajukan", to_status="dinilai", at=proposal.created_at
    )
    client.force_login(office)
    url = reverse("innovation:proposal_detail", args=[review.round_id, proposal.pk])
    body = client.get(url).content.decode()
    assert "Lolos seleksi administrasi" in body and "pass_admin" not in body
