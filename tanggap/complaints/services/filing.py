"""Filing a report, from any channel: the one entry point the web form, officers, media monitoring,
Open311 and the REST API all call."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.complaints.codes import new_secret, new_tracking_code, secret_digest
from tanggap.complaints.models import (
    Channel,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintType,
)
from tanggap.complaints.services.attachments import attachment_check, attachment_store
from tanggap.complaints.services.workflow import complaint_event_add
from tanggap.complaints.sla import add_target, policy_for
from tanggap.core.errors import DomainError
from tanggap.core.identity import normalize_phone

__all__ = ["complaint_file", "complaint_file_with_attachments"]

MAX_DESCRIPTION = 4000


def _clean(value: str | None, limit: int) -> str:
    return (value or "").strip()[:limit]


def _check_area(region, kecamatan, desa) -> None:
    if kecamatan is not None and (
        kecamatan.region_id != region.pk or kecamatan.kind != "kecamatan"
    ):
        raise DomainError(_("Kecamatan tidak dikenal di daerah ini."), field="kecamatan")
    if desa is not None and (
        desa.region_id != region.pk or (kecamatan is not None and desa.parent_id != kecamatan.pk)
    ):
        raise DomainError(_("Desa/kelurahan tidak ada di kecamatan itu."), field="desa")


@transaction.atomic
def complaint_file(
    *,
    region,
    report_type: str,
    title: str,
    description: str,
    channel: str = Channel.WEB,
    category: ComplaintCategory | None = None,
    service=None,
    kecamatan=None,
    desa=None,
    address: str = "",
    latitude=None,
    longitude=None,
    source_url: str = "",
    is_confidential: bool = False,
    is_anonymous: bool = False,
    reporter_user=None,
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    actor=None,
    external_id: str = "",
    open311_client=None,
    now=None,
) -> tuple[Complaint, str]:
    """File a report; returns it and the reporter's secret (shown once, stored only as a hash)."""
    if report_type not in ComplaintType.values:
        raise DomainError(_("Jenis laporan tidak dikenal."), field="report_type")
    if channel not in Channel.values:
        raise DomainError(_("Kanal tidak dikenal."), field="channel")
    title = _clean(title, 200)
    description = (description or "").strip()
    if len(title) < 5:
        raise DomainError(_("Judul terlalu singkat (paling sedikit 5 huruf)."), field="title")
    if len(description) < 15:
        raise DomainError(
            _("Ceritakan apa yang terjadi (paling sedikit 15 huruf)."), field="description"
        )
    if len(description) > MAX_DESCRIPTION:
        raise DomainError(_("Uraian paling panjang 4.000 huruf."), field="description")
    if category is not None and category.region_id != region.pk:
        raise DomainError(_("Kategori tidak dikenal di daerah ini."), field="category")
    if service is not None and service.region_id != region.pk:
        raise DomainError(_("Layanan tidak dikenal di daerah ini."), field="service")
    _check_area(region, kecamatan, desa)
    if channel == Channel.MEDIA and not source_url:
        raise DomainError(
            _("Laporan dari pemantauan media perlu tautan sumbernya."), field="source_url"
        )
    try:
        phone = normalize_phone(reporter_phone)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], field="reporter_phone") from exc
    now = now or timezone.now()
    policy = policy_for(region=region, category=category, report_type=report_type)
    secret = new_secret()
    complaint = Complaint.objects.create(
        region=region,
        tracking_code=new_tracking_code(),
        secret_hash=secret_digest(secret),
        report_type=report_type,
        channel=channel,
        title=title,
        description=description,
        category=category,
        service=service,
        kecamatan=kecamatan,
        desa=desa,
        address=_clean(address, 300),
        latitude=latitude,
        longitude=longitude,
        source_url=_clean(source_url, 500),
        is_confidential=is_confidential,
        is_anonymous=is_anonymous,
        reporter_user=reporter_user if getattr(reporter_user, "is_authenticated", False) else None,
        reporter_name=_clean(reporter_name, 120),
        reporter_phone=phone,
        reporter_email=_clean(reporter_email, 254),
        external_id=_clean(external_id, 100),
        open311_client=open311_client,
        sla_policy=policy if policy.pk else None,
        verify_due_at=add_target(now, policy.verify_value, policy.verify_unit, region=region),
        created_at=now,
    )
    complaint_event_add(
        complaint,
        action="filed",
        actor=actor,
        by_reporter=actor is None,
        to_status=complaint.status,
        text_code="filed",
        params={"channel": complaint.channel},
        visibility=ComplaintEvent.Visibility.PUBLIC,
        at=now,
    )
    return complaint, secret


def complaint_file_with_attachments(filing: dict, files, *, reporter_user=None, actor=None):
    """Check every file first, then file the report (`filing`: complaint_file's arguments) and store its
    files in one transaction: a refused file files nothing and stores nothing. Returns the report and the
    reporter's secret."""
    checked = attachment_check(files)
    with transaction.atomic():
        complaint, secret = complaint_file(**filing, reporter_user=reporter_user, actor=actor)
        attachment_store(complaint=complaint, checked=checked, by_reporter=True)
    return complaint, secret
