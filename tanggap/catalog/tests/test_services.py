"""Writes to the catalogue: versioning, enactment, the adminduk rule, archiving, the state machine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tanggap.catalog import services
from tanggap.catalog.models import Service, StandardStatusChange, StandardVersion
from tanggap.catalog.tests.factories import ServiceCategoryFactory, enacted_service
from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.org.tests.factories import UnitFactory

Status = StandardVersion.Status


def _fill(standard, actor, **extra):
    values = {
        "requirements": ["KTP-el"],
        "procedure": ["Datang", "Dilayani"],
        "product": "Surat",
        "complaint_handling": "SP4N-LAPOR!",
    }
    values.update(extra)
    return services.standard_update(actor=actor, standard=standard, **values)


def test_creating_a_service_gives_it_an_empty_draft_version_one_and_an_audit_row(
    unit_admin_a, unit_a
):
    service = services.service_create(
        actor=unit_admin_a, unit=unit_a, code="LAY-1", name="Surat Keterangan Pindah"
    )

    assert service.region == unit_a.region
    assert service.slug == "surat-keterangan-pindah"
    [draft] = service.standards.all()
    assert (draft.version, draft.status) == (1, Status.DRAFT)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"catalog.service.created", "catalog.standard.draft_created"} <= actions


def test_service_code_must_be_unique_in_the_region_ignoring_case(unit_admin_a, unit_a, ktp):
    with pytest.raises(DomainError) as exc:
        services.service_create(actor=unit_admin_a, unit=unit_a, code="duk-ktp", name="Lain")
    assert exc.value.field == "code"
    assert Service.objects.count() == 1


def test_service_slug_is_made_unique_when_names_repeat(unit_admin_a, unit_a):
    first = services.service_create(actor=unit_admin_a, unit=unit_a, code="A", name="Legalisir")
    second = services.service_create(actor=unit_admin_a, unit=unit_a, code="B", name="Legalisir")
    assert (first.slug, second.slug) == ("legalisir", "legalisir-2")


def test_service_cannot_use_a_category_or_location_of_another_region(
    unit_admin_a, unit_a, other_region
):
    foreign_category = ServiceCategoryFactory(region=other_region)
    foreign_unit = UnitFactory(region=other_region)
    with pytest.raises(DomainError):
        services.service_create(
            actor=unit_admin_a, unit=unit_a, code="X", name="X", category=foreign_category
        )
    with pytest.raises(DomainError):
        services.service_create(
            actor=unit_admin_a, unit=unit_a, code="Y", name="Y", locations=[foreign_unit]
        )
    assert not Service.objects.exists()


def test_editing_an_enacted_standard_means_a_new_version_and_the_old_one_stays_readable(
    unit_admin_a, head_a, ktp
):
    v1 = ktp.standards.get()
    with pytest.raises(DomainError) as exc:
        services.standard_update(actor=unit_admin_a, standard=v1, requirements=["Baru"])
    assert exc.value.code == "standard_immutable"

    v2 = services.standard_draft_create(actor=unit_admin_a, service=ktp)
    assert (v2.version, v2.status, v2.based_on) == (2, Status.DRAFT, v1)
    assert v2.requirements == v1.requirements  # copied from the enacted version
    services.standard_update(actor=unit_admin_a, standard=v2, requirements=["Kartu Keluarga asli"])
    services.standard_enact(
        actor=head_a, standard=v2, decree_number="400/2/2025", decree_date=dt.date(2025, 1, 5)
    )

    v1.refresh_from_db()
    v2.refresh_from_db()
    assert v1.status == Status.SUPERSEDED
    assert v1.requirements == ["Fotokopi Kartu Keluarga", "Surat pengantar tidak diperlukan"]
    assert v2.status == Status.ENACTED
    assert v2.requirements == ["Kartu Keluarga asli"]


def test_only_one_draft_may_exist_per_service(unit_admin_a, ktp):
    services.standard_draft_create(actor=unit_admin_a, service=ktp)
    with pytest.raises(DomainError) as exc:
        services.standard_draft_create(actor=unit_admin_a, service=ktp)
    assert exc.value.code == "draft_exists"
    assert ktp.standards.count() == 2


def test_enacting_supersedes_the_previous_version_and_records_who_and_when(
    unit_admin_a, head_a, ktp
):
    v1 = ktp.standards.get()
    v2 = services.standard_draft_create(actor=unit_admin_a, service=ktp)

    services.standard_enact(
        actor=head_a, standard=v2, decree_number=" 400/7/2025 ", decree_date="2025-03-01"
    )

    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == (Status.SUPERSEDED, Status.ENACTED)
    assert (v2.decree_number, v2.decree_date) == ("400/7/2025", dt.date(2025, 3, 1))
    assert v2.enacted_by == head_a and v2.enacted_at is not None
    moves = list(
        StandardStatusChange.objects.values_list("standard__version", "from_status", "to_status")
    )
    assert moves == [(1, Status.ENACTED, Status.SUPERSEDED), (2, Status.DRAFT, Status.ENACTED)]
    assert AuditEvent.objects.filter(action="catalog.standard.enacted").count() == 1
    assert AuditEvent.objects.filter(action="catalog.standard.superseded").count() == 1


@pytest.mark.parametrize(
    ("number", "date", "field"),
    [
        ("", dt.date(2025, 1, 1), "decree_number"),
        ("   ", dt.date(2025, 1, 1), "decree_number"),
        ("400/1", None, "decree_date"),
        ("400/1", "kemarin", "decree_date"),
        ("400/1", "31/02/2025", "decree_date"),
    ],
)
def test_enacting_needs_a_decree_number_and_a_valid_date(head_a, drafted, number, date, field):
    draft = drafted.standards.get()
    with pytest.raises(DomainError) as exc:
        services.standard_enact(
            actor=head_a, standard=draft, decree_number=number, decree_date=date
        )
    assert exc.value.field == field
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_decree_dated_in_the_future_is_refused(head_a, drafted):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(DomainError) as exc:
        services.standard_enact(
            actor=head_a, standard=drafted.standards.get(), decree_number="1", decree_date=tomorrow
        )
    assert exc.value.code == "invalid_decree_date"


def test_an_incomplete_draft_cannot_be_enacted(unit_admin_a, head_a, unit_a):
    service = services.service_create(actor=unit_admin_a, unit=unit_a, code="NEW", name="Baru")
    draft = service.standards.get()
    with pytest.raises(DomainError) as exc:
        services.standard_enact(
            actor=head_a, standard=draft, decree_number="1", decree_date=dt.date(2025, 1, 1)
        )
    assert exc.value.code == "incomplete"
    assert "produk pelayanan" in str(exc.value.message)


def test_an_enacted_version_cannot_be_enacted_again(head_a, ktp):
    with pytest.raises(DomainError) as exc:
        services.standard_enact(
            actor=head_a,
            standard=ktp.standards.get(),
            decree_number="2",
            decree_date=dt.date(2025, 1, 1),
        )
    assert exc.value.code == "not_draft"


def test_an_adminduk_service_with_a_cost_is_refused_when_editing_the_draft(unit_admin_a, ktp):
    draft = services.standard_draft_create(actor=unit_admin_a, service=ktp)
    with pytest.raises(DomainError) as exc:
        services.standard_update(actor=unit_admin_a, standard=draft, cost="10.000")
    assert exc.value.code == "adminduk_must_be_free"
    assert "UU 24/2013 Pasal 79A" in str(exc.value.message)
    draft.refresh_from_db()
    assert draft.cost == 0


def test_an_adminduk_service_with_a_cost_is_refused_when_enacting(head_a, unit_a):
    # Data that reached the database some other way (e.g. an old import) is still stopped at enactment.
    service = enacted_service(unit=unit_a, is_adminduk=True)
    draft = StandardVersion.objects.create(
        service=service,
        version=2,
        cost=Decimal("5000"),
        procedure=["a"],
        product="b",
        complaint_handling="c",
    )
    with pytest.raises(DomainError) as exc:
        services.standard_enact(
            actor=head_a, standard=draft, decree_number="1", decree_date=dt.date(2025, 1, 1)
        )
    assert exc.value.code == "adminduk_must_be_free"


def test_marking_a_paid_service_as_adminduk_is_refused(unit_admin_a, izin):
    with pytest.raises(DomainError) as exc:
        services.service_update(actor=unit_admin_a, service=izin, is_adminduk=True)
    assert exc.value.code == "adminduk_must_be_free"
    izin.refresh_from_db()
    assert izin.is_adminduk is False


def test_a_free_adminduk_draft_saves(unit_admin_a, ktp):
    draft = services.standard_draft_create(actor=unit_admin_a, service=ktp)
    _fill(draft, unit_admin_a, cost="Gratis", duration_value="14", duration_unit="working_days")
    draft.refresh_from_db()
    assert (draft.cost, draft.duration_value) == (0, 14)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("0", Decimal("0")),
        ("", Decimal("0")),
        ("Gratis", Decimal("0")),
        ("10000", Decimal("10000")),
        ("10.000", Decimal("10000")),
        ("Rp 1.250.000", Decimal("1250000")),
        ("2.500,50", Decimal("2500.50")),
        ("12.5", Decimal("12.5")),
        (7500, Decimal("7500")),
    ],
)
def test_costs_are_read_in_indonesian_number_style(text, amount):
    assert services.parse_cost(text) == amount


@pytest.mark.parametrize("text", ["-5", "sepuluh ribu", "1e20", "NaN", "0,001"])
def test_bad_costs_are_refused(text):
    with pytest.raises(DomainError):
        services.parse_cost(text)


@pytest.mark.parametrize(
    "changes",
    [
        {"duration_unit": "minggu"},
        {"duration_value": -1},
        {"duration_value": "tiga"},
        {"requirements": {"not": "a list"}},
        {"duration_note": "x" * 301},
        {"colour": "red"},
    ],
)
def test_bad_standard_input_is_refused_and_changes_nothing(unit_admin_a, drafted, changes):
    draft = drafted.standards.get()
    before = {
        f: getattr(draft, f)
        for f in ("duration_unit", "duration_value", "requirements", "duration_note")
    }
    with pytest.raises(DomainError):
        services.standard_update(actor=unit_admin_a, standard=draft, **changes)
    draft.refresh_from_db()
    assert {f: getattr(draft, f) for f in before} == before


def test_list_components_accept_one_item_per_line(unit_admin_a, drafted):
    draft = services.standard_update(
        actor=unit_admin_a,
        standard=drafted.standards.get(),
        requirements="KTP-el\n\n  Kartu Keluarga  \r\n",
    )
    assert draft.requirements == ["KTP-el", "Kartu Keluarga"]


def test_archiving_needs_a_reason_and_keeps_the_record(unit_admin_a, ktp):
    with pytest.raises(DomainError):
        services.service_archive(actor=unit_admin_a, service=ktp, reason="  ")
    services.service_archive(actor=unit_admin_a, service=ktp, reason="Digabung dengan layanan lain")
    ktp.refresh_from_db()
    assert (ktp.is_active, ktp.archived_reason) == (False, "Digabung dengan layanan lain")
    assert ktp.standards.count() == 1
    event = AuditEvent.objects.get(action="catalog.service.archived")
    assert event.note == "Digabung dengan layanan lain"

    services.service_restore(actor=unit_admin_a, service=ktp)
    ktp.refresh_from_db()
    assert ktp.is_active and ktp.archived_reason == ""


def test_moving_a_service_to_a_unit_the_user_does_not_manage_is_refused(unit_admin_a, unit_b, ktp):
    with pytest.raises(PermissionDenied):
        services.service_update(actor=unit_admin_a, service=ktp, unit=unit_b)
    ktp.refresh_from_db()
    assert ktp.unit.slug == "dinas-a"


def test_service_update_records_only_what_changed(unit_admin_a, ktp):
    services.service_update(
        actor=unit_admin_a, service=ktp, name="KTP-el (baru)", description=ktp.description
    )
    event = AuditEvent.objects.get(action="catalog.service.updated")
    assert event.before == {"name": "KTP-el Baru"}
    assert event.after == {"name": "KTP-el (baru)"}


# --- the state machine: every allowed and forbidden pair ----------------------------------------------

ALLOWED = {(Status.DRAFT, Status.ENACTED), (Status.ENACTED, Status.SUPERSEDED)}
ALL_PAIRS = [(a, b) for a in Status.values for b in Status.values]


def test_the_transition_table_is_exactly_draft_to_enacted_to_superseded():
    assert set(services.STANDARD_MACHINE.pairs()) == ALLOWED
    assert services.STANDARD_MACHINE.actions() == ["enact", "supersede"]


def test_the_table_says_who_may_enact_and_the_service_page_asks_it(
    client, head_a, handler_a, unit_admin_a, drafted
):
    draft = drafted.standards.get()
    machine = services.STANDARD_MACHINE
    assert machine.available_actions(Status.DRAFT, head_a, draft) == ["enact"]
    assert machine.available_actions(Status.DRAFT, handler_a, draft) == []
    assert machine.available_actions(Status.ENACTED, head_a, draft) == ["supersede"]
    enact_url = reverse("catalog:standard_enact", args=[drafted.pk])
    for user in (head_a, unit_admin_a):
        client.force_login(user)
        page = client.get(reverse("catalog:service_manage", args=[drafted.pk]))
        assert page.context["can_enact"] is True and enact_url in page.content.decode()
    draft.status = Status.SUPERSEDED  # no draft left: nothing to enact, no button
    draft.save(update_fields=["status"])
    page = client.get(reverse("catalog:service_manage", args=[drafted.pk]))
    assert page.context["can_enact"] is False and enact_url not in page.content.decode()


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_each_status_pair_is_allowed_only_if_in_the_table(head_a, unit_a, source, target):
    service = enacted_service(unit=unit_a)
    if source == Status.ENACTED:
        standard = service.standards.get()
    else:
        standard = StandardVersion.objects.create(service=service, version=2, status=source)
    if (source, target) in ALLOWED:
        if target == Status.ENACTED:  # make room: one enacted version per service
            service.standards.filter(status=Status.ENACTED).update(status=Status.SUPERSEDED)
        services.standard_transition(actor=head_a, standard=standard, to_status=target)
        standard.refresh_from_db()
        assert standard.status == target
        assert StandardStatusChange.objects.filter(standard=standard, to_status=target).exists()
    else:
        with pytest.raises(InvalidTransition):
            services.standard_transition(actor=head_a, standard=standard, to_status=target)
        standard.refresh_from_db()
        assert standard.status == source
        assert not StandardStatusChange.objects.exists()


def test_a_user_without_the_right_cannot_make_an_allowed_move(handler_a, ktp):
    with pytest.raises(InvalidTransition) as exc:
        services.standard_transition(
            actor=handler_a, standard=ktp.standards.get(), to_status=Status.SUPERSEDED
        )
    assert exc.value.code == "transition_not_allowed"


def test_the_system_actor_may_act_and_is_recorded_as_sistem(system, unit_a):
    service = services.service_create(
        actor=system, unit=unit_a, code="SYS", name="Dari baris perintah"
    )
    event = AuditEvent.objects.get(action="catalog.service.created", target_id=str(service.pk))
    assert event.actor is None and event.actor_label == "sistem"


def test_category_creation_is_for_region_admins(region_admin, unit_admin_a, region):
    with pytest.raises(PermissionDenied):
        services.category_create(actor=unit_admin_a, region=region, name="Perizinan")
    category = services.category_create(actor=region_admin, region=region, name="Perizinan Usaha")
    assert category.slug == "perizinan-usaha"
    with pytest.raises(DomainError):
        services.category_create(actor=region_admin, region=region, name="Perizinan Usaha")
