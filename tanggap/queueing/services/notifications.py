"""Telling citizens their turn is near: queued after each change of a queue, sent once per ticket.

Services queue the work with `queue_changed` after their transaction commits; the Huey task in
tanggap.queueing.tasks only calls `near_front_notify`. The task is named by its dotted path, so services
never import the tasks module (which imports services).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.background import enqueue_after_commit
from tanggap.core.notify import notify
from tanggap.queueing.models import QueueService, Ticket
from tanggap.queueing.selectors import settings_for, waiting_positions

NEAR_FRONT_TASK = "tanggap.queueing.tasks.notify_near_front"


def queue_changed(queue_service_id: int) -> None:
    """After commit, queue the near-the-front notifications of this queue, through core's outbox: the
    work is written with the change and delivered once the task queue takes it, so a task queue that is
    down neither turns the request into an error nor loses the notification."""
    enqueue_after_commit(NEAR_FRONT_TASK, queue_service_id)


def near_front_notify(queue_service_id: int) -> int:
    """Notify, once, each waiting ticket holder with a contact who is now within the location's
    threshold; the number of messages sent."""
    queue_service = (
        QueueService.objects.select_related("location", "service")
        .filter(pk=queue_service_id)
        .first()
    )
    if queue_service is None:
        return 0
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
        ticket = _claim(ticket_id)
        if ticket is None:
            continue
        notify(
            to_phone=ticket.contact_phone,
            to_email=ticket.contact_email,
            subject=_("Giliran Anda hampir tiba: %(n)s") % {"n": ticket.number},
            body=_(
                "Nomor %(n)s di %(loc)s: %(a)s orang lagi di depan Anda. Mohon bersiap di ruang tunggu."
            )
            % {"n": ticket.number, "loc": queue_service.location.name, "a": ahead_of[ticket_id]},
        )
        sent += 1
    return sent


@transaction.atomic
def _claim(ticket_id: int) -> Ticket | None:
    """Mark a waiting ticket as notified before the message goes, so a retried or parallel task never
    notifies twice; None when another run claimed it first or it no longer waits."""
    claimed = (
        Ticket.objects.filter(pk=ticket_id, notified_at__isnull=True, status=Ticket.Status.WAITING)
        .exclude(contact_phone="", contact_email="")
        .update(notified_at=timezone.now())
    )
    return Ticket.objects.get(pk=ticket_id) if claimed else None
