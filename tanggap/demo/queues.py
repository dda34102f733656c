"""Demo queues: every kecamatan office, Dukcapil and the MPP's Dukcapil booth queue the adminduk services
offered there, with counters (loket), booking capacity and one entrance kiosk.

Natural keys: settings by location, queued services by (location, service), counters by (location, name).
Like the rest of the demo loader nothing is deleted and a second run changes nothing. Once a record exists
its configuration (prefix, capacity, service time, whether it is open) belongs to the location's own
queue settings pages and is never overwritten; missing counter-service links are added, never removed.
Opening hours are the units' own (kecamatan 08:00–15:00, Dukcapil 07:30–15:30, MPP 08:00–15:00 Mon–Sat).

Each location's kiosk is registered through the queue's own service with a documented, demo-only token
(`demo_kiosk_token`, printed by load_demo and in the README), so a demo visitor can pair a browser as the
kiosk and take walk-in tickets. A revoked demo kiosk stays revoked.
"""

from __future__ import annotations

from dataclasses import dataclass

from tanggap.catalog.models import Service
from tanggap.demo.specs import RegionSpec
from tanggap.demo.sync import Tally, sync_rows
from tanggap.org.models import Region, Unit
from tanggap.queueing import services as queue_services
from tanggap.queueing.models import Counter, KioskDevice, QueueService, QueueSettings
from tanggap.queueing.selectors import kiosk_token_digest

# No I or O: on a display board they read as 1 and 0.
DEMO_KIOSK_NAME = "Kiosk pintu masuk"
PREFIXES = "ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class QueuedService:
    """An adminduk service as the demo queues it: realistic minutes per citizen and its desk group."""

    slug: str
    minutes: int
    group: str  # which Dukcapil desks handle it
    busy: bool = False  # a high-volume service: more places per booking slot


ADMINDUK_QUEUE = (
    QueuedService("ktp-el-baru", 10, "ktp", busy=True),
    QueuedService("ktp-el-hilang-rusak", 8, "ktp"),
    QueuedService("ktp-el-perubahan-data", 10, "ktp"),
    QueuedService("kk-baru", 8, "kk", busy=True),
    QueuedService("kk-perubahan", 8, "kk", busy=True),
    QueuedService("kk-hilang-rusak", 6, "kk"),
    QueuedService("kia", 6, "kk"),
    QueuedService("akta-kelahiran", 12, "akta", busy=True),
    QueuedService("akta-kematian", 10, "akta"),
    QueuedService("pindah-datang", 10, "kk"),
    QueuedService("surat-keterangan-kependudukan", 6, "akta"),
    QueuedService("aktivasi-ikd", 7, "ktp"),
)


@dataclass(frozen=True)
class Layout:
    """Counters of one kind of location: (name, desk groups handled; None = every service)."""

    counters: tuple[tuple[str, frozenset[str] | None], ...]
    capacity_busy: int
    capacity_other: int


KECAMATAN = Layout((("Loket 1", None), ("Loket 2", None)), capacity_busy=2, capacity_other=1)
DUKCAPIL = Layout(
    (
        ("Loket 1", frozenset({"ktp"})),
        ("Loket 2", frozenset({"ktp"})),
        ("Loket 3", frozenset({"kk"})),
        ("Loket 4", frozenset({"kk"})),
        ("Loket 5", frozenset({"akta"})),
        ("Loket 6", None),  # every service: priority visitors and overflow
    ),
    capacity_busy=4,
    capacity_other=2,
)
BOOTH = Layout((("Loket 1", None), ("Loket 2", None)), capacity_busy=2, capacity_other=1)


def queue_locations(spec: RegionSpec, units: dict[str, Unit]) -> list[tuple[Unit, Layout]]:
    """The demo's queue locations of one region and how each is laid out."""
    found = [(units[slug], KECAMATAN) for slug in spec.kecamatan_office_slugs()]
    if "dukcapil" in units:
        found.append((units["dukcapil"], DUKCAPIL))
    if "mpp-dukcapil" in units:
        found.append((units["mpp-dukcapil"], BOOTH))
    return found


def demo_kiosk_token(location: Unit) -> str:
    """The published token of a demo location's entrance kiosk: demo data only, like the passwords."""
    return f"demo-kiosk-{location.region.slug}-{location.slug}"


def demo_kiosks_load(*, locations: list[Unit], actor, tally: Tally) -> None:
    """One entrance kiosk per demo queue location, registered by `actor` through the queue's service,
    unless its demo token is already known (even revoked) or an active kiosk has its name."""
    for location in locations:
        token = demo_kiosk_token(location)
        known = KioskDevice.objects.filter(token_hash=kiosk_token_digest(token)).exists()
        named = KioskDevice.objects.filter(
            location=location, is_active=True, name__iexact=DEMO_KIOSK_NAME
        ).exists()
        if known or named:
            continue
        queue_services.kiosk_device_register(
            actor=actor, location=location, name=DEMO_KIOSK_NAME, token=token
        )
        tally.add(KioskDevice._meta.label, created=1)


def demo_queues_load(
    *, spec: RegionSpec, region: Region, units: dict[str, Unit], tally: Tally
) -> list[Unit]:
    """Create the missing queue settings, queued services, counters and counter-service links; returns
    the region's queue locations."""
    locations = queue_locations(spec, units)
    location_ids = [unit.pk for unit, _ in locations]
    by_slug = {q.slug: q for q in ADMINDUK_QUEUE}
    services = {
        s.slug: s for s in Service.objects.filter(region=region, slug__in=by_slug, is_adminduk=True)
    }
    offered = set(
        Service.locations.through.objects.filter(
            service__in=services.values(), unit_id__in=location_ids
        ).values_list("service_id", "unit_id")
    )

    sync_rows(
        QueueSettings,
        [{"location_id": pk, "region_id": region.pk} for pk in location_ids],
        key=("location_id",),
        existing=QueueSettings.objects.filter(location_id__in=location_ids),
        tally=tally,
    )

    existing = QueueService.objects.filter(location_id__in=location_ids)
    have: dict[tuple[int, int], str] = {
        (location_id, service_id): prefix
        for location_id, service_id, prefix in existing.values_list(
            "location_id", "service_id", "prefix"
        )
    }
    rows = []
    for unit, layout in locations:
        free = [p for p in PREFIXES if p not in {v for (u, _), v in have.items() if u == unit.pk}]
        wanted = [q for q in ADMINDUK_QUEUE if q.slug in services]
        wanted = [q for q in wanted if (services[q.slug].pk, unit.pk) in offered]
        for order, queued in enumerate(wanted):
            key = (unit.pk, services[queued.slug].pk)
            prefix = have.get(key)
            if (
                prefix is None
            ):  # a new queue: its letter, or the next free one if the location took it
                prefix = PREFIXES[order] if PREFIXES[order] in free else free[0]
                free.remove(prefix)
            capacity = layout.capacity_busy if queued.busy else layout.capacity_other
            rows.append(
                {
                    "location_id": unit.pk,
                    "service_id": key[1],
                    "region_id": region.pk,
                    "prefix": prefix,
                    "capacity_per_slot": capacity,
                    "default_service_minutes": queued.minutes,
                    "order": order,
                }
            )
    config_fields = {"prefix", "capacity_per_slot", "default_service_minutes", "order"}
    queued_rows = sync_rows(
        QueueService,
        rows,
        key=("location_id", "service_id"),
        existing=existing,
        tally=tally,
        create_only=config_fields,
    )

    counter_rows = [
        {"location_id": unit.pk, "name": name, "region_id": region.pk, "order": order}
        for unit, layout in locations
        for order, (name, _groups) in enumerate(layout.counters, start=1)
    ]
    counters = sync_rows(
        Counter,
        counter_rows,
        key=("location_id", "name"),
        existing=Counter.objects.filter(location_id__in=location_ids),
        tally=tally,
        create_only={"order"},
    )

    slug_of = {s.pk: slug for slug, s in services.items()}
    through = Counter.services.through
    linked = set(
        through.objects.filter(counter_id__in=[c.pk for c in counters.values()]).values_list(
            "counter_id", "queueservice_id"
        )
    )
    missing = []
    for unit, layout in locations:
        queued_here = [
            (qs, by_slug[slug_of[service_id]])
            for (location_id, service_id), qs in queued_rows.items()
            if location_id == unit.pk
        ]
        for name, groups in layout.counters:
            counter = counters[(unit.pk, name)]
            for queue_service, queued in queued_here:
                if groups is not None and queued.group not in groups:
                    continue
                if (counter.pk, queue_service.pk) not in linked:
                    missing.append(through(counter_id=counter.pk, queueservice_id=queue_service.pk))
    through.objects.bulk_create(missing)
    tally.add("queueing.Counter.services", created=len(missing))
    return [unit for unit, _layout in locations]
