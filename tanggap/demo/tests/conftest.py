"""The demo loaded once per test module: loading takes seconds, and most tests only read it.

`demo_output` loads the demo into the test database outside any test's transaction (so each test's own
changes still roll back) and empties the database again after the module, as a transactional test does.
A module that uses it is kept on one xdist worker (`xdist_group`), so the demo is loaded once per module.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker) -> str:
    out = StringIO()
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=out)
    yield out.getvalue()
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
