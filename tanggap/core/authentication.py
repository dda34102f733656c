"""HTTP Basic for scripts (kept apart from tanggap.core.api: the settings name it, and DRF imports the
authentication classes while its views module is still loading)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions


class BasicAuthentication(authentication.BasicAuthentication):
    """HTTP Basic for scripts, refusing credentials with a NUL byte before they reach the database
    (PostgreSQL refuses NUL in text: the look-up would end in a 500)."""

    def authenticate_credentials(self, userid, password, request=None):
        if "\x00" in userid or "\x00" in password:
            raise exceptions.AuthenticationFailed(_("Nama pengguna atau kata sandi tidak valid."))
        return super().authenticate_credentials(userid, password, request)


class BasicScheme(OpenApiAuthenticationExtension):
    target_class = BasicAuthentication
    name = "basicAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "basic"}
