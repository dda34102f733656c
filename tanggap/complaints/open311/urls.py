"""Open311 GeoReport v2 routes, mounted at /open311/v2/: each resource with a .json or .xml suffix.

Anything else under the prefix answers the spec's 404 error list (JSON for a .json path, else XML).
"""

from django.urls import re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from tanggap.complaints.open311 import views
from tanggap.complaints.open311.render import JSON, XML, error_response

app_name = "open311"

FMT = r"\.(?P<fmt>json|xml)$"
CODE = r"(?P<%s>[A-Za-z0-9_-]{1,80})"


@csrf_exempt
def not_found(request, rest: str = ""):
    fmt = JSON if rest.endswith(".json") else XML
    return error_response(fmt, 404, _("Sumber Open311 tidak dikenal."))


urlpatterns = [
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.service_list, name="services"),
    re_path(r"^services/" + CODE % "service_code" + FMT, views.service_definition, name="service"),
    re_path(r"^requests" + FMT, views.request_collection, name="requests"),
    re_path(r"^requests/" + CODE % "request_id" + FMT, views.request_detail, name="request"),
    re_path(r"^tokens/" + CODE % "token" + FMT, views.token_lookup, name="token"),
    re_path(r"^(?P<rest>.*)$", not_found),
]
