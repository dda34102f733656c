"""The shared per-client rate limits: rates from the environment are checked, keys follow the client."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from tanggap.accounts.tests.factories import UserFactory
from tanggap.core.throttles import RATES, SCOPES, ClientRateThrottle, _rate


@pytest.mark.parametrize("scope", sorted(SCOPES))
def test_every_scope_has_a_default_rate_the_throttle_can_use(scope):
    _variable, default = SCOPES[scope]
    requests, seconds = ClientRateThrottle().parse_rate(default)
    assert requests > 0
    assert seconds in {1, 60, 3600, 86400}


def test_a_rate_from_the_environment_replaces_the_default(monkeypatch):
    monkeypatch.setenv("API_SURVEY_RATE", "3/hour")
    assert _rate("API_SURVEY_RATE", "10/minute") == "3/hour"
    monkeypatch.delenv("API_SURVEY_RATE")
    assert _rate("API_SURVEY_RATE", "10/minute") == "10/minute"


def test_a_client_is_refused_once_its_rate_is_spent_and_others_are_not(monkeypatch):
    monkeypatch.setitem(RATES, "survey_public", "2/minute")
    cache.clear()

    class SurveyThrottle(ClientRateThrottle):
        scope = "survey_public"

    def attempt(address):
        request = RequestFactory().get("/", REMOTE_ADDR=address)
        request.user = AnonymousUser()
        return SurveyThrottle().allow_request(request, None)

    assert [attempt("10.0.0.9") for _ in range(3)] == [True, True, False]
    assert attempt("10.0.0.10") is True


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
