"""API routes of the queueing app (mounted at /api/)."""

urlpatterns: list = []
