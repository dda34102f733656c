"""Routes of attendance and leave (mounted at kerja/)."""

from django.urls import path

from tanggap.attendance.views import leave, mine, office, recap

app_name = "attendance"
urlpatterns = [
    path("", mine.mine, name="mine"),
    path("presensi/", mine.checkin, name="checkin"),
    path("lokasi/<int:location_id>/qr/", office.qr_screen, name="qr_screen"),
    path("lokasi/<int:location_id>/qr/kode/", office.qr_live, name="qr_live"),
    path("cuti/ajukan/", leave.leave_request, name="leave_request"),
    path("cuti/persetujuan/", leave.approvals, name="approvals"),
    path("cuti/<int:request_id>/putuskan/", leave.decide, name="decide"),
    path("rekap/", recap.recap, name="recap"),
    path("rekap/unduh/", recap.recap_export, name="recap_export"),
]
