"""Fixtures shared by the catalogue tests (the personas come from the project's conftest.py)."""

from __future__ import annotations

import pytest

from tanggap.catalog.permissions import SYSTEM
from tanggap.catalog.tests.factories import draft_service, enacted_service


@pytest.fixture
def system():
    return SYSTEM


@pytest.fixture
def ktp(unit_a):
    """An enacted, free adminduk service in unit A."""
    return enacted_service(
        unit=unit_a,
        code="DUK-KTP",
        slug="ktp-el-baru",
        name="KTP-el Baru",
        is_adminduk=True,
        standard={"requirements": ["Fotokopi Kartu Keluarga", "Surat pengantar tidak diperlukan"]},
    )


@pytest.fixture
def izin(unit_a):
    """An enacted paid service in unit A."""
    return enacted_service(
        unit=unit_a,
        code="IZN-REK",
        slug="izin-reklame",
        name="Izin Reklame",
        standard={"cost": 150000, "requirements": ["Gambar desain reklame"]},
    )


@pytest.fixture
def drafted(unit_a):
    """A service of unit A that only has a draft standard."""
    return draft_service(unit=unit_a, code="DRF-1", slug="konsep", name="Layanan Konsep")
