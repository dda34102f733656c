"""Complaint dashboards, their exports, the routing accuracy page and the public transparency page.

Included by the complaints URLconf (namespace "complaints", mounted at /pengaduan/).
"""

from django.urls import path

from tanggap.complaints.reports import views

urlpatterns = [
    path("dasbor/", views.dashboard_index, name="dashboard_index"),
    path("dasbor/wilayah/<slug:region_slug>/", views.dashboard_region, name="dashboard_region"),
    path(
        "dasbor/wilayah/<slug:region_slug>/unduh.<str:fmt>",
        views.dashboard_region_export,
        name="dashboard_region_export",
    ),
    path(
        "dasbor/wilayah/<slug:region_slug>/penerusan/",
        views.dashboard_routing,
        name="dashboard_routing",
    ),
    path("dasbor/unit/<int:unit_id>/", views.dashboard_unit, name="dashboard_unit"),
    path(
        "dasbor/unit/<int:unit_id>/unduh.<str:fmt>",
        views.dashboard_unit_export,
        name="dashboard_unit_export",
    ),
    path("transparansi/", views.transparency, name="transparency"),
    path("transparansi/<slug:region_slug>/", views.transparency_region, name="transparency_region"),
]
