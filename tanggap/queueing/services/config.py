"""Each location's queue configuration: its settings, the services it queues and its counters.

Changes are made by the location's head or unit admin (or a region admin), each in one transaction with
an audit row. Nothing is deleted: a queued service is deactivated and a counter closed instead, because
tickets and their events keep pointing at them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.queueing.models import Counter, QueueService, QueueSettings
from tanggap.queueing.permissions import can_configure_queue, can_operate_counter

__all__ = [
    "counter_create",
    "counter_set_open",
    "counter_update",
    "queue_service_create",
    "queue_service_update",
    "queue_settings_update",
]

PREFIX_RE = re.compile(r"^[A-Z]{1,3}$")
MAX_COUNTER_NAME = 60

# (field, smallest, largest) for the numbers a location may set; outside them the queue misbehaves.
SETTINGS_LIMITS = {
    "slot_minutes": (5, 240),
    "booking_horizon_days": (0, 90),
    "no_show_grace_minutes": (0, 120),
    "notify_when_ahead": (0, 50),
    "late_check_in_minutes": (0, 240),
}
SETTINGS_FLAGS = ("is_enabled", "display_chime")
QUEUE_SERVICE_LIMITS = {
    "capacity_per_slot": (1, 500),
    "default_service_minutes": (1, 480),
    "order": (0, 999),
}
QUEUE_SERVICE_FLAGS = ("allow_booking", "allow_walk_in", "is_active")


def _require_configure(actor, location) -> None:
    if not can_configure_queue(actor, location):
        raise PermissionDenied(
            _("Hanya kepala atau admin unit lokasi ini yang dapat mengatur antreannya.")
        )


def _check_number(name: str, value, limits: dict) -> int:
    low, high = limits[name]
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Isi dengan angka."), code="invalid_number", field=name) from None
    if not low <= number <= high:
        raise DomainError(
            _("Isi angka antara %(low)s dan %(high)s.") % {"low": low, "high": high},
            code="out_of_range",
            field=name,
        )
    return number


@contextmanager
def _unique(field: str) -> Iterator[None]:
    """Two managers saving the same prefix or name at once: the database refuses the second."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise DomainError(
            _("Data itu baru saja disimpan orang lain. Muat ulang halaman dan periksa lagi."),
            code="conflict",
            field=field,
        ) from None


def _changes(before: dict, after: dict) -> tuple[dict, dict]:
    changed = {k for k in after if after[k] != before.get(k)}
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


def _clean_prefix(location, prefix: str, *, exclude_pk=None) -> str:
    prefix = (prefix or "").strip().upper()
    if not PREFIX_RE.match(prefix):
        raise DomainError(
            _("Awalan nomor terdiri dari 1–3 huruf, mis. A atau KK."),
            code="invalid_prefix",
            field="prefix",
        )
    taken = QueueService.objects.filter(location=location, prefix=prefix).exclude(pk=exclude_pk)
    if taken.exists():
        raise DomainError(
            _("Awalan %(p)s sudah dipakai layanan lain di lokasi ini.") % {"p": prefix},
            code="duplicate_prefix",
            field="prefix",
        )
    return prefix


# --- settings --------------------------------------------------------------------------------------


@transaction.atomic
def queue_settings_update(*, actor, location, **changes) -> QueueSettings:
    """Change how the location runs its queue: slot length, booking horizon, grace, notices, chime."""
    _require_configure(actor, location)
    unknown = set(changes) - set(SETTINGS_LIMITS) - set(SETTINGS_FLAGS)
    if unknown:
        raise DomainError(_("Pengaturan tidak dikenal."), code="unknown_setting")
    conf, _created = QueueSettings.objects.select_for_update().get_or_create(
        location=location, defaults={"region_id": location.region_id}
    )
    before = snapshot(conf)
    for name, value in changes.items():
        if name in SETTINGS_FLAGS:
            setattr(conf, name, bool(value))
        else:
            setattr(conf, name, _check_number(name, value, SETTINGS_LIMITS))
    conf.save()
    old, new = _changes(before, snapshot(conf))
    audit_record(
        actor=actor,
        action="queue.settings.updated",
        target=conf,
        before=old,
        after=new,
        region_id=location.region_id,
    )
    return conf


# --- queued services -------------------------------------------------------------------------------


def _check_offered(location, service) -> None:
    """The catalogue service must be the location's own or be offered at the location."""
    if service.region_id != location.region_id or not service.is_active:
        raise DomainError(
            _("Layanan itu tidak ada di katalog daerah ini."),
            code="invalid_service",
            field="service",
        )
    if service.unit_id != location.pk and not service.locations.filter(pk=location.pk).exists():
        raise DomainError(
            _("Layanan itu tidak tercatat diselenggarakan di lokasi ini (lihat katalog layanan)."),
            code="service_not_offered",
            field="service",
        )


@transaction.atomic
def queue_service_create(
    *,
    actor,
    location,
    service,
    prefix: str,
    capacity_per_slot: int = 4,
    default_service_minutes: int = 10,
    allow_booking: bool = True,
    allow_walk_in: bool = True,
    order: int = 0,
) -> QueueService:
    """Queue a catalogue service at the location, with its ticket prefix and booking capacity."""
    _require_configure(actor, location)
    _check_offered(location, service)
    if QueueService.objects.filter(location=location, service=service).exists():
        raise DomainError(
            _("Layanan itu sudah ada di antrean lokasi ini."),
            code="duplicate_service",
            field="service",
        )
    fields = {
        "prefix": _clean_prefix(location, prefix),
        "capacity_per_slot": _check_number(
            "capacity_per_slot", capacity_per_slot, QUEUE_SERVICE_LIMITS
        ),
        "default_service_minutes": _check_number(
            "default_service_minutes", default_service_minutes, QUEUE_SERVICE_LIMITS
        ),
        "allow_booking": bool(allow_booking),
        "allow_walk_in": bool(allow_walk_in),
        "order": _check_number("order", order, QUEUE_SERVICE_LIMITS),
    }
    with _unique("prefix"):
        queue_service = QueueService.objects.create(
            region_id=location.region_id, location=location, service=service, **fields
        )
    audit_record(
        actor=actor,
        action="queue.service.created",
        target=queue_service,
        after=snapshot(queue_service),
    )
    return queue_service


@transaction.atomic
def queue_service_update(*, actor, queue_service: QueueService, **changes) -> QueueService:
    """Change a queued service's prefix, capacity, service time, booking/walk-in, order or activity."""
    queue_service = (
        QueueService.objects.select_for_update(of=("self",))
        .select_related("location")
        .get(pk=queue_service.pk)
    )
    location = queue_service.location
    _require_configure(actor, location)
    allowed = {"prefix", *QUEUE_SERVICE_LIMITS, *QUEUE_SERVICE_FLAGS}
    if set(changes) - allowed:
        raise DomainError(_("Pengaturan tidak dikenal."), code="unknown_setting")
    before = snapshot(queue_service)
    for name, value in changes.items():
        if name == "prefix":
            queue_service.prefix = _clean_prefix(location, value, exclude_pk=queue_service.pk)
        elif name in QUEUE_SERVICE_FLAGS:
            setattr(queue_service, name, bool(value))
        else:
            setattr(queue_service, name, _check_number(name, value, QUEUE_SERVICE_LIMITS))
    with _unique("prefix"):
        queue_service.save()
    old, new = _changes(before, snapshot(queue_service))
    audit_record(
        actor=actor, action="queue.service.updated", target=queue_service, before=old, after=new
    )
    return queue_service


# --- counters --------------------------------------------------------------------------------------


def _clean_counter_name(location, name: str, *, exclude_pk=None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Nama loket wajib diisi."), code="name_required", field="name")
    if len(name) > MAX_COUNTER_NAME:
        raise DomainError(
            _("Nama loket paling panjang %(n)s karakter.") % {"n": MAX_COUNTER_NAME},
            code="name_too_long",
            field="name",
        )
    if Counter.objects.filter(location=location, name__iexact=name).exclude(pk=exclude_pk).exists():
        raise DomainError(
            _("Loket bernama %(n)s sudah ada di lokasi ini.") % {"n": name},
            code="duplicate_counter",
            field="name",
        )
    return name


def _clean_counter_services(location, services) -> list[QueueService]:
    services = list(services or [])
    if not services:
        raise DomainError(
            _("Pilih minimal satu layanan yang dilayani loket ini."),
            code="services_required",
            field="services",
        )
    if any(qs.location_id != location.pk for qs in services):
        raise DomainError(
            _("Loket hanya dapat melayani layanan antrean di lokasinya sendiri."),
            code="invalid_service",
            field="services",
        )
    return services


def _counter_snapshot(counter: Counter) -> dict:
    data = snapshot(counter)
    data["services"] = sorted(counter.services.values_list("pk", flat=True))
    return data


@transaction.atomic
def counter_create(
    *, actor, location, name: str, services, is_open: bool = True, order: int = 0
) -> Counter:
    """Add a counter (loket) at the location and say which queued services it handles."""
    _require_configure(actor, location)
    chosen = _clean_counter_services(location, services)
    fields = {
        "name": _clean_counter_name(location, name),
        "is_open": bool(is_open),
        "order": _check_number("order", order, QUEUE_SERVICE_LIMITS),
    }
    with _unique("name"):
        counter = Counter.objects.create(region_id=location.region_id, location=location, **fields)
    counter.services.set(chosen)
    audit_record(
        actor=actor,
        action="queue.counter.created",
        target=counter,
        after=_counter_snapshot(counter),
    )
    return counter


@transaction.atomic
def counter_update(
    *, actor, counter: Counter, name: str, services, is_open: bool, order: int = 0
) -> Counter:
    """Rename a counter, change the services it handles, open or close it."""
    counter = (
        Counter.objects.select_for_update(of=("self",))
        .select_related("location")
        .get(pk=counter.pk)
    )
    location = counter.location
    _require_configure(actor, location)
    before = _counter_snapshot(counter)
    counter.name = _clean_counter_name(location, name, exclude_pk=counter.pk)
    counter.is_open = bool(is_open)
    counter.order = _check_number("order", order, QUEUE_SERVICE_LIMITS)
    chosen = _clean_counter_services(location, services)
    with _unique("name"):
        counter.save(update_fields=["name", "is_open", "order"])
    counter.services.set(chosen)
    old, new = _changes(before, _counter_snapshot(counter))
    audit_record(actor=actor, action="queue.counter.updated", target=counter, before=old, after=new)
    return counter


@transaction.atomic
def counter_set_open(*, actor, counter: Counter, is_open: bool) -> Counter:
    """The officer at the counter opens it in the morning or closes it for a break."""
    counter = (
        Counter.objects.select_for_update(of=("self",))
        .select_related("location")
        .get(pk=counter.pk)
    )
    if not can_operate_counter(actor, counter.location):
        raise PermissionDenied()
    if counter.is_open == bool(is_open):
        return counter
    counter.is_open = bool(is_open)
    counter.save(update_fields=["is_open"])
    audit_record(
        actor=actor,
        action="queue.counter.opened" if is_open else "queue.counter.closed",
        target=counter,
        before={"is_open": not counter.is_open},
        after={"is_open": counter.is_open},
    )
    return counter
