from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """User accounts and role assignments scoped to regions and units."""

    name = "tanggap.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from tanggap.accounts import login_guard, registrations

        registrations.register()
        user_login_failed.connect(login_guard.record_failure, dispatch_uid="tanggap-login-failures")
