"""API routes of the queueing app, under /api/queue/.

Anything else under /api/queue/ (a bad id such as /locations/abc/) answers a JSON 404, like unknown
ids and codes do, instead of the HTML error page.
"""

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _

from tanggap.queueing.api import public, staff


def not_found(request, rest=""):
    return JsonResponse(
        {"code": "not_found", "message": _("Alamat API antrean tidak dikenal.")}, status=404
    )


urlpatterns = [
    path("queue/locations/", public.LocationListView.as_view(), name="queue-locations"),
    path(
        "queue/locations/<int:location_id>/slots/",
        public.SlotListView.as_view(),
        name="queue-location-slots",
    ),
    path(
        "queue/locations/<int:location_id>/tickets/",
        public.WalkInView.as_view(),
        name="queue-location-walk-in",
    ),
    path(
        "queue/locations/<int:location_id>/board/",
        public.BoardView.as_view(),
        name="queue-location-board",
    ),
    path("queue/bookings/", public.BookingCreateView.as_view(), name="queue-bookings"),
    path("queue/tickets/<str:code>/", public.TicketStatusView.as_view(), name="queue-ticket"),
    path(
        "queue/tickets/<str:code>/check-in/",
        public.CheckInView.as_view(),
        name="queue-ticket-check-in",
    ),
    path(
        "queue/tickets/<str:code>/cancel/", public.CancelView.as_view(), name="queue-ticket-cancel"
    ),
    path(
        "queue/tickets/<str:code>/reschedule/",
        public.RescheduleView.as_view(),
        name="queue-ticket-reschedule",
    ),
    path(
        "queue/tickets/<str:code>/recall/", staff.RecallView.as_view(), name="queue-ticket-recall"
    ),
    path("queue/tickets/<str:code>/start/", staff.StartView.as_view(), name="queue-ticket-start"),
    path(
        "queue/tickets/<str:code>/finish/", staff.FinishView.as_view(), name="queue-ticket-finish"
    ),
    path(
        "queue/tickets/<str:code>/no-show/", staff.NoShowView.as_view(), name="queue-ticket-no-show"
    ),
    path(
        "queue/tickets/<str:code>/transfer/",
        staff.TransferView.as_view(),
        name="queue-ticket-transfer",
    ),
    path(
        "queue/counters/<int:counter_id>/", staff.CounterScreenView.as_view(), name="queue-counter"
    ),
    path(
        "queue/counters/<int:counter_id>/call-next/",
        staff.CallNextView.as_view(),
        name="queue-counter-call-next",
    ),
    re_path(r"^queue/(?P<rest>.*)$", not_found),
]
