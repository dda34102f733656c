"""Reading Open311 parameters: empty counts as absent, a POST reads the body then the query string,
`jurisdiction_id` names a region, dates are ISO 8601 within a 90-day window."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from tanggap.complaints.open311 import selectors

MAX_WINDOW = dt.timedelta(days=90)


class Open311Error(Exception):
    """Bad request in Open311 terms: answered as the spec's error list with this HTTP status."""

    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def _sources(request):
    # A POST reads the form body first, then the query string; other methods only the query string.
    return (request.POST, request.GET) if request.method == "POST" else (request.GET,)


def param(request, name: str) -> str | None:
    """A parameter's stripped value; absent and empty are the same (None)."""
    for source in _sources(request):
        value = (source.get(name) or "").strip()
        if value:
            return value
    return None


def values(request, *names: str) -> list[str]:
    """Every non-empty value given under any of `names` (e.g. attribute[x] and attribute[x][])."""
    for source in _sources(request):
        found = [v.strip() for name in names for v in source.getlist(name) if v.strip()]
        if found:
            return found
    return []


def comma_list(value: str | None) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in (value or "").split(",") if part.strip()))


def jurisdiction(request, *, required: bool = True):
    """The region named by `jurisdiction_id`; without it, the only region (or None if optional)."""
    slug = param(request, "jurisdiction_id")
    if slug:
        region = selectors.jurisdiction_get(slug)
        if region is None:
            raise Open311Error(404, _("jurisdiction_id %(id)s tidak dikenal.") % {"id": slug[:64]})
        return region
    if not required:
        return None
    region = selectors.sole_jurisdiction()
    if region is None:
        raise Open311Error(
            400, _("Parameter jurisdiction_id wajib diisi (slug daerah, mis. kab-blitar).")
        )
    return region


def moment(value: str | None, zone: ZoneInfo, name: str, *, end: bool) -> dt.datetime | None:
    """An ISO 8601 moment; without a zone it is the region's local time, a bare date its whole day."""
    if value is None:
        return None
    # An unencoded "+07:00" in a query string arrives as " 07:00".
    value = re.sub(r" (\d{2}:?\d{2})$", r"+\1", value)
    try:
        moment = parse_datetime(value)
        day = None if moment is not None else parse_date(value)
    except ValueError:
        moment = day = None
    if day is not None:
        moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
    if moment is None:
        raise Open311Error(
            400,
            _("%(name)s harus berformat ISO 8601, mis. 2026-11-20T00:00:00+07:00.")
            % {"name": name},
        )
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=zone)
    return moment


def date_window(request, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """start_date..end_date on requested_datetime: at most 90 days, by default the last 90 days."""
    given_start = moment(param(request, "start_date"), zone, "start_date", end=False)
    given_end = moment(param(request, "end_date"), zone, "end_date", end=True)
    if given_start is not None:
        start = given_start
        end = given_end if given_end is not None else start + MAX_WINDOW
    else:
        end = given_end if given_end is not None else timezone.now()
        start = end - MAX_WINDOW
    if end < start:
        raise Open311Error(400, _("end_date tidak boleh sebelum start_date."))
    if end - start > MAX_WINDOW:
        raise Open311Error(400, _("Rentang start_date sampai end_date paling lama 90 hari."))
    return start, end
