"""One's own account: the temporary password is changed through the audited service."""

import pytest
from django.urls import reverse


def url(name, *args):
    return reverse(f"accounts:{name}", args=args)


def test_a_person_changes_their_temporary_password(client, handler_a):
    client.force_login(handler_a)
    response = client.post(
        url("password_change"),
        {
            "old_password": "kata-sandi-uji-123",
            "new_password1": "Kopi-Tubruk-2026",
            "new_password2": "Kopi-Tubruk-2026",
        },
    )
    assert response.status_code == 302
    handler_a.refresh_from_db()
    assert handler_a.check_password("Kopi-Tubruk-2026")
    assert client.get(url("password_change_done")).status_code == 200  # still signed in


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_sysadmin_dashboard_names_the_scope_never_none(client, language):
    from tanggap.accounts.models import Role, RoleAssignment
    from tanggap.accounts.tests.factories import UserFactory

    admin = UserFactory(username="sysadmin_dasbor")
    RoleAssignment.objects.create(user=admin, role=Role.SYSADMIN)
    client.force_login(admin)
    client.cookies["django_language"] = language
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "None" not in html
    expected = "Admin sistem (semua wilayah)" if language == "id" else "System administrator"
    assert html.count(expected) == 1
