"""Home, staff dashboard, health check and the outbox page."""

from django.urls import path

from tanggap.core import outbox_views, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("sistem/kotak-keluar/", outbox_views.outbox, name="outbox"),
]
