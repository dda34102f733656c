"""Home, staff dashboard and health check."""

from django.urls import path

from tanggap.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
]
