"""Factories for queue tests, `kiosk_with_token` (a kiosk and its token), and `past_ticket`: a ticket as
the services would have left it."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from tanggap.catalog.tests.factories import ServiceFactory
from tanggap.org.tests.factories import UnitFactory
from tanggap.queueing.models import Counter, KioskDevice, QueueService, QueueSettings, Ticket
from tanggap.queueing.selectors import kiosk_token_digest
from tanggap.queueing.services import new_kiosk_token

WIB = ZoneInfo("Asia/Jakarta")


class LocationFactory(UnitFactory):
    kind = "kecamatan"
    is_service_location = True
    work_start = dt.time(8, 0)
    work_end = dt.time(15, 0)


class QueueServiceFactory(DjangoModelFactory):
    class Meta:
        model = QueueService

    location = factory.SubFactory(LocationFactory)
    region = factory.LazyAttribute(lambda o: o.location.region)
    service = factory.LazyAttribute(
        lambda o: ServiceFactory(unit=o.location, region=o.location.region)
    )
    prefix = factory.Sequence(lambda n: "ABCDEFGHJK"[n % 10] + ("" if n < 10 else str(n // 10)))
    capacity_per_slot = 2


class QueueSettingsFactory(DjangoModelFactory):
    class Meta:
        model = QueueSettings
        django_get_or_create = ("location",)

    location = factory.SubFactory(LocationFactory)
    region = factory.LazyAttribute(lambda o: o.location.region)


class CounterFactory(DjangoModelFactory):
    class Meta:
        model = Counter
        skip_postgeneration_save = True

    location = factory.SubFactory(LocationFactory)
    region = factory.LazyAttribute(lambda o: o.location.region)
    name = factory.Sequence(lambda n: f"Loket {n + 1}")

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            self.services.set(extracted)


class KioskDeviceFactory(DjangoModelFactory):
    """A registered kiosk whose token nobody knows (use `kiosk_with_token` to get one you can present)."""

    class Meta:
        model = KioskDevice

    location = factory.SubFactory(LocationFactory)
    region = factory.LazyAttribute(lambda o: o.location.region)
    name = factory.Sequence(lambda n: f"Kiosk {n + 1}")
    token_hash = factory.LazyFunction(lambda: kiosk_token_digest(new_kiosk_token()))


def kiosk_with_token(location, **fields) -> tuple[KioskDevice, str]:
    """A registered kiosk of the location and its token, as the registration page showed it once."""
    token = new_kiosk_token()
    device = KioskDeviceFactory(location=location, token_hash=kiosk_token_digest(token), **fields)
    return device, token


_serial = iter(range(1, 1_000_000))


def past_ticket(
    queue_service,
    day: dt.date,
    arrive: str | None,
    *,
    wait: float | None = None,
    service: float | None = None,
    counter=None,
    source=Ticket.Source.WALK_IN,
    status=Ticket.Status.DONE,
    priority="",
) -> Ticket:
    """A ticket as the services would have left it: times in WIB, stored as UTC."""
    n = next(_serial)
    checked_in = (
        dt.datetime.combine(day, dt.time.fromisoformat(arrive), tzinfo=WIB) if arrive else None
    )
    called = checked_in + dt.timedelta(minutes=wait) if wait is not None else None
    started = called + dt.timedelta(minutes=0.5) if service is not None else None
    finished = started + dt.timedelta(minutes=service) if service is not None else None
    return Ticket.objects.create(
        region=queue_service.region,
        location=queue_service.location,
        queue_service=queue_service,
        code=f"T{n:07d}",
        number=f"{queue_service.prefix}-{n:03d}",
        service_day=day,
        status=status,
        source=source,
        priority=priority,
        checked_in_at=checked_in,
        called_at=called,
        serving_started_at=started,
        finished_at=finished,
        counter=counter,
    )


def slot_of(hour: int, minute: int = 0, day: int = 23) -> dt.datetime:
    """A slot start in November 2026 at a WIB location (the week the page and API tests live in)."""
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=WIB)


def book(queue_service, hour=10, minute=0, day=23, **contact) -> Ticket:
    """A booking made through the service for that slot (a name and a phone unless given)."""
    from tanggap.queueing import services

    contact.setdefault("contact_name", "Warga")
    contact.setdefault("contact_phone", "081200000001")
    return services.booking_create(
        queue_service=queue_service, slot_start=slot_of(hour, minute, day), **contact
    )


def open_as_kecamatan_office(unit):
    """Make `unit` a kecamatan office serving citizens 08:00–15:00 on weekdays (the pages' usual place)."""
    unit.kind = "kecamatan"
    unit.work_start, unit.work_end = dt.time(8, 0), dt.time(15, 0)
    unit.save()
    return unit
