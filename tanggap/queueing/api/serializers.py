"""Serializers of the queue API: what it accepts (input) and what it answers (output).

Input serializers only check shape and types; every rule (slot free, one booking per person, who may
call) lives in the services. Output serializers never show a NIK or phone number in clear.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tanggap.core.identity import mask_phone
from tanggap.queueing.models import Counter, Ticket

MAX_ID = 2**63 - 1  # a bigint primary key: larger ids are bad input, not a database error


def ticket_absolute_url(code: str) -> str:
    """The citizen's ticket page, the address its QR code carries (SITE_URL + path)."""
    return settings.SITE_URL.rstrip("/") + reverse("queueing:ticket", args=[code])


def id_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class AwareDateTimeField(serializers.DateTimeField):
    """An ISO 8601 moment that must carry its zone (e.g. 2026-11-24T10:00:00+07:00)."""

    default_error_messages = {
        "naive": _(
            "Waktu harus berformat ISO 8601 dengan zona waktu, mis. 2026-11-24T10:00:00+07:00."
        )
    }

    def to_internal_value(self, value):
        try:
            parsed = parse_datetime(value) if isinstance(value, str) else None
        except ValueError:  # well formed but impossible, e.g. minute 99
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            self.fail("naive")
        return super().to_internal_value(value)


# --- input -----------------------------------------------------------------------------------------


class SlotQuerySerializer(serializers.Serializer):
    service = id_field(
        help_text="QueueService id (from /api/queue/locations/)",
        error_messages={
            "required": _("Parameter service wajib diisi."),
            "invalid": _("Parameter service harus berupa angka id layanan."),
        },
    )
    date = serializers.DateField(
        input_formats=["%Y-%m-%d"],
        help_text="YYYY-MM-DD, in the location's time zone",
        error_messages={
            "required": _("Parameter date wajib diisi (YYYY-MM-DD)."),
            "invalid": _("Tanggal harus berformat YYYY-MM-DD, mis. 2026-11-24."),
        },
    )


class LocationQuerySerializer(serializers.Serializer):
    region = serializers.SlugField(required=False, max_length=64, help_text="Region slug")


class PriorityField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=Ticket.Priority.choices,
            required=False,
            allow_blank=True,
            help_text="Kelompok rentan (UU 25/2009): lansia, disabilitas, hamil, anak; blank for none",
            **kwargs,
        )


class BookingCreateSerializer(serializers.Serializer):
    service = id_field(help_text="QueueService id")
    slot_start = AwareDateTimeField(help_text="A slot start from the slots endpoint, with zone")
    contact_name = serializers.CharField(max_length=120)
    contact_phone = serializers.CharField(max_length=24, required=False, allow_blank=True)
    contact_email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    nik = serializers.CharField(
        max_length=24, required=False, allow_blank=True, help_text="16 digits; stored hashed"
    )
    priority = PriorityField()


class WalkInSerializer(serializers.Serializer):
    service = id_field(help_text="QueueService id at this location")
    priority = PriorityField()
    contact_phone = serializers.CharField(
        max_length=24, required=False, allow_blank=True, help_text="For the near-the-front alert"
    )


class CheckInSerializer(serializers.Serializer):
    priority = serializers.ChoiceField(
        choices=Ticket.Priority.choices,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Set or correct the priority on arrival; omit to keep it",
    )


class RescheduleSerializer(serializers.Serializer):
    slot_start = AwareDateTimeField(help_text="The new slot start, with zone")


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class TransferSerializer(serializers.Serializer):
    service = id_field(required=False, help_text="Target QueueService id at the same location")
    counter = id_field(required=False, help_text="Target counter id (reserves the ticket for it)")
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)

    def validate(self, attrs):
        if not attrs.get("service") and not attrs.get("counter"):
            raise serializers.ValidationError(_("Pilih layanan atau loket tujuan."))
        return attrs


# --- output ----------------------------------------------------------------------------------------


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class QueueServiceRefSerializer(serializers.Serializer):
    """A queued service: its QueueService id and the catalogue service's name."""

    id = serializers.IntegerField()
    name = serializers.CharField(source="service.name")


class LocationServiceSerializer(QueueServiceRefSerializer):
    prefix = serializers.CharField()
    bookable = serializers.BooleanField(source="allow_booking")
    walk_in = serializers.BooleanField(source="allow_walk_in")
    capacity_per_slot = serializers.IntegerField()


class LocationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    address = serializers.CharField()
    region = serializers.CharField(source="region.slug")
    services = LocationServiceSerializer(source="active_queue_services", many=True)


class SlotSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    capacity = serializers.IntegerField()
    booked = serializers.IntegerField()
    free = serializers.IntegerField()


class SlotListSerializer(serializers.Serializer):
    location = RefSerializer()
    service = QueueServiceRefSerializer()
    date = serializers.DateField()
    slot_minutes = serializers.IntegerField()
    slots = SlotSerializer(many=True)


class TicketStatusSerializer(serializers.Serializer):
    """The citizen's public view of a ticket (from selectors.ticket_status): no personal data."""

    code = serializers.CharField(source="ticket.code", help_text="The public code its QR carries")
    number = serializers.CharField(source="ticket.number", help_text="Blank until check-in")
    status = serializers.ChoiceField(source="ticket.status", choices=Ticket.Status.choices)
    status_label = serializers.CharField(source="ticket.get_status_display")
    source = serializers.ChoiceField(source="ticket.source", choices=Ticket.Source.choices)
    is_priority = serializers.BooleanField(source="ticket.is_priority")
    position = serializers.IntegerField(allow_null=True, help_text="1 = next; null unless waiting")
    people_ahead = serializers.IntegerField(source="ahead", allow_null=True)
    estimated_wait_minutes = serializers.IntegerField(allow_null=True)
    counter = serializers.CharField(
        source="counter_name", allow_null=True, help_text="The counter's name once called"
    )
    service = QueueServiceRefSerializer(source="ticket.queue_service")
    location = RefSerializer(source="ticket.location")
    service_day = serializers.DateField(source="ticket.service_day")
    slot_start = serializers.DateTimeField(source="ticket.slot_start", allow_null=True)
    called_at = serializers.DateTimeField(source="ticket.called_at", allow_null=True)
    ticket_url = serializers.SerializerMethodField()

    def get_ticket_url(self, obj) -> str:
        return ticket_absolute_url(obj.ticket.code)


class BookingSerializer(serializers.Serializer):
    """A booking as its holder sees it right after booking or rescheduling (NIK and phone masked)."""

    code = serializers.CharField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=Ticket.Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    service = QueueServiceRefSerializer(source="queue_service")
    location = RefSerializer()
    service_day = serializers.DateField()
    slot_start = serializers.DateTimeField()
    contact_name = serializers.CharField()
    contact_phone = serializers.SerializerMethodField()
    contact_email = serializers.CharField()
    nik = serializers.CharField(source="nik_masked", help_text="Masked, e.g. 3505**********01")
    priority = serializers.ChoiceField(choices=Ticket.Priority.choices)
    ticket_url = serializers.SerializerMethodField()

    def get_contact_phone(self, obj) -> str:
        return mask_phone(obj.contact_phone)

    def get_ticket_url(self, obj) -> str:
        return ticket_absolute_url(obj.code)


class StaffTicketSerializer(serializers.Serializer):
    """A ticket as a front-desk officer sees it at the counter."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=Ticket.Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    source = serializers.ChoiceField(choices=Ticket.Source.choices)
    priority = serializers.ChoiceField(choices=Ticket.Priority.choices)
    service = QueueServiceRefSerializer(source="queue_service")
    counter = serializers.SerializerMethodField()
    contact_name = serializers.CharField()
    nik = serializers.CharField(source="nik_masked")
    call_count = serializers.IntegerField()
    slot_start = serializers.DateTimeField(allow_null=True)
    checked_in_at = serializers.DateTimeField(allow_null=True)
    called_at = serializers.DateTimeField(allow_null=True)
    serving_started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(RefSerializer(allow_null=True))
    def get_counter(self, obj):
        counter = obj.counter
        return {"id": counter.pk, "name": counter.name} if counter else None


class CallNextSerializer(serializers.Serializer):
    ticket = StaffTicketSerializer(allow_null=True, help_text="null when nobody is waiting")
    waiting_count = serializers.IntegerField(help_text="Still waiting for this counter")


class CounterSerializer(serializers.ModelSerializer):
    location = RefSerializer()
    services = QueueServiceRefSerializer(many=True)

    class Meta:
        model = Counter
        fields = ["id", "name", "is_open", "location", "services"]


class CounterScreenSerializer(serializers.Serializer):
    counter = CounterSerializer()
    current = StaffTicketSerializer(allow_null=True)
    waiting = StaffTicketSerializer(many=True, help_text="The first 50, in calling order")
    waiting_count = serializers.IntegerField()


class BoardTicketSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=Ticket.Status.choices)
    counter = serializers.CharField(source="counter.name", allow_null=True)
    service = serializers.CharField(source="queue_service.service.name")
    called_at = serializers.DateTimeField(allow_null=True)
    call_count = serializers.IntegerField()


class BoardSerializer(serializers.Serializer):
    location = RefSerializer()
    chime = serializers.BooleanField(help_text="Play a chime on a new call")
    called = BoardTicketSerializer(many=True, help_text="Latest call first")
    waiting_count = serializers.IntegerField()


class QueueErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    field = serializers.CharField(required=False)
