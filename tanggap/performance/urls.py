"""Routes of performance agreements and SKP (mounted at kinerja/)."""

from django.urls import path

from tanggap.performance.views import skp, skp_review

app_name = "performance"
urlpatterns: list = [
    # Agreements (perjanjian kinerja) and the predikat distribution: tanggap/performance/views/agreements.py
    # SKP writing, quarterly reviews and year-end ratings: tanggap/performance/views/skp.py
    path("skp/", skp.skp_list, name="skp_list"),
    path("skp/buat/", skp.skp_create_view, name="skp_create"),
    path("skp/<int:skp_id>/", skp.skp_detail, name="skp"),
    path("skp/<int:skp_id>/triwulan/<int:quarter>/", skp_review.skp_review, name="skp_review"),
    path("skp/<int:skp_id>/nilai/", skp_review.skp_rating, name="skp_rating"),
]
