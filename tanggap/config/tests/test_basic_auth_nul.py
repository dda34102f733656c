"""HTTP Basic credentials are input too: a NUL byte in them must not reach the database (PostgreSQL refuses
NUL in text and the request would end in a 500)."""

import base64

import pytest


def basic(username: str, password: str) -> str:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return f"Basic {token}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username,password",
    [("admin\x00", "secret"), ("admin", "sec\x00ret"), ("\x00", "\x00")],
)
def test_basic_credentials_with_nul_are_refused_without_a_server_error(client, username, password):
    response = client.get("/api/complaints/", HTTP_AUTHORIZATION=basic(username, password))
    assert response.status_code in (400, 401, 403)
    assert response.json()["code"] in ("invalid", "authentication_failed", "not_authenticated")
