"""Writes to an SKP: who may make them, the cascade rules, the quarterly review, the year-end ratings
(all nine pairs through the service), and that every refusal changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from tanggap.attendance.tests.factories import official_with_account
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.performance.models import Skp, SkpQuarterReview, SkpResult, SkpResultRealisation
from tanggap.performance.services import (
    skp_create,
    skp_quarter_review_write,
    skp_rate_year_end,
    skp_result_add,
)
from tanggap.performance.skp import MATRIX, InvalidRating
from tanggap.performance.tests.factories import (
    AgreementFactory,
    IndicatorFactory,
    SkpFactory,
    SkpResultFactory,
)

pytestmark = pytest.mark.django_db


def _state():
    return (
        list(Skp.objects.values()),
        list(SkpResult.objects.values()),
        list(SkpQuarterReview.objects.values()),
        list(SkpResultRealisation.objects.values()),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def skp(staff, boss):
    return SkpFactory(official=staff, superior=boss, year=2026)


def _add(actor, skp, **kwargs):
    fields = {"text": "Layanan selesai", "target": "120", "measure": "berkas"} | kwargs
    return skp_result_add(actor=actor, skp=skp, **fields)


# --- skp_create ---


@pytest.mark.parametrize("who", ["staff", "boss"])
def test_the_official_or_the_superior_creates_the_skp(request, who, staff, boss):
    actor = request.getfixturevalue(who).user
    skp = skp_create(actor=actor, official=staff, year="2026")
    assert (skp.official, skp.superior, skp.year, skp.status) == (staff, boss, 2026, "draft")
    event = AuditEvent.objects.get(action="skp.created")
    assert (event.actor, event.region_id) == (actor, staff.region_id)


def test_a_heads_superior_is_the_head_of_the_parent_unit(people):
    skp = skp_create(actor=people["sub_head"].user, official=people["sub_head"], year=2026)
    assert skp.superior == people["boss"]


@pytest.mark.parametrize("who", ["peer", "sub_head", "b_head", "b_staff"])
def test_others_may_not_create_an_officials_skp(request, people, who):
    before = _state()
    with pytest.raises(PermissionDenied):
        skp_create(actor=people[who].user, official=people["staff"], year=2026)
    assert _state() == before


@pytest.mark.parametrize("who", ["head_a", "region_admin", "citizen"])
def test_roles_without_being_the_superior_may_not_create(request, staff, who):
    with pytest.raises(PermissionDenied):
        skp_create(actor=request.getfixturevalue(who), official=staff, year=2026)
    assert not Skp.objects.exists()


def test_one_skp_per_official_and_year(skp, staff):
    before = _state()
    with pytest.raises(DomainError) as caught:
        skp_create(actor=staff.user, official=staff, year=2026)
    assert caught.value.field == "year" and "2026" in str(caught.value.message)
    assert _state() == before
    assert skp_create(actor=staff.user, official=staff, year=2027).year == 2027


@pytest.mark.parametrize("year", ["dua ribu", 1999, None, "2026.5"])
def test_a_bad_year_is_refused(staff, year):
    with pytest.raises(DomainError) as caught:
        skp_create(actor=staff.user, official=staff, year=year)
    assert caught.value.field == "year"
    assert not Skp.objects.exists()


def test_an_official_without_a_superior_gets_a_clear_refusal(boss):
    with pytest.raises(DomainError) as caught:
        skp_create(actor=boss.user, official=boss, year=2026)
    assert caught.value.code == "no_superior"
    assert not Skp.objects.exists()


# --- skp_result_add: the cascade ---


def test_a_result_cascades_from_the_units_indicator(skp, staff, indicator):
    result = _add(staff.user, skp, indicator=indicator, source="tickets_served")
    assert (result.indicator, result.parent_result, result.target) == (
        indicator,
        None,
        Decimal("120"),
    )
    assert result.source == "tickets_served"
    assert AuditEvent.objects.filter(action="skp_result.added").count() == 1


def test_a_result_cascades_from_the_superiors_result(skp, staff, boss):
    # The factory does not check the hierarchy: anyone may stand in as the boss's appraiser here.
    parent = SkpResultFactory(skp=SkpFactory(official=boss, superior=staff, year=2026))
    result = _add(boss.user, skp, parent_result=parent)
    assert result.parent_result == parent and result.indicator is None


def test_a_result_of_the_officials_own_needs_no_cascade(skp, staff):
    result = _add(staff.user, skp)
    assert result.indicator is None and result.parent_result is None and result.source == ""


def _refused(actor, skp, field=None, error=DomainError, **kwargs):
    before = _state()
    with pytest.raises(error) as caught:
        _add(actor, skp, **kwargs)
    assert _state() == before
    if field:
        assert caught.value.field == field
    return caught.value


def test_an_indicator_of_another_units_agreement_is_refused(skp, staff, unit_b):
    other = IndicatorFactory(agreement=AgreementFactory(unit=unit_b, year=2026))
    _refused(staff.user, skp, "indicator", indicator=other)


def test_an_indicator_of_another_year_is_refused(skp, staff, unit_a):
    old = IndicatorFactory(agreement=AgreementFactory(unit=unit_a, year=2025))
    _refused(staff.user, skp, "indicator", indicator=old)


def test_a_result_of_someone_not_the_superior_is_refused(skp, staff, people):
    peer_skp = SkpFactory(official=people["peer"], superior=people["boss"], year=2026)
    _refused(staff.user, skp, "parent_result", parent_result=SkpResultFactory(skp=peer_skp))
    b_skp = SkpFactory(official=people["b_head"], superior=people["boss"], year=2026)
    _refused(staff.user, skp, "parent_result", parent_result=SkpResultFactory(skp=b_skp))


def test_the_superiors_result_of_another_year_is_refused(skp, staff, boss):
    old = SkpFactory(official=boss, superior=staff, year=2025)
    _refused(staff.user, skp, "parent_result", parent_result=SkpResultFactory(skp=old))


def test_cascading_from_both_an_indicator_and_a_result_is_refused(skp, staff, boss, indicator):
    parent = SkpResultFactory(skp=SkpFactory(official=boss, superior=staff, year=2026))
    _refused(staff.user, skp, "parent_result", indicator=indicator, parent_result=parent)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": "  "}, "text"),
        ({"target": "banyak"}, "target"),
        ({"target": None}, "target"),
        ({"measure": ""}, "measure"),
        ({"direction": "sideways"}, "direction"),
        ({"source": "gaji"}, "source"),
        ({"source": None}, "source"),
    ],
)
def test_bad_result_input_is_refused(skp, staff, kwargs, field):
    _refused(staff.user, skp, field, **kwargs)


@pytest.mark.parametrize("who", ["peer", "b_head", "sub_head"])
def test_only_the_official_and_the_appraiser_add_results(skp, people, who):
    _refused(people[who].user, skp, error=PermissionDenied)


def test_a_rated_skp_takes_no_more_results(skp, staff, boss):
    skp_rate_year_end(actor=boss.user, skp=skp, hasil_kerja="sesuai", perilaku="sesuai")
    assert _refused(staff.user, skp).code == "closed"


# --- skp_quarter_review_write ---

FEEDBACK = {"berorientasi_pelayanan": "Ramah kepada warga.", "kolaboratif": "Aktif membantu."}


def test_the_superior_writes_a_quarterly_review(skp, boss):
    result = SkpResultFactory(skp=skp)
    review = skp_quarter_review_write(
        actor=boss.user,
        skp=skp,
        quarter="2",
        realisations={result.pk: "30,5"},
        results_feedback="Sesuai rencana.",
        behaviour_feedback=FEEDBACK | {"loyal": "  "},
    )
    assert (review.quarter, review.reviewer, review.results_feedback) == (
        2,
        boss.user,
        "Sesuai rencana.",
    )
    assert review.behaviour_feedback == FEEDBACK  # blank feedback is not kept
    assert [(r.result, r.value) for r in review.realisations.all()] == [(result, Decimal("30.5"))]
    assert AuditEvent.objects.get(action="skp_review.written").before is None


def test_rewriting_a_quarter_replaces_it_with_an_audit(skp, boss):
    result = SkpResultFactory(skp=skp)
    skp_quarter_review_write(actor=boss.user, skp=skp, quarter=1, realisations={result: 10})
    skp_quarter_review_write(actor=boss.user, skp=skp, quarter=1, realisations={result: 12})
    assert SkpQuarterReview.objects.count() == 1
    assert SkpResultRealisation.objects.get().value == Decimal("12")
    event = AuditEvent.objects.get(action="skp_review.rewritten")
    assert event.before["realisations"] == {str(result.pk): "10.0000"}
    assert event.after["realisations"] == {str(result.pk): "12.0000"}


@pytest.mark.parametrize("who", ["staff", "peer", "sub_head", "b_head"])
def test_only_the_superior_reviews(skp, people, who):
    before = _state()
    with pytest.raises(PermissionDenied):
        skp_quarter_review_write(actor=people[who].user, skp=skp, quarter=1)
    assert _state() == before


@pytest.mark.parametrize("who", ["head_a", "region_admin", "sysadmin"])
def test_roles_do_not_make_a_reviewer(request, skp, who):
    with pytest.raises(PermissionDenied):
        skp_quarter_review_write(actor=request.getfixturevalue(who), skp=skp, quarter=1)
    assert not SkpQuarterReview.objects.exists()


def _bad_review(skp, boss, field, **kwargs):
    before = _state()
    with pytest.raises(DomainError) as caught:
        skp_quarter_review_write(actor=boss.user, skp=skp, **({"quarter": 1} | kwargs))
    assert caught.value.field == field
    assert _state() == before


@pytest.mark.parametrize("quarter", [0, 5, "I", None, True])
def test_a_quarter_outside_one_to_four_is_refused(skp, boss, quarter):
    _bad_review(skp, boss, "quarter", quarter=quarter)


def test_feedback_on_an_unknown_behaviour_is_refused(skp, boss):
    _bad_review(skp, boss, "behaviour_feedback", behaviour_feedback={"disiplin": "Baik."})
    _bad_review(skp, boss, "behaviour_feedback", behaviour_feedback=["akuntabel"])


def test_a_realisation_of_another_skps_result_is_refused(skp, boss, people):
    other = SkpResultFactory(skp=SkpFactory(official=people["peer"], superior=boss))
    _bad_review(skp, boss, "realisations", realisations={other.pk: 5})
    _bad_review(skp, boss, "realisations", realisations={"x": 5})


def test_a_realisation_that_is_no_figure_is_refused(skp, boss):
    result = SkpResultFactory(skp=skp)
    _bad_review(skp, boss, f"realisations.{result.pk}", realisations={result.pk: "banyak"})
    _bad_review(skp, boss, "results_feedback", results_feedback="x" * 4001)


# --- skp_rate_year_end ---


@pytest.mark.parametrize(("pair", "expected"), MATRIX.items())
def test_the_ratings_give_the_predikat_of_the_matrix(skp, boss, pair, expected):
    hasil_kerja, perilaku = pair
    rated = skp_rate_year_end(
        actor=boss.user, skp=skp, hasil_kerja=hasil_kerja.value, perilaku=perilaku.value
    )
    stored = Skp.objects.get(pk=skp.pk)
    assert (stored.hasil_kerja_rating, stored.perilaku_rating) == (hasil_kerja, perilaku)
    assert stored.predikat == rated.predikat == expected
    assert stored.status == "closed" and stored.rated_at is not None
    assert AuditEvent.objects.get(action="skp.rated").after["predikat"] == expected.value


def test_rating_again_corrects_the_predikat_with_an_audit(skp, boss):
    skp_rate_year_end(actor=boss.user, skp=skp, hasil_kerja="atas", perilaku="atas")
    skp_rate_year_end(actor=boss.user, skp=skp, hasil_kerja="bawah", perilaku="bawah")
    assert Skp.objects.get(pk=skp.pk).predikat == "sangat_kurang"
    last = AuditEvent.objects.filter(action="skp.rated").order_by("pk").last()
    assert (last.before["predikat"], last.after["predikat"]) == ("sangat_baik", "sangat_kurang")


@pytest.mark.parametrize(
    ("hasil_kerja", "perilaku", "field"),
    [
        ("Atas", "sesuai", "hasil_kerja"),
        ("baik", "sesuai", "hasil_kerja"),
        (None, "sesuai", "hasil_kerja"),
        ("sesuai", "", "perilaku"),
        ("sesuai", 3, "perilaku"),
        ("sesuai", " atas", "perilaku"),
    ],
)
def test_a_rating_outside_the_three_values_is_refused_clearly(
    skp, boss, hasil_kerja, perilaku, field
):
    before = _state()
    with pytest.raises(InvalidRating) as caught:
        skp_rate_year_end(actor=boss.user, skp=skp, hasil_kerja=hasil_kerja, perilaku=perilaku)
    assert caught.value.field == field
    assert "di bawah, sesuai, atau di atas" in str(caught.value.message)
    assert _state() == before
    with translation.override("en"):
        message = str(InvalidRating("x").message)  # the English message comes from the .po
        with pytest.raises(InvalidRating) as english:
            skp_rate_year_end(actor=boss.user, skp=skp, hasil_kerja="x", perilaku="atas")
        assert message and "expectation" in str(english.value.message).lower()


@pytest.mark.parametrize("who", ["staff", "peer", "b_head"])
def test_only_the_superior_rates(skp, people, who):
    before = _state()
    with pytest.raises(PermissionDenied):
        skp_rate_year_end(actor=people[who].user, skp=skp, hasil_kerja="atas", perilaku="atas")
    assert _state() == before


def test_the_appraiser_recorded_on_the_skp_rates_even_after_a_new_head(skp, boss, unit_a):
    # The SKP keeps the superior it was made with; a head appointed mid-year does not take it over.
    newcomer = official_with_account(unit_a, "kepala_baru")
    unit_a.head = newcomer
    unit_a.save(update_fields=["head"])
    with pytest.raises(PermissionDenied):
        skp_rate_year_end(actor=newcomer.user, skp=skp, hasil_kerja="atas", perilaku="sesuai")
    rated = skp_rate_year_end(actor=boss.user, skp=skp, hasil_kerja="atas", perilaku="sesuai")
    assert rated.predikat == "baik"
