"""Routes of Inovasi daerah (mounted at inovasi/). Each area keeps its block."""

from django.urls import path

from tanggap.innovation.views import jury

app_name = "innovation"
urlpatterns: list = [
    # --- ideas ---
    # --- registry, evidence, showcase ---
    # --- assessment, report, index ---
    # --- rounds, proposals, results ---
    # --- jury ---
    path("lomba/<int:round_id>/juri/", jury.round_jury, name="round_jury"),
    path("lomba/<int:round_id>/juri/konflik/", jury.conflict_declare, name="conflict_declare"),
    path("juri/", jury.my_reviews, name="my_reviews"),
    path("juri/<int:review_id>/", jury.review, name="review"),
    # --- library ---
]
_ = path
