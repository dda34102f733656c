from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """The public service catalogue and its versioned service standards (Standar Pelayanan)."""

    name = "tanggap.catalog"
    label = "catalog"

    def ready(self) -> None:
        from tanggap.catalog import registrations

        registrations.register()
