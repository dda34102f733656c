"""Routes of Inovasi daerah (mounted at inovasi/). Each area keeps its block."""

from django.urls import path

from tanggap.innovation.views import assessment as assessment_views
from tanggap.innovation.views import ideas, jury, library, registry, replication, showcase
from tanggap.innovation.views import index as index_views
from tanggap.innovation.views import proposals as proposal_views
from tanggap.innovation.views import results as result_views
from tanggap.innovation.views import rounds as round_views
from tanggap.innovation.views import spd_evidence as spd_views

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
    path("penilaian/", assessment_views.assessment_queue, name="assessments"),
    path(
        "penilaian/<int:innovation_id>/",
        assessment_views.assessment_detail,
        name="assessment",
    ),
    path("laporan/", index_views.region_report, name="report"),
    path("indeks/", index_views.index_page, name="index"),
    path("indeks/bukti/", spd_views.spd_evidence, name="spd_evidence"),
    path(
        "indeks/bukti/<int:evidence_id>/berkas/",
        spd_views.spd_evidence_file,
        name="spd_evidence_file",
    ),
    path("skema/", index_views.scheme_list, name="schemes"),
    path("skema/<int:year>/", index_views.scheme_detail, name="scheme_detail"),
    # --- rounds, proposals, results ---
    path("lomba/", round_views.round_list, name="rounds"),
    path("lomba/baru/", round_views.round_create, name="round_create"),
    path("lomba/<int:round_id>/", round_views.round_detail, name="round_detail"),
    path("lomba/<int:round_id>/ubah/", round_views.round_edit, name="round_edit"),
    path(
        "lomba/<int:round_id>/proposal/baru/",
        proposal_views.proposal_create,
        name="proposal_create",
    ),
    path(
        "lomba/<int:round_id>/proposal/<int:proposal_id>/",
        proposal_views.proposal_detail,
        name="proposal_detail",
    ),
    path("lomba/<int:round_id>/hasil/", result_views.round_results, name="round_results"),
    path(
        "lomba/<int:round_id>/hasil/unduh/",
        result_views.round_results_export,
        name="round_results_export",
    ),
    path(
        "lomba/<int:round_id>/sertifikat/<int:proposal_id>.pdf",
        result_views.certificate,
        name="certificate",
    ),
    # --- jury ---
    path("lomba/<int:round_id>/juri/", jury.round_jury, name="round_jury"),
    path("lomba/<int:round_id>/juri/konflik/", jury.conflict_declare, name="conflict_declare"),
    path("juri/", jury.my_reviews, name="my_reviews"),
    path("juri/<int:review_id>/", jury.review, name="review"),
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
