"""A test URLconf mounting the IKM report pages under /survei/ (the surveys URLconf does it in the app)."""

from django.urls import include, path

from tanggap.config.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("survei/", include(("tanggap.surveys.report_urls", "surveys"))),
    *site_urlpatterns,
]
