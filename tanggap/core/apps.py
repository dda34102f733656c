from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared foundations: audit trail, working calendar, errors, base pages."""

    name = "tanggap.core"
    label = "core"
