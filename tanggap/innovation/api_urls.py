"""API routes of Inovasi daerah, under /api/innovation/.

Anything else under /api/innovation/ answers a JSON 404, as unknown ids do, instead of the HTML page.
"""

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from tanggap.innovation.api import assessment as assessment_api


@csrf_exempt
def not_found(request, rest=""):
    return JsonResponse(
        {"code": "not_found", "message": _("Alamat API inovasi tidak dikenal.")}, status=404
    )


urlpatterns = [
    # --- registry ---
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
    # --- jury ---
    # --- library ---
    re_path(r"^innovation/(?P<rest>.*)$", not_found),
]
