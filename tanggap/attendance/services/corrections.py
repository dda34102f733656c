"""Corrections to an official's day, each with its reason and an audit row: the recorded events are
never changed (a cancelled event is left out of the day by its correction, not deleted)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.attendance.leave_rules import staff_calendar
from tanggap.attendance.models import AttendanceEvent, DayCorrection
from tanggap.attendance.permissions import may_correct_day
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.org.models import Official

K = DayCorrection.Kind


def _check_event(official, date: dt.date, event, tz) -> AttendanceEvent:
    if event is None:
        raise DomainError(_("Pilih presensi yang dibatalkan."), field="event", code="no_event")
    found = AttendanceEvent.objects.filter(
        pk=getattr(event, "pk", event), official=official
    ).first()
    if found is None or found.recorded_at.astimezone(tz).date() != date:
        raise DomainError(
            _("Presensi itu bukan milik pegawai ini pada tanggal tersebut."),
            field="event",
            code="foreign_event",
        )
    if DayCorrection.objects.filter(event=found).exists():
        raise DomainError(_("Presensi itu sudah dibatalkan."), field="event", code="cancelled")
    return found


@transaction.atomic
def day_correction_create(
    *,
    actor,
    official: Official,
    date: dt.date,
    kind: str,
    reason: str,
    check_in: dt.time | None = None,
    check_out: dt.time | None = None,
    event=None,
) -> DayCorrection:
    """Correct `official`'s day `date` (a past or today's working day) with a reason."""
    if not may_correct_day(actor, official):
        raise PermissionDenied(_("Anda tidak berwenang mengoreksi presensi pegawai ini."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Tulis alasan koreksi."), field="reason", code="no_reason")
    if kind not in K.values:
        raise DomainError(_("Pilih jenis koreksi."), field="kind", code="bad_kind")
    calendar = staff_calendar(official)
    if date > timezone.now().astimezone(calendar.tz).date():
        raise DomainError(
            _("Hari yang belum tiba tidak dapat dikoreksi."), field="date", code="future_date"
        )
    if not calendar.is_working_day(date):
        raise DomainError(
            _("Tanggal itu bukan hari kerja unit pegawai ini."), field="date", code="day_off"
        )
    correction = DayCorrection(
        official=official, date=date, kind=kind, reason=reason[:2000], created_by=actor
    )
    if kind == K.TIMES:
        if check_in is None and check_out is None:
            raise DomainError(
                _("Isi jam masuk, jam pulang, atau keduanya."), field="check_in", code="no_times"
            )
        if check_in is not None and check_out is not None and check_out <= check_in:
            raise DomainError(
                _("Jam pulang harus setelah jam masuk."), field="check_out", code="bad_times"
            )
        correction.check_in, correction.check_out = check_in, check_out
    elif kind == K.CANCEL_EVENT:
        correction.event = _check_event(official, date, event, calendar.tz)
    try:
        with transaction.atomic():
            correction.save()
    except IntegrityError:  # the same event cancelled from two tabs at once
        raise DomainError(
            _("Presensi itu sudah dibatalkan."), field="event", code="cancelled"
        ) from None
    audit_record(
        actor=actor,
        action="attendance.day_corrected",
        target=correction,
        after=snapshot(
            correction, ["official", "date", "kind", "check_in", "check_out", "event", "reason"]
        ),
        note=correction.reason,
        region_id=official.region_id,
    )
    return correction
