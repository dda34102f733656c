from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """User accounts and role assignments scoped to regions and units."""

    name = "tanggap.accounts"
    label = "accounts"

    def ready(self) -> None:
        from tanggap.accounts import registrations

        registrations.register()
