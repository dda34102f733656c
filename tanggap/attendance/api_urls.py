"""API routes of the attendance app, under /api/attendance/.

Anything else under /api/attendance/ answers a JSON 404, as unknown ids do, instead of the HTML page.
"""

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from tanggap.attendance.api import checkins, leave


@csrf_exempt
def not_found(request, rest=""):
    return JsonResponse(
        {"code": "not_found", "message": _("Alamat API presensi tidak dikenal.")}, status=404
    )


urlpatterns = [
    path(
        "attendance/check-ins/",
        checkins.CheckInCollectionView.as_view(),
        name="attendance-check-ins",
    ),
    path(
        "attendance/leave-types/", leave.LeaveTypeListView.as_view(), name="attendance-leave-types"
    ),
    path(
        "attendance/leave-balance/",
        leave.LeaveBalanceView.as_view(),
        name="attendance-leave-balance",
    ),
    path(
        "attendance/leave-requests/",
        leave.LeaveRequestCollectionView.as_view(),
        name="attendance-leave-requests",
    ),
    path(
        "attendance/leave-requests/<int:request_id>/",
        leave.LeaveRequestDetailView.as_view(),
        name="attendance-leave-request",
    ),
    path(
        "attendance/leave-requests/<int:request_id>/decide/",
        leave.LeaveDecideView.as_view(),
        name="attendance-leave-request-decide",
    ),
    path(
        "attendance/leave-requests/<int:request_id>/cancel/",
        leave.LeaveCancelView.as_view(),
        name="attendance-leave-request-cancel",
    ),
    re_path(r"^attendance/(?P<rest>.*)$", not_found),
]
