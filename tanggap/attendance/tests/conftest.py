"""Attendance personas: in unit A (headed by `head`), an official `staff`; unit A's office location."""

from __future__ import annotations

import pytest

from tanggap.attendance.tests.factories import OfficeLocationFactory, official_with_account


@pytest.fixture
def head(unit_a):
    official = official_with_account(unit_a, "kepala_dinas_a")
    unit_a.head = official
    unit_a.save(update_fields=["head"])
    return official


@pytest.fixture
def staff(unit_a, head):
    return official_with_account(unit_a, "staf_a")


@pytest.fixture
def office(unit_a):
    return OfficeLocationFactory(unit=unit_a, name="Kantor Dinas A")
