"""The location head's queue reports and the staffing planner (included by tanggap.queueing.urls, so
mounted under /antrean/ in the `queueing` namespace)."""

from django.urls import path
from django.views.generic import RedirectView

from tanggap.queueing.reports import views

urlpatterns = [
    path("laporan/", views.report_index, name="reports_index"),
    path("laporan/<int:location_id>/", views.report_location, name="reports_location"),
    path(
        "laporan/<int:location_id>/unduh.<str:fmt>",
        views.report_export,
        name="reports_export",
    ),
    path("perencana/", RedirectView.as_view(pattern_name="queueing:reports_index")),
    path("perencana/<int:location_id>/", views.planner_view, name="planner"),
]
