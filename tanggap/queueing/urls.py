"""Queue pages under /antrean/: citizens book and follow a ticket, the kiosk and display board of each
location, the front desk's counter screen, queue configuration (with the location's kiosks), and the
head's reports (reports/urls.py)."""

from django.urls import include, path

from tanggap.queueing.views import board, citizen, config, counter, kiosk, kiosk_devices

app_name = "queueing"

urlpatterns = [
    # Citizens: book a slot, then follow the ticket (no account).
    path("", citizen.locations, name="locations"),
    path("lokasi/<int:location_id>/", citizen.location, name="location"),
    path("pesan/<int:queue_service_id>/", citizen.book_slots, name="book_slots"),
    path("pesan/<int:queue_service_id>/<str:slot>/", citizen.book_contact, name="book_contact"),
    path("tiket/", citizen.ticket_find, name="ticket_find"),
    path("tiket/<str:code>/", citizen.ticket, name="ticket"),
    path("tiket/<str:code>/lupakan/", citizen.ticket_forget, name="ticket_forget"),
    path("tiket/<str:code>/status/", citizen.ticket_live, name="ticket_live"),
    path("tiket/<str:code>/cetak/", citizen.ticket_print, name="ticket_print"),
    path("tiket/<str:code>/jadwal-ulang/", citizen.ticket_reschedule, name="ticket_reschedule"),
    path("tiket/<str:code>/batal/", citizen.ticket_cancel, name="ticket_cancel"),
    # The location's kiosk and display board (public screens); a browser becomes a kiosk by pairing.
    path("kiosk/pasang/", kiosk.kiosk_pair, name="kiosk_pair"),
    path("<int:location_id>/kiosk/", kiosk.kiosk, name="kiosk"),
    path("<int:location_id>/kiosk/ambil/", kiosk.kiosk_walk_in, name="kiosk_walk_in"),
    path("<int:location_id>/kiosk/check-in/", kiosk.kiosk_check_in, name="kiosk_check_in"),
    path("<int:location_id>/kiosk/tiket/<str:code>/", kiosk.kiosk_ticket, name="kiosk_ticket"),
    path("<int:location_id>/layar/", board.board, name="board"),
    path("<int:location_id>/layar/isi/", board.board_live, name="board_live"),
    # Front-desk officers.
    path("loket/", counter.counter_picker, name="counter_picker"),
    path("loket/<int:counter_id>/", counter.counter, name="counter"),
    path("loket/<int:counter_id>/antrean/", counter.counter_waiting, name="counter_waiting"),
    path("loket/<int:counter_id>/<slug:action>/", counter.counter_action, name="counter_action"),
    # Queue configuration (location head, unit admin, region admin).
    path("atur/", config.config_list, name="config_list"),
    path("atur/<int:location_id>/", config.config_location, name="config_location"),
    path("atur/<int:location_id>/pengaturan/", config.config_settings, name="config_settings"),
    path(
        "atur/<int:location_id>/layanan/tambah/",
        config.config_service_add,
        name="config_service_add",
    ),
    path(
        "atur/<int:location_id>/layanan/<int:pk>/",
        config.config_service_edit,
        name="config_service_edit",
    ),
    path(
        "atur/<int:location_id>/loket/tambah/", config.config_counter_add, name="config_counter_add"
    ),
    path(
        "atur/<int:location_id>/loket/<int:pk>/",
        config.config_counter_edit,
        name="config_counter_edit",
    ),
    path("atur/<int:location_id>/kiosk/", kiosk_devices.config_kiosks, name="config_kiosks"),
    path(
        "atur/<int:location_id>/kiosk/<int:pk>/cabut/",
        kiosk_devices.config_kiosk_revoke,
        name="config_kiosk_revoke",
    ),
    # The location head's reports and the staffing planner.
    path("", include("tanggap.queueing.reports.urls")),
]
