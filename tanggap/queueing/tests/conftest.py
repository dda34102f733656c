"""Queue fixtures the test modules share; each module (or folder conftest) defines its own `location` and
`ktp` queue, which these build on."""

import pytest

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.queueing.tests.factories import CounterFactory, QueueServiceFactory


@pytest.fixture
def kk(location):
    return QueueServiceFactory(location=location, prefix="B")


@pytest.fixture
def counter(location, ktp, kk):
    return CounterFactory(location=location, name="Loket 1", services=[ktp, kk])


@pytest.fixture
def officer(location):
    user = UserFactory(username="petugas_loket")
    RoleAssignmentFactory(user=user, role=Role.FRONT_DESK, unit=location)
    return user
