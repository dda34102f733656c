"""The jury journey on a 360 px phone against the demo data (issue 12, "Jury").

A juror (an official of Dukcapil in the demo) has one proposal of a blind round assigned to them. They
sign in, open their assignments and the proposal: the proposing unit's name is nowhere on the page. They
enter the scores, one outside its criterion's range first (refused with a message, nothing saved), then
correct it and send the review.
"""

from __future__ import annotations

import re

import pytest

from e2e.conftest import ARTIFACTS, PASSWORD, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

REGION = "kab-blitar"
JUROR = "pengaduan.dukcapil"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"jury-{name}.png"), full_page=True)


def _blind_round_with_a_review():
    from django.utils import timezone

    from tanggap.accounts.models import User
    from tanggap.innovation.models import Proposal, Review, Round
    from tanggap.innovation.tests.factories import (
        InnovationFactory,
        JurorFactory,
        ProposalFactory,
        round_with_rubric,
    )
    from tanggap.org.models import Region, Unit

    region = Region.objects.get(slug=REGION)
    user = User.objects.get(username=JUROR)
    own = user.official.unit
    unit = (
        Unit.objects.filter(region=region)
        .exclude(pk__in=[own.pk, own.parent_id or 0])
        .exclude(parent=own)
        .order_by("pk")
        .first()
    )
    round_ = round_with_rubric(
        organiser=region, name="Lomba Inovasi Blitar", status=Round.Status.REVIEW, blind=True
    )
    proposal = ProposalFactory(
        round=round_,
        innovation=InnovationFactory(unit=unit),
        status=Proposal.Status.IN_REVIEW,
        title="Antrean daring puskesmas",
    )
    juror = JurorFactory(round=round_, user=user, official=user.official)
    review = Review.objects.create(
        round=round_, proposal=proposal, juror=juror, assigned_at=timezone.now()
    )
    return review, unit


def test_a_juror_scores_a_blind_proposal(browser, live_server, demo):
    from tanggap.innovation.models import Review, Score

    review, unit = _blind_round_with_a_review()
    base = live_server.url
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        sign_in(page, base, JUROR, PASSWORD, "/inovasi/juri/")
        page.wait_for_url(re.compile(r"/inovasi/juri/$"))
        page.get_by_role("link", name=re.compile("Antrean daring puskesmas")).click()
        page.wait_for_url(re.compile(rf"/inovasi/juri/{review.pk}/$"))
        assert unit.name not in page.content()
        page.get_by_text("Penilaian buta: instansi pengusul tidak ditampilkan.").wait_for()

        items = list(review.round.rubric.all())
        page.get_by_label("Nilai (0–100)").nth(0).fill("85")
        page.get_by_label("Nilai (0–100)").nth(1).fill("150")  # out of range
        page.get_by_label("Nilai (0–100)").nth(2).fill("70")
        page.locator(f"#comment_{items[0].pk}").fill("Gagasan baru untuk daerah.")
        page.get_by_role("button", name="Kirim penilaian").click()
        page.get_by_text(re.compile("Nilai untuk Manfaat harus antara 0")).wait_for()
        shot(page, "out-of-range")
        assert not Score.objects.filter(review=review).exists()
        assert unit.name not in page.content()

        page.get_by_label("Nilai (0–100)").nth(1).fill("60")
        page.get_by_role("button", name="Kirim penilaian").click()
        page.get_by_text("Penilaian dikirim.").wait_for()
        shot(page, "sent")
        review.refresh_from_db()
        assert review.status == Review.Status.SUBMITTED
        assert Score.objects.filter(review=review).count() == 3
        assert unit.name not in page.content()
    finally:
        context.close()
