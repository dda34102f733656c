"""Writes to the roll of officials (ASN): register, correct, archive."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError
from tanggap.org.models import Official, PositionAssignment, RotationDecree, RotationEntry, Unit
from tanggap.org.permissions import require_region_manager
from tanggap.org.services.audited_update import apply_update
from tanggap.org.services.validation import clean_text, full_clean, parse_nip_or_refuse

# --- officials (ASN) ---------------------------------------------------------------------------------

OFFICIAL_FIELDS = {
    "nip",
    "name",
    "front_title",
    "back_title",
    "rank",
    "position_title",
    "position_started_on",
}
_NIP_DERIVED = {"sex", "birth_date", "appointed_on"}
_POSITION_FIELDS = {
    "rank": "rank",
    "position_title": "position_title",
    "position_started_on": "start_date",
}


def _check_official(official: Official) -> None:
    if not official.name:
        raise DomainError(_("Nama wajib diisi."), field="name")
    if official.rank not in Official.Rank.values:
        raise DomainError(_("Pangkat/golongan tidak dikenal."), field="rank")
    if not official.position_title:
        raise DomainError(_("Jabatan wajib diisi."), field="position_title")
    if official.position_started_on is None:
        raise DomainError(_("TMT jabatan wajib diisi."), field="position_started_on")
    if official.position_started_on < official.appointed_on:
        raise DomainError(
            _("TMT jabatan tidak boleh sebelum pengangkatan (%(date)s, menurut NIP).")
            % {"date": official.appointed_on.strftime("%m/%Y")},
            field="position_started_on",
        )
    if Official.objects.filter(nip=official.nip).exclude(pk=official.pk).exists():
        raise DomainError(_("NIP ini sudah terdaftar."), field="nip", code="nip_taken")


def _nip_fields(nip: str) -> dict:
    info = parse_nip_or_refuse(nip)
    return {
        "nip": info.nip,
        "sex": info.sex,
        "birth_date": info.birth_date,
        "appointed_on": info.appointed_on,
    }


@transaction.atomic
def official_create(
    *,
    actor,
    unit: Unit,
    nip: str,
    name: str,
    rank: str,
    position_title: str,
    position_started_on: dt.date,
    front_title: str = "",
    back_title: str = "",
) -> Official:
    """Register an official; sex, birth date and appointment month come from the NIP, and the position opens."""
    require_region_manager(actor, unit.region_id)
    if not unit.is_active:
        raise DomainError(_("Unit ini sudah diarsipkan."), field="unit")
    official = Official(
        region_id=unit.region_id,
        unit=unit,
        name=clean_text(name),
        rank=rank,
        position_title=clean_text(position_title),
        position_started_on=position_started_on,
        front_title=clean_text(front_title),
        back_title=clean_text(back_title),
        **_nip_fields(nip),
    )
    _check_official(official)
    full_clean(official)
    official.save()
    PositionAssignment.objects.create(
        official=official,
        unit=unit,
        position_title=official.position_title,
        rank=official.rank,
        start_date=official.position_started_on,
        note=_("Data awal"),
    )
    audit_record(actor=actor, action="official.created", target=official, after=snapshot(official))
    return official


@transaction.atomic
def official_update(*, actor, official: Official, **changes) -> Official:
    """Correct an official's data; a corrected NIP re-derives sex, birth date and appointment month.

    Rank, position title and TMT corrections also correct the open position period. A move to another
    unit is not a correction: it goes through a rotation decree."""
    require_region_manager(actor, official.region_id)
    if official.status != Official.Status.ACTIVE:
        raise DomainError(_("Pegawai yang tidak aktif tidak dapat diubah."), code="archived")
    if "unit" in changes and changes["unit"] != official.unit:
        raise DomainError(
            _("Perpindahan unit hanya melalui SK mutasi."), field="unit", code="use_decree"
        )
    changes.pop("unit", None)
    if "nip" in changes:
        changes.update(_nip_fields(changes["nip"]))
    before_position = {name: getattr(official, name) for name in _POSITION_FIELDS}
    apply_update(
        actor=actor,
        instance=official,
        changes=changes,
        allowed=OFFICIAL_FIELDS | _NIP_DERIVED,
        action="official.updated",
        check=_check_official,
    )
    moved = {
        column: getattr(official, name)
        for name, column in _POSITION_FIELDS.items()
        if getattr(official, name) != before_position[name]
    }
    if moved:
        official.positions.filter(end_date__isnull=True).update(**moved)
    return official


@transaction.atomic
def official_archive(
    *,
    actor,
    official: Official,
    reason: str,
    status: str = Official.Status.ARCHIVED,
    end_date: dt.date | None = None,
) -> Official:
    """Take an official off the active roll (retired or archived) with a reason; their position period closes."""
    require_region_manager(actor, official.region_id)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Alasan wajib diisi."), field="reason")
    if status not in (Official.Status.ARCHIVED, Official.Status.RETIRED):
        raise DomainError(_("Status tidak dikenal."), field="status")
    if official.status != Official.Status.ACTIVE:
        raise DomainError(_("Pegawai ini sudah tidak aktif."), code="archived")
    if RotationEntry.objects.filter(
        official=official, decree__status=RotationDecree.Status.DRAFT
    ).exists():
        raise DomainError(
            _("Pegawai ini ada di SK mutasi yang belum ditetapkan; hapus dulu entrinya."),
            code="in_draft_decree",
        )
    end = max(end_date or timezone.localdate(), official.position_started_on)
    before = snapshot(official, ["status", "archived_reason"])
    official.status = status
    official.archived_reason = reason[:300]
    official.save(update_fields=["status", "archived_reason", "updated_at"])
    official.positions.filter(end_date__isnull=True).update(end_date=end)
    Unit.objects.filter(head=official).update(head=None)
    audit_record(
        actor=actor,
        action="official.archived",
        target=official,
        before=before,
        after=snapshot(official, ["status", "archived_reason"]),
        note=reason,
    )
    return official
