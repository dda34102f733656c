"""Routes of Inovasi daerah (mounted at inovasi/). Each area keeps its block."""

from django.urls import path

from tanggap.innovation.views import ideas

app_name = "innovation"
urlpatterns: list = [
    # --- ideas ---
    path("ide/", ideas.idea_list, name="ideas"),
    path("ide/baru/", ideas.idea_create, name="idea_create"),
    path("ide/telaah/", ideas.idea_review, name="idea_review"),
    path("ide/mirip/", ideas.idea_similar, name="idea_similar"),
    path("ide/<int:idea_id>/", ideas.idea_detail, name="idea_detail"),
    path("ide/<int:idea_id>/ubah/", ideas.idea_edit, name="idea_edit"),
    path("ide/<int:idea_id>/tindak/<str:action>/", ideas.idea_act, name="idea_act"),
    # --- registry, evidence, showcase ---
    # --- assessment, report, index ---
    # --- rounds, proposals, results ---
    # --- jury ---
    # --- library ---
]
