from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    """Complaints, aspirations and information requests (SP4N-LAPOR!), on deadline, routed, in the open."""

    name = "tanggap.complaints"
    label = "complaints"

    def ready(self) -> None:
        from tanggap.complaints import registrations

        registrations.register()
