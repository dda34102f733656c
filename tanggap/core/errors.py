"""Domain errors that views and the API turn into clear messages in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule refused the request; nothing was changed."""

    code = "invalid"
    status = 400

    def __init__(self, message=None, *, code: str | None = None, field: str | None = None):
        self.message = message if message is not None else _("Permintaan tidak dapat diproses.")
        if code:
            self.code = code
        self.field = field
        super().__init__(str(self.message))


class PermissionDenied(DomainError):
    """The user's roles do not allow this action on this record."""

    code = "permission_denied"
    status = 403

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("Anda tidak berwenang melakukan tindakan ini."), **kwargs)


class NotFound(DomainError):
    """The record does not exist or is not visible to this user."""

    code = "not_found"
    status = 404

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("Data tidak ditemukan."), **kwargs)


class InvalidTransition(DomainError):
    """A workflow move that the transition table does not allow."""

    code = "invalid_transition"
    status = 409
