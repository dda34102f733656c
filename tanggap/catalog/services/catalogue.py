"""Writes to the catalogue entries: categories and services (create, update, archive, restore)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tanggap.accounts.permissions import can_manage_region
from tanggap.catalog.components import MAX_TEXT_LENGTH
from tanggap.catalog.models import Service, ServiceCategory, StandardVersion
from tanggap.catalog.permissions import is_system, require_manage_services
from tanggap.catalog.services.validation import clean_text
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.org.models import Unit

Status = StandardVersion.Status

SERVICE_FIELDS = (
    "name",
    "name_en",
    "code",
    "description",
    "category",
    "is_adminduk",
    "is_online",
    "unit",
)
MAX_CODE_LENGTH = 40
MAX_NAME_LENGTH = 200
MAX_REASON_LENGTH = 300
MAX_DECREE_NUMBER_LENGTH = 120


# --- categories ------------------------------------------------------------------------------------


@transaction.atomic
def category_create(
    *, actor, region, name: str, slug: str = "", name_en: str = "", order: int = 0
) -> ServiceCategory:
    """Add a catalogue category to a region (regional administrators)."""
    if not (is_system(actor) or can_manage_region(actor, region)):
        raise PermissionDenied(_("Hanya admin daerah yang dapat menambah kategori layanan."))
    name = clean_text(name, field="name", label=_("Nama kategori"), required=True, max_length=120)
    slug = slugify(slug or name)[:80]
    if not slug:
        raise DomainError(_("Slug kategori tidak valid."), code="invalid_slug", field="slug")
    if ServiceCategory.objects.filter(region=region, slug=slug).exists():
        raise DomainError(
            _("Kategori '%(s)s' sudah ada.") % {"s": slug}, code="duplicate", field="slug"
        )
    category = ServiceCategory.objects.create(
        region=region, slug=slug, name=name, name_en=(name_en or "").strip()[:120], order=order
    )
    audit_record(
        actor=actor, action="catalog.category.created", target=category, after=snapshot(category)
    )
    return category


# --- services --------------------------------------------------------------------------------------


def _unique_slug(region, base: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(base)[:110] or "layanan"
    slug, n = base, 2
    qs = Service.objects.filter(region=region)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _check_code(region, code: str, *, exclude_pk: int | None = None) -> str:
    code = clean_text(
        code, field="code", label=_("Kode layanan"), required=True, max_length=MAX_CODE_LENGTH
    )
    qs = Service.objects.filter(region=region, code__iexact=code)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise DomainError(
            _("Kode layanan '%(c)s' sudah dipakai di wilayah ini.") % {"c": code},
            code="duplicate_code",
            field="code",
        )
    return code


def _check_category(region, category: ServiceCategory | None) -> None:
    if category is not None and category.region_id != region.pk:
        raise DomainError(
            _("Kategori tidak berasal dari wilayah ini."), code="invalid_category", field="category"
        )


def _check_locations(region, locations) -> list[Unit]:
    units = list(locations or [])
    for unit in units:
        if unit.region_id != region.pk:
            raise DomainError(
                _("Lokasi %(u)s tidak berada di wilayah ini.") % {"u": unit.name},
                code="invalid_location",
                field="locations",
            )
    return units


def new_version_number(service: Service) -> int:
    return (service.standards.aggregate(m=Max("version"))["m"] or 0) + 1


@transaction.atomic
def service_create(
    *,
    actor,
    unit: Unit,
    code: str,
    name: str,
    slug: str = "",
    name_en: str = "",
    description: str = "",
    category: ServiceCategory | None = None,
    is_adminduk: bool = False,
    is_online: bool = False,
    locations=(),
) -> Service:
    """Add a service to a unit's catalogue, with an empty draft standard (version 1) to fill in."""
    require_manage_services(actor, unit)
    region = unit.region
    code = _check_code(region, code)
    name = clean_text(
        name, field="name", label=_("Nama layanan"), required=True, max_length=MAX_NAME_LENGTH
    )
    _check_category(region, category)
    location_units = _check_locations(region, locations)
    service = Service.objects.create(
        region=region,
        unit=unit,
        code=code,
        name=name,
        slug=_unique_slug(region, slug or name),
        name_en=clean_text(
            name_en, field="name_en", label=_("Nama (Inggris)"), max_length=MAX_NAME_LENGTH
        ),
        description=clean_text(
            description, field="description", label=_("Uraian"), max_length=MAX_TEXT_LENGTH
        ),
        category=category,
        is_adminduk=bool(is_adminduk),
        is_online=bool(is_online),
    )
    if location_units:
        service.locations.set(location_units)
    after = snapshot(service)
    after["locations"] = [u.pk for u in location_units]
    audit_record(actor=actor, action="catalog.service.created", target=service, after=after)
    draft = StandardVersion.objects.create(
        service=service,
        version=1,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor, action="catalog.standard.draft_created", target=draft, region_id=region.pk
    )
    return service


@transaction.atomic
def service_update(*, actor, service: Service, locations=None, **changes) -> Service:
    """Change a service's catalogue entry; moving it to another unit needs rights on both units."""
    unknown = set(changes) - set(SERVICE_FIELDS)
    if unknown:
        raise DomainError(
            _("Isian tidak dikenal: %(f)s.") % {"f": ", ".join(sorted(unknown))},
            code="unknown_field",
        )
    service = (
        Service.objects.select_for_update(of=("self",))
        .select_related("unit", "region")
        .get(pk=service.pk)
    )
    require_manage_services(actor, service.unit)
    region = service.region
    before = snapshot(service)
    before["locations"] = sorted(service.locations.values_list("pk", flat=True))
    if "unit" in changes and changes["unit"].pk != service.unit_id:
        new_unit = changes["unit"]
        if new_unit.region_id != region.pk:
            raise DomainError(
                _("Unit tujuan berada di wilayah lain."), code="invalid_unit", field="unit"
            )
        require_manage_services(actor, new_unit)
        service.unit = new_unit
    if "code" in changes:
        service.code = _check_code(region, changes["code"], exclude_pk=service.pk)
    if "name" in changes:
        service.name = clean_text(
            changes["name"],
            field="name",
            label=_("Nama layanan"),
            required=True,
            max_length=MAX_NAME_LENGTH,
        )
    if "name_en" in changes:
        service.name_en = clean_text(
            changes["name_en"],
            field="name_en",
            label=_("Nama (Inggris)"),
            max_length=MAX_NAME_LENGTH,
        )
    if "description" in changes:
        service.description = clean_text(
            changes["description"],
            field="description",
            label=_("Uraian"),
            max_length=MAX_TEXT_LENGTH,
        )
    if "category" in changes:
        _check_category(region, changes["category"])
        service.category = changes["category"]
    if "is_online" in changes:
        service.is_online = bool(changes["is_online"])
    if "is_adminduk" in changes:
        service.is_adminduk = bool(changes["is_adminduk"])
        if (
            service.is_adminduk
            and service.standards.filter(
                status__in=[Status.DRAFT, Status.ENACTED], cost__gt=0
            ).exists()
        ):
            raise DomainError(
                _(
                    "Layanan ini tidak dapat ditandai sebagai administrasi kependudukan selama standarnya "
                    "memuat biaya: layanan adminduk wajib gratis (UU 24/2013 Pasal 79A)."
                ),
                code="adminduk_must_be_free",
                field="is_adminduk",
            )
    service.save()
    if locations is not None:
        service.locations.set(_check_locations(region, locations))
    after = snapshot(service)
    after["locations"] = sorted(service.locations.values_list("pk", flat=True))
    changed = {k for k in after if after[k] != before.get(k)} - {"updated_at"}
    audit_record(
        actor=actor,
        action="catalog.service.updated",
        target=service,
        before={k: before.get(k) for k in changed},
        after={k: after[k] for k in changed},
    )
    return service


@transaction.atomic
def service_archive(*, actor, service: Service, reason: str) -> Service:
    """Take a service out of the public catalogue, with a reason; nothing is deleted."""
    service = (
        Service.objects.select_for_update(of=("self",)).select_related("unit").get(pk=service.pk)
    )
    require_manage_services(actor, service.unit)
    reason = clean_text(
        reason, field="reason", label=_("Alasan"), required=True, max_length=MAX_REASON_LENGTH
    )
    if not service.is_active:
        raise DomainError(_("Layanan ini sudah diarsipkan."), code="already_archived")
    service.is_active = False
    service.archived_reason = reason
    service.save(update_fields=["is_active", "archived_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="catalog.service.archived",
        target=service,
        before={"is_active": True},
        after={"is_active": False, "archived_reason": reason},
        note=reason,
    )
    return service


@transaction.atomic
def service_restore(*, actor, service: Service) -> Service:
    """Bring an archived service back into the catalogue."""
    service = (
        Service.objects.select_for_update(of=("self",)).select_related("unit").get(pk=service.pk)
    )
    require_manage_services(actor, service.unit)
    if service.is_active:
        raise DomainError(_("Layanan ini masih aktif."), code="not_archived")
    old_reason = service.archived_reason
    service.is_active = True
    service.archived_reason = ""
    service.save(update_fields=["is_active", "archived_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="catalog.service.restored",
        target=service,
        before={"is_active": False, "archived_reason": old_reason},
        after={"is_active": True},
    )
    return service
