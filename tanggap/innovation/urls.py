"""Routes of Inovasi daerah (mounted at inovasi/). Each area keeps its block."""

from django.urls import path

from tanggap.innovation.views import library, replication

app_name = "innovation"
urlpatterns: list = [
    # --- ideas ---
    # --- registry, evidence, showcase ---
    # --- assessment, report, index ---
    # --- rounds, proposals, results ---
    # --- jury ---
    # --- library ---
    path("p2b/", library.library, name="library"),
    path("p2b/tulis/", library.article_create, name="article_create"),
    path("p2b/<int:article_id>/", library.article, name="article"),
    path("p2b/<int:article_id>/ubah/", library.article_edit, name="article_edit"),
    path("p2b/replikasi/", replication.replication_requests, name="replication_requests"),
    path(
        "p2b/replikasi/<int:replication_id>/",
        replication.replication_request,
        name="replication_request",
    ),
]
_ = path
