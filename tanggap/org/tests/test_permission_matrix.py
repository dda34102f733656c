"""Every persona × every organisation and account action, against one explicit table."""

import datetime as dt

import pytest
from django.urls import reverse

from tanggap.accounts import services as account_services
from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import UserFactory
from tanggap.core.errors import PermissionDenied
from tanggap.org import services
from tanggap.org.tests.factories import (
    RotationDecreeFactory,
    RotationEntryFactory,
    UnitFactory,
    nip_for,
    official_in,
)

ACTIONS = [
    "update_region",
    "add_day_off",
    "create_area",
    "create_unit",
    "archive_unit",
    "create_official",
    "enact_decree",
    "create_account",
    "assign_role",
    "view_officials",
]

# Which actions each persona may take; every other action must be refused.
MANAGE = set(ACTIONS)
VIEW = {"view_officials"}
ALLOWED = {
    "citizen": set(),
    "front_desk_a": VIEW,
    "handler_a": VIEW,
    "head_a": VIEW,
    "unit_admin_a": VIEW,
    "handler_b": VIEW,
    "region_admin": MANAGE,
    "evaluator": VIEW,
    "leader": VIEW,
    "sysadmin": MANAGE,
}


def _do(action, actor, *, region, unit_a, unit_b, client):
    """Attempt one action as `actor`; True when it went through, False when it was refused."""
    if action == "view_officials":
        client.force_login(actor)
        status = client.get(reverse("org:official_list", args=[region.slug])).status_code
        assert status in (200, 403)
        return status == 200
    calls = {
        "update_region": lambda: services.region_update(
            actor=actor, region=region, head_name="Bupati Baru"
        ),
        "add_day_off": lambda: services.day_off_add(
            actor=actor, region=region, date=dt.date(2026, 8, 5), name="Hari Jadi"
        ),
        "create_area": lambda: services.area_create(
            actor=actor, region=region, kind="kecamatan", code="9", name="Baru"
        ),
        "create_unit": lambda: services.unit_create(
            actor=actor, region=region, kind="upt", slug="upt-baru", name="UPT"
        ),
        "archive_unit": lambda: services.unit_archive(
            actor=actor, unit=UnitFactory(region=region), reason="Digabung"
        ),
        "create_official": lambda: services.official_create(
            actor=actor,
            unit=unit_a,
            nip=nip_for(500),
            name="Pegawai Baru",
            rank="III/a",
            position_title="Analis",
            position_started_on=dt.date(2020, 1, 6),
        ),
        "enact_decree": lambda: services.rotation_decree_enact(
            actor=actor,
            decree=RotationEntryFactory(
                decree=RotationDecreeFactory(region=region),
                official=official_in(unit_a),
                to_unit=unit_b,
            ).decree,
        ),
        "create_account": lambda: account_services.user_create_for_official(
            actor=actor, official=official_in(unit_a)
        ),
        "assign_role": lambda: account_services.role_assign(
            actor=actor, user=UserFactory(), role=Role.FRONT_DESK, unit=unit_b
        ),
    }
    try:
        calls[action]()
    except PermissionDenied:
        return False
    return True


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", list(ALLOWED))
def test_permission_matrix(persona, action, request, region, unit_a, unit_b, client):
    actor = request.getfixturevalue(persona)
    allowed = _do(action, actor, region=region, unit_a=unit_a, unit_b=unit_b, client=client)
    assert allowed == (action in ALLOWED[persona]), (
        f"{persona} {'may' if allowed else 'may not'} {action}"
    )


@pytest.mark.django_db
def test_a_region_admin_has_no_power_in_another_region(region_admin, other_region):
    foreign_unit = UnitFactory(region=other_region)
    with pytest.raises(PermissionDenied):
        services.region_update(actor=region_admin, region=other_region, head_name="X")
    with pytest.raises(PermissionDenied):
        services.unit_create(
            actor=region_admin, region=other_region, kind="opd", slug="x", name="X"
        )
    with pytest.raises(PermissionDenied):
        account_services.role_assign(
            actor=region_admin, user=UserFactory(), role=Role.FRONT_DESK, unit=foreign_unit
        )
