"""The location head's queue reports and the staffing planner (see urls.py; mounted under /antrean/)."""

from django.urls import path
from django.views.generic import RedirectView

from tanggap.queueing import reports_views

urlpatterns = [
    path("laporan/", reports_views.report_index, name="reports_index"),
    path("laporan/<int:location_id>/", reports_views.report_location, name="reports_location"),
    path(
        "laporan/<int:location_id>/unduh.<str:fmt>",
        reports_views.report_export,
        name="reports_export",
    ),
    path("perencana/", RedirectView.as_view(pattern_name="queueing:reports_index")),
    path("perencana/<int:location_id>/", reports_views.planner_view, name="planner"),
]
