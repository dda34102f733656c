"""Routes of attendance and leave (mounted at kerja/)."""

from django.urls import path

from tanggap.attendance.views import corrections, kiosk, leave, mine, office, recap, settings, team

app_name = "attendance"
urlpatterns = [
    path("", mine.mine, name="mine"),
    path("presensi/", mine.checkin, name="checkin"),
    path("lokasi/<int:location_id>/qr/", office.qr_screen, name="qr_screen"),
    path("lokasi/<int:location_id>/qr/kode/", office.qr_live, name="qr_live"),
    path("cuti/", leave.my_leave, name="my_leave"),
    path("cuti/<int:request_id>/batal/", leave.my_leave_cancel, name="leave_cancel"),
    path("lokasi/<int:location_id>/kiosk/", kiosk.kiosk, name="kiosk"),
    path("pin/", kiosk.pin, name="pin"),
    path("koreksi/", corrections.corrections, name="corrections"),
    path("tim/", team.team, name="team"),
    path("cuti/ajukan/", leave.leave_request, name="leave_request"),
    path("cuti/persetujuan/", leave.approvals, name="approvals"),
    path("cuti/<int:request_id>/putuskan/", leave.decide, name="decide"),
    path("rekap/", recap.recap, name="recap"),
    path("rekap/unduh/", recap.recap_export, name="recap_export"),
    path("atur/", settings.settings_index, name="settings"),
    path("atur/jadwal/<int:unit_id>/", settings.settings_schedule, name="settings_schedule"),
    path("atur/lokasi/baru/", settings.settings_location_create, name="settings_location_create"),
    path("atur/lokasi/<int:location_id>/", settings.settings_location, name="settings_location"),
    path("atur/rekap/", settings.settings_recap, name="settings_recap"),
    path("atur/cuti/", settings.settings_leave, name="settings_leave"),
    path("atur/cuti/tahun/", settings.settings_leave_year, name="settings_leave_year"),
]
