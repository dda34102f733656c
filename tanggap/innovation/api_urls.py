"""API routes of Inovasi daerah, under /api/innovation/.

Anything else under /api/innovation/ answers a JSON 404, as unknown ids do, instead of the HTML page.
"""

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from tanggap.innovation.api import registry


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
    # --- rounds, proposals, results ---
    # --- jury ---
    # --- library ---
    re_path(r"^innovation/(?P<rest>.*)$", not_found),
]
