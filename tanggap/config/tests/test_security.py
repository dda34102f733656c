"""The security baseline: argon2, lockout after repeated failures, CSRF, secure headers and CSP."""

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import Client
from django.urls import reverse

from tanggap.accounts.tests.factories import UserFactory
from tanggap.config import settings as production_settings


@pytest.mark.django_db
def test_production_hashes_passwords_with_argon2(settings):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    user = UserFactory()
    user.set_password("kata-sandi-rahasia-1")  # no hasher named: the production default decides
    user.save()
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.password.startswith("argon2$")
    assert user.check_password("kata-sandi-rahasia-1")
    assert not user.check_password("kata-sandi-rahasia-2")


def test_content_security_policy_allows_only_this_host():
    directives = production_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert all("http" not in " ".join(v) for v in directives.values())


@pytest.mark.django_db
def test_pages_send_security_headers(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_login_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_login_succeeds_with_the_right_password(client):
    UserFactory(username="petugas", password="kata-sandi-uji-123")
    response = client.post(
        reverse("accounts:login"), {"username": "petugas", "password": "kata-sandi-uji-123"}
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account(client):
    UserFactory(username="petugas", password="kata-sandi-uji-123")
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "petugas", "password": "salah"})
    response = client.post(
        reverse("accounts:login"), {"username": "petugas", "password": "kata-sandi-uji-123"}
    )
    assert response.status_code == 429
    assert "terkunci" in response.content.decode().lower()
    assert not client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_failed_login_shows_a_message_in_indonesian(client):
    response = client.post(
        reverse("accounts:login"), {"username": "tidak-ada", "password": "salah"}
    )
    assert response.status_code == 200
    assert "nama pengguna" in response.content.decode().lower()


@pytest.mark.django_db
def test_one_address_spraying_passwords_over_many_accounts_is_refused(client, settings):
    """Issue 9, defect 14: the lockout was per username and address, so one address could try four
    passwords on every account. Failures now count per address, whatever the username."""
    from django.core.cache import cache

    cache.clear()
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    UserFactory(username="korban", password="kata-sandi-uji-123")
    login = reverse("accounts:login")
    # One wrong password on each of six accounts: no account reaches its own lockout.
    for n in range(6):
        response = client.post(
            login, {"username": f"akun{n}", "password": "salah"}, REMOTE_ADDR="10.1.1.1"
        )
        assert response.status_code == 200
    refused = client.post(
        login, {"username": "korban", "password": "kata-sandi-uji-123"}, REMOTE_ADDR="10.1.1.1"
    )
    assert refused.status_code == 429
    assert not client.session.get("_auth_user_id")
    other = client.post(
        login, {"username": "korban", "password": "kata-sandi-uji-123"}, REMOTE_ADDR="10.1.1.2"
    )
    assert other.status_code == 302  # another address signs in as usual
