"""Queue pages: citizen, kiosk, counter and board pages (urls_public) and the head's reports (urls_reports)."""

from tanggap.queueing.urls_public import urlpatterns as public_urls
from tanggap.queueing.urls_reports import urlpatterns as report_urls

app_name = "queueing"
urlpatterns = public_urls + report_urls
