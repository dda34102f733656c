"""The shared permission rules: region roles reach the region, unit roles reach their unit and below."""

import pytest

from tanggap.accounts import permissions as perm
from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.org.tests.factories import UnitFactory


@pytest.fixture
def mpp(region):
    return UnitFactory(region=region, kind="mpp", slug="mpp", name="MPP Uji")


@pytest.fixture
def booth(mpp):
    return UnitFactory(
        region=mpp.region, kind="mpp_booth", parent=mpp, slug="gerai", name="Gerai Uji"
    )


def test_unit_admin_of_the_mpp_manages_its_booths(mpp, booth):
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.UNIT_ADMIN, unit=mpp)
    assert perm.can_manage_unit_services(user, booth)
    assert perm.unit_ids_with(user, {Role.UNIT_ADMIN}) == {mpp.pk, booth.pk}


def test_unit_admin_of_a_booth_does_not_manage_the_mpp(mpp, booth):
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.UNIT_ADMIN, unit=booth)
    assert perm.can_manage_unit_services(user, booth)
    assert not perm.can_manage_unit_services(user, mpp)


def test_region_admin_manages_every_unit_of_the_region_only(
    region, other_region, unit_a, region_admin
):
    foreign_unit = UnitFactory(region=other_region)
    assert perm.can_manage_region(region_admin, region)
    assert perm.can_manage_unit_services(region_admin, unit_a)
    assert not perm.can_manage_region(region_admin, other_region)
    assert not perm.can_manage_unit_services(region_admin, foreign_unit)


def test_evaluator_reads_but_does_not_manage(region, unit_a, evaluator):
    assert perm.can_view_region_internal(evaluator, region)
    assert perm.can_view_unit_internal(evaluator, unit_a)
    assert not perm.can_manage_region(evaluator, region)
    assert not perm.can_manage_unit_services(evaluator, unit_a)


def test_unit_head_may_enact_but_front_desk_may_not(unit_a, head_a, front_desk_a):
    assert perm.can_enact_standard(head_a, unit_a)
    assert not perm.can_manage_unit_services(head_a, unit_a)
    assert not perm.can_enact_standard(front_desk_a, unit_a)
    assert perm.can_view_unit_internal(front_desk_a, unit_a)


def test_handler_of_unit_b_cannot_see_unit_a(unit_a, handler_b):
    assert not perm.can_view_unit_internal(handler_b, unit_a)


def test_sysadmin_acts_everywhere(region, other_region, sysadmin):
    assert perm.is_sysadmin(sysadmin)
    assert perm.can_manage_region(sysadmin, other_region)
    assert perm.visible_region_ids(sysadmin) is None


def test_anonymous_and_citizen_have_no_staff_rights(region, unit_a, citizen):
    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), citizen, None):
        assert not perm.is_staff_member(user)
        assert not perm.can_view_unit_internal(user, unit_a)
        assert not perm.can_manage_region(user, region)


def test_roles_are_read_once_per_request(unit_a, head_a, django_assert_num_queries):
    perm.forget_roles(head_a)
    with django_assert_num_queries(1):
        perm.region_ids_with(head_a, {Role.UNIT_HEAD})
        perm.region_ids_with(head_a, {Role.UNIT_ADMIN})
        perm.visible_region_ids(head_a)
