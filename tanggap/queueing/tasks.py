"""Background work for queues: tell citizens when their turn is near."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_task

from tanggap.core.notify import notify
from tanggap.queueing.models import QueueService, Ticket


@db_task()
def notify_near_front(queue_service_id: int) -> int:
    """Notify, once, each waiting ticket holder with a contact who is now within the location's threshold."""
    from tanggap.queueing.selectors import waiting_positions

    queue_service = (
        QueueService.objects.select_related("location", "service")
        .filter(pk=queue_service_id)
        .first()
    )
    if queue_service is None:
        return 0
    from tanggap.queueing.services import settings_for

    threshold = settings_for(queue_service.location).notify_when_ahead
    ahead_of = {
        ticket_id: ahead
        for ticket_id, ahead in waiting_positions(queue_service=queue_service, limit=threshold + 1)
        if ahead <= threshold
    }
    # One read finds who near the front still needs a message; most runs stop here.
    pending = (
        Ticket.objects.filter(pk__in=ahead_of, notified_at__isnull=True)
        .exclude(contact_phone="", contact_email="")
        .values_list("pk", flat=True)
    )
    sent = 0
    for ticket_id in sorted(pending, key=ahead_of.__getitem__):
        ahead = ahead_of[ticket_id]
        with transaction.atomic():
            # Claim the ticket first, so a retried or parallel task never notifies twice.
            claimed = (
                Ticket.objects.filter(
                    pk=ticket_id, notified_at__isnull=True, status=Ticket.Status.WAITING
                )
                .exclude(contact_phone="", contact_email="")
                .update(notified_at=timezone.now())
            )
            if not claimed:
                continue
            ticket = Ticket.objects.get(pk=ticket_id)
        notify(
            to_phone=ticket.contact_phone,
            to_email=ticket.contact_email,
            subject=_("Giliran Anda hampir tiba: %(n)s") % {"n": ticket.number},
            body=_(
                "Nomor %(n)s di %(loc)s: %(a)s orang lagi di depan Anda. Mohon bersiap di ruang tunggu."
            )
            % {"n": ticket.number, "loc": queue_service.location.name, "a": ahead},
        )
        sent += 1
    return sent
