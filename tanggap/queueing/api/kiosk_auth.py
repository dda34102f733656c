"""How a kiosk proves itself, with the token shown once when it was registered.

- To the API: `Authorization: Kiosk <token>`. Only the walk-in endpoint uses it; the request stays
  anonymous (`request.user`) and `request.auth` is the kiosk. A header cannot be sent by another site's
  page, so no CSRF check is needed; the API never reads the pages' cookie.
- To the kiosk pages: the signed, HttpOnly cookie the pairing page left in the browser (`paired_kiosk`);
  those pages post forms with a CSRF token.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.signing import BadSignature
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from tanggap.core.errors import PermissionDenied
from tanggap.queueing import selectors
from tanggap.queueing.models import KioskDevice
from tanggap.queueing.permissions import kiosk_may_issue_at

KEYWORD = "Kiosk"
COOKIE = "tanggap_kiosk_device"
COOKIE_SALT = "tanggap.queueing.kiosk-device"
COOKIE_MAX_AGE = 400 * 24 * 3600  # browsers cap cookies at 400 days


def paired_kiosk(request) -> KioskDevice | None:
    """The active kiosk this browser was paired as (read once per request, kept as `request.kiosk`)."""
    if not hasattr(request, "kiosk"):
        try:
            token = request.get_signed_cookie(COOKIE, salt=COOKIE_SALT, default=None)
        except BadSignature:
            token = None
        request.kiosk = selectors.kiosk_device_by_token(token)
    return request.kiosk


class KioskAuthentication(authentication.BaseAuthentication):
    """`Authorization: Kiosk <token>`: the active kiosk whose token this is. An unknown or revoked token
    is refused (403, code `kiosk_invalid`); no header, or another scheme, leaves the request anonymous."""

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        token = parts[1].decode("ascii", errors="replace") if len(parts) == 2 else None
        device = selectors.kiosk_device_by_token(token)
        if device is None:
            raise exceptions.AuthenticationFailed(
                _("Token kiosk tidak dikenal atau kiosknya sudah dicabut."), code="kiosk_invalid"
            )
        return AnonymousUser(), device


class IsKioskOfLocation(permissions.BasePermission):
    """Only an active kiosk of the location in the URL (`location_id`) may go on."""

    def has_permission(self, request, view) -> bool:
        device = request.auth if isinstance(request.auth, KioskDevice) else None
        if device is None:
            raise PermissionDenied(
                _(
                    "Nomor antrean di tempat hanya dapat diambil di kiosk lokasi layanan. "
                    "Kirim token kiosk dalam header Authorization: Kiosk <token>."
                ),
                code="kiosk_required",
            )
        if not kiosk_may_issue_at(device, view.kwargs.get("location_id")):
            raise PermissionDenied(
                _("Kiosk ini terdaftar untuk %(place)s, bukan lokasi ini.")
                % {"place": device.location.name},
                code="kiosk_wrong_location",
            )
        return True


class KioskScheme(OpenApiAuthenticationExtension):
    target_class = KioskAuthentication
    name = "kioskAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A registered kiosk's token with the prefix `Kiosk`: `Authorization: Kiosk <token>`. "
                "The unit's administrator registers the kiosk under /antrean/atur/<location>/kiosk/ "
                "and sees the token once."
            ),
        }
