"""API routes of the org app, under /api/org/."""

from rest_framework.routers import SimpleRouter

from tanggap.org import api

router = SimpleRouter()
router.register("org/regions", api.RegionViewSet, basename="org-region")
router.register("org/areas", api.AreaViewSet, basename="org-area")
router.register("org/units", api.UnitViewSet, basename="org-unit")
router.register("org/officials", api.OfficialViewSet, basename="org-official")
router.register("org/decrees", api.DecreeViewSet, basename="org-decree")

urlpatterns = router.urls
