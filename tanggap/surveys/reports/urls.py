"""IKM report pages, included by the surveys URLconf under /survei/."""

from django.urls import path

from tanggap.surveys.reports import views

urlpatterns = [
    path("laporan/", views.report_index, name="report_index"),
    path("laporan/unit/<int:unit_id>/", views.report_unit, name="report_unit"),
    path(
        "laporan/unit/<int:unit_id>/unduh.<str:fmt>",
        views.report_unit_export,
        name="report_unit_export",
    ),
    path("laporan/wilayah/<slug:region_slug>/", views.report_region, name="report_region"),
    path("ikm/", views.public_ikm, name="public_ikm"),
    path("ikm/<int:unit_id>/", views.public_ikm_unit, name="public_ikm_unit"),
]
