"""API routes of the complaints app, under /api/complaints/.

Anything else under /api/complaints/ (a mistyped action) answers a JSON 404 like unknown codes do,
instead of the HTML error page.
"""

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from tanggap.complaints.api import performance, public, staff


@csrf_exempt
def not_found(request, rest=""):
    return JsonResponse(
        {"code": "not_found", "message": _("Alamat API pengaduan tidak dikenal.")}, status=404
    )


ACTIONS = [
    ("verify-dispatch", staff.VerifyDispatchView),
    ("request-info", staff.RequestInfoView),
    ("transfer-out", staff.TransferOutView),
    ("merge", staff.MergeView),
    ("archive", staff.ArchiveView),
    ("redispatch", staff.RedispatchView),
    ("assign", staff.AssignView),
    ("take", staff.TakeView),
    ("note", staff.NoteView),
    ("answer", staff.AnswerView),
    ("close", staff.CloseView),
    ("reply", public.ReporterReplyView),
    ("rate", public.RateView),
    ("reopen", public.ReopenView),
]

urlpatterns = [
    path("complaints/", staff.ComplaintCollectionView.as_view(), name="complaints"),
    path("complaints/categories/", public.CategoryListView.as_view(), name="complaints-categories"),
    path("complaints/track/", public.TrackView.as_view(), name="complaints-track"),
    path(
        "complaints/performance/units/",
        performance.RegionUnitsPerformanceView.as_view(),
        name="complaints-performance-units",
    ),
    path(
        "complaints/performance/units/<int:unit_id>/",
        performance.UnitPerformanceView.as_view(),
        name="complaints-performance-unit",
    ),
    path(
        "complaints/performance/officials/<int:user_id>/",
        performance.OfficialPerformanceView.as_view(),
        name="complaints-performance-official",
    ),
    path("complaints/<str:code>/", staff.ComplaintDetailView.as_view(), name="complaints-detail"),
    path(
        "complaints/<str:code>/attachments/<int:attachment_id>/",
        staff.AttachmentDownloadView.as_view(),
        name="complaints-attachment",
    ),
    *[
        path(f"complaints/<str:code>/{name}/", view.as_view(), name=f"complaints-{name}")
        for name, view in ACTIONS
    ],
    re_path(r"^complaints/(?P<rest>.*)$", not_found),
]
