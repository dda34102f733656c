"""Routes of Inovasi daerah (mounted at inovasi/). Each area keeps its block."""

from django.urls import path

from tanggap.innovation.views import registry, showcase

app_name = "innovation"
urlpatterns: list = [
    # --- ideas ---
    # --- registry, evidence, showcase ---
    path("registri/", registry.registry, name="registry"),
    path("registri/baru/", registry.innovation_create, name="innovation_create"),
    path("registri/ekspor/", showcase.registry_export, name="registry_export"),
    path("registri/<int:innovation_id>/", registry.innovation_detail, name="innovation_detail"),
    path("registri/<int:innovation_id>/ubah/", registry.innovation_edit, name="innovation_edit"),
    path("registri/<int:innovation_id>/bukti/", registry.evidence_add, name="evidence_add"),
    path(
        "registri/<int:innovation_id>/replikasi/",
        registry.replication_add,
        name="replication_add",
    ),
    path("registri/bukti/<int:evidence_id>/berkas/", registry.evidence_file, name="evidence_file"),
    path("etalase/", showcase.showcase, name="showcase"),
    path("etalase/<int:innovation_id>/", showcase.showcase_detail, name="showcase_detail"),
    path("etalase/<int:innovation_id>/foto/", showcase.showcase_photo, name="showcase_photo"),
    # --- assessment, report, index ---
    # --- rounds, proposals, results ---
    # --- jury ---
    # --- library ---
]
