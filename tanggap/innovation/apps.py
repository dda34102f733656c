from django.apps import AppConfig


class InnovationConfig(AppConfig):
    """Inovasi daerah: ideas, the innovation registry and the regional innovation index, competitions
    with juries, and the shared best-practice library (issue 12)."""

    name = "tanggap.innovation"
    label = "innovation"
    verbose_name = "Inovasi daerah"

    def ready(self) -> None:
        from tanggap.innovation import registrations

        registrations.register()
