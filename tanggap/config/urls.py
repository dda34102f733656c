"""URL map: public pages, the staff area, the API and its schema."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("", include("tanggap.core.urls")),
    path("akun/", include("tanggap.accounts.urls")),
    path("akun/pengguna/", include("tanggap.org.user_urls")),
    path("layanan/", include("tanggap.catalog.urls")),
    path("organisasi/", include("tanggap.org.urls")),
    path("antrean/", include("tanggap.queueing.urls")),
    path("pengaduan/", include("tanggap.complaints.urls")),
    path("survei/", include("tanggap.surveys.urls")),
    path("kerja/", include("tanggap.attendance.urls")),
    path("kinerja/", include("tanggap.performance.urls")),
    path("inovasi/", include("tanggap.innovation.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("open311/v2/", include("tanggap.complaints.open311.urls")),
    path("api/", include("tanggap.config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its initialising script from ?script, so the page runs under the site's CSP.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="core/api_docs.html"
        ),
        name="api-docs",
    ),
    path("django-admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "tanggap.core.views.bad_request"
handler403 = "tanggap.core.views.permission_denied"
handler404 = "tanggap.core.views.page_not_found"
handler500 = "tanggap.core.views.server_error"
