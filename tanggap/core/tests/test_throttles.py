"""The shared per-client rate limits: rates from the environment are checked, keys follow the client."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from tanggap.core.testing import UserFactory
from tanggap.core.throttles import RATES, SCOPES, ClientRateThrottle, _rate


def test_every_scope_has_a_valid_fallback_rate():
    assert set(RATES) == set(SCOPES)
    assert all("/" in rate for rate in RATES.values())


def test_a_malformed_rate_in_the_environment_fails_loudly(monkeypatch):
    monkeypatch.setenv("API_SURVEY_RATE", "sepuluh")
    with pytest.raises(ImproperlyConfigured):
        _rate("API_SURVEY_RATE", "10/minute")


@pytest.mark.django_db
def test_signed_in_users_are_counted_by_account_and_others_by_address():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.7")
    request.user = AnonymousUser()
    throttle = ClientRateThrottle()
    assert throttle.get_cache_key(request, None).endswith("_10.0.0.7")
    request.user = UserFactory()
    assert throttle.get_cache_key(request, None).endswith(f"_{request.user.pk}")
