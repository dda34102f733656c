"""API routes of Inovasi daerah, under /api/innovation/.

Anything else under /api/innovation/ answers a JSON 404, as unknown ids do, instead of the HTML page.
"""

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from tanggap.innovation.api import assessment as assessment_api
from tanggap.innovation.api import jury, library, registry
from tanggap.innovation.api import rounds as round_api


@csrf_exempt
def not_found(request, rest=""):
    return JsonResponse(
        {"code": "not_found", "message": _("Alamat API inovasi tidak dikenal.")}, status=404
    )


urlpatterns = [
    # --- registry ---
    path(
        "innovation/innovations/",
        registry.InnovationCollectionView.as_view(),
        name="innovation-innovations",
    ),
    path(
        "innovation/innovations/<int:innovation_id>/",
        registry.InnovationDetailView.as_view(),
        name="innovation-innovation",
    ),
    path(
        "innovation/innovations/<int:innovation_id>/evidence/",
        registry.EvidenceCollectionView.as_view(),
        name="innovation-innovation-evidence",
    ),
    # --- assessment, index ---
    path(
        "innovation/assessments/",
        assessment_api.AssessmentListView.as_view(),
        name="innovation-assessments",
    ),
    path(
        "innovation/assessments/<int:assessment_id>/",
        assessment_api.AssessmentDetailView.as_view(),
        name="innovation-assessment",
    ),
    path(
        "innovation/assessments/<int:assessment_id>/decide/",
        assessment_api.AssessmentDecideView.as_view(),
        name="innovation-assessment-decide",
    ),
    path(
        "innovation/assessments/<int:assessment_id>/finish/",
        assessment_api.AssessmentFinishView.as_view(),
        name="innovation-assessment-finish",
    ),
    path(
        "innovation/evidence/<int:evidence_id>/validate/",
        assessment_api.EvidenceValidateView.as_view(),
        name="innovation-evidence-validate",
    ),
    path("innovation/index/", assessment_api.IndexView.as_view(), name="innovation-index"),
    # --- rounds, proposals, results ---
    path("innovation/rounds/", round_api.RoundListView.as_view(), name="innovation-rounds"),
    path(
        "innovation/rounds/<int:round_id>/",
        round_api.RoundDetailView.as_view(),
        name="innovation-round",
    ),
    path(
        "innovation/rounds/<int:round_id>/proposals/",
        round_api.ProposalListView.as_view(),
        name="innovation-round-proposals",
    ),
    path(
        "innovation/rounds/<int:round_id>/results/",
        round_api.ResultsView.as_view(),
        name="innovation-round-results",
    ),
    # --- jury ---
    path("innovation/reviews/", jury.ReviewCollectionView.as_view(), name="innovation-reviews"),
    path(
        "innovation/reviews/<int:review_id>/",
        jury.ReviewDetailView.as_view(),
        name="innovation-review",
    ),
    path(
        "innovation/reviews/<int:review_id>/scores/",
        jury.ReviewScoresView.as_view(),
        name="innovation-review-scores",
    ),
    path(
        "innovation/reviews/<int:review_id>/send/",
        jury.ReviewSendView.as_view(),
        name="innovation-review-send",
    ),
    # --- library ---
    path("innovation/articles/", library.ArticleSearchView.as_view(), name="innovation-articles"),
    path(
        "innovation/articles/<int:article_id>/",
        library.ArticleDetailView.as_view(),
        name="innovation-article",
    ),
    re_path(r"^innovation/(?P<rest>.*)$", not_found),
]
