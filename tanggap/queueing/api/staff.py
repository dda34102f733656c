"""The front-desk officer's side of the queue API: the counter screen, call next, and ticket actions.

Every endpoint needs a signed-in user (401 otherwise); the services then check that the user may operate
counters at the ticket's or counter's location (403 otherwise, e.g. an officer of another location).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.core.api import STAFF_AUTHENTICATION
from tanggap.queueing import selectors, services
from tanggap.queueing.api.public import ERRORS, valid
from tanggap.queueing.api.serializers import (
    CallNextSerializer,
    CounterScreenSerializer,
    NoteSerializer,
    QueueErrorSerializer,
    StaffTicketSerializer,
    TransferSerializer,
)

STAFF_ERRORS = {
    401: OpenApiResponse(description="Not signed in"),
    403: OpenApiResponse(QueueErrorSerializer, description="Not an officer of this location"),
    404: ERRORS[404],
    409: ERRORS[409],
}


class StaffView(APIView):
    authentication_classes = STAFF_AUTHENTICATION
    permission_classes = [permissions.IsAuthenticated]


@extend_schema(tags=["queue-staff"])
class CounterScreenView(StaffView):
    @extend_schema(
        summary="The counter screen: its current ticket and who waits for it, in calling order",
        responses={200: CounterScreenSerializer, **STAFF_ERRORS},
    )
    def get(self, request, counter_id: int):
        counter = selectors.counter_get_for_operator(
            user=request.user, counter_id=counter_id, with_services=True
        )
        return Response(CounterScreenSerializer(selectors.counter_screen(counter)).data)


@extend_schema(tags=["queue-staff"])
class CallNextView(StaffView):
    @extend_schema(
        summary="Call the next ticket to this counter",
        description=(
            "Fair order: priority visitors first, then booked slot time (if checked in on time) or "
            "arrival. Always 200: `ticket` is the called ticket, or null when nobody waits for this "
            "counter. Counters calling at the same moment never get the same ticket. 400 "
            "`counter_busy` while the counter still has a called or serving ticket."
        ),
        request=None,
        responses={200: CallNextSerializer, 400: ERRORS[400], **STAFF_ERRORS},
    )
    def post(self, request, counter_id: int):
        counter = selectors.counter_get_for_operator(user=request.user, counter_id=counter_id)
        ticket = services.counter_call_next(counter=counter, actor=request.user)
        waiting = selectors.waiting_for_counter(counter).count()
        return Response(CallNextSerializer({"ticket": ticket, "waiting_count": waiting}).data)


class TicketActionView(StaffView):
    """One officer action on a ticket found by its code; answers the ticket afterwards."""

    input_serializer = NoteSerializer

    def post(self, request, code: str):
        data = valid(self.input_serializer, request.data)
        ticket = self.act(selectors.ticket_by_code(code), request.user, data)
        return Response(StaffTicketSerializer(ticket).data)

    def act(self, ticket, user, data):
        raise NotImplementedError


def _action_schema(summary: str, request=None, description: str = ""):
    return extend_schema(
        tags=["queue-staff"],
        summary=summary,
        description=description,
        request=request,
        responses={200: StaffTicketSerializer, 400: ERRORS[400], **STAFF_ERRORS},
    )


class RecallView(TicketActionView):
    @_action_schema("Call the same ticket again")
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, ticket, user, data):
        return services.ticket_recall(ticket=ticket, actor=user)


class StartView(TicketActionView):
    @_action_schema("The citizen is at the counter: start serving")
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, ticket, user, data):
        return services.ticket_start(ticket=ticket, actor=user)


class FinishView(TicketActionView):
    @_action_schema("Service finished", request=NoteSerializer)
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, ticket, user, data):
        return services.ticket_finish(ticket=ticket, actor=user, note=data.get("note", ""))


class NoShowView(TicketActionView):
    @_action_schema(
        "Skip a called ticket as a no-show",
        description="Only after the location's grace period since the call (400 `grace_period`).",
    )
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, ticket, user, data):
        return services.ticket_no_show(ticket=ticket, actor=user)


class TransferView(TicketActionView):
    input_serializer = TransferSerializer

    @_action_schema(
        "Transfer to another service and/or counter at the same location",
        request=TransferSerializer,
        description=(
            "The ticket becomes `transferred`; the answer is the new waiting ticket, which keeps "
            "the citizen's place (and number, within the same service). Naming a counter reserves "
            "the new ticket for it."
        ),
    )
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, ticket, user, data):
        to_service = to_counter = None
        if data.get("service"):
            to_service = selectors.queue_service_get_public(
                queue_service_id=data["service"], location=ticket.location
            )
        if data.get("counter"):
            to_counter = selectors.counter_at_location(
                counter_id=data["counter"], location=ticket.location
            )
        return services.ticket_transfer(
            ticket=ticket,
            actor=user,
            to_queue_service=to_service,
            to_counter=to_counter,
            note=data.get("note", ""),
        )
