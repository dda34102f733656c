"""A POST from a client app: its key, and the report's fields checked the Open311 way (location
required, attributes from the service definition, contact details), ready for complaint_file."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from tanggap.complaints.models import ComplaintCategory, ComplaintType
from tanggap.complaints.open311 import keys, selectors
from tanggap.complaints.open311.params import Open311Error, jurisdiction, param, values
from tanggap.org.models import Area

MAX_DESCRIPTION = 4000
MAX_ADDRESS = 300
PRIVACY_VALUES = ("rahasia", "anonim")


def authenticated_client(request):
    key = param(request, "api_key")
    if key is None:
        raise Open311Error(403, _("api_key wajib diisi untuk mengirim laporan."))
    client = keys.open311_client_for_key(key)
    if client is None:
        raise Open311Error(403, _("api_key tidak valid atau sudah dicabut."))
    slug = param(request, "jurisdiction_id")
    if slug and slug != client.region.slug:
        jurisdiction(request)  # 404 when no such jurisdiction exists at all
        raise Open311Error(403, _("api_key ini tidak berlaku untuk jurisdiction_id tersebut."))
    return client


def _coordinate(value: str, limit: int, name: str) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) > limit:
        raise Open311Error(
            400,
            _("%(name)s harus angka desimal antara -%(n)d dan %(n)d.") % {"name": name, "n": limit},
        )
    return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def location_fields(request, region) -> dict:
    lat, lng = param(request, "lat"), param(request, "long")
    address = param(request, "address_string")
    address_id = param(request, "address_id")
    if (lat is None) != (lng is None):
        raise Open311Error(400, _("lat dan long harus diisi bersama."))
    if lat is None and address is None and address_id is None:
        raise Open311Error(
            400, _("Lokasi wajib diisi: lat dan long, address_string, atau address_id.")
        )
    if address is not None and len(address) > MAX_ADDRESS:
        raise Open311Error(400, _("address_string paling panjang 300 karakter."))
    location: dict[str, Any] = {"address": address or ""}
    if lat is not None and lng is not None:
        location["latitude"] = _coordinate(lat, 90, "lat")
        location["longitude"] = _coordinate(lng, 180, "long")
    if address_id is not None:
        area = selectors.open311_area_get(region, address_id)
        if area is None:
            raise Open311Error(
                400,
                _("address_id %(id)s bukan kode kecamatan/desa di daerah ini.")
                % {"id": address_id[:30]},
            )
        if area.kind == Area.Kind.KECAMATAN:
            location["kecamatan"] = area
        else:
            location.update(desa=area, kecamatan=area.parent)
    return location


def attribute_values(request) -> tuple[str, set[str]]:
    types = values(request, "attribute[report_type]", "attribute[report_type][]")
    if len(types) > 1 or (types and types[0] not in ComplaintType.values):
        raise Open311Error(
            400, _("attribute[report_type] harus satu dari: pengaduan, aspirasi, informasi.")
        )
    privacy = set(values(request, "attribute[privacy]", "attribute[privacy][]"))
    if privacy - set(PRIVACY_VALUES):
        raise Open311Error(400, _("attribute[privacy] hanya boleh rahasia dan/atau anonim."))
    return (types[0] if types else ComplaintType.COMPLAINT), privacy


def title_from(description: str, category: ComplaintCategory) -> str:
    """A title from the first line of the description (Open311 has no title field)."""
    first = description.splitlines()[0].strip()
    if len(first) > 100:
        first = first[:100].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    if len(first) < 5:
        first = f"{category.name}: {first}"
    return first[:200]


def contact_fields(request) -> dict:
    email = param(request, "email")
    if email is not None:
        try:
            validate_email(email)
        except ValidationError:
            raise Open311Error(400, _("email tidak valid.")) from None
    media_url = param(request, "media_url")
    if media_url is not None:
        try:
            if len(media_url) > 500:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise Open311Error(400, _("media_url harus alamat http(s) yang valid.")) from None
    name = " ".join(filter(None, [param(request, "first_name"), param(request, "last_name")]))
    return {
        "reporter_name": name,
        "reporter_email": email or "",
        "reporter_phone": param(request, "phone") or "",
        "source_url": media_url or "",
    }
