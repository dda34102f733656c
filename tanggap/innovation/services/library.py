"""Writes of the P2B library: best-practice articles, and replication requests tracked through
`REPLICATION_MACHINE` to a recorded replication in the registry.

Articles: a unit owner (its head or admin, or the innovation office) writes, publishes and archives the
unit's articles; an article links to an innovation of the unit or to any public innovation. Every save
refreshes `search_text` (`tanggap.innovation.search.index_text`).

Replication requests: a unit owner asks the owner unit of an innovation (not their own unit's), at most one
live (requested or accepted) request per unit and innovation; the innovation's owner accepts or declines,
then records the replication (a registry `Replication` for the requesting unit); the requester may cancel
while the request is live. Every move writes a `ReplicationRequestEvent` and an audit row.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.innovation import permissions as p
from tanggap.innovation.models import (
    Article,
    Innovation,
    Replication,
    ReplicationRequest,
    ReplicationRequestEvent,
)
from tanggap.innovation.search import index_text
from tanggap.innovation.workflow import ACCEPT, CANCEL, DECLINE, REPLICATED, REPLICATION_MACHINE

ARTICLE_FIELDS = ["title", "summary", "body", "lessons", "tags", "innovation_id", "status"]
LIVE = (ReplicationRequest.Status.REQUESTED, ReplicationRequest.Status.ACCEPTED)


def _label(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else "sistem"


def _clean(value: str, field: str, max_length: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_("Kolom ini wajib diisi."), field=field)
    if len(value) > max_length:
        raise DomainError(_("Paling banyak %(n)d karakter.") % {"n": max_length}, field=field)
    return value


def _check_innovation(unit, innovation: Innovation | None) -> None:
    if innovation is None:
        return
    if innovation.unit_id != unit.pk and not innovation.is_public:
        raise DomainError(
            _("Artikel hanya dapat ditautkan ke inovasi unit sendiri atau inovasi yang publik."),
            field="innovation",
        )


def _fill(article: Article, data: dict) -> None:
    article.title = _clean(data.get("title", ""), "title", 200)
    article.summary = _clean(data.get("summary", ""), "summary", 400)
    article.body = _clean(data.get("body", ""), "body", 50_000)
    article.lessons = _clean(data.get("lessons", ""), "lessons", 20_000, required=False)
    article.tags = _clean(data.get("tags", ""), "tags", 200, required=False)
    innovation = data.get("innovation")
    _check_innovation(article.unit, innovation)
    article.innovation = innovation
    article.search_text = index_text(
        title=article.title,
        summary=article.summary,
        body=article.body,
        lessons=article.lessons,
        tags=article.tags,
    )


@transaction.atomic
def article_create(*, user, unit, data: dict) -> Article:
    """A draft article of `unit` (title, summary, body, lessons, tags, innovation)."""
    if not p.may_write_article(user, unit):
        raise PermissionDenied(_("Anda tidak dapat menulis artikel untuk unit ini."))
    article = Article(unit=unit, region_id=unit.region_id, author=user)
    _fill(article, data)
    article.save()
    audit_record(
        actor=user,
        action="innovation.article_create",
        target=article,
        after=snapshot(article, ARTICLE_FIELDS),
    )
    return article


def _locked_article(user, article_id: int) -> Article:
    article = (
        Article.objects.select_for_update().select_related("unit").filter(pk=article_id).first()
    )
    if article is None or not p.may_write_article(user, article.unit):
        raise PermissionDenied(_("Anda tidak dapat mengubah artikel ini."))
    return article


@transaction.atomic
def article_update(*, user, article_id: int, data: dict) -> Article:
    article = _locked_article(user, article_id)
    if article.status == Article.Status.ARCHIVED:
        raise DomainError(_("Artikel yang diarsipkan tidak dapat diubah."), field="status")
    before = snapshot(article, ARTICLE_FIELDS)
    _fill(article, data)
    article.save()
    audit_record(
        actor=user,
        action="innovation.article_update",
        target=article,
        before=before,
        after=snapshot(article, ARTICLE_FIELDS),
    )
    return article


@transaction.atomic
def article_publish(*, user, article_id: int) -> Article:
    article = _locked_article(user, article_id)
    if article.status == Article.Status.PUBLISHED:
        raise DomainError(_("Artikel sudah terbit."), field="status")
    before = snapshot(article, ["status"])
    article.status = Article.Status.PUBLISHED
    article.published_at = article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=user,
        action="innovation.article_publish",
        target=article,
        before=before,
        after=snapshot(article, ["status"]),
    )
    return article


@transaction.atomic
def article_archive(*, user, article_id: int) -> Article:
    article = _locked_article(user, article_id)
    if article.status == Article.Status.ARCHIVED:
        raise DomainError(_("Artikel sudah diarsipkan."), field="status")
    before = snapshot(article, ["status"])
    article.status = Article.Status.ARCHIVED
    article.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=user,
        action="innovation.article_archive",
        target=article,
        before=before,
        after=snapshot(article, ["status"]),
    )
    return article


# --- replication requests ------------------------------------------------------------------------------


def _event(request: ReplicationRequest, *, user, action: str, before: str, note: str = "") -> None:
    ReplicationRequestEvent.objects.create(
        request=request,
        action=action,
        from_status=before,
        to_status=request.status,
        actor=user,
        actor_label=_label(user),
        note=note,
        at=timezone.now(),
    )
    audit_record(
        actor=user,
        action=f"innovation.replication_{action}",
        target=request,
        before={"status": before},
        after={"status": request.status},
        note=note,
        region_id=request.innovation.region_id,
    )


@transaction.atomic
def replication_request_create(
    *, user, unit, innovation: Innovation, message: str, article: Article | None = None
) -> ReplicationRequest:
    """`unit` asks the owner unit of `innovation` to help it replicate it."""
    if not p.may_request_replication(user, unit):
        raise PermissionDenied(_("Anda tidak dapat meminta replikasi atas nama unit ini."))
    if innovation.unit_id == unit.pk:
        raise DomainError(_("Inovasi ini milik unit Anda sendiri."), field="innovation")
    if not innovation.is_public and innovation.region_id != unit.region_id:
        raise DomainError(_("Inovasi tidak ditemukan."), field="innovation")
    message = _clean(message, "message", 4000)
    # Lock the innovation's row so that two requests of the same unit cannot both pass the check below.
    Innovation.objects.select_for_update().filter(pk=innovation.pk).first()
    if ReplicationRequest.objects.filter(
        innovation=innovation, requesting_unit=unit, status__in=LIVE
    ).exists():
        raise DomainError(
            _("Unit ini sudah memiliki permintaan replikasi yang berjalan untuk inovasi ini."),
            field="innovation",
        )
    request = ReplicationRequest.objects.create(
        innovation=innovation,
        article=article,
        requesting_unit=unit,
        message=message,
        requested_by=user,
    )
    _event(request, user=user, action="request", before="", note=message[:500])
    return request


def _move(user, request_id: int, action: str) -> tuple[ReplicationRequest, str]:
    """The locked request moved by `action` (not saved yet) and its status before."""
    request = (
        ReplicationRequest.objects.select_for_update()
        .select_related("innovation__unit", "requesting_unit")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        raise DomainError(_("Permintaan replikasi tidak ditemukan."), field="request")
    before = request.status
    request.status = REPLICATION_MACHINE.check_action(action, before, user, request).target
    return request, before


@transaction.atomic
def replication_request_answer(
    *, user, request_id: int, accept: bool, note: str = ""
) -> ReplicationRequest:
    """The innovation's owner accepts (mentoring begins) or declines (a reason is required)."""
    note = _clean(note, "note", 2000, required=not accept)
    action = ACCEPT if accept else DECLINE
    request, before = _move(user, request_id, action)
    request.save(update_fields=["status", "updated_at"])
    _event(request, user=user, action=action, before=before, note=note)
    return request


@transaction.atomic
def record_replication(
    *, user, request_id: int, replicated_on: dt.date, note: str = ""
) -> ReplicationRequest:
    """The innovation's owner records that the requesting unit now runs it: a registry Replication."""
    note = _clean(note, "note", 2000, required=False)
    if replicated_on is None or replicated_on > timezone.localdate():
        raise DomainError(_("Tanggal replikasi tidak boleh di masa depan."), field="replicated_on")
    request, before = _move(user, request_id, REPLICATED)
    request.replication = Replication.objects.create(
        innovation=request.innovation,
        unit=request.requesting_unit,
        replicated_on=replicated_on,
        note=note,
        recorded_by=user,
    )
    request.save(update_fields=["status", "replication", "updated_at"])
    _event(request, user=user, action=REPLICATED, before=before, note=note)
    return request


@transaction.atomic
def replication_request_cancel(*, user, request_id: int, note: str = "") -> ReplicationRequest:
    """The requesting unit withdraws a live request."""
    note = _clean(note, "note", 2000, required=False)
    request, before = _move(user, request_id, CANCEL)
    request.save(update_fields=["status", "updated_at"])
    _event(request, user=user, action=CANCEL, before=before, note=note)
    return request
