"""Reads of the P2B library: public articles, the units a user may write or ask for, an article to edit,
and the replication requests of the user's units (sent and received)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from tanggap.accounts.permissions import (
    is_sysadmin,
    unit_and_descendant_ids,
    unit_ids_with,
)
from tanggap.core.errors import NotFound
from tanggap.innovation import permissions as p
from tanggap.innovation.models import Article, Innovation, ReplicationRequest
from tanggap.org.models import Unit


def owned_units(user):
    """Units the user owns: head/admin of a unit and the units below it, every unit of a region where
    they are the innovation office (all units for a system administrator)."""
    if user is None or not user.is_authenticated:
        return Unit.objects.none()
    if is_sysadmin(user):
        return Unit.objects.order_by("name")
    ids = unit_and_descendant_ids(unit_ids_with(user, p.OWNER_ROLES))
    return Unit.objects.filter(Q(pk__in=ids) | Q(region_id__in=p.office_region_ids(user))).order_by(
        "name"
    )


def public_article(article_id: int) -> Article:
    """A published article (anyone may read it), or NotFound."""
    article = (
        Article.objects.filter(pk=article_id, status=Article.Status.PUBLISHED)
        .select_related("unit", "region", "innovation")
        .first()
    )
    if article is None:
        raise NotFound(_not_found())
    return article


def _not_found() -> str:
    return _("Artikel tidak ditemukan.")


def article_for_edit(user, article_id: int) -> Article:
    article = Article.objects.select_related("unit", "innovation").filter(pk=article_id).first()
    if article is None or not p.may_write_article(user, article.unit):
        raise NotFound(_not_found())
    return article


def my_articles(user):
    """Articles of the user's units, any status, newest first."""
    return (
        Article.objects.filter(unit__in=owned_units(user))
        .select_related("unit")
        .order_by("-updated_at", "-id")
    )


def linkable_innovations(user, unit=None):
    """Innovations an article may link to: those of the user's units and the public ones."""
    units = owned_units(user) if unit is None else Unit.objects.filter(pk=unit.pk)
    return (
        Innovation.objects.filter(Q(unit__in=units) | Q(is_public=True))
        .select_related("unit")
        .order_by("name")
    )


def replication_requests_for(user):
    """Requests sent by or received by the user's units, newest first."""
    units = owned_units(user)
    return (
        ReplicationRequest.objects.filter(
            Q(requesting_unit__in=units) | Q(innovation__unit__in=units)
        )
        .select_related("innovation__unit", "requesting_unit")
        .order_by("-created_at", "-id")
    )


def replication_request_for(user, request_id: int) -> ReplicationRequest:
    found = replication_requests_for(user).filter(pk=request_id).prefetch_related("events").first()
    if found is None:
        raise NotFound(_("Permintaan replikasi tidak ditemukan."))
    return found
