"""The demo loader refuses a production database (it would mix fictional people into real records)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tanggap.org.models import Region

pytestmark = pytest.mark.django_db


def load(**options) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def test_load_demo_refuses_a_production_database_unless_forced(settings, monkeypatch):
    monkeypatch.delenv("TANGGAP_TESTING", raising=False)
    settings.DEBUG = False
    with pytest.raises(CommandError):
        load()
    assert not Region.objects.exists()
    assert "kab-blitar" in load(force=True)
