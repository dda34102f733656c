"""Password spraying: one address trying a few passwords on many accounts.

django-axes locks a username at one address after AXES_FAILURE_LIMIT failures; that leaves an address free
to try four passwords on every account. This counts every failed sign-in per client address, whatever the
username, and refuses that address's sign-in attempts (429) once it passes LOGIN_ADDRESS_FAILURE_LIMIT within
the cool-off period. The limit is high enough for an office whose staff share one address.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.core.cache import cache

from tanggap.core.decorators import too_many_requests
from tanggap.core.throttles import ClientRateThrottle

KEY = "login-failures:{address}"


def client_address(request) -> str:
    """The client's address as the rate limits see it (proxy-aware)."""
    return ClientRateThrottle().get_ident(request)


def _window_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME * 3600)


def failures_from(address: str) -> int:
    return int(cache.get(KEY.format(address=address), 0))


def record_failure(sender, credentials=None, request=None, **kwargs) -> None:
    """`user_login_failed` receiver: one more failure from this address (the window starts at the first)."""
    if request is None:
        return
    key = KEY.format(address=client_address(request))
    if not cache.add(key, 1, timeout=_window_seconds()):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=_window_seconds())


def refuse_sprayed_addresses(view):
    """Refuse sign-in POSTs from an address past the limit, before any password is checked."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
        if request.method == "POST" and failures_from(client_address(request)) >= limit:
            return too_many_requests(request)
        return view(request, *args, **kwargs)

    return wrapper
