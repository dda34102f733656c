"""What Open311 resources answer: a service, its definition's attributes, a request (never any
reporter field), as plain dicts for render.py."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from tanggap.complaints.models import Channel, Complaint, ComplaintCategory, ComplaintType
from tanggap.complaints.models.event_texts import event_text


def iso(value: dt.datetime | None, zone: ZoneInfo) -> str | None:
    """ISO 8601 with the region's offset, to the second (2026-11-20T10:00:00+07:00)."""
    if value is None:
        return None
    return value.astimezone(zone).replace(microsecond=0).isoformat()


def endpoint_base() -> str:
    path = reverse("open311:discovery", kwargs={"fmt": "json"}).rsplit("/", 1)[0]
    return settings.SITE_URL.rstrip("/") + path


def service_row(category: ComplaintCategory) -> dict:
    unit = category.default_unit
    return {
        "service_code": category.slug,
        "service_name": category.name,
        "description": category.name_en or category.name,
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(filter(None, [category.name, category.name_en])),
        "group": unit.name if unit is not None else _("Umum"),
    }


def service_attributes() -> list[dict]:
    """The two questions every category asks: report type and privacy."""
    return [
        {
            "variable": True,
            "code": "report_type",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": _(
                "Satu nilai: pengaduan, aspirasi atau informasi. Bila kosong: pengaduan."
            ),
            "order": 1,
            "description": _("Jenis laporan"),
            "values": [{"key": key, "name": str(name)} for key, name in ComplaintType.choices],
        },
        {
            "variable": True,
            "code": "privacy",
            "datatype": "multivaluelist",
            "required": False,
            "datatype_description": _(
                "Nol, satu atau dua nilai: rahasia, anonim (attribute[privacy][]=...)."
            ),
            "order": 2,
            "description": _("Kerahasiaan laporan"),
            "values": [
                {"key": "rahasia", "name": _("Rahasia: laporan tidak ditampilkan ke publik")},
                {
                    "key": "anonim",
                    "name": _("Anonim: identitas pelapor disembunyikan dari unit yang menangani"),
                },
            ],
        },
    ]


def _address(complaint: Complaint) -> tuple[str | None, str | None]:
    area = complaint.desa or complaint.kecamatan
    if complaint.address:
        text = complaint.address
    else:
        text = ", ".join(a.name for a in (complaint.desa, complaint.kecamatan) if a is not None)
    return text or None, area.code if area is not None else None


def _status_notes(complaint: Complaint) -> str | None:
    """The latest public step's text, in the request's language (None when the row has none)."""
    params = getattr(complaint, "status_note_params", None)
    if isinstance(params, str):  # a JSON subquery some databases return undecoded
        try:
            params = json.loads(params)
        except ValueError:
            params = {}
    text = event_text(
        code=getattr(complaint, "status_note_code", None) or "",
        params=params if isinstance(params, dict) else {},
        message=getattr(complaint, "status_note_message", None) or "",
    )
    return text or None


def request_row(complaint: Complaint) -> dict:
    """One report as an Open311 request (never any reporter field)."""
    zone = ZoneInfo(complaint.region.timezone)
    category = complaint.category
    address, address_id = _address(complaint)
    return {
        "service_request_id": complaint.tracking_code,
        "status": "open" if complaint.status in Complaint.OPEN else "closed",
        "status_notes": _status_notes(complaint),
        "service_name": category.name if category is not None else None,
        "service_code": category.slug if category is not None else None,
        "description": complaint.description,
        "agency_responsible": complaint.unit.name if complaint.unit is not None else None,
        "service_notice": str(complaint.get_status_display()),
        "requested_datetime": iso(complaint.created_at, zone),
        "updated_datetime": iso(complaint.updated_at, zone),
        "expected_datetime": iso(complaint.resolve_due_at or complaint.verify_due_at, zone),
        "address": address,
        "address_id": address_id,
        "zipcode": None,
        "lat": float(complaint.latitude) if complaint.latitude is not None else None,
        "long": float(complaint.longitude) if complaint.longitude is not None else None,
        "media_url": (
            complaint.source_url or None if complaint.channel == Channel.OPEN311 else None
        ),
    }
