"""Load the demo regions into the database: the service behind `manage.py load_demo`.

Idempotent: every record is found by its natural key (region slug, area code, unit slug, NIP, service
slug, username) and nothing is ever deleted, so a second run creates and changes nothing.

What a run brings back to the demo values, and what it leaves alone once the record exists:
- brought back: names, codes, addresses, coordinates, hours and the other descriptive fields of regions,
  days off, areas, units, categories, services and officials' identities; missing service locations and
  role assignments are added (never removed);
- left alone: anything the app's own workflows own. A service's standard is created only while the
  service has none (enacted standards are never edited; changes are new versions). An official's unit,
  position, rank and history, a unit's head, whether a record is active, a user's password, staff flags
  and linked official are written only when the record is created or the field is still empty.
So a rotation decree or a new standard version made in the demo survives `make run` restarting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction

from tanggap.accounts.models import User
from tanggap.catalog.models import Service, ServiceCategory, StandardVersion
from tanggap.complaints.open311.keys import ensure_demo_open311_key
from tanggap.demo.accounts import DemoAccount, demo_accounts_load
from tanggap.demo.complaints import demo_complaints_load
from tanggap.demo.innovation_common import demo_province_load
from tanggap.demo.innovation_load import demo_innovation_load
from tanggap.demo.kinerja import demo_kinerja_load
from tanggap.demo.people import OfficialSpec, officials_for
from tanggap.demo.queues import demo_kiosks_load, demo_queues_load
from tanggap.demo.services_data import services_for
from tanggap.demo.specs import RegionSpec, UnitSpec, coord, read_json, region_specs
from tanggap.demo.surveys import demo_surveys_load
from tanggap.demo.sync import Tally, fill_if_empty, sync_rows
from tanggap.org.models import Area, DayOff, Official, PositionAssignment, Region, Unit

POSITION_NOTE = "Data demo"
STATUS_NOTE = "Ditetapkan (data demo)"


@dataclass
class LoadedRegion:
    region: Region
    units: dict[str, Unit]
    officials: dict[str, Official]  # by NIP
    people: list[OfficialSpec]


@dataclass
class DemoResult:
    """What one load did and the accounts it prepared."""

    tally: Tally
    regions: list[LoadedRegion] = field(default_factory=list)
    accounts: list[tuple[DemoAccount, User, Official | None]] = field(default_factory=list)
    kinerja: dict[str, int] = field(default_factory=dict)


def _region(spec: RegionSpec, tally: Tally) -> Region:
    rows = [{"slug": spec.slug, **spec.fields, "is_active": True}]
    found = sync_rows(
        Region,
        rows,
        key=("slug",),
        existing=Region.objects.all(),
        tally=tally,
        create_only={"is_active"},
    )
    region = found[(spec.slug,)]
    days = [
        {"region_id": region.pk, "date": dt.date.fromisoformat(d["date"]), "name": d["name"]}
        for d in spec.days_off
    ]
    sync_rows(DayOff, days, key=("region_id", "date"), existing=region.days_off.all(), tally=tally)
    return region


def _areas(spec: RegionSpec, region: Region, tally: Tally) -> dict[str, Area]:
    existing = Area.objects.filter(region=region)
    kec_rows = [
        {
            "region_id": region.pk,
            "code": kec["code"],
            "kind": Area.Kind.KECAMATAN,
            "name": kec["name"],
            "parent_id": None,
            "latitude": coord(kec["lat"]),
            "longitude": coord(kec["lon"]),
            "is_remote": False,
        }
        for kec in spec.kecamatan
    ]
    kecamatan = sync_rows(Area, kec_rows, key=("region_id", "code"), existing=existing, tally=tally)
    village_rows = []
    for kec in spec.kecamatan:
        parent = kecamatan[(region.pk, kec["code"])]
        for desa in kec["desa"]:
            # Kemendagri village codes: 1xxx is a kelurahan, 2xxx a desa.
            kind = (
                Area.Kind.KELURAHAN
                if desa["code"].rsplit(".", 1)[1].startswith("1")
                else Area.Kind.DESA
            )
            village_rows.append(
                {
                    "region_id": region.pk,
                    "code": desa["code"],
                    "kind": kind,
                    "name": desa["name"],
                    "parent_id": parent.pk,
                    "latitude": None,
                    "longitude": None,
                    "is_remote": desa.get("remote", False),
                }
            )
    villages = sync_rows(
        Area, village_rows, key=("region_id", "code"), existing=existing, tally=tally
    )
    return {code: area for (_, code), area in {**kecamatan, **villages}.items()}


def _unit_row(
    unit: UnitSpec, region: Region, areas: dict[str, Area], units: dict[str, Unit]
) -> dict:
    return {
        "region_id": region.pk,
        "slug": unit.slug,
        "kind": unit.kind,
        "name": unit.name,
        "short_name": unit.short_name,
        "parent_id": units[unit.parent].pk if unit.parent else None,
        "area_id": areas[unit.area_code].pk if unit.area_code else None,
        "address": unit.address,
        "email": unit.email,
        "latitude": unit.latitude,
        "longitude": unit.longitude,
        "work_days": unit.work_days,
        "work_start": unit.work_start,
        "work_end": unit.work_end,
        "is_service_location": unit.is_service_location,
        "is_active": True,
        "archived_reason": "",
    }


def _units(
    spec: RegionSpec, region: Region, areas: dict[str, Area], tally: Tally
) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    pending = list(spec.units)
    while pending:  # parents before children, one bulk write per tree level
        level = [u for u in pending if u.parent is None or u.parent in units]
        if not level:
            raise ValueError(f"{spec.slug}: unknown parent unit in {[u.slug for u in pending]}")
        rows = [_unit_row(u, region, areas, units) for u in level]
        found = sync_rows(
            Unit,
            rows,
            key=("region_id", "slug"),
            existing=Unit.objects.filter(region=region),
            tally=tally,
            create_only={"is_active", "archived_reason"},
        )
        units.update({slug: unit for (_, slug), unit in found.items()})
        pending = [u for u in pending if u.slug not in units]
    return units


def _officials(
    people: list[OfficialSpec], region: Region, units: dict[str, Unit], tally: Tally
) -> dict[str, Official]:
    rows = [
        {
            "region_id": region.pk,
            "nip": p.nip,
            "name": p.name,
            "front_title": p.front_title,
            "back_title": p.back_title,
            "sex": p.sex,
            "birth_date": p.birth_date,
            "appointed_on": p.appointed_on,
            "rank": p.rank,
            "position_title": p.position_title,
            "unit_id": units[p.unit_slug].pk,
            "position_started_on": p.position_started_on,
            "status": Official.Status.ACTIVE,
            "archived_reason": "",
        }
        for p in people
    ]
    # The current post belongs to rotation decrees once the official exists.
    workflow_fields = {
        "rank",
        "position_title",
        "unit_id",
        "position_started_on",
        "status",
        "archived_reason",
    }
    found = sync_rows(
        Official,
        rows,
        key=("nip",),
        existing=Official.objects.filter(region=region),
        tally=tally,
        create_only=workflow_fields,
    )
    officials = {nip: official for (nip,), official in found.items()}
    with_history = set(
        PositionAssignment.objects.filter(official__in=officials.values()).values_list(
            "official_id", flat=True
        )
    )
    history = [
        PositionAssignment(
            official=o,
            unit_id=o.unit_id,
            position_title=o.position_title,
            rank=o.rank,
            start_date=o.position_started_on,
            note=POSITION_NOTE,
        )
        for o in officials.values()
        if o.pk not in with_history
    ]
    PositionAssignment.objects.bulk_create(history)
    tally.add(PositionAssignment._meta.label, created=len(history))
    heads = {units[slug].pk: officials[p.nip].pk for p in people for slug in p.heads}
    fill_if_empty(units.values(), "head_id", heads, tally=tally, label=Unit._meta.label)
    return officials


def _catalog(spec: RegionSpec, region: Region, units: dict[str, Unit], tally: Tally) -> None:
    categories = sync_rows(
        ServiceCategory,
        [
            {
                "region_id": region.pk,
                "slug": c["slug"],
                "name": c["name"],
                "name_en": c["name_en"],
                "order": i,
            }
            for i, c in enumerate(read_json("categories.json"), start=1)
        ],
        key=("region_id", "slug"),
        existing=ServiceCategory.objects.filter(region=region),
        tally=tally,
    )
    specs = services_for(spec)
    rows = [
        {
            "region_id": region.pk,
            "slug": s.slug,
            "code": s.code,
            "unit_id": units[s.unit_slug].pk,
            "category_id": categories[(region.pk, s.category_slug)].pk,
            "name": s.name,
            "name_en": s.name_en,
            "description": s.description,
            "is_adminduk": s.is_adminduk,
            "is_online": s.is_online,
            "is_active": True,
            "archived_reason": "",
        }
        for s in specs
    ]
    found = sync_rows(
        Service,
        rows,
        key=("region_id", "slug"),
        existing=Service.objects.filter(region=region),
        tally=tally,
        create_only={"is_active", "archived_reason"},
    )
    services = {slug: service for (_, slug), service in found.items()}

    through = Service.locations.through
    offered = set(
        through.objects.filter(service__region=region).values_list("service_id", "unit_id")
    )
    wanted = [(services[s.slug].pk, units[slug].pk) for s in specs for slug in s.locations]
    missing = [
        through(service_id=sid, unit_id=uid)
        for sid, uid in dict.fromkeys(wanted)
        if (sid, uid) not in offered
    ]
    through.objects.bulk_create(missing)
    tally.add("catalog.Service.locations", created=len(missing))

    with_standard = set(
        StandardVersion.objects.filter(service__in=services.values()).values_list(
            "service_id", flat=True
        )
    )
    new_standards = [
        StandardVersion(
            service=services[s.slug], version=1, status=StandardVersion.Status.ENACTED, **s.standard
        )
        for s in specs
        if services[s.slug].pk not in with_standard
    ]
    StandardVersion.objects.bulk_create(new_standards)
    tally.add(StandardVersion._meta.label, created=len(new_standards))
    _record_enactment(new_standards, tally)


def _record_enactment(standards: list[StandardVersion], tally: Tally) -> None:
    """Give each new demo standard its status-change row, where the catalog keeps that history."""
    try:
        change = apps.get_model("catalog", "StandardStatusChange")
    except LookupError:
        return
    if not standards:
        return
    created = StandardVersion.objects.filter(service__in=[s.service for s in standards], version=1)
    rows = [
        change(
            standard=s,
            from_status="",
            to_status=StandardVersion.Status.ENACTED,
            actor_label="sistem",
            note=STATUS_NOTE,
        )
        for s in created
    ]
    change.objects.bulk_create(rows)
    tally.add(change._meta.label, created=len(rows))


@transaction.atomic
def demo_load() -> DemoResult:
    """Create or correct every demo record in one transaction; see the module docstring for the rules."""
    tally = Tally()
    result = DemoResult(tally=tally)
    loaded: dict[str, LoadedRegion] = {}
    queue_places: list[Unit] = []
    for spec in region_specs():
        region = _region(spec, tally)
        areas = _areas(spec, region, tally)
        units = _units(spec, region, areas, tally)
        people = officials_for(spec)
        officials = _officials(people, region, units, tally)
        _catalog(spec, region, units, tally)
        queue_places += demo_queues_load(spec=spec, region=region, units=units, tally=tally)
        loaded[spec.slug] = LoadedRegion(
            region=region, units=units, officials=officials, people=people
        )
    result.regions = list(loaded.values())
    # Provinsi Jawa Timur: parent of the demo regions, organiser of the province innovation round.
    province = demo_province_load([item.region for item in loaded.values()], tally)
    linked = {
        person.account: item.officials[person.nip]
        for item in loaded.values()
        for person in item.people
        if person.account
    }
    result.accounts = demo_accounts_load(
        regions={slug: item.region for slug, item in loaded.items()} | {province.slug: province},
        units={slug: item.units for slug, item in loaded.items()},
        linked=linked,
        tally=tally,
    )
    _rotation(loaded, result)
    _kiosks(queue_places, result, tally)
    demo_complaints_load(loaded=loaded, tally=tally)
    if "kab-blitar" in loaded:
        # The demo-only Open311 key `demo-open311-key`: created here and nowhere else.
        ensure_demo_open311_key(loaded["kab-blitar"].region)
    demo_surveys_load(loaded=loaded, tally=tally)
    demo_kinerja_load(loaded, result)
    demo_innovation_load(loaded, result, province)
    return result


def _sysadmin(result: DemoResult) -> User | None:
    return next(
        (user for account, user, _ in result.accounts if account.username == "sysadmin"), None
    )


def _kiosks(places: list[Unit], result: DemoResult, tally: Tally) -> None:
    """An entrance kiosk per demo queue location, registered by the demo system administrator."""
    admin = _sysadmin(result)
    if admin is not None:
        demo_kiosks_load(locations=places, actor=admin, tally=tally)


def _rotation(loaded: dict[str, LoadedRegion], result: DemoResult) -> None:
    """Seed 000's SK mutasi of 25 officials, enacted by the demo system administrator."""
    from tanggap.demo.rotation import demo_rotation_load

    admin = _sysadmin(result)
    if "kab-blitar" in loaded and admin is not None:
        demo_rotation_load(region=loaded["kab-blitar"].region, actor=admin)
