"""Factories for queue tests."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from tanggap.catalog.tests.factories import ServiceFactory
from tanggap.org.tests.factories import UnitFactory
from tanggap.queueing.models import Counter, QueueService, QueueSettings


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
