"""Open311 GeoReport v2 resources under /open311/v2/, each as .json and .xml.

Conventions (../shared/OPEN311.md): `jurisdiction_id` is the region's slug (optional when the
deployment hosts one active region); an empty parameter counts as absent; on a POST, every parameter
is read from the form body and then from the query string (clients put `api_key` and
`jurisdiction_id` in either). Errors are the spec's list of {code, description}: 404 for an unknown
resource, jurisdiction, service, request or token; 403 for a missing or bad `api_key`; 400 for other
bad input. Two HTTP answers the spec predates: 405 for a method a resource does not take, and 429 with
Retry-After when a caller goes over the rate limit.

Requests are created synchronously, so a POST answers the `service_request_id` (the report's tracking
code) at once. `tokens/{token}` still answers for clients that ask: the token is the tracking code.
"""

from __future__ import annotations

import functools
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import UnreadablePostError
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from tanggap.complaints.api.throttles import Open311ReadThrottle, Open311WriteThrottle
from tanggap.complaints.models import Channel, Complaint
from tanggap.complaints.open311 import intake, selectors
from tanggap.complaints.open311.params import (
    Open311Error,
    comma_list,
    date_window,
    jurisdiction,
    param,
)
from tanggap.complaints.open311.render import error_response, respond
from tanggap.complaints.open311.rows import (
    endpoint_base,
    request_row,
    service_attributes,
    service_row,
)
from tanggap.complaints.services import complaint_file
from tanggap.core.errors import DomainError

logger = logging.getLogger(__name__)

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-22T00:00:00+07:00"  # when this server's Open311 behaviour last changed
FORMATS = ["text/xml", "application/json"]
MAX_RESULTS = 1000


def resource(*methods: str):
    """An Open311 resource: allowed methods, rate limit, CSRF-exempt (key auth), errors in format."""
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorate(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request, fmt: str, **kwargs):
            if request.method not in allowed:
                message = _("Metode %(method)s tidak didukung di sini.") % {
                    "method": request.method
                }
                return error_response(fmt, 405, message, Allow=", ".join(sorted(allowed)))
            throttle = Open311WriteThrottle() if request.method == "POST" else Open311ReadThrottle()
            if not throttle.allow_request(request, None):  # type: ignore[arg-type]
                message = _("Terlalu banyak permintaan. Coba lagi sebentar lagi.")
                retry = str(int(throttle.wait() or 1) + 1)
                return error_response(fmt, 429, message, Retry_After=retry)
            try:
                return view(request, fmt, **kwargs)
            except Open311Error as exc:
                return error_response(fmt, exc.status, exc.description)
            except DomainError as exc:
                status = exc.status if exc.status in (403, 404) else 400
                return error_response(fmt, status, str(exc.message))
            except (SuspiciousOperation, UnreadablePostError):
                return error_response(fmt, 400, _("Isi permintaan tidak dapat dibaca."))
            except Exception:  # a bug, not bad input: logged, and still answered in the format
                logger.exception("Open311 %s %s failed", request.method, request.path)
                return error_response(fmt, 500, _("Terjadi kesalahan di server."))

        return wrapper

    return decorate


def _requests_answer(fmt: str, rows: list[dict]):
    return respond(fmt, rows, root="service_requests", item="request")


# --- resources --------------------------------------------------------------------------------------


@resource("GET")
def discovery(request, fmt: str):
    contact = _("%(site)s · surel %(email)s") % {
        "site": settings.SITE_URL,
        "email": settings.DEFAULT_FROM_EMAIL,
    }
    body = {
        "changeset": CHANGESET,
        "contact": contact,
        "key_service": _(
            "Kunci API (api_key) diterbitkan oleh admin daerah untuk tiap aplikasi; hubungi %(c)s."
        )
        % {"c": contact},
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": endpoint_base(),
                "changeset": CHANGESET,
                "type": "production",
                "formats": FORMATS,
            }
        ],
    }
    return respond(fmt, body, root="discovery")


@resource("GET")
def service_list(request, fmt: str):
    region = jurisdiction(request)
    rows = [service_row(category) for category in selectors.open311_services(region)]
    return respond(fmt, rows, root="services", item="service")


@resource("GET")
def service_definition(request, fmt: str, service_code: str):
    region = jurisdiction(request)
    category = selectors.open311_service_get(region, service_code)
    if category is None:
        raise Open311Error(404, _("service_code %(code)s tidak dikenal.") % {"code": service_code})
    body = {"service_code": category.slug, "attributes": service_attributes()}
    return respond(fmt, body, root="service_definition")


@resource("GET", "POST")
def request_collection(request, fmt: str):
    if request.method == "POST":
        return _create(request, fmt)
    return _search(request, fmt)


@resource("GET")
def request_detail(request, fmt: str, request_id: str):
    complaint = selectors.open311_request_get(request_id, jurisdiction(request, required=False))
    if complaint is None:
        raise Open311Error(
            404, _("service_request_id %(id)s tidak ditemukan.") % {"id": request_id}
        )
    return _requests_answer(fmt, [request_row(complaint)])


@resource("GET")
def token_lookup(request, fmt: str, token: str):
    complaint = selectors.open311_request_get(token, jurisdiction(request, required=False))
    if complaint is None:
        raise Open311Error(404, _("Token %(token)s tidak ditemukan.") % {"token": token})
    code = complaint.tracking_code
    return _requests_answer(fmt, [{"service_request_id": code, "token": code}])


# --- GET requests: the list and its filters ---------------------------------------------------------


def _search(request, fmt: str):
    region = jurisdiction(request)
    reports = selectors.open311_public_requests(region)
    ids = comma_list(param(request, "service_request_id"))
    if ids:  # the spec: a list of ids overrides every other filter
        if len(ids) > MAX_RESULTS:
            raise Open311Error(
                400, _("Paling banyak %(n)d service_request_id sekaligus.") % {"n": MAX_RESULTS}
            )
        reports = reports.filter(tracking_code__in=[code.upper() for code in ids])
    else:
        codes = comma_list(param(request, "service_code"))
        if codes:
            categories = selectors.open311_category_ids(region, codes)
            unknown = [code for code in codes if code not in categories]
            if unknown:
                raise Open311Error(
                    404, _("service_code %(code)s tidak dikenal.") % {"code": ", ".join(unknown)}
                )
            reports = reports.filter(category_id__in=categories.values())
        statuses = set(comma_list(param(request, "status")))
        if statuses - {"open", "closed"}:
            raise Open311Error(400, _("status hanya boleh open, closed, atau keduanya."))
        if statuses == {"open"}:
            reports = reports.filter(status__in=Complaint.OPEN)
        elif statuses == {"closed"}:
            reports = reports.exclude(status__in=Complaint.OPEN)
        start, end = date_window(request, ZoneInfo(region.timezone))
        reports = reports.filter(created_at__gte=start, created_at__lte=end)
    return _requests_answer(fmt, [request_row(c) for c in reports[:MAX_RESULTS]])


# --- POST requests: a new report from a client app --------------------------------------------------


def _create(request, fmt: str):
    client = intake.authenticated_client(request)
    region = client.region
    code = param(request, "service_code")
    if code is None:
        raise Open311Error(400, _("service_code wajib diisi."))
    category = selectors.open311_service_get(region, code)
    if category is None:
        raise Open311Error(404, _("service_code %(code)s tidak dikenal.") % {"code": code[:80]})
    description = param(request, "description")
    if description is None:
        raise Open311Error(400, _("description wajib diisi: ceritakan apa yang terjadi."))
    if len(description) > intake.MAX_DESCRIPTION:
        raise Open311Error(400, _("description paling panjang 4.000 karakter."))
    location = intake.location_fields(request, region)
    report_type, privacy = intake.attribute_values(request)
    complaint, _secret = complaint_file(
        region=region,
        report_type=report_type,
        title=intake.title_from(description, category),
        description=description,
        channel=Channel.OPEN311,
        category=category,
        is_confidential="rahasia" in privacy,
        is_anonymous="anonim" in privacy,
        open311_client=client,
        **location,
        **intake.contact_fields(request),
    )
    due = (complaint.verify_due_at or complaint.created_at).astimezone(ZoneInfo(region.timezone))
    notice = _("Laporan diterima; diverifikasi paling lambat %(due)s.") % {
        "due": due.strftime("%d-%m-%Y %H:%M %Z")
    }
    account_id = param(request, "account_id")
    row = {
        "service_request_id": complaint.tracking_code,
        "service_notice": notice,
        "account_id": account_id[:100] if account_id else None,
    }
    return _requests_answer(fmt, [row])
