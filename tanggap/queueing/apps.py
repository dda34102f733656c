from django.apps import AppConfig


class QueueingConfig(AppConfig):
    """Online queues with QR tickets: bookings, walk-ins, counters, display boards, analytics, planner."""

    name = "tanggap.queueing"
    label = "queueing"

    def ready(self) -> None:
        from tanggap.queueing import registrations

        registrations.register()
