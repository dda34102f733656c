"""What the complaints API's serializers share: the choice sets named in the schema, id and coordinate
fields, the files field, the messages of a missing text."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tanggap.complaints.models import Channel, ComplaintEvent

__all__ = [
    "ANSWER_VISIBILITIES",
    "API_CHANNELS",
    "CONFIRM_PUBLIC_HELP",
    "CoordinateField",
    "DEADLINE_STATES",
    "DEADLINE_TARGETS",
    "FilesField",
    "MAX_ID",
    "NOTE_VISIBILITIES",
    "TEXT_ERRORS",
    "id_field",
]

MAX_ID = 2**63 - 1
# Choice sets with stable names in the schema (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
API_CHANNELS = [
    (value, label)
    for value, label in Channel.choices
    if value not in (Channel.WEB, Channel.OPEN311)
]
NOTE_VISIBILITIES = [
    (value, label)
    for value, label in ComplaintEvent.Visibility.choices
    if value in (ComplaintEvent.Visibility.INTERNAL, ComplaintEvent.Visibility.PUBLIC)
]
ANSWER_VISIBILITIES = [
    (value, label)
    for value, label in ComplaintEvent.Visibility.choices
    if value in (ComplaintEvent.Visibility.PUBLIC, ComplaintEvent.Visibility.REPORTER)
]
CONFIRM_PUBLIC_HELP = (
    "Text for the public page of a report that is not rahasia is screened for personal data (the "
    "reporter's name, phone, e-mail; any e-mail, mobile number or 16-digit number). When some is found "
    "the move is refused (400, code `personal_data`, naming what was found, masked) unless this is true: "
    "the officer checked it and it must be public. A confirmed send is recorded in the audit trail."
)
DEADLINE_TARGETS = ["verify", "response", "resolve"]
DEADLINE_STATES = ["on_track", "due_soon", "breached", "met", "met_late", "none"]
TEXT_ERRORS: dict[str, Any] = {"blank": _("Wajib diisi."), "required": _("Wajib diisi.")}


def id_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class CoordinateField(serializers.DecimalField):
    """A latitude or longitude; more than six decimals are rounded, not refused (GPS gives more)."""

    def __init__(self, limit: int, **kwargs):
        super().__init__(
            max_digits=20,
            decimal_places=None,
            min_value=Decimal(-limit),
            max_value=Decimal(limit),
            required=False,
            allow_null=True,
            **kwargs,
        )

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        return value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


class FilesField(serializers.ListField):
    """Photos or documents (multipart `files`, repeated); checked by content in the services."""

    def __init__(self, **kwargs):
        super().__init__(
            child=serializers.FileField(allow_empty_file=False),
            required=False,
            max_length=20,
            help_text="JPEG, PNG, WebP or PDF; size and count limits apply (multipart only)",
            **kwargs,
        )
