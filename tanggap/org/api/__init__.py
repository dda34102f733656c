"""REST API of the org app under /api/org/ (routes in tanggap.org.api_urls): regions, areas, units,
officials and rotation decrees. views.py: the viewsets; serializers.py: input types and output shapes."""

from tanggap.org.api.views import (
    AreaViewSet,
    DecreeViewSet,
    OfficialViewSet,
    RegionViewSet,
    UnitViewSet,
)

__all__ = ["AreaViewSet", "DecreeViewSet", "OfficialViewSet", "RegionViewSet", "UnitViewSet"]
