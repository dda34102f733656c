"""Complaint pages (mounted at /pengaduan/): citizens first, then the staff area under kelola/."""

from django.urls import path

from tanggap.complaints.reports import urls as report_urls
from tanggap.complaints.views import citizen, detail, team, worklists

app_name = "complaints"
urlpatterns = [
    # Citizens: no account needed; the secret opens the reporter's page.
    path("", citizen.landing, name="landing"),
    path("lapor/", citizen.file_report, name="file"),
    path("lapor/desa/", citizen.desa_options, name="desa_options"),
    path("lapor/terkirim/<str:code>/", citizen.filed, name="filed"),
    path("lacak/", citizen.track, name="track"),
    path("lacak/<str:code>/", citizen.reporter, name="reporter"),
    path("lacak/<str:code>/lupakan/", citizen.reporter_forget, name="reporter_forget"),
    path("lacak/<str:code>/<slug:action>/", citizen.reporter_action, name="reporter_action"),
    path("publik/<str:code>/", citizen.public, name="public"),
    path("saya/", citizen.mine, name="mine"),
    path("lampiran/<int:pk>/", citizen.attachment, name="attachment"),
    # Staff: officers, verifiers (admin instansi), the units' responsive teams.
    path("kelola/", worklists.staff_home, name="staff_home"),
    path("kelola/catat/", worklists.record, name="record"),
    path("kelola/verifikasi/", worklists.verify_list, name="verify_list"),
    path("kelola/unit/", worklists.unit_list, name="unit_list"),
    path("kelola/unit/<int:unit_id>/tim/", team.team, name="team"),
    path(
        "kelola/unit/<int:unit_id>/tim/<int:member_id>/hapus/",
        team.team_remove,
        name="team_remove",
    ),
    *report_urls.urlpatterns,
    path("kelola/<str:code>/", detail.staff_detail, name="staff_detail"),
    path("kelola/<str:code>/saran/", detail.suggestions, name="suggestions"),
    path("kelola/<str:code>/<slug:action>/", detail.staff_action, name="staff_action"),
]
