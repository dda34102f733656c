"""REST API of the catalogue under /api/catalog/ (routes in tanggap.catalog.api_urls)."""

from tanggap.catalog.api.views import ServiceViewSet, StandardsExportView, StandardsImportView

__all__ = ["ServiceViewSet", "StandardsExportView", "StandardsImportView"]
