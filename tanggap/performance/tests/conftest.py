"""SKP personas: unit A headed by the official `boss` with a member `staff` and a sub-unit (UPTD) headed
by `sub_head` with `sub_staff`; unit B's `b_staff`; an official of another region. All sign in."""

from __future__ import annotations

import pytest

from tanggap.attendance.tests.factories import official_with_account
from tanggap.org.tests.factories import OfficialFactory, UnitFactory
from tanggap.performance.models import PerformanceAgreement
from tanggap.performance.tests.factories import AgreementFactory, IndicatorFactory


def _head(unit, username):
    official = official_with_account(unit, username)
    unit.head = official
    unit.save(update_fields=["head"])
    return official


@pytest.fixture
def boss(unit_a):
    return _head(unit_a, "kepala_dinas_a")


@pytest.fixture
def staff(unit_a, boss):
    return official_with_account(unit_a, "staf_a")


@pytest.fixture
def people(unit_a, unit_b, boss, staff, other_region):
    sub = UnitFactory(region=unit_a.region, parent=unit_a, slug="uptd-a", name="UPTD A")
    sub_head = _head(sub, "kepala_uptd")
    b_head = _head(unit_b, "kepala_dinas_b")
    return {
        "boss": boss,
        "staff": staff,
        "peer": official_with_account(unit_a, "rekan_a"),
        "sub_head": sub_head,
        "sub_staff": official_with_account(sub, "staf_uptd"),
        "b_head": b_head,
        "b_staff": official_with_account(unit_b, "staf_b"),
        "foreign": OfficialFactory(unit=UnitFactory(region=other_region)),
    }


@pytest.fixture
def indicator(unit_a):
    agreement = AgreementFactory(unit=unit_a, year=2026, status=PerformanceAgreement.Status.SIGNED)
    return IndicatorFactory(agreement=agreement)
