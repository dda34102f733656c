from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo regions, units, services, officials and accounts (no models of its own)."""

    name = "tanggap.demo"
    label = "demo"
    verbose_name = _("Data demo")
