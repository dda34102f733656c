"""Accounts and roles: who may open an account, grant or revoke a role, deactivate someone; all audited."""

import pytest

from tanggap.accounts import services
from tanggap.accounts.models import Role, RoleAssignment, User
from tanggap.accounts.permissions import can_manage_region, has_unit_role
from tanggap.accounts.tests.factories import UserFactory
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.org.tests.factories import UnitFactory, official_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(unit_a):
    return official_in(unit_a, name="Sri Wahyuni")


# --- accounts for officials ------------------------------------------------------------------------


def test_an_account_for_an_official_uses_the_nip_and_a_hashed_temporary_password(
    region_admin, official
):
    user, password = services.user_create_for_official(actor=region_admin, official=official)
    assert user.username == official.nip
    assert user.full_name == "Sri Wahyuni"
    assert len(password) >= 12
    assert user.password != password and user.check_password(password)
    official.refresh_from_db()
    assert official.user == user
    event = AuditEvent.objects.get(action="user.created")
    assert event.region_id == official.region_id
    assert password not in str(event.after) and "password" not in event.after


def test_temporary_passwords_differ_each_time():
    assert len({services.make_temporary_password() for _ in range(20)}) == 20


def test_a_chosen_username_is_used_and_must_be_free(region_admin, official, unit_a):
    UserFactory(username="sri")
    with pytest.raises(DomainError) as caught:
        services.user_create_for_official(actor=region_admin, official=official, username="SRI")
    assert caught.value.field == "username"
    with pytest.raises(DomainError):
        services.user_create_for_official(
            actor=region_admin, official=official, username="sri wahyuni!"
        )
    user, _ = services.user_create_for_official(
        actor=region_admin, official=official, username="sri.w"
    )
    assert user.username == "sri.w"


def test_an_official_gets_one_account_only(region_admin, official):
    services.user_create_for_official(actor=region_admin, official=official)
    with pytest.raises(DomainError) as caught:
        services.user_create_for_official(actor=region_admin, official=official)
    assert caught.value.code == "has_account"
    assert User.objects.filter(official__isnull=False).count() == 1


def test_only_a_manager_of_the_officials_region_opens_an_account(unit_admin_a, evaluator, official):
    for actor in (unit_admin_a, evaluator):
        with pytest.raises(PermissionDenied):
            services.user_create_for_official(actor=actor, official=official)
    official.refresh_from_db()
    assert official.user is None


# --- roles ---------------------------------------------------------------------------------------------


def test_a_unit_role_is_granted_in_a_unit_and_takes_effect_at_once(region_admin, unit_a):
    user = UserFactory()
    assert not has_unit_role(user, unit_a, {Role.COMPLAINT_HANDLER})  # fills the role cache
    assignment = services.role_assign(
        actor=region_admin, user=user, role=Role.COMPLAINT_HANDLER, unit=unit_a
    )
    assert assignment.region == unit_a.region
    assert has_unit_role(user, unit_a, {Role.COMPLAINT_HANDLER})  # the cache was dropped
    event = AuditEvent.objects.get(action="role.assigned")
    assert event.after == {
        "user": user.pk,
        "role": "complaint_handler",
        "region": unit_a.region_id,
        "unit": unit_a.pk,
    }


@pytest.mark.parametrize(
    ("role", "scope", "field"),
    [
        (Role.FRONT_DESK, "region", "unit"),  # a unit role without a unit
        (Role.UNIT_HEAD, "none", "unit"),
        (Role.REGION_ADMIN, "none", "region"),  # a region role without a region
        (Role.EVALUATOR, "both", "unit"),  # a region role tied to a unit
        ("superhero", "region", "role"),
    ],
)
def test_a_role_needs_the_scope_of_its_kind(sysadmin, region, unit_a, role, scope, field):
    kwargs = {"none": {}, "region": {"region": region}, "both": {"region": region, "unit": unit_a}}[
        scope
    ]
    with pytest.raises(DomainError) as caught:
        services.role_assign(actor=sysadmin, user=UserFactory(), role=role, **kwargs)
    assert caught.value.field == field
    assert not RoleAssignment.objects.filter(role=role).exclude(user__username="sysadmin").exists()


def test_a_unit_from_another_region_than_the_one_named_is_refused(sysadmin, other_region, unit_a):
    with pytest.raises(DomainError):
        services.role_assign(
            actor=sysadmin,
            user=UserFactory(),
            role=Role.FRONT_DESK,
            region=other_region,
            unit=unit_a,
        )


def test_only_a_sysadmin_grants_sysadmin(region_admin, sysadmin):
    user = UserFactory()
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=region_admin, user=user, role=Role.SYSADMIN)
    services.role_assign(actor=sysadmin, user=user, role=Role.SYSADMIN)
    assert RoleAssignment.objects.filter(user=user, role=Role.SYSADMIN, region=None).exists()


def test_a_region_admin_grants_region_roles_only_in_their_region(
    region_admin, region, other_region
):
    user = UserFactory()
    services.role_assign(actor=region_admin, user=user, role=Role.EVALUATOR, region=region)
    with pytest.raises(PermissionDenied):
        services.role_assign(
            actor=region_admin, user=user, role=Role.EVALUATOR, region=other_region
        )


def test_the_same_role_is_not_granted_twice(region_admin, unit_a):
    user = UserFactory()
    services.role_assign(actor=region_admin, user=user, role=Role.FRONT_DESK, unit=unit_a)
    with pytest.raises(DomainError) as caught:
        services.role_assign(actor=region_admin, user=user, role=Role.FRONT_DESK, unit=unit_a)
    assert caught.value.code == "duplicate"


def test_roles_are_not_granted_in_archived_units_or_to_inactive_accounts(
    region_admin, region, unit_a
):
    closed = UnitFactory(region=region, is_active=False)
    with pytest.raises(DomainError):
        services.role_assign(
            actor=region_admin, user=UserFactory(), role=Role.FRONT_DESK, unit=closed
        )
    with pytest.raises(DomainError):
        services.role_assign(
            actor=region_admin, user=UserFactory(is_active=False), role=Role.FRONT_DESK, unit=unit_a
        )


def test_revoking_a_role_takes_effect_at_once_and_is_audited(region_admin, region):
    user = UserFactory()
    assignment = services.role_assign(
        actor=region_admin, user=user, role=Role.REGION_ADMIN, region=region
    )
    assert can_manage_region(user, region)
    services.role_revoke(actor=region_admin, assignment=assignment)
    assert not can_manage_region(user, region)
    assert AuditEvent.objects.get(action="role.revoked").before["role"] == "region_admin"


def test_nobody_revokes_their_own_role(region_admin):
    own = RoleAssignment.objects.get(user=region_admin)
    with pytest.raises(DomainError) as caught:
        services.role_revoke(actor=region_admin, assignment=own)
    assert caught.value.code == "own_role"
    assert RoleAssignment.objects.filter(pk=own.pk).exists()


def test_a_region_admin_cannot_revoke_a_sysadmin_role(region_admin, sysadmin):
    with pytest.raises(PermissionDenied):
        services.role_revoke(
            actor=region_admin, assignment=RoleAssignment.objects.get(user=sysadmin)
        )


def test_a_unit_admin_cannot_grant_roles_even_in_their_unit(unit_admin_a, unit_a):
    with pytest.raises(PermissionDenied):
        services.role_assign(
            actor=unit_admin_a, user=UserFactory(), role=Role.FRONT_DESK, unit=unit_a
        )


# --- deactivation and passwords ---------------------------------------------------------------------


def test_a_region_admin_deactivates_an_account_of_their_region_with_a_reason(
    region_admin, handler_a
):
    with pytest.raises(DomainError):
        services.user_deactivate(actor=region_admin, user=handler_a, reason="")
    services.user_deactivate(actor=region_admin, user=handler_a, reason="Pindah instansi")
    handler_a.refresh_from_db()
    assert not handler_a.is_active
    assert AuditEvent.objects.get(action="user.deactivated").note == "Pindah instansi"
    services.user_reactivate(actor=region_admin, user=handler_a)
    handler_a.refresh_from_db()
    assert handler_a.is_active


def test_nobody_deactivates_themselves_or_someone_outside_their_regions(
    region_admin, other_region, sysadmin
):
    outsider = UserFactory()
    services.role_assign(actor=sysadmin, user=outsider, role=Role.EVALUATOR, region=other_region)
    for target in (region_admin, outsider, sysadmin):
        with pytest.raises(PermissionDenied):
            services.user_deactivate(actor=region_admin, user=target, reason="x")


def test_a_person_changes_their_own_password_only(handler_a, handler_b):
    services.user_password_change(actor=handler_a, user=handler_a, password="Kopi-Tubruk-2026")
    handler_a.refresh_from_db()
    assert handler_a.check_password("Kopi-Tubruk-2026")
    assert AuditEvent.objects.get(action="user.password_changed").after is None
    with pytest.raises(PermissionDenied):
        services.user_password_change(actor=handler_b, user=handler_a, password="Kopi-Tubruk-2027")
    with pytest.raises(DomainError):
        services.user_password_change(actor=handler_a, user=handler_a, password="123")
