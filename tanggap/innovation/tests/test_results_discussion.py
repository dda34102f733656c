"""The organiser's results page before publication: each juror's weighted total and the spread per
proposal; a flagged outlier returned to its juror for discussion (a note is required) or cancelled; the
note shown on that juror's review page only; the juror re-scores and re-sends; others are refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tanggap.innovation.models import Review
from tanggap.innovation.tests.test_rounds import scored_round

pytestmark = pytest.mark.django_db

NOTE = "Nilai Anda jauh di bawah juri lain; mohon dibahas"


def _outlier(round_, proposals, jurors) -> Review:
    return Review.objects.get(proposal=proposals[2], juror=jurors[2])


def test_results_page_shows_juror_totals_and_the_outlier_action(
    client, office, region, django_assert_max_num_queries
):
    round_, proposals, jurors = scored_round(region)
    client.force_login(office)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("innovation:round_results", args=[round_.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    outlier = _outlier(round_, proposals, jurors)
    assert f'id="reviews-{proposals[2].pk}"' in body
    assert "10,00" in body and "70,00" in body  # each juror's weighted total
    assert "pencilan" in body
    assert f'name="review" value="{outlier.pk}"' in body
    assert "Kembalikan ke juri untuk dibahas" in body


def test_return_needs_a_note_then_juror_sees_it_and_resends(client, office, region):
    round_, proposals, jurors = scored_round(region)
    outlier = _outlier(round_, proposals, jurors)
    url = reverse("innovation:round_results", args=[round_.pk])
    client.force_login(office)
    response = client.post(url, {"action": "return", "review": outlier.pk, "note": "  "})
    assert response.status_code == 302
    outlier.refresh_from_db()
    assert outlier.status == Review.Status.SUBMITTED
    client.post(url, {"action": "return", "review": outlier.pk, "note": NOTE})
    outlier.refresh_from_db()
    assert outlier.status == Review.Status.ASSIGNED and outlier.total is None
    assert outlier.events.get(action="return").note == NOTE

    # The juror of that review sees the note on their review page ...
    client.force_login(jurors[2].user)
    page = reverse("innovation:review", args=[outlier.pk])
    body = client.get(page).content.decode()
    assert NOTE in body and 'id="returned-note"' in body
    # ... but not on another of their reviews, and no other juror sees it.
    other_own = Review.objects.get(proposal=proposals[0], juror=jurors[2])
    assert (
        NOTE not in client.get(reverse("innovation:review", args=[other_own.pk])).content.decode()
    )
    client.force_login(jurors[0].user)
    assert client.get(page).status_code == 404
    same_proposal = Review.objects.get(proposal=proposals[2], juror=jurors[0])
    other_body = client.get(reverse("innovation:review", args=[same_proposal.pk])).content.decode()
    assert NOTE not in other_body

    # The juror re-scores and re-sends; the note banner goes away.
    client.force_login(jurors[2].user)
    data = {"action": "send", "comment": "Setelah dibahas"}
    for item in round_.rubric.all():
        data[f"value_{item.pk}"] = "65"
    assert client.post(page, data).status_code == 302
    outlier.refresh_from_db()
    assert outlier.status == Review.Status.SUBMITTED and outlier.total is not None
    assert 'id="returned-note"' not in client.get(page).content.decode()


def test_organiser_cancels_a_returned_review(client, office, region):
    round_, proposals, jurors = scored_round(region)
    outlier = _outlier(round_, proposals, jurors)
    url = reverse("innovation:round_results", args=[round_.pk])
    client.force_login(office)
    # A sent review cannot be cancelled: the page offers only the return.
    client.post(url, {"action": "cancel", "review": outlier.pk})
    outlier.refresh_from_db()
    assert outlier.status == Review.Status.SUBMITTED
    client.post(url, {"action": "return", "review": outlier.pk, "note": NOTE})
    body = client.get(url).content.decode()
    assert "Batalkan penilaian" in body
    client.post(url, {"action": "cancel", "review": outlier.pk})
    outlier.refresh_from_db()
    assert outlier.status == Review.Status.WITHDRAWN


def test_non_organisers_are_refused(client, head_a, region):
    round_, proposals, jurors = scored_round(region)
    outlier = _outlier(round_, proposals, jurors)
    url = reverse("innovation:round_results", args=[round_.pk])
    for user in (head_a, jurors[2].user):
        client.force_login(user)
        response = client.post(url, {"action": "return", "review": outlier.pk, "note": NOTE})
        assert response.status_code == 403
    outlier.refresh_from_db()
    assert outlier.status == Review.Status.SUBMITTED and not outlier.events.exists()


def test_unknown_review_changes_nothing(client, office, region):
    round_, proposals, jurors = scored_round(region)
    client.force_login(office)
    url = reverse("innovation:round_results", args=[round_.pk])
    for raw in ("", "abc", "99999999999999999999"):
        response = client.post(url, {"action": "return", "review": raw, "note": NOTE})
        assert response.status_code in (302, 400)
    assert not Review.objects.filter(status=Review.Status.ASSIGNED).exists()
