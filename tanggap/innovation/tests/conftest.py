"""Inovasi daerah personas: the region's innovation office, officials of unit A and B with accounts."""

from __future__ import annotations

import pytest

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.org.tests.factories import OfficialFactory


@pytest.fixture
def office(region):
    """The region's innovation office (Bappeda/BRIDA)."""
    user = UserFactory(username="brida", full_name="Petugas Brida")
    RoleAssignmentFactory(user=user, role=Role.INNOVATION_OFFICER, region=region)
    return user


@pytest.fixture
def official_a(unit_a):
    """An official of unit A who signs in (no role: an ordinary ASN)."""
    return OfficialFactory(unit=unit_a, user=UserFactory(username="asn_a", full_name="Asn A"))


@pytest.fixture
def official_b(unit_b):
    return OfficialFactory(unit=unit_b, user=UserFactory(username="asn_b", full_name="Asn B"))
