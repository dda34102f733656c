"""Survey pages (mounted at /survei/): the questionnaire, its thank-you page and kiosk mode, plus the IKM
report pages (tanggap.surveys.reports.urls)."""

from django.urls import path

from tanggap.surveys.reports.urls import urlpatterns as report_urls
from tanggap.surveys.views import citizen, kiosk, settings

app_name = "surveys"
urlpatterns = [
    path("isi/<str:token>/", citizen.take, name="take"),
    path("unit/<int:unit_id>/", citizen.take_unit, name="take_unit"),
    path("terima-kasih/", citizen.thanks, name="thanks"),
    path("kiosk/<int:location_id>/", kiosk.kiosk, name="kiosk"),
    path("kiosk/<int:location_id>/tiket/<str:code>/", kiosk.kiosk_take, name="kiosk_take"),
    path("pengaturan/<int:unit_id>/", settings.survey_settings, name="settings"),
    *report_urls,
]
