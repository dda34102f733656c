"""Shared test personas: a citizen, a front-desk officer and a handler in unit A, the head of unit A,
a handler in unit B who must be refused, a regional admin, and a system administrator."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.org.tests.factories import RegionFactory, UnitFactory


@pytest.fixture
def region(db):
    return RegionFactory(slug="kab-uji", name="Kabupaten Uji")


@pytest.fixture
def other_region(db):
    return RegionFactory(slug="kota-lain", name="Kota Lain", kind="kota")


@pytest.fixture
def unit_a(region):
    return UnitFactory(region=region, slug="dinas-a", name="Dinas A")


@pytest.fixture
def unit_b(region):
    return UnitFactory(region=region, slug="dinas-b", name="Dinas B")


def _persona(username, role=None, *, unit=None, region=None):
    user = UserFactory(username=username, full_name=username.replace("_", " ").title())
    if role is not None:
        RoleAssignmentFactory(
            user=user, role=role, unit=unit, region=region or (unit.region if unit else None)
        )
    return user


@pytest.fixture
def citizen(db):
    return _persona("warga")


@pytest.fixture
def front_desk_a(unit_a):
    return _persona("loket_a", Role.FRONT_DESK, unit=unit_a)


@pytest.fixture
def handler_a(unit_a):
    return _persona("handler_a", Role.COMPLAINT_HANDLER, unit=unit_a)


@pytest.fixture
def head_a(unit_a):
    return _persona("kepala_a", Role.UNIT_HEAD, unit=unit_a)


@pytest.fixture
def unit_admin_a(unit_a):
    return _persona("admin_a", Role.UNIT_ADMIN, unit=unit_a)


@pytest.fixture
def handler_b(unit_b):
    return _persona("handler_b", Role.COMPLAINT_HANDLER, unit=unit_b)


@pytest.fixture
def region_admin(region):
    return _persona("admin_daerah", Role.REGION_ADMIN, region=region)


@pytest.fixture
def evaluator(region):
    return _persona("evaluator", Role.EVALUATOR, region=region)


@pytest.fixture
def leader(region):
    return _persona("pimpinan", Role.LEADER_VIEWER, region=region)


@pytest.fixture
def sysadmin(db):
    return _persona("sysadmin", Role.SYSADMIN)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: throttle counters and cached figures of one test must not
    reach the next (on Redis they would otherwise outlive the test, and the run)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _indonesian_by_default():
    """Each test starts in Bahasa Indonesia: a request in English must not leak into the next test."""
    from django.utils import translation

    translation.activate("id")
    yield
    translation.activate("id")


# The demo loaded once per test module: loading takes seconds, and most tests only read it. It is loaded
# outside any test's transaction (each test's own changes still roll back) and the database is emptied
# again after the module, as a transactional test does. A module that uses it is kept on one xdist worker
# (`xdist_group`), so the demo is loaded once per module.
@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker) -> str:
    out = StringIO()
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=out)
    yield out.getvalue()
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
