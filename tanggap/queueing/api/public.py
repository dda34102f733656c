"""The citizen's and the kiosk's side of the queue API: no account needed, rate limited.

Booking, following, checking in and cancelling are open to anyone (the code is the citizen's key); a
walk-in ticket is issued only to a registered kiosk of that location (`Authorization: Kiosk <token>`).
Each view parses input with a serializer, reads through a selector and makes at most one service call.
Unknown ids and codes answer 404 JSON, bad input 400 JSON `{code, message}` in Bahasa Indonesia.
"""

from __future__ import annotations

import datetime as dt

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.queueing import selectors, services
from tanggap.queueing.api.kiosk_auth import IsKioskOfLocation, KioskAuthentication
from tanggap.queueing.api.serializers import (
    BoardSerializer,
    BookingCreateSerializer,
    BookingSerializer,
    CheckInSerializer,
    LocationQuerySerializer,
    LocationSerializer,
    NoteSerializer,
    QueueErrorSerializer,
    RescheduleSerializer,
    SlotListSerializer,
    SlotQuerySerializer,
    TicketStatusSerializer,
    WalkInSerializer,
)
from tanggap.queueing.api.throttles import BOOKING_THROTTLES, KIOSK_THROTTLES, PUBLIC_THROTTLES
from tanggap.queueing.permissions import code_move_actor

ERRORS = {
    400: OpenApiResponse(QueueErrorSerializer, description="Bad input; nothing changed"),
    403: OpenApiResponse(
        QueueErrorSerializer,
        description=(
            "No kiosk credential (`kiosk_required`), an unknown or revoked kiosk token "
            "(`kiosk_invalid`), or a kiosk of another location (`kiosk_wrong_location`); "
            "nothing changed"
        ),
    ),
    404: OpenApiResponse(QueueErrorSerializer, description="Unknown location, service or code"),
    409: OpenApiResponse(
        QueueErrorSerializer, description="Not allowed in the ticket's current state"
    ),
    429: OpenApiResponse(QueueErrorSerializer, description="Too many requests"),
}


def valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def status_body(ticket) -> dict:
    return TicketStatusSerializer(selectors.ticket_status(ticket)).data


class PublicView(APIView):
    permission_classes = [permissions.AllowAny]
    throttle_classes = PUBLIC_THROTTLES


@extend_schema(tags=["queue"])
class LocationListView(PublicView):
    @extend_schema(
        summary="Locations with an open queue and their queued services",
        parameters=[LocationQuerySerializer],
        responses={200: LocationSerializer(many=True), 400: ERRORS[400]},
    )
    def get(self, request):
        query = valid(LocationQuerySerializer, request.query_params)
        locations = selectors.locations_with_queues()
        if query.get("region"):
            locations = locations.filter(region__slug=query["region"])
        return Response(LocationSerializer(locations, many=True).data)


@extend_schema(tags=["queue"])
class SlotListView(PublicView):
    @extend_schema(
        summary="Bookable slots of one service on one day, with the places left",
        description=(
            "Slots lie within the location's opening hours on working days; a day off, a past day or "
            "a day beyond the booking horizon has no slots. A full slot is listed with `free` = 0."
        ),
        parameters=[SlotQuerySerializer],
        responses={200: SlotListSerializer, 400: ERRORS[400], 404: ERRORS[404]},
    )
    def get(self, request, location_id: int):
        query = valid(SlotQuerySerializer, request.query_params)
        location = selectors.location_get_public(location_id)
        queue_service = selectors.queue_service_get_public(
            queue_service_id=query["service"], location=location
        )
        day: dt.date = query["date"]
        slots = selectors.bookable_slots(queue_service=queue_service, day=day)
        minutes = selectors.settings_for(location).slot_minutes or 30
        length = dt.timedelta(minutes=minutes)
        body = {
            "location": location,
            "service": queue_service,
            "date": day,
            "slot_minutes": minutes,
            "slots": [
                {
                    "start": slot.start,
                    "end": slot.start + length,
                    "capacity": slot.capacity,
                    "booked": slot.booked,
                    "free": slot.free,
                }
                for slot in slots
            ],
        }
        return Response(SlotListSerializer(body).data)


@extend_schema(tags=["queue"])
class BookingCreateView(PublicView):
    throttle_classes = BOOKING_THROTTLES

    @extend_schema(
        summary="Book a slot online",
        description=(
            "Needs a phone, an e-mail or a NIK so one person holds one active booking per service "
            "and day. The answer carries the ticket's `code` (its QR) and the ticket page's URL; "
            "the NIK and phone are only shown masked."
        ),
        request=BookingCreateSerializer,
        responses={201: BookingSerializer, 400: ERRORS[400], 429: ERRORS[429]},
    )
    def post(self, request):
        data = valid(BookingCreateSerializer, request.data)
        queue_service = selectors.queue_service_get_public(queue_service_id=data.pop("service"))
        ticket = services.booking_create(queue_service=queue_service, **data)
        return Response(BookingSerializer(ticket).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["queue"])
class WalkInView(APIView):
    authentication_classes = [KioskAuthentication]
    permission_classes = [IsKioskOfLocation]
    throttle_classes = KIOSK_THROTTLES

    @extend_schema(
        summary="Issue a numbered walk-in ticket (registered kiosks of the location only)",
        description=(
            "A walk-in ticket is a kiosk's action: the request must carry the token of an active "
            "kiosk registered at this location, as `Authorization: Kiosk <token>` (the unit's "
            "administrator registers kiosks and sees each token once). Anyone else gets 403 and "
            "no ticket; remote citizens book a slot with `POST /api/queue/bookings/` instead. "
            "Each kiosk has its own rate limit (`API_QUEUE_KIOSK_RATE`), and the ticket records "
            "the kiosk that issued it."
        ),
        request=WalkInSerializer,
        responses={
            201: TicketStatusSerializer,
            400: ERRORS[400],
            403: ERRORS[403],
            404: ERRORS[404],
            429: ERRORS[429],
        },
    )
    def post(self, request, location_id: int):
        data = valid(WalkInSerializer, request.data)
        location = selectors.location_get_public(location_id)
        queue_service = selectors.queue_service_get_public(
            queue_service_id=data["service"], location=location
        )
        ticket = services.ticket_walk_in(
            queue_service=queue_service,
            priority=data.get("priority", ""),
            contact_phone=data.get("contact_phone", ""),
            kiosk=request.auth,
        )
        return Response(status_body(ticket), status=status.HTTP_201_CREATED)


@extend_schema(tags=["queue"])
class TicketStatusView(PublicView):
    @extend_schema(
        summary="A ticket's live status: position, people ahead, estimated wait, counter",
        description=(
            "The estimate shares the people ahead among the open counters at the median service "
            "time of the last finished tickets (the configured default until there are five)."
        ),
        responses={200: TicketStatusSerializer, 404: ERRORS[404]},
    )
    def get(self, request, code: str):
        return Response(status_body(selectors.ticket_by_code(code)))


@extend_schema(tags=["queue"])
class CheckInView(PublicView):
    @extend_schema(
        summary="Check in a booking on arrival (QR scanned at the kiosk or by an officer)",
        request=CheckInSerializer,
        responses={200: TicketStatusSerializer, 400: ERRORS[400], 404: ERRORS[404]},
    )
    def post(self, request, code: str):
        data = valid(CheckInSerializer, request.data)
        ticket = selectors.ticket_by_code(code)
        # The code is the citizen's key; an officer of the location is recorded as the actor.
        ticket = services.ticket_check_in(
            ticket=ticket,
            actor=code_move_actor(request.user, ticket.location),
            priority=data.get("priority"),
        )
        return Response(status_body(ticket))


@extend_schema(tags=["queue"])
class CancelView(PublicView):
    throttle_classes = BOOKING_THROTTLES

    @extend_schema(
        summary="Cancel a booking or a waiting ticket (whoever holds the code)",
        request=NoteSerializer,
        responses={200: TicketStatusSerializer, 404: ERRORS[404], 409: ERRORS[409]},
    )
    def post(self, request, code: str):
        data = valid(NoteSerializer, request.data)
        ticket = selectors.ticket_by_code(code)
        # The code is the citizen's key; an officer of the location is recorded as the actor.
        ticket = services.ticket_cancel(
            ticket=ticket,
            actor=code_move_actor(request.user, ticket.location),
            note=data.get("note", ""),
        )
        return Response(status_body(ticket))


@extend_schema(tags=["queue"])
class RescheduleView(PublicView):
    throttle_classes = BOOKING_THROTTLES

    @extend_schema(
        summary="Move a booking (not yet checked in) to another free slot",
        request=RescheduleSerializer,
        responses={200: BookingSerializer, 400: ERRORS[400], 404: ERRORS[404]},
    )
    def post(self, request, code: str):
        data = valid(RescheduleSerializer, request.data)
        ticket = services.booking_reschedule(
            ticket=selectors.ticket_by_code(code), slot_start=data["slot_start"]
        )
        return Response(BookingSerializer(ticket).data)


@extend_schema(tags=["queue"])
class BoardView(PublicView):
    @extend_schema(
        summary="The display board: tickets called now and at which counter",
        responses={200: BoardSerializer, 404: ERRORS[404]},
    )
    def get(self, request, location_id: int):
        location = selectors.location_get_public(location_id)
        board = selectors.board_for_location(location)
        board["chime"] = selectors.settings_for(location).display_chime
        return Response(BoardSerializer(board).data)
