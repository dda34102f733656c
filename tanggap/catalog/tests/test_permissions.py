"""Every role persona × every catalogue action: who may, who is refused, and a refusal changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Q
from django.urls import reverse
from rest_framework.test import APIClient

from tanggap.catalog import importexport, selectors, services
from tanggap.catalog.models import Service, StandardVersion
from tanggap.catalog.permissions import (
    exportable_regions_q,
    exportable_units_q,
    manageable_units_q,
    may_export_region,
    may_export_unit,
    may_manage_services,
    may_open_in_staff_catalogue,
)
from tanggap.catalog.tests.factories import draft_service
from tanggap.core.errors import PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.org.models import Region, Unit
from tanggap.org.tests.factories import UnitFactory

PERSONAS = [
    "citizen",
    "front_desk_a",
    "handler_a",
    "head_a",
    "unit_admin_a",
    "handler_b",
    "region_admin",
    "evaluator",
    "leader",
    "sysadmin",
]
MANAGERS = {"unit_admin_a", "region_admin", "sysadmin"}
ENACTORS = {"head_a", "unit_admin_a", "region_admin", "sysadmin"}
UNIT_A_READERS = {
    "front_desk_a",
    "handler_a",
    "head_a",
    "unit_admin_a",
    "region_admin",
    "evaluator",
    "leader",
    "sysadmin",
}
REGION_READERS = {"region_admin", "evaluator", "leader", "sysadmin"}


def _draft_of(service):
    return StandardVersion.objects.create(
        service=service,
        version=2,
        procedure=["a"],
        product="b",
        complaint_handling="c",
        based_on=None,
    )


ACTIONS = {
    "service_create": (
        MANAGERS,
        lambda user, unit, svc: services.service_create(
            actor=user, unit=unit, code="NEW", name="Layanan Baru"
        ),
    ),
    "service_update": (
        MANAGERS,
        lambda user, unit, svc: services.service_update(actor=user, service=svc, name="Nama Baru"),
    ),
    "service_archive": (
        MANAGERS,
        lambda user, unit, svc: services.service_archive(
            actor=user, service=svc, reason="Tidak dilayani lagi"
        ),
    ),
    "standard_draft_create": (
        MANAGERS,
        lambda user, unit, svc: services.standard_draft_create(actor=user, service=svc),
    ),
    "standard_update": (
        MANAGERS,
        lambda user, unit, svc: services.standard_update(
            actor=user, standard=_draft_of(svc), product="Baru"
        ),
    ),
    "standard_enact": (
        ENACTORS,
        lambda user, unit, svc: services.standard_enact(
            actor=user,
            standard=_draft_of(svc),
            decree_number="400/1/2025",
            decree_date=dt.date(2025, 1, 2),
        ),
    ),
    "import": (
        MANAGERS,
        lambda user, unit, svc: _import_or_raise(user, unit),
    ),
}


def _import_or_raise(user, unit):
    rows = [
        (2, {"code": "IMP-1", "name": "Impor", "unit": unit.slug, "procedure": "a", "product": "b"})
    ]
    report = importexport.standards_import(actor=user, region=unit.region, rows=rows)
    if not report.ok:
        raise PermissionDenied(report.errors[0].message)
    return report


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_catalogue_action_matrix(request, persona, action, unit_a, ktp):
    allowed, run = ACTIONS[action]
    user = request.getfixturevalue(persona)
    audit_before = AuditEvent.objects.count()
    services_before = list(Service.objects.values_list("pk", "name", "is_active").order_by("pk"))
    enacted_before = list(
        StandardVersion.objects.filter(status="enacted").values_list("pk", flat=True)
    )

    if persona in allowed:
        run(user, unit_a, ktp)
        assert AuditEvent.objects.count() > audit_before
    else:
        with pytest.raises(PermissionDenied):
            run(user, unit_a, ktp)
        assert AuditEvent.objects.count() == audit_before
        assert (
            list(Service.objects.values_list("pk", "name", "is_active").order_by("pk"))
            == services_before
        )
        assert (
            list(StandardVersion.objects.filter(status="enacted").values_list("pk", flat=True))
            == enacted_before
        )


@pytest.mark.parametrize("persona", PERSONAS)
def test_export_matrix(request, persona, unit_a, region):
    user = request.getfixturevalue(persona)
    assert may_export_unit(user, unit_a) is (persona in UNIT_A_READERS)
    assert may_export_region(user, region) is (persona in REGION_READERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_staff_page_matrix(request, client, persona, ktp):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    may_enter = persona in ENACTORS
    assert client.get(reverse("catalog:manage")).status_code == (200 if may_enter else 403)
    assert client.get(reverse("catalog:service_manage", args=[ktp.pk])).status_code == (
        200 if may_enter else 403
    )
    assert client.get(reverse("catalog:service_create")).status_code == (
        200 if persona in MANAGERS else 403
    )
    assert client.get(reverse("catalog:standard_enact", args=[ktp.pk])).status_code in (
        (302,)
        if persona in ENACTORS
        else (403,)  # 302: no draft to enact, back to the service page
    )
    # Anyone with a role may export their own unit's (or region's) standards; citizens may not.
    export_status = client.get(reverse("catalog:export")).status_code
    assert export_status == (403 if persona == "citizen" else 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_enact_matrix(request, persona, ktp):
    api = APIClient()
    api.force_authenticate(request.getfixturevalue(persona))
    _draft_of(ktp)
    response = api.post(
        f"/api/catalog/services/{ktp.pk}/enact/",
        {"decree_number": "400/5/2025", "decree_date": "2025-01-06"},
    )
    if persona in ENACTORS:
        assert response.status_code == 200
        assert ktp.standards.get(status="enacted").version == 2
    else:
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
        assert ktp.standards.get(status="enacted").version == 1


def test_a_handler_of_another_unit_is_refused_on_unit_a(handler_b, ktp):
    with pytest.raises(PermissionDenied):
        services.service_update(actor=handler_b, service=ktp, name="X")


def test_region_admins_do_not_reach_other_regions(region_admin, other_region):
    foreign = UnitFactory(region=other_region)
    with pytest.raises(PermissionDenied):
        services.service_create(actor=region_admin, unit=foreign, code="X", name="X")
    assert not Service.objects.exists()


# --- one visibility rule: the list's filter and the one-record check agree ----------------------------


def _in(model, q, record) -> bool:
    """The record passes the filter (None means every record)."""
    return model.objects.filter(q if q is not None else Q()).filter(pk=record.pk).exists()


@pytest.fixture
def units_everywhere(unit_a, unit_b, other_region):
    """Unit A, a unit below it, unit B, and a unit of another region."""
    below_a = UnitFactory(region=unit_a.region, parent=unit_a, slug="seksi-a", name="Seksi A")
    return [unit_a, below_a, unit_b, UnitFactory(region=other_region, slug="luar", name="Luar")]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_unit_filters_and_the_unit_rules_agree(request, persona, units_everywhere, region):
    user = request.getfixturevalue(persona)
    for unit in units_everywhere:
        assert _in(Unit, manageable_units_q(user), unit) is may_manage_services(user, unit), unit
        assert _in(Unit, manageable_units_q(user, include_enact=True), unit) is (
            may_open_in_staff_catalogue(user, unit)
        ), unit
        assert _in(Unit, exportable_units_q(user), unit) is may_export_unit(user, unit), unit
    for each in Region.objects.all():
        assert _in(Region, exportable_regions_q(user), each) is may_export_region(user, each), each


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_staff_list_and_the_staff_page_agree_on_every_service(
    request, client, persona, units_everywhere
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    made = [
        draft_service(unit=unit, code=f"S-{number}", slug=f"s-{number}")
        for number, unit in enumerate(units_everywhere)
    ]
    listed = set(selectors.service_list_manageable_by(user=user).values_list("pk", flat=True))
    for service in made:
        page = client.get(reverse("catalog:service_manage", args=[service.pk]))
        assert page.status_code == (200 if service.pk in listed else 403), service.unit
