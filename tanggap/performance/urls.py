"""Routes of performance agreements and SKP (mounted at kinerja/)."""

from django.urls import path  # noqa: F401  (the page modules add their routes)

app_name = "performance"
urlpatterns: list = [
    # Agreements (perjanjian kinerja) and the predikat distribution: tanggap/performance/views/agreements.py
    # SKP writing, quarterly reviews and year-end ratings: tanggap/performance/views/skp.py
]
