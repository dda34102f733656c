"""Account and role pages: a region's accounts, opening one for an official, granting and revoking roles."""

import pytest
from django.urls import reverse

from tanggap.accounts import selectors
from tanggap.accounts.models import Role, RoleAssignment, User
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.org.tests.factories import UnitFactory, official_in

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"users:{name}", args=args)


@pytest.fixture
def admin_client(client, region_admin):
    client.force_login(region_admin)
    return client


@pytest.fixture
def foreign_user(other_region):
    user = UserFactory(username="orang_lain", full_name="Orang Kota Lain")
    RoleAssignmentFactory(user=user, role=Role.FRONT_DESK, unit=UnitFactory(region=other_region))
    return user


# --- selectors -----------------------------------------------------------------------------------------


def test_a_region_reader_sees_the_accounts_of_their_region_only(
    region_admin, evaluator, handler_a, foreign_user
):
    for reader in (region_admin, evaluator):
        usernames = set(
            selectors.user_list_visible_to(user=reader).values_list("username", flat=True)
        )
        assert "handler_a" in usernames and "orang_lain" not in usernames


def test_an_official_account_without_roles_is_listed_in_its_region(region_admin, unit_a):
    official = official_in(unit_a)
    official.user = UserFactory(username="tanpa_peran")
    official.save()
    assert selectors.user_list_visible_to(user=region_admin).filter(username="tanpa_peran").exists()


def test_unit_roles_see_no_accounts(handler_a):
    assert not selectors.user_list_visible_to(user=handler_a).exists()


def test_the_sysadmin_sees_every_account(sysadmin, handler_a, foreign_user):
    usernames = set(
        selectors.user_list_visible_to(user=sysadmin).values_list("username", flat=True)
    )
    assert {"handler_a", "orang_lain", "sysadmin"} <= usernames


# --- pages -----------------------------------------------------------------------------------------------


def test_the_account_list_takes_constant_queries(
    admin_client, region, unit_a, django_assert_max_num_queries
):
    for _ in range(30):
        user = UserFactory()
        RoleAssignmentFactory(user=user, role=Role.FRONT_DESK, unit=unit_a)
        RoleAssignmentFactory(user=user, role=Role.COMPLAINT_HANDLER, unit=unit_a)
    with django_assert_max_num_queries(9):
        response = admin_client.get(url("user_list"), {"wilayah": region.slug})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 31  # the 30 and the admin herself


def test_unit_staff_and_citizens_cannot_open_the_account_pages(client, handler_a, citizen):
    for user in (handler_a, citizen):
        client.force_login(user)
        assert client.get(url("user_list")).status_code == 403


def test_another_regions_account_is_not_found(admin_client, foreign_user):
    assert admin_client.get(url("user_detail", foreign_user.pk)).status_code == 404


def test_creating_an_account_shows_the_temporary_password_once(admin_client, region, unit_a):
    official = official_in(unit_a)
    page = admin_client.get(url("user_create"), {"pegawai": official.pk})
    assert page.status_code == 200
    response = admin_client.post(f"{url('user_create')}?pegawai={official.pk}", {"username": ""})
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert password in response.text
    user = User.objects.get(username=official.nip)
    assert user.check_password(password)
    detail = admin_client.get(url("user_detail", user.pk))
    assert password not in detail.text


def test_creating_an_account_with_a_taken_username_shows_an_error(admin_client, unit_a):
    UserFactory(username="dipakai")
    official = official_in(unit_a)
    response = admin_client.post(
        f"{url('user_create')}?pegawai={official.pk}", {"username": "dipakai"}
    )
    assert response.status_code == 200
    assert "sudah dipakai" in response.text
    official.refresh_from_db()
    assert official.user is None


def test_the_create_page_needs_a_visible_official(admin_client, other_region):
    foreign = official_in(UnitFactory(region=other_region))
    assert admin_client.get(url("user_create")).status_code == 404
    assert admin_client.get(url("user_create"), {"pegawai": "abc"}).status_code == 404
    assert admin_client.get(url("user_create"), {"pegawai": foreign.pk}).status_code == 404


def test_an_evaluator_reads_accounts_but_cannot_change_them(client, evaluator, handler_a, unit_a):
    client.force_login(evaluator)
    detail = client.get(url("user_detail", handler_a.pk))
    assert detail.status_code == 200
    assert url("role_assign", handler_a.pk) not in detail.text
    response = client.post(
        url("role_assign", handler_a.pk), {"role": Role.UNIT_HEAD, "unit": unit_a.pk}
    )
    assert response.status_code == 403
    assert client.post(url("user_deactivate", handler_a.pk), {"reason": "x"}).status_code == 403
    assert not RoleAssignment.objects.filter(user=handler_a, role=Role.UNIT_HEAD).exists()
    official = official_in(unit_a)
    assert client.get(url("user_create"), {"pegawai": official.pk}).status_code == 403


def test_a_role_is_granted_and_revoked_from_the_account_page(admin_client, handler_a, unit_a):
    response = admin_client.post(
        url("role_assign", handler_a.pk), {"role": Role.UNIT_HEAD, "unit": unit_a.pk}
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=handler_a, role=Role.UNIT_HEAD)
    response = admin_client.post(url("role_revoke", handler_a.pk, assignment.pk))
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_a_unit_role_without_a_unit_is_shown_as_an_error(admin_client, handler_a, region):
    response = admin_client.post(
        url("role_assign", handler_a.pk), {"role": Role.FRONT_DESK, "region": region.pk}
    )
    assert response.status_code == 200
    assert "memerlukan unit" in response.text
    assert RoleAssignment.objects.filter(user=handler_a).count() == 1


def test_the_sysadmin_role_is_not_offered_to_a_region_admin(admin_client, handler_a):
    response = admin_client.get(url("user_detail", handler_a.pk))
    assert 'value="sysadmin"' not in response.text
    forged = admin_client.post(url("role_assign", handler_a.pk), {"role": "sysadmin"})
    assert forged.status_code == 200
    assert not RoleAssignment.objects.filter(user=handler_a, role="sysadmin").exists()


def test_revoking_ones_own_role_is_refused_with_a_message(admin_client, region_admin):
    own = RoleAssignment.objects.get(user=region_admin)
    response = admin_client.post(url("role_revoke", region_admin.pk, own.pk), follow=True)
    assert response.status_code == 200
    assert RoleAssignment.objects.filter(pk=own.pk).exists()


def test_an_account_is_deactivated_with_a_reason(admin_client, handler_a):
    assert (
        admin_client.post(url("user_deactivate", handler_a.pk), {"reason": ""}).status_code == 200
    )
    handler_a.refresh_from_db()
    assert handler_a.is_active
    assert (
        admin_client.post(
            url("user_deactivate", handler_a.pk), {"reason": "Mutasi keluar"}
        ).status_code
        == 302
    )
    handler_a.refresh_from_db()
    assert not handler_a.is_active
    assert admin_client.post(url("user_reactivate", handler_a.pk)).status_code == 302
    again = admin_client.post(url("user_reactivate", handler_a.pk), follow=True)
    assert again.status_code == 200 and "sudah aktif" in again.text
