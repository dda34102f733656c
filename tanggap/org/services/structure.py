"""Writes to a region's structure: its profile and calendar, days off, areas and units."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError
from tanggap.org.models import Area, DayOff, Official, Region, TimeZoneChoice, Unit
from tanggap.org.permissions import require_region_manager
from tanggap.org.services.audited_update import apply_update
from tanggap.org.services.validation import check_hours, clean_text, full_clean, normalise_work_days

# --- region and its days off -----------------------------------------------------------------------

# What region_update may change, in the order the region's form shows it.
REGION_FIELDS = (
    "name",
    "kind",
    "code",
    "head_title",
    "head_name",
    "address",
    "website",
    "timezone",
    "work_days",
    "work_start",
    "work_end",
)


def _check_region(region: Region) -> None:
    if region.timezone not in TimeZoneChoice.values:
        raise DomainError(_("Zona waktu harus WIB, WITA, atau WIT."), field="timezone")
    region.work_days = normalise_work_days(region.work_days, required=True)
    check_hours(region.work_start, region.work_end, required=True)
    if not region.name:
        raise DomainError(_("Nama wilayah wajib diisi."), field="name")


@transaction.atomic
def region_update(*, actor, region: Region, **changes) -> Region:
    """Change a region's profile, time zone (WIB/WITA/WIT) and default working days and hours."""
    require_region_manager(actor, region)
    if "work_days" in changes:
        changes["work_days"] = normalise_work_days(changes["work_days"], required=True)
    return apply_update(
        actor=actor,
        instance=region,
        changes=changes,
        allowed=set(REGION_FIELDS),
        action="region.updated",
        check=_check_region,
        region_id=region.pk,
    )


@transaction.atomic
def day_off_add(*, actor, region: Region, date: dt.date, name: str) -> DayOff:
    """Add a regional day off; the working calendar skips it for every deadline in the region."""
    require_region_manager(actor, region)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Keterangan hari libur wajib diisi."), field="name")
    if date is None:
        raise DomainError(_("Tanggal wajib diisi."), field="date")
    if DayOff.objects.filter(region=region, date=date).exists():
        raise DomainError(_("Tanggal ini sudah tercatat sebagai hari libur daerah."), field="date")
    day_off = DayOff(region=region, date=date, name=name)
    full_clean(day_off)
    day_off.save()
    audit_record(actor=actor, action="day_off.added", target=day_off, after=snapshot(day_off))
    return day_off


@transaction.atomic
def day_off_remove(*, actor, day_off: DayOff) -> None:
    """Remove a regional day off (the audit row keeps what it was)."""
    require_region_manager(actor, day_off.region_id)
    before = snapshot(day_off)
    audit_record(actor=actor, action="day_off.removed", target=day_off, before=before)
    day_off.delete()


# --- areas: kecamatan and their desa/kelurahan -----------------------------------------------------

AREA_FIELDS = {"kind", "code", "name", "parent", "latitude", "longitude", "is_remote"}


def _check_area(area: Area) -> None:
    if area.kind not in Area.Kind.values:
        raise DomainError(_("Jenis wilayah tidak dikenal."), field="kind")
    if not area.name:
        raise DomainError(_("Nama wajib diisi."), field="name")
    if not area.code:
        raise DomainError(_("Kode wilayah wajib diisi."), field="code")
    if area.kind == Area.Kind.KECAMATAN:
        if area.parent_id is not None:
            raise DomainError(_("Kecamatan tidak berada di bawah wilayah lain."), field="parent")
    else:
        parent = area.parent
        if parent is None:
            raise DomainError(_("Desa/kelurahan harus berada di sebuah kecamatan."), field="parent")
        if parent.kind != Area.Kind.KECAMATAN or parent.region_id != area.region_id:
            raise DomainError(
                _("Induk desa/kelurahan harus kecamatan di wilayah yang sama."), field="parent"
            )
        if area.pk and area.children.exists():
            raise DomainError(
                _("Kecamatan ini masih memiliki desa/kelurahan; jenisnya tidak dapat diubah."),
                field="kind",
            )
    if Area.objects.filter(region_id=area.region_id, code=area.code).exclude(pk=area.pk).exists():
        raise DomainError(_("Kode wilayah ini sudah dipakai di daerah ini."), field="code")


@transaction.atomic
def area_create(
    *,
    actor,
    region: Region,
    kind: str,
    code: str,
    name: str,
    parent: Area | None = None,
    latitude=None,
    longitude=None,
    is_remote: bool = False,
) -> Area:
    """Add a kecamatan, or a desa/kelurahan inside a kecamatan of the same region."""
    require_region_manager(actor, region)
    area = Area(
        region=region,
        kind=kind,
        code=clean_text(code),
        name=clean_text(name),
        parent=parent,
        latitude=latitude,
        longitude=longitude,
        is_remote=is_remote,
    )
    _check_area(area)
    full_clean(area)
    area.save()
    audit_record(actor=actor, action="area.created", target=area, after=snapshot(area))
    return area


@transaction.atomic
def area_update(*, actor, area: Area, **changes) -> Area:
    """Correct an area's name, code, kind, kecamatan or location."""
    require_region_manager(actor, area.region_id)
    return apply_update(
        actor=actor,
        instance=area,
        changes=changes,
        allowed=AREA_FIELDS,
        action="area.updated",
        check=_check_area,
    )


# --- units -------------------------------------------------------------------------------------------

UNIT_FIELDS = {
    "kind",
    "slug",
    "name",
    "short_name",
    "parent",
    "area",
    "address",
    "phone",
    "email",
    "latitude",
    "longitude",
    "head",
    "work_days",
    "work_start",
    "work_end",
    "is_service_location",
}


# Slugs that name pages under /organisasi/<region>/unit/ rather than units.
RESERVED_UNIT_SLUGS = frozenset({"tambah"})


def _ancestor_ids(unit: Unit) -> set[int]:
    """The unit and every unit above it (one small query per level)."""
    ids: set[int] = set()
    current_id: int | None = unit.pk
    while current_id is not None and current_id not in ids and len(ids) < 50:
        ids.add(current_id)
        current_id = Unit.objects.filter(pk=current_id).values_list("parent_id", flat=True).first()
    return ids


def _check_unit(unit: Unit) -> None:
    if unit.kind not in Unit.Kind.values:
        raise DomainError(_("Jenis unit tidak dikenal."), field="kind")
    if not unit.name:
        raise DomainError(_("Nama unit wajib diisi."), field="name")
    parent = unit.parent
    if parent is not None:
        if parent.region_id != unit.region_id:
            raise DomainError(_("Unit induk harus berada di wilayah yang sama."), field="parent")
        if not parent.is_active:
            raise DomainError(_("Unit induk sudah diarsipkan."), field="parent")
        if unit.pk and unit.pk in _ancestor_ids(parent):
            raise DomainError(
                _("Unit tidak dapat berada di bawah dirinya sendiri atau unit bawahannya."),
                field="parent",
            )
    if unit.kind == Unit.Kind.MPP_BOOTH and (parent is None or parent.kind != Unit.Kind.MPP):
        raise DomainError(
            _("Gerai MPP harus berinduk pada sebuah Mal Pelayanan Publik."), field="parent"
        )
    if (
        unit.pk
        and unit.kind != Unit.Kind.MPP
        and unit.children.filter(kind=Unit.Kind.MPP_BOOTH).exists()
    ):
        raise DomainError(
            _("Unit ini masih memiliki gerai MPP; jenisnya harus tetap MPP."), field="kind"
        )
    if unit.area is not None and unit.area.region_id != unit.region_id:
        raise DomainError(_("Lokasi harus kecamatan/desa di wilayah yang sama."), field="area")
    head = unit.head
    if head is not None and (
        head.region_id != unit.region_id or head.status != Official.Status.ACTIVE
    ):
        raise DomainError(_("Kepala unit harus pegawai aktif di wilayah yang sama."), field="head")
    unit.work_days = normalise_work_days(unit.work_days, required=False)
    check_hours(unit.work_start, unit.work_end, required=False)
    if unit.slug in RESERVED_UNIT_SLUGS:
        raise DomainError(_("Slug ini dipakai oleh halaman sistem; pilih slug lain."), field="slug")
    if Unit.objects.filter(region_id=unit.region_id, slug=unit.slug).exclude(pk=unit.pk).exists():
        raise DomainError(_("Slug ini sudah dipakai unit lain di wilayah ini."), field="slug")


@transaction.atomic
def unit_create(*, actor, region: Region, kind: str, slug: str, name: str, **fields) -> Unit:
    """Add a unit (OPD, UPT, kecamatan office, MPP or MPP booth) under an optional parent in the region."""
    require_region_manager(actor, region)
    unknown = set(fields) - UNIT_FIELDS
    if unknown:
        raise DomainError(
            _("Kolom tidak dikenal: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    unit = Unit(region=region, kind=kind, slug=clean_text(slug), name=clean_text(name))
    for name_, value in fields.items():
        setattr(unit, name_, clean_text(value))
    _check_unit(unit)
    full_clean(unit)
    unit.save()
    audit_record(actor=actor, action="unit.created", target=unit, after=snapshot(unit))
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, **changes) -> Unit:
    """Change a unit's details, parent, head, location or working week and hours."""
    require_region_manager(actor, unit.region_id)
    if not unit.is_active:
        raise DomainError(_("Unit yang diarsipkan tidak dapat diubah."), code="archived")
    return apply_update(
        actor=actor,
        instance=unit,
        changes=changes,
        allowed=UNIT_FIELDS,
        action="unit.updated",
        check=_check_unit,
    )


@transaction.atomic
def unit_archive(*, actor, unit: Unit, reason: str) -> Unit:
    """Archive a unit with a reason (units are never deleted); it must be empty of people, sub-units and services."""
    require_region_manager(actor, unit.region_id)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Alasan pengarsipan wajib diisi."), field="reason")
    if not unit.is_active:
        raise DomainError(_("Unit ini sudah diarsipkan."), code="archived")
    if unit.children.filter(is_active=True).exists():
        raise DomainError(_("Arsipkan atau pindahkan dulu unit di bawahnya."), code="has_children")
    if unit.officials.filter(status=Official.Status.ACTIVE).exists():
        raise DomainError(
            _("Masih ada pegawai aktif di unit ini; pindahkan dulu melalui SK mutasi."),
            code="has_officials",
        )
    if unit.services.filter(is_active=True).exists():
        raise DomainError(_("Unit ini masih menyelenggarakan layanan aktif."), code="has_services")
    before = snapshot(unit, ["is_active", "archived_reason"])
    unit.is_active = False
    unit.archived_reason = reason[:300]
    unit.save(update_fields=["is_active", "archived_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="unit.archived",
        target=unit,
        before=before,
        after=snapshot(unit, ["is_active", "archived_reason"]),
        note=reason,
    )
    return unit
