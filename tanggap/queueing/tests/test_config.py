"""Queue configuration services: who may change a location's queue, what is checked, what is audited."""

import pytest

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.catalog.tests.factories import ServiceFactory
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.queueing import services
from tanggap.queueing.models import Counter, QueueService, QueueSettings
from tanggap.queueing.tests.factories import CounterFactory, LocationFactory, QueueServiceFactory

ALLOWED = ["head_a", "unit_admin_a", "region_admin", "sysadmin"]
REFUSED = ["front_desk_a", "other_front_desk", "handler_a", "citizen", "evaluator", "anonymous"]


@pytest.fixture
def location(unit_a):
    return unit_a


@pytest.fixture
def ktp(location):
    return QueueServiceFactory(location=location, prefix="A")


@pytest.fixture
def other_front_desk(region):
    user = UserFactory(username="loket_lain")
    RoleAssignmentFactory(user=user, role=Role.FRONT_DESK, unit=LocationFactory(region=region))
    return user


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def queue_audit():
    return AuditEvent.objects.filter(action__startswith="queue.")


# --- who may configure -------------------------------------------------------------------------


def _attempts(location, ktp):
    """Each configuration service, called with a valid change."""
    counter = CounterFactory(location=location, name="Loket Uji", services=[ktp])
    new_service = ServiceFactory(unit=location, region=location.region)
    return {
        "settings": lambda actor: services.queue_settings_update(
            actor=actor, location=location, slot_minutes=20
        ),
        "service_create": lambda actor: services.queue_service_create(
            actor=actor, location=location, service=new_service, prefix="K"
        ),
        "service_update": lambda actor: services.queue_service_update(
            actor=actor, queue_service=ktp, capacity_per_slot=9
        ),
        "counter_create": lambda actor: services.counter_create(
            actor=actor, location=location, name="Loket Baru", services=[ktp]
        ),
        "counter_update": lambda actor: services.counter_update(
            actor=actor, counter=counter, name="Loket Ganti", services=[ktp], is_open=False
        ),
    }


@pytest.mark.parametrize("persona", ALLOWED)
def test_location_managers_may_configure_the_queue(request, location, ktp, persona):
    actor = request.getfixturevalue(persona)
    for name, attempt in _attempts(location, ktp).items():
        assert attempt(actor) is not None, name
    assert QueueSettings.objects.get(location=location).slot_minutes == 20
    assert QueueService.objects.get(pk=ktp.pk).capacity_per_slot == 9
    assert Counter.objects.filter(name__in=["Loket Baru", "Loket Ganti"]).count() == 2
    assert set(queue_audit().values_list("action", flat=True)) == {
        "queue.settings.updated",
        "queue.service.created",
        "queue.service.updated",
        "queue.counter.created",
        "queue.counter.updated",
    }
    assert set(queue_audit().values_list("actor", flat=True)) == {actor.pk}


@pytest.mark.parametrize("persona", REFUSED)
def test_others_may_not_configure_the_queue(request, location, ktp, persona):
    actor = request.getfixturevalue(persona)
    for name, attempt in _attempts(location, ktp).items():
        with pytest.raises(PermissionDenied):
            attempt(actor)
        assert not queue_audit().exists(), name
    assert not QueueSettings.objects.filter(location=location, slot_minutes=20).exists()
    assert QueueService.objects.get(pk=ktp.pk).capacity_per_slot == ktp.capacity_per_slot
    assert not Counter.objects.filter(name__in=["Loket Baru", "Loket Ganti"]).exists()


def test_a_head_of_another_unit_may_not_configure(unit_b, location, ktp):
    head_b = UserFactory(username="kepala_b")
    RoleAssignmentFactory(user=head_b, role=Role.UNIT_HEAD, unit=unit_b)
    with pytest.raises(PermissionDenied):
        services.queue_settings_update(actor=head_b, location=location, slot_minutes=20)


def test_a_region_admin_of_another_region_may_not_configure(other_region, location, ktp):
    admin = UserFactory(username="admin_lain")
    RoleAssignmentFactory(user=admin, role=Role.REGION_ADMIN, region=other_region)
    with pytest.raises(PermissionDenied):
        services.queue_settings_update(actor=admin, location=location, slot_minutes=20)


# --- settings ----------------------------------------------------------------------------------


def test_settings_update_records_what_changed(location, head_a):
    services.queue_settings_update(
        actor=head_a,
        location=location,
        slot_minutes=15,
        display_chime=False,
        no_show_grace_minutes=10,
    )
    event = queue_audit().get()
    assert event.action == "queue.settings.updated"
    assert event.before == {"slot_minutes": 30, "display_chime": True}
    assert event.after == {"slot_minutes": 15, "display_chime": False}
    assert event.region_id == location.region_id


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("slot_minutes", 0),
        ("slot_minutes", 1000),
        ("booking_horizon_days", -1),
        ("notify_when_ahead", "x"),
    ],
)
def test_settings_outside_their_range_are_refused(location, head_a, field, value):
    with pytest.raises(DomainError) as info:
        services.queue_settings_update(actor=head_a, location=location, **{field: value})
    assert info.value.field == field
    assert not queue_audit().exists()
    assert not QueueSettings.objects.exclude(slot_minutes=30).exists()


def test_unknown_setting_is_refused(location, head_a):
    with pytest.raises(DomainError):
        services.queue_settings_update(actor=head_a, location=location, region_id=99)


# --- queued services ---------------------------------------------------------------------------


def test_queue_service_create_checks_and_audits(location, head_a):
    service = ServiceFactory(unit=location, region=location.region)
    created = services.queue_service_create(
        actor=head_a,
        location=location,
        service=service,
        prefix=" kk ",
        capacity_per_slot=6,
        default_service_minutes=15,
        allow_walk_in=False,
    )
    assert (created.prefix, created.capacity_per_slot, created.allow_walk_in) == ("KK", 6, False)
    event = queue_audit().get(action="queue.service.created")
    assert event.after["prefix"] == "KK" and event.target_id == str(created.pk)


def test_a_service_offered_at_the_location_by_another_unit_may_be_queued(region, location, head_a):
    service = ServiceFactory(unit=LocationFactory(region=region), region=region)
    service.locations.add(location)
    assert services.queue_service_create(
        actor=head_a, location=location, service=service, prefix="D"
    ).pk


def test_a_service_not_offered_at_the_location_is_refused(region, unit_b, location, head_a):
    service = ServiceFactory(unit=unit_b, region=region)
    with pytest.raises(DomainError) as info:
        services.queue_service_create(actor=head_a, location=location, service=service, prefix="D")
    assert info.value.code == "service_not_offered" and info.value.field == "service"
    assert not QueueService.objects.exists()


@pytest.mark.parametrize(
    ("prefix", "code"),
    [
        ("A", "duplicate_prefix"),
        ("A1", "invalid_prefix"),
        ("", "invalid_prefix"),
        ("ABCD", "invalid_prefix"),
    ],
)
def test_prefix_must_be_letters_and_unique_at_the_location(location, ktp, head_a, prefix, code):
    service = ServiceFactory(unit=location, region=location.region)
    with pytest.raises(DomainError) as info:
        services.queue_service_create(
            actor=head_a, location=location, service=service, prefix=prefix
        )
    assert info.value.code == code
    assert QueueService.objects.count() == 1


def test_the_same_prefix_may_be_used_at_another_location(region, ktp, region_admin):
    elsewhere = LocationFactory(region=region)
    service = ServiceFactory(unit=elsewhere, region=region)
    created = services.queue_service_create(
        actor=region_admin, location=elsewhere, service=service, prefix="A"
    )
    assert created.prefix == "A"


def test_a_service_is_queued_once_per_location(location, ktp, head_a):
    with pytest.raises(DomainError) as info:
        services.queue_service_create(
            actor=head_a, location=location, service=ktp.service, prefix="Z"
        )
    assert info.value.code == "duplicate_service"


def test_queue_service_update_keeps_its_own_prefix_and_audits_changes(location, ktp, head_a):
    services.queue_service_update(actor=head_a, queue_service=ktp, prefix="a", is_active=False)
    ktp.refresh_from_db()
    assert ktp.prefix == "A" and ktp.is_active is False
    event = queue_audit().get()
    assert event.before == {"is_active": True} and event.after == {"is_active": False}


# --- counters ----------------------------------------------------------------------------------


def test_counter_create_and_update_record_the_services(location, ktp, head_a):
    kk = QueueServiceFactory(location=location, prefix="B")
    counter = services.counter_create(
        actor=head_a, location=location, name="  Loket   1 ", services=[ktp]
    )
    assert counter.name == "Loket 1"
    services.counter_update(
        actor=head_a, counter=counter, name="Loket 1", services=[ktp, kk], is_open=False
    )
    update = queue_audit().get(action="queue.counter.updated")
    assert update.before == {"services": [ktp.pk], "is_open": True}
    assert update.after == {"services": sorted([ktp.pk, kk.pk]), "is_open": False}


def test_counter_names_are_unique_at_the_location(location, ktp, head_a):
    services.counter_create(actor=head_a, location=location, name="Loket 1", services=[ktp])
    with pytest.raises(DomainError) as info:
        services.counter_create(actor=head_a, location=location, name="loket 1", services=[ktp])
    assert info.value.code == "duplicate_counter"


def test_a_counter_serves_only_its_own_locations_services(region, location, ktp, head_a):
    elsewhere = QueueServiceFactory(location=LocationFactory(region=region))
    with pytest.raises(DomainError) as info:
        services.counter_create(
            actor=head_a, location=location, name="Loket X", services=[elsewhere]
        )
    assert info.value.code == "invalid_service"
    with pytest.raises(DomainError) as info:
        services.counter_create(actor=head_a, location=location, name="Loket X", services=[])
    assert info.value.code == "services_required"
    assert not Counter.objects.exists()


@pytest.mark.parametrize("persona", ["front_desk_a", "head_a", "region_admin"])
def test_the_officer_opens_and_closes_the_counter(request, location, ktp, persona):
    actor = request.getfixturevalue(persona)
    counter = CounterFactory(location=location, services=[ktp])
    services.counter_set_open(actor=actor, counter=counter, is_open=False)
    assert Counter.objects.get(pk=counter.pk).is_open is False
    services.counter_set_open(actor=actor, counter=counter, is_open=True)
    assert list(queue_audit().order_by("id").values_list("action", flat=True)) == [
        "queue.counter.closed",
        "queue.counter.opened",
    ]


@pytest.mark.parametrize("persona", ["other_front_desk", "citizen", "anonymous"])
def test_others_may_not_open_or_close_a_counter(request, location, ktp, persona):
    counter = CounterFactory(location=location, services=[ktp])
    with pytest.raises(PermissionDenied):
        services.counter_set_open(
            actor=request.getfixturevalue(persona), counter=counter, is_open=False
        )
    assert Counter.objects.get(pk=counter.pk).is_open is True
    assert not queue_audit().exists()


def test_a_prefix_taken_at_the_same_moment_is_refused_by_the_database(
    monkeypatch, location, ktp, head_a
):
    from tanggap.queueing.services import config

    # Another manager saved prefix A between our check and our insert.
    monkeypatch.setattr(config, "_clean_prefix", lambda *args, **kwargs: "A")
    service = ServiceFactory(unit=location, region=location.region)
    with pytest.raises(DomainError) as info:
        services.queue_service_create(actor=head_a, location=location, service=service, prefix="A")
    assert info.value.code == "conflict" and info.value.field == "prefix"
    assert QueueService.objects.count() == 1 and not queue_audit().exists()
