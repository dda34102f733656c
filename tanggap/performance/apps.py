from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    """Kinerja ASN: a unit's performance agreement (perjanjian kinerja) and the SKP rules (DOMAIN.md §5)."""

    name = "tanggap.performance"
    label = "performance"

    def ready(self) -> None:
        from tanggap.performance import registrations

        registrations.register()
