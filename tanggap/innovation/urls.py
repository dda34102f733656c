"""Routes of Inovasi daerah (mounted at inovasi/). Each area keeps its block."""

from django.urls import path

app_name = "innovation"
urlpatterns: list = [
    # --- ideas ---
    # --- registry, evidence, showcase ---
    # --- assessment, report, index ---
    # --- rounds, proposals, results ---
    # --- jury ---
    # --- library ---
]
_ = path
