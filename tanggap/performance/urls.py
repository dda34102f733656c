"""Routes of performance agreements and SKP (mounted at kinerja/)."""

from django.urls import path

from tanggap.performance.views import agreements, predikat, skp, skp_review

app_name = "performance"
urlpatterns: list = [
    # Agreements (perjanjian kinerja) and the predikat distribution: tanggap/performance/views/agreements.py
    path("perjanjian/", agreements.agreement_list, name="agreements"),
    path("perjanjian/<int:agreement_id>/", agreements.agreement_detail, name="agreement"),
    path(
        "perjanjian/<int:agreement_id>/indikator/",
        agreements.agreement_indicator_add,
        name="agreement_indicator_add",
    ),
    path(
        "perjanjian/<int:agreement_id>/tandatangani/",
        agreements.agreement_sign_view,
        name="agreement_sign",
    ),
    path(
        "perjanjian/<int:agreement_id>/realisasi/",
        agreements.agreement_realisation,
        name="agreement_realisation",
    ),
    path(
        "realisasi/<int:realisation_id>/bukti/",
        agreements.realisation_evidence,
        name="realisation_evidence",
    ),
    path("predikat/", predikat.predikat_distribution, name="predikat"),
    path("predikat/tetapkan/", predikat.unit_rating_set_view, name="unit_rating_set"),
    # SKP writing, quarterly reviews and year-end ratings: tanggap/performance/views/skp.py
    path("skp/", skp.skp_list, name="skp_list"),
    path("skp/buat/", skp.skp_create_view, name="skp_create"),
    path("skp/<int:skp_id>/", skp.skp_detail, name="skp"),
    path("skp/<int:skp_id>/triwulan/<int:quarter>/", skp_review.skp_review, name="skp_review"),
    path("skp/<int:skp_id>/nilai/", skp_review.skp_rating, name="skp_rating"),
]
