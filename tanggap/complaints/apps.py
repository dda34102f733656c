from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    """Complaints, aspirations and information requests (SP4N-LAPOR!), on deadline, routed, in the open."""

    name = "tanggap.complaints"
    label = "complaints"
