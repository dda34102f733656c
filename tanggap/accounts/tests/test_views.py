"""One's own account: the temporary password is changed through the audited service."""

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
