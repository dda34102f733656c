"""Helpers every catalogue service uses: who is acting, and the permission checks."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tanggap.catalog.permissions import may_enact, may_manage_services
from tanggap.core.errors import PermissionDenied
from tanggap.org.models import Unit


def actor_label(actor) -> str:
    if getattr(actor, "is_authenticated", False):
        return actor.get_full_name() or actor.get_username()
    return "sistem"


def require_manage(actor, unit: Unit) -> None:
    if not may_manage_services(actor, unit):
        raise PermissionDenied(
            _("Anda tidak berwenang mengelola layanan %(unit)s.") % {"unit": unit.name}
        )


def require_enact(actor, unit: Unit) -> None:
    if not may_enact(actor, unit):
        raise PermissionDenied(
            _("Anda tidak berwenang menetapkan standar pelayanan %(unit)s.") % {"unit": unit.name}
        )
