"""Who sees which performance agreements: a matrix of personas over two units and two regions."""

from __future__ import annotations

import pytest

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory
from tanggap.core.errors import NotFound
from tanggap.performance.permissions import may_manage_agreement, may_read_agreement
from tanggap.performance.selectors import agreement_detail_for, agreement_list_visible_to
from tanggap.performance.tests.factories import AgreementFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def _region_admin_of(region):
    return RoleAssignmentFactory(role=Role.REGION_ADMIN, region=region, unit=None).user


@pytest.fixture
def agreements(unit_a, unit_b, other_region):
    from tanggap.org.tests.factories import UnitFactory

    far = UnitFactory(region=other_region, slug="dinas-jauh")
    return {
        "a": AgreementFactory(unit=unit_a, year=2026),
        "a_old": AgreementFactory(unit=unit_a, year=2025),
        "b": AgreementFactory(unit=unit_b, year=2026),
        "far": AgreementFactory(unit=far, year=2026),
    }


MATRIX = {
    "head_a": {"a", "a_old"},
    "unit_admin_a": {"a", "a_old"},
    "front_desk_a": {"a", "a_old"},
    "handler_b": {"b"},
    "region_admin": {"a", "a_old", "b"},
    "evaluator": {"a", "a_old", "b"},
    "leader": {"a", "a_old", "b"},
    "sysadmin": {"a", "a_old", "b", "far"},
    "citizen": set(),
}


@pytest.mark.parametrize(("who", "expected"), MATRIX.items())
def test_each_persona_sees_exactly_the_agreements_of_their_scope(
    request, agreements, who, expected
):
    user = request.getfixturevalue(who)
    visible = set(agreement_list_visible_to(user=user))
    assert visible == {agreements[key] for key in expected}
    for key, agreement in agreements.items():
        assert may_read_agreement(user, agreement.unit) == (key in expected or who == "sysadmin")


def test_anonymous_sees_nothing(agreements):
    from django.contrib.auth.models import AnonymousUser

    assert list(agreement_list_visible_to(user=AnonymousUser())) == []


def test_the_list_filters_by_unit_and_year(region_admin, agreements, unit_a):
    assert list(agreement_list_visible_to(user=region_admin, unit_id=unit_a.pk)) == [
        agreements["a"],
        agreements["a_old"],
    ]
    assert list(agreement_list_visible_to(user=region_admin, unit_id=unit_a.pk, year=2025)) == [
        agreements["a_old"]
    ]


def test_the_list_takes_a_fixed_number_of_queries(
    region_admin, agreements, django_assert_num_queries
):
    region_admin = type(region_admin).objects.get(pk=region_admin.pk)  # roles not yet cached
    with django_assert_num_queries(2):  # the roles, then the agreements with their units
        rows = list(agreement_list_visible_to(user=region_admin))
        assert [str(row.unit.region) for row in rows]


def test_the_detail_loads_indicators_and_realisation_in_four_queries(
    head_a, agreements, django_assert_num_queries
):
    for _ in range(3):
        IndicatorFactory(agreement=agreements["a"])
    head_a = type(head_a).objects.get(pk=head_a.pk)
    list(agreement_list_visible_to(user=head_a))  # caches the roles
    # the units below the head's unit, the agreement, its indicators, their realisation
    with django_assert_num_queries(4):
        agreement = agreement_detail_for(user=head_a, agreement_id=agreements["a"].pk)
        assert [list(i.realisations.all()) for i in agreement.indicators.all()] == [[], [], []]


@pytest.mark.parametrize("agreement_id", ["b", "far", "tidak-ada", None, 10**9])
def test_the_detail_of_an_agreement_out_of_scope_is_not_found(head_a, agreements, agreement_id):
    pk = agreements[agreement_id].pk if agreement_id in agreements else agreement_id
    with pytest.raises(NotFound):
        agreement_detail_for(user=head_a, agreement_id=pk)


@pytest.mark.parametrize(
    ("who", "unit", "allowed"),
    [
        ("head_a", "unit_a", True),
        ("unit_admin_a", "unit_a", True),
        ("region_admin", "unit_b", True),
        ("front_desk_a", "unit_a", False),
        ("handler_a", "unit_a", False),
        ("head_a", "unit_b", False),
        ("evaluator", "unit_a", False),
        ("leader", "unit_a", False),
        ("citizen", "unit_a", False),
    ],
)
def test_who_may_manage_a_units_agreement(request, who, unit, allowed):
    user = request.getfixturevalue(who)
    assert may_manage_agreement(user, request.getfixturevalue(unit)) is allowed


def test_region_admin_of_another_region_may_not_manage(other_region, unit_a):
    stranger = _region_admin_of(other_region)
    assert not may_manage_agreement(stranger, unit_a)
    assert not may_read_agreement(stranger, unit_a)
