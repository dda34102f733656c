"""Who sees which SKP (a matrix of personas), the detail's query count, and the unit's predikat
distribution checked against the unit's own rating."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.performance.models import SkpQuarterReview, SkpResultRealisation
from tanggap.performance.selectors import (
    skp_detail_for,
    skp_list_visible_to,
    unit_predikat_distribution,
)
from tanggap.performance.skp import InvalidRating
from tanggap.performance.tests.factories import SkpFactory, SkpResultFactory

pytestmark = pytest.mark.django_db

# Whose SKP, appraised by whom (the foreign official's SKP names themselves: the factory does not care).
APPRAISERS = {
    "staff": "boss",
    "peer": "boss",
    "sub_head": "boss",
    "sub_staff": "sub_head",
    "b_staff": "b_head",
    "foreign": "foreign",
}


@pytest.fixture
def skps(people):
    return {
        name: SkpFactory(official=people[name], superior=people[boss], year=2026)
        for name, boss in APPRAISERS.items()
    }


UNIT_A_TREE = {"staff", "peer", "sub_head", "sub_staff"}
OFFICIALS = {
    "staff": {"staff"},
    "peer": {"peer"},
    "sub_staff": {"sub_staff"},
    "boss": {"staff", "peer", "sub_head"},
    "sub_head": {"sub_head", "sub_staff"},
    "b_head": {"b_staff"},
    "b_staff": {"b_staff"},
}
ROLES = {
    "head_a": UNIT_A_TREE,
    "unit_admin_a": set(),
    "front_desk_a": set(),
    "handler_b": set(),
    "evaluator": set(),
    "leader": set(),
    "citizen": set(),
    "region_admin": UNIT_A_TREE | {"b_staff"},
    "sysadmin": set(APPRAISERS),
}


def _seen(user, skps):
    visible = set(skp_list_visible_to(user=user))
    return {name for name, skp in skps.items() if skp in visible}


@pytest.mark.parametrize(("who", "expected"), OFFICIALS.items())
def test_an_official_sees_their_own_and_a_superior_their_teams(people, skps, who, expected):
    assert _seen(people[who].user, skps) == expected


@pytest.mark.parametrize(("who", "expected"), ROLES.items())
def test_a_unit_head_sees_the_units_and_the_region_admin_the_regions(request, skps, who, expected):
    assert _seen(request.getfixturevalue(who), skps) == expected


def test_anonymous_sees_nothing(skps):
    assert list(skp_list_visible_to(user=AnonymousUser())) == []


def test_the_list_filters_by_year_and_official(people, skps, region_admin):
    old = SkpFactory(official=people["staff"], superior=people["boss"], year=2025)
    assert list(skp_list_visible_to(user=region_admin, year=2025)) == [old]
    mine = skp_list_visible_to(user=region_admin, official_id=people["staff"].pk)
    assert list(mine) == [skps["staff"], old]


@pytest.mark.parametrize("name", ["b_staff", "foreign", "sub_staff"])
def test_the_detail_of_an_skp_out_of_scope_is_not_found(people, skps, name):
    with pytest.raises(NotFound):
        skp_detail_for(user=people["staff"].user, skp_id=skps[name].pk)


@pytest.mark.parametrize("skp_id", ["tidak-ada", None, 10**9])
def test_the_detail_of_a_bad_id_is_not_found(people, skps, skp_id):
    with pytest.raises(NotFound):
        skp_detail_for(user=people["boss"].user, skp_id=skp_id)


def test_the_list_takes_a_fixed_number_of_queries(people, skps, django_assert_num_queries):
    for name in ("staff", "peer"):
        SkpFactory(official=people[name], superior=people["boss"], year=2025)
    user = type(people["boss"].user).objects.get(pk=people["boss"].user.pk)
    # the roles, the official, the units they head, the heads below, the SKP with their people
    with django_assert_num_queries(5):
        rows = list(skp_list_visible_to(user=user))
        assert (
            len(rows) == 5
            and {str(r.official.unit) for r in rows}
            and all(r.superior for r in rows)
        )


def test_the_detail_loads_results_reviews_and_realisation_in_fixed_queries(
    people, skps, django_assert_num_queries
):
    skp = skps["staff"]
    results = [SkpResultFactory(skp=skp) for _ in range(3)]
    for quarter in (1, 2):
        review = SkpQuarterReview.objects.create(
            skp=skp, quarter=quarter, reviewed_at=timezone.now()
        )
        for result in results:
            SkpResultRealisation.objects.create(review=review, result=result, value=quarter)
    user = people["staff"].user
    list(skp_list_visible_to(user=user))  # caches the roles and the official
    # the headed units, the SKP, its results (with indicators), its reviews, their realisation
    with django_assert_num_queries(5):
        detail = skp_detail_for(user=user, skp_id=skp.pk)
        assert len(detail.results.all()) == 3
        assert [len(r.realisations.all()) for r in detail.reviews.all()] == [3, 3]


# --- the unit's predikat distribution ---


def _rate(skps, predikats):
    for name, value in predikats.items():
        skps[name].predikat = value
        skps[name].save(update_fields=["predikat"])


def test_a_distribution_within_the_rules_has_no_warning(people, skps, unit_a):
    _rate(skps, {"staff": "baik", "peer": "butuh_perbaikan"})
    found = unit_predikat_distribution(
        user=people["boss"].user, unit=unit_a, year=2026, unit_rating="baik"
    )
    assert sorted(found.predikats) == ["baik", "butuh_perbaikan"]
    assert found.violations == []


def test_a_distribution_that_breaks_the_rules_shows_warnings(people, skps, unit_a, region_admin):
    _rate(skps, {"staff": "sangat_baik", "peer": "sangat_baik", "sub_head": "kurang"})
    found = unit_predikat_distribution(
        user=region_admin, unit=unit_a, year=2026, unit_rating="butuh_perbaikan"
    )
    # sub_head belongs to the UPTD, not to unit A itself
    assert sorted(found.predikats) == ["sangat_baik", "sangat_baik"]
    assert [v.rule.kind for v in found.violations] == ["at_least", "at_most"]
    assert all("2 pegawai" in v.message for v in found.violations)


def test_unrated_skps_and_other_years_do_not_count(people, skps, unit_a, head_a):
    SkpFactory(official=people["staff"], superior=people["boss"], year=2025, predikat="kurang")
    found = unit_predikat_distribution(user=head_a, unit=unit_a, year=2026, unit_rating="baik")
    assert found.predikats == [] and found.violations == []


def test_a_bad_unit_rating_is_refused(people, skps, unit_a):
    with pytest.raises(InvalidRating):
        unit_predikat_distribution(
            user=people["boss"].user, unit=unit_a, year=2026, unit_rating="luar biasa"
        )


@pytest.mark.parametrize("who", ["staff", "sub_head", "b_head"])
def test_only_the_units_head_and_region_admin_read_the_distribution(people, skps, unit_a, who):
    with pytest.raises(PermissionDenied):
        unit_predikat_distribution(
            user=people[who].user, unit=unit_a, year=2026, unit_rating="baik"
        )
