"""API routes of the performance app, under /api/performance/.

Anything else under /api/performance/ answers a JSON 404, as unknown ids do, instead of the HTML page.
"""

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from tanggap.performance.api import agreements, skp, unit_rating


@csrf_exempt
def not_found(request, rest=""):
    return JsonResponse(
        {"code": "not_found", "message": _("Alamat API kinerja tidak dikenal.")}, status=404
    )


P = "performance"
urlpatterns = [
    path(
        f"{P}/agreements/",
        agreements.AgreementCollectionView.as_view(),
        name="performance-agreements",
    ),
    path(
        f"{P}/agreements/<int:agreement_id>/",
        agreements.AgreementDetailView.as_view(),
        name="performance-agreement",
    ),
    path(
        f"{P}/agreements/<int:agreement_id>/indicators/",
        agreements.IndicatorCreateView.as_view(),
        name="performance-agreement-indicators",
    ),
    path(
        f"{P}/agreements/<int:agreement_id>/sign/",
        agreements.AgreementSignView.as_view(),
        name="performance-agreement-sign",
    ),
    path(
        f"{P}/indicators/<int:indicator_id>/realisations/",
        agreements.RealisationRecordView.as_view(),
        name="performance-indicator-realisations",
    ),
    path(f"{P}/skp/", skp.SkpCollectionView.as_view(), name="performance-skps"),
    path(f"{P}/skp/<int:skp_id>/", skp.SkpDetailView.as_view(), name="performance-skp"),
    path(
        f"{P}/skp/<int:skp_id>/results/",
        skp.SkpResultCreateView.as_view(),
        name="performance-skp-results",
    ),
    path(
        f"{P}/skp/<int:skp_id>/reviews/",
        skp.SkpReviewView.as_view(),
        name="performance-skp-reviews",
    ),
    path(
        f"{P}/skp/<int:skp_id>/rating/", skp.SkpRatingView.as_view(), name="performance-skp-rating"
    ),
    path(
        f"{P}/units/<int:unit_id>/predikat/",
        skp.UnitPredikatView.as_view(),
        name="performance-unit-predikat",
    ),
    path(
        f"{P}/units/<int:unit_id>/rating/",
        unit_rating.UnitRatingView.as_view(),
        name="performance-unit-rating",
    ),
    re_path(rf"^{P}/(?P<rest>.*)$", not_found),
]
