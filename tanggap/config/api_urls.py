"""The REST API: each domain app contributes its own router under /api/."""

from django.urls import include, path

urlpatterns = [
    path("", include("tanggap.org.api_urls")),
    path("", include("tanggap.catalog.api_urls")),
    path("", include("tanggap.queueing.api_urls")),
    path("", include("tanggap.complaints.api_urls")),
    path("", include("tanggap.attendance.api_urls")),
    path("", include("tanggap.performance.api_urls")),
    path("", include("tanggap.innovation.api_urls")),
]
