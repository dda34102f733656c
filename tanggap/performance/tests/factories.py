"""Performance test data: agreements and their indicators, SKP and their results."""

from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from tanggap.org.tests.factories import UnitFactory
from tanggap.performance.models import Indicator, PerformanceAgreement, Skp, SkpResult


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = PerformanceAgreement

    unit = factory.SubFactory(UnitFactory)
    year = 2026


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    agreement = factory.SubFactory(AgreementFactory)
    name = factory.Sequence(lambda n: f"Persentase layanan tepat waktu {n}")
    measure = "%"
    baseline = Decimal("80")
    target_year = Decimal("90")
    target_q1 = Decimal("85")
    target_q2 = Decimal("87")
    target_q3 = Decimal("89")
    target_q4 = Decimal("90")


class SkpFactory(DjangoModelFactory):
    """An SKP; pass `official` and `superior` (both org.Official)."""

    class Meta:
        model = Skp

    year = 2026


class SkpResultFactory(DjangoModelFactory):
    class Meta:
        model = SkpResult

    skp = factory.SubFactory(SkpFactory)
    text = factory.Sequence(lambda n: f"Layanan tepat waktu {n}")
    target = Decimal("100")
    measure = "layanan"
