"""API routes of the queueing app, under /api/queue/.

Anything else under /api/queue/ (a bad id such as /locations/abc/) answers a JSON 404, like unknown
ids and codes do, instead of the HTML error page.
"""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _

from tanggap.queueing.api import public, staff


def not_found(request, rest=""):
    return JsonResponse(
        {"code": "not_found", "message": _("Alamat API antrean tidak dikenal.")}, status=404
    )


# Grouped by resource: what follows /locations/<id>/, /tickets/<code>/ and /counters/<id>/.
location_routes = [
    path("slots/", public.SlotListView.as_view(), name="queue-location-slots"),
    path("tickets/", public.WalkInView.as_view(), name="queue-location-walk-in"),
    path("board/", public.BoardView.as_view(), name="queue-location-board"),
]

ticket_routes = [
    path("", public.TicketStatusView.as_view(), name="queue-ticket"),
    path("check-in/", public.CheckInView.as_view(), name="queue-ticket-check-in"),
    path("cancel/", public.CancelView.as_view(), name="queue-ticket-cancel"),
    path("reschedule/", public.RescheduleView.as_view(), name="queue-ticket-reschedule"),
    path("recall/", staff.RecallView.as_view(), name="queue-ticket-recall"),
    path("start/", staff.StartView.as_view(), name="queue-ticket-start"),
    path("finish/", staff.FinishView.as_view(), name="queue-ticket-finish"),
    path("no-show/", staff.NoShowView.as_view(), name="queue-ticket-no-show"),
    path("transfer/", staff.TransferView.as_view(), name="queue-ticket-transfer"),
]

counter_routes = [
    path("", staff.CounterScreenView.as_view(), name="queue-counter"),
    path("call-next/", staff.CallNextView.as_view(), name="queue-counter-call-next"),
]

urlpatterns = [
    path("queue/locations/", public.LocationListView.as_view(), name="queue-locations"),
    path("queue/locations/<int:location_id>/", include(location_routes)),
    path("queue/bookings/", public.BookingCreateView.as_view(), name="queue-bookings"),
    path("queue/tickets/<str:code>/", include(ticket_routes)),
    path("queue/counters/<int:counter_id>/", include(counter_routes)),
    re_path(r"^queue/(?P<rest>.*)$", not_found),
]
