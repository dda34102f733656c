"""Core's reads for the staff pages: the outbox of background work, for system administrators."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from tanggap.core.models import OutboxMessage
from tanggap.core.registry import hooks


def can_watch_outbox(user) -> bool:
    """The outbox names every kind of background work of every region: system administrators only (a
    Django superuser, or whoever the `user.is_system_admin` hook says is one), never a region's staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or hooks.first("user.is_system_admin", user=user))


def outbox_unsent_visible_to(*, user) -> QuerySet[OutboxMessage]:
    """The messages not delivered yet, oldest first (nothing for anyone but a system administrator)."""
    if not can_watch_outbox(user):
        return OutboxMessage.objects.none()
    return OutboxMessage.objects.filter(sent_at__isnull=True).order_by("created_at", "pk")


def outbox_summary(*, user, now: dt.datetime | None = None) -> dict[str, Any]:
    """One query: messages waiting, of them failed at least once, the oldest waiting since, and sent in
    the last 24 hours (all zero for anyone but a system administrator)."""
    now = now or timezone.now()
    unsent = Q(sent_at__isnull=True)
    messages = (
        OutboxMessage.objects.all() if can_watch_outbox(user) else OutboxMessage.objects.none()
    )
    return messages.aggregate(
        unsent=Count("pk", filter=unsent),
        failed=Count("pk", filter=unsent & Q(attempts__gt=0)),
        oldest_unsent=Min("created_at", filter=unsent),
        sent_last_day=Count("pk", filter=Q(sent_at__gte=now - dt.timedelta(days=1))),
    )
