"""Outgoing notifications to citizens through a pluggable gateway (log by default, e-mail, SMS/WhatsApp).

`NOTIFY_BACKEND` names a class with `send(*, to_phone, to_email, subject, body) -> bool`. The default
writes to the log, so a demo never sends anything; `EmailBackend` uses Django's mail settings; an SMS or
WhatsApp provider is one small class with the provider's HTTP call, configured by the operator.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger("tanggap.notify")


class LogBackend:
    """Writes each message to the log (the default: nothing leaves the server)."""

    sent: list[dict] = []  # the last messages, for tests and the demo

    def send(self, *, to_phone: str = "", to_email: str = "", subject: str, body: str) -> bool:
        if not (to_phone or to_email):
            return False
        record = {"to_phone": to_phone, "to_email": to_email, "subject": subject, "body": body}
        LogBackend.sent.append(record)
        del LogBackend.sent[:-100]
        logger.info("notify %s %s: %s", to_phone or "-", to_email or "-", subject)
        return True


class EmailBackend:
    """Sends by e-mail with Django's mail settings; phone-only recipients are skipped."""

    def send(self, *, to_phone: str = "", to_email: str = "", subject: str, body: str) -> bool:
        if not to_email:
            return False
        return (
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to_email], fail_silently=False)
            > 0
        )


def get_backend():
    """The configured gateway instance."""
    path = getattr(settings, "NOTIFY_BACKEND", "tanggap.core.notify.LogBackend")
    return import_string(path)()


def notify(*, to_phone: str = "", to_email: str = "", subject: str, body: str) -> bool:
    """Send one message through the configured gateway; True when the gateway accepted it."""
    return get_backend().send(to_phone=to_phone, to_email=to_email, subject=subject, body=body)
