"""Officials: the NIP decides sex, birth date and appointment month; positions open and close with them."""

import datetime as dt

import pytest

from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.org import services
from tanggap.org.models import Official, PositionAssignment
from tanggap.org.tests.factories import RotationEntryFactory, UnitFactory, official_in

pytestmark = pytest.mark.django_db

NIP = "198503122010032004"  # born 12 March 1985, appointed March 2010, female, sequence 004


def _create(actor, unit, **overrides):
    data = {
        "unit": unit,
        "nip": NIP,
        "name": "Sri Wahyuni",
        "rank": "III/c",
        "position_title": "Analis Kependudukan",
        "position_started_on": dt.date(2021, 1, 4),
    }
    return services.official_create(actor=actor, **(data | overrides))


def test_creating_an_official_derives_sex_birth_and_appointment_from_the_nip(unit_a, region_admin):
    official = _create(region_admin, unit_a)
    assert official.sex == "P"
    assert official.birth_date == dt.date(1985, 3, 12)
    assert official.appointed_on == dt.date(2010, 3, 1)
    assert official.region == unit_a.region


def test_creating_an_official_opens_a_position_period_and_writes_an_audit_row(unit_a, region_admin):
    official = _create(region_admin, unit_a)
    position = PositionAssignment.objects.get(official=official)
    assert (position.unit, position.position_title, position.start_date, position.end_date) == (
        unit_a,
        "Analis Kependudukan",
        dt.date(2021, 1, 4),
        None,
    )
    assert AuditEvent.objects.get(action="official.created").target_id == str(official.pk)


def test_an_invalid_nip_is_refused_on_the_nip_field_and_nothing_is_created(unit_a, region_admin):
    with pytest.raises(DomainError) as caught:
        _create(region_admin, unit_a, nip="198503122010033004")
    assert caught.value.field == "nip"
    assert "jenis kelamin" in str(caught.value.message)
    assert not Official.objects.exists()
    assert not PositionAssignment.objects.exists()


def test_a_nip_already_registered_is_refused(unit_a, region_admin):
    _create(region_admin, unit_a)
    with pytest.raises(DomainError) as caught:
        _create(region_admin, unit_a, name="Orang Lain")
    assert caught.value.code == "nip_taken"
    assert Official.objects.count() == 1


def test_a_position_cannot_start_before_the_appointment(unit_a, region_admin):
    with pytest.raises(DomainError) as caught:
        _create(region_admin, unit_a, position_started_on=dt.date(2009, 12, 1))
    assert caught.value.field == "position_started_on"


def test_an_unknown_rank_is_refused(unit_a, region_admin):
    with pytest.raises(DomainError) as caught:
        _create(region_admin, unit_a, rank="V/z")
    assert caught.value.field == "rank"


def test_officials_cannot_be_registered_in_an_archived_unit(region, region_admin):
    closed = UnitFactory(region=region, is_active=False)
    with pytest.raises(DomainError):
        _create(region_admin, closed)


def test_unit_admin_cannot_register_officials(unit_a, unit_admin_a):
    with pytest.raises(PermissionDenied):
        _create(unit_admin_a, unit_a)


def test_correcting_the_nip_rederives_sex_and_birth_date(unit_a, region_admin):
    official = _create(region_admin, unit_a)
    services.official_update(actor=region_admin, official=official, nip="199001012015011001")
    official.refresh_from_db()
    assert (official.sex, official.birth_date, official.appointed_on) == (
        "L",
        dt.date(1990, 1, 1),
        dt.date(2015, 1, 1),
    )
    event = AuditEvent.objects.get(action="official.updated")
    assert event.before["sex"] == "P" and event.after["sex"] == "L"


def test_a_wrong_nip_correction_changes_nothing(unit_a, region_admin):
    official = _create(region_admin, unit_a)
    with pytest.raises(DomainError):
        services.official_update(actor=region_admin, official=official, nip="12345")
    official.refresh_from_db()
    assert official.nip == NIP
    assert not AuditEvent.objects.filter(action="official.updated").exists()


def test_correcting_the_position_title_corrects_the_open_period(unit_a, region_admin):
    official = _create(region_admin, unit_a)
    services.official_update(
        actor=region_admin, official=official, position_title="Analis Data", rank="III/d"
    )
    position = PositionAssignment.objects.get(official=official)
    assert (position.position_title, position.rank) == ("Analis Data", "III/d")


def test_moving_an_official_to_another_unit_needs_a_decree(unit_a, unit_b, region_admin):
    official = _create(region_admin, unit_a)
    with pytest.raises(DomainError) as caught:
        services.official_update(actor=region_admin, official=official, unit=unit_b)
    assert caught.value.code == "use_decree"
    assert Official.objects.get(pk=official.pk).unit == unit_a


def test_archiving_an_official_closes_the_position_and_clears_the_headship(unit_a, region_admin):
    official = official_in(unit_a)
    unit_a.head = official
    unit_a.save()
    services.official_archive(
        actor=region_admin,
        official=official,
        reason="Pensiun",
        status="retired",
        end_date=dt.date(2026, 1, 31),
    )
    official.refresh_from_db()
    unit_a.refresh_from_db()
    assert official.status == "retired"
    assert official.positions.get().end_date == dt.date(2026, 1, 31)
    assert unit_a.head is None
    assert AuditEvent.objects.get(action="official.archived").note == "Pensiun"
    with pytest.raises(DomainError):
        services.official_update(actor=region_admin, official=official, name="Ubah")


def test_an_official_in_a_draft_decree_is_not_archived(region, unit_a, unit_b, region_admin):
    official = official_in(unit_a)
    RotationEntryFactory(decree__region=region, official=official, to_unit=unit_b)
    with pytest.raises(DomainError) as caught:
        services.official_archive(actor=region_admin, official=official, reason="Keluar")
    assert caught.value.code == "in_draft_decree"
