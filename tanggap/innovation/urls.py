"""Routes of Inovasi daerah (mounted at inovasi/). Each area keeps its block."""

from django.urls import path

from tanggap.innovation.views import assessment as assessment_views
from tanggap.innovation.views import index as index_views

app_name = "innovation"
urlpatterns: list = [
    # --- ideas ---
    # --- registry, evidence, showcase ---
    # --- assessment, report, index ---
    path("penilaian/", assessment_views.assessment_queue, name="assessments"),
    path(
        "penilaian/<int:innovation_id>/",
        assessment_views.assessment_detail,
        name="assessment",
    ),
    path("laporan/", index_views.region_report, name="report"),
    path("indeks/", index_views.index_page, name="index"),
    path("skema/", index_views.scheme_list, name="schemes"),
    path("skema/<int:year>/", index_views.scheme_detail, name="scheme_detail"),
    # --- rounds, proposals, results ---
    # --- jury ---
    # --- library ---
]
