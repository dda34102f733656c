"""API routes of the catalog app, under /api/catalog/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from tanggap.catalog import api

router = SimpleRouter()
router.register("catalog/services", api.ServiceViewSet, basename="catalog-service")

urlpatterns = [
    path("catalog/import/", api.StandardsImportView.as_view(), name="catalog-import"),
    path("catalog/export/", api.StandardsExportView.as_view(), name="catalog-export"),
    *router.urls,
]
