from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    """Kinerja ASN, first part: attendance (presensi) by QR, geofence or kiosk, and leave (cuti) as a ledger."""

    name = "tanggap.attendance"
    label = "attendance"

    def ready(self) -> None:
        from tanggap.attendance import registrations

        registrations.register()
