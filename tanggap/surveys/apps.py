from django.apps import AppConfig


class SurveysConfig(AppConfig):
    """Survei Kepuasan Masyarakat: questionnaires after service and the IKM (PermenPANRB 14/2017)."""

    name = "tanggap.surveys"
    label = "surveys"

    def ready(self) -> None:
        from tanggap.surveys import registrations

        registrations.register()
