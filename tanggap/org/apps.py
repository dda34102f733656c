from django.apps import AppConfig


class OrgConfig(AppConfig):
    """The organisation: regions, areas, units, officials, positions and rotation decrees."""

    name = "tanggap.org"
    label = "org"

    def ready(self) -> None:
        from tanggap.org import registrations

        registrations.register()
