"""Queue URL patterns (see urls.py)."""

urlpatterns: list = []
