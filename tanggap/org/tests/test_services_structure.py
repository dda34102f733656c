"""Region settings, days off, areas and units: rules, audit rows, and nothing changed on refusal."""

import datetime as dt

import pytest

from tanggap.catalog.tests.factories import ServiceFactory
from tanggap.core.calendar import add_working_days
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.org import services
from tanggap.org.models import Area, DayOff, Region, Unit
from tanggap.org.tests.factories import (
    AreaFactory,
    DayOffFactory,
    RegionFactory,
    UnitFactory,
    official_in,
)

pytestmark = pytest.mark.django_db


# --- region ------------------------------------------------------------------------------------------


def test_region_admin_moves_the_region_to_wita_with_a_six_day_week(region, region_admin):
    services.region_update(
        actor=region_admin,
        region=region,
        timezone="Asia/Makassar",
        work_days=[5, 0, 1, 2, 3, 4],
        work_start=dt.time(7, 30),
        work_end=dt.time(15, 30),
    )
    region.refresh_from_db()
    assert region.timezone == "Asia/Makassar"
    assert region.work_days == "0,1,2,3,4,5"
    assert region.work_start == dt.time(7, 30)
    event = AuditEvent.objects.get(action="region.updated")
    assert event.before["timezone"] == "Asia/Jakarta"
    assert event.after["timezone"] == "Asia/Makassar"
    assert event.region_id == region.pk
    assert event.actor == region_admin


def test_an_update_that_changes_nothing_writes_no_audit_row(region, region_admin):
    services.region_update(actor=region_admin, region=region, name=region.name)
    assert not AuditEvent.objects.exists()


def test_a_time_zone_outside_wib_wita_wit_is_refused(region, region_admin):
    with pytest.raises(DomainError) as caught:
        services.region_update(actor=region_admin, region=region, timezone="Europe/London")
    assert caught.value.field == "timezone"
    assert region.timezone == "Asia/Jakarta"  # the caller's object is left as it was
    region.refresh_from_db()
    assert region.timezone == "Asia/Jakarta"


def test_working_hours_that_end_before_they_start_are_refused(region, region_admin):
    with pytest.raises(DomainError) as caught:
        services.region_update(
            actor=region_admin, region=region, work_start=dt.time(16), work_end=dt.time(8)
        )
    assert caught.value.field == "work_end"


def test_a_week_without_working_days_is_refused(region, region_admin):
    with pytest.raises(DomainError) as caught:
        services.region_update(actor=region_admin, region=region, work_days=[])
    assert caught.value.field == "work_days"
    with pytest.raises(DomainError):
        services.region_update(actor=region_admin, region=region, work_days="1,9")


def test_region_admin_cannot_update_another_region(other_region, region_admin):
    with pytest.raises(PermissionDenied):
        services.region_update(actor=region_admin, region=other_region, name="Diubah")
    assert Region.objects.get(pk=other_region.pk).name == "Kota Lain"


def test_fields_outside_the_region_profile_cannot_be_changed_through_the_service(region, sysadmin):
    with pytest.raises(DomainError):
        services.region_update(actor=sysadmin, region=region, slug="baru")


# --- days off ----------------------------------------------------------------------------------------


def test_a_regional_day_off_moves_the_working_day_deadline(region, region_admin):
    start = dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC)  # Monday 16:00 WIB: after closing
    before = add_working_days(start, 1, region=region)
    services.day_off_add(
        actor=region_admin, region=region, date=before.date(), name="Hari Jadi Kabupaten"
    )
    after = add_working_days(start, 1, region=region)
    assert after.date() > before.date()
    assert AuditEvent.objects.filter(action="day_off.added").count() == 1


def test_the_same_day_off_cannot_be_added_twice(region, region_admin):
    services.day_off_add(
        actor=region_admin, region=region, date=dt.date(2026, 8, 5), name="Hari Jadi"
    )
    with pytest.raises(DomainError) as caught:
        services.day_off_add(
            actor=region_admin, region=region, date=dt.date(2026, 8, 5), name="Lagi"
        )
    assert caught.value.field == "date"
    assert DayOff.objects.count() == 1


def test_a_day_off_needs_a_description(region, region_admin):
    with pytest.raises(DomainError):
        services.day_off_add(actor=region_admin, region=region, date=dt.date(2026, 8, 5), name="  ")


def test_removing_a_day_off_keeps_it_in_the_audit_trail(region, region_admin):
    day_off = DayOffFactory(region=region, date=dt.date(2026, 8, 5))
    services.day_off_remove(actor=region_admin, day_off=day_off)
    assert not DayOff.objects.exists()
    assert AuditEvent.objects.get(action="day_off.removed").before["date"] == "2026-08-05"


# --- areas -------------------------------------------------------------------------------------------


def test_a_desa_is_created_inside_a_kecamatan_of_the_same_region(region, region_admin):
    kecamatan = services.area_create(
        actor=region_admin, region=region, kind="kecamatan", code="35.05.01", name="Bakung"
    )
    desa = services.area_create(
        actor=region_admin,
        region=region,
        kind="desa",
        code="35.05.01.2001",
        name="Sumberdadi",
        parent=kecamatan,
    )
    assert list(kecamatan.children.all()) == [desa]
    assert AuditEvent.objects.filter(action="area.created").count() == 2


def test_a_desa_without_a_kecamatan_is_refused(region, region_admin):
    with pytest.raises(DomainError) as caught:
        services.area_create(actor=region_admin, region=region, kind="desa", code="1", name="Lepas")
    assert caught.value.field == "parent"
    assert not Area.objects.exists()


def test_a_desa_under_another_regions_kecamatan_is_refused(region, other_region, region_admin):
    foreign = AreaFactory(region=other_region)
    with pytest.raises(DomainError):
        services.area_create(
            actor=region_admin, region=region, kind="desa", code="1", name="Salah", parent=foreign
        )


def test_a_desa_cannot_sit_under_another_desa(region, region_admin):
    kecamatan = AreaFactory(region=region)
    desa = AreaFactory(region=region, kind="desa", parent=kecamatan)
    with pytest.raises(DomainError):
        services.area_create(
            actor=region_admin, region=region, kind="kelurahan", code="x", name="X", parent=desa
        )


def test_a_kecamatan_has_no_parent(region, region_admin):
    other = AreaFactory(region=region)
    with pytest.raises(DomainError):
        services.area_create(
            actor=region_admin, region=region, kind="kecamatan", code="x", name="X", parent=other
        )


def test_area_codes_are_unique_in_a_region(region, region_admin):
    AreaFactory(region=region, code="35.05.01")
    with pytest.raises(DomainError) as caught:
        services.area_create(
            actor=region_admin, region=region, kind="kecamatan", code="35.05.01", name="Kembar"
        )
    assert caught.value.field == "code"


def test_a_kecamatan_with_desa_cannot_become_a_desa(region, region_admin):
    kecamatan = AreaFactory(region=region)
    AreaFactory(region=region, kind="desa", parent=kecamatan)
    other = AreaFactory(region=region)
    with pytest.raises(DomainError):
        services.area_update(actor=region_admin, area=kecamatan, kind="desa", parent=other)


def test_area_update_renames_and_audits(region, region_admin):
    kecamatan = AreaFactory(region=region, name="Lama")
    services.area_update(actor=region_admin, area=kecamatan, name="Baru")
    kecamatan.refresh_from_db()
    assert kecamatan.name == "Baru"
    assert AuditEvent.objects.get(action="area.updated").after == {"name": "Baru"}


# --- units -------------------------------------------------------------------------------------------


def test_a_unit_is_created_under_a_parent_of_the_same_region(region, unit_a, region_admin):
    upt = services.unit_create(
        actor=region_admin,
        region=region,
        kind="upt",
        slug="upt-puskesmas",
        name="UPT Puskesmas",
        parent=unit_a,
    )
    assert upt.parent == unit_a
    assert AuditEvent.objects.get(action="unit.created").after["slug"] == "upt-puskesmas"


def test_a_parent_from_another_region_is_refused(region, other_region, region_admin):
    foreign = UnitFactory(region=other_region)
    with pytest.raises(DomainError) as caught:
        services.unit_create(
            actor=region_admin, region=region, kind="upt", slug="x", name="X", parent=foreign
        )
    assert caught.value.field == "parent"


def test_an_mpp_booth_needs_an_mpp_parent(region, unit_a, region_admin):
    with pytest.raises(DomainError):
        services.unit_create(
            actor=region_admin,
            region=region,
            kind="mpp_booth",
            slug="g",
            name="Gerai",
            parent=unit_a,
        )
    mpp = services.unit_create(
        actor=region_admin, region=region, kind="mpp", slug="mpp", name="MPP"
    )
    booth = services.unit_create(
        actor=region_admin, region=region, kind="mpp_booth", slug="g", name="Gerai", parent=mpp
    )
    assert booth.parent == mpp


def test_an_mpp_with_booths_cannot_change_kind(region, region_admin):
    mpp = UnitFactory(region=region, kind="mpp")
    UnitFactory(region=region, kind="mpp_booth", parent=mpp)
    with pytest.raises(DomainError):
        services.unit_update(actor=region_admin, unit=mpp, kind="opd")


def test_unit_slugs_are_unique_in_a_region(region, unit_a, region_admin):
    with pytest.raises(DomainError) as caught:
        services.unit_create(
            actor=region_admin, region=region, kind="opd", slug="dinas-a", name="Kembar"
        )
    assert caught.value.field == "slug"


def test_a_slug_that_names_a_page_is_refused(region, region_admin):
    with pytest.raises(DomainError) as caught:
        services.unit_create(
            actor=region_admin, region=region, kind="opd", slug="tambah", name="Dinas"
        )
    assert caught.value.field == "slug"


def test_a_unit_cannot_become_its_own_ancestor(region, region_admin):
    top = UnitFactory(region=region)
    middle = UnitFactory(region=region, parent=top)
    bottom = UnitFactory(region=region, parent=middle)
    for parent in (top, bottom):  # itself, and a unit two levels below it
        with pytest.raises(DomainError) as caught:
            services.unit_update(actor=region_admin, unit=top, parent=parent)
        assert caught.value.field == "parent"
    top.refresh_from_db()
    assert top.parent_id is None


def test_a_unit_keeps_its_own_week_and_hours(region, unit_a, region_admin):
    services.unit_update(
        actor=region_admin,
        unit=unit_a,
        work_days="0,1,2,3,4,5",
        work_start=dt.time(8),
        work_end=dt.time(14),
    )
    unit_a.refresh_from_db()
    assert unit_a.work_days == "0,1,2,3,4,5"
    with pytest.raises(DomainError):
        services.unit_update(actor=region_admin, unit=unit_a, work_start=None, work_end=dt.time(14))


def test_the_unit_head_must_be_an_official_of_the_region(
    region, other_region, unit_a, region_admin
):
    own = official_in(unit_a)
    foreign = official_in(UnitFactory(region=other_region))
    services.unit_update(actor=region_admin, unit=unit_a, head=own)
    with pytest.raises(DomainError) as caught:
        services.unit_update(actor=region_admin, unit=unit_a, head=foreign)
    assert caught.value.field == "head"
    unit_a.refresh_from_db()
    assert unit_a.head == own


def test_an_empty_unit_is_archived_with_a_reason_never_deleted(region, region_admin):
    unit = UnitFactory(region=region)
    services.unit_archive(actor=region_admin, unit=unit, reason="Digabung ke Dinas A")
    unit.refresh_from_db()
    assert (unit.is_active, unit.archived_reason) == (False, "Digabung ke Dinas A")
    assert AuditEvent.objects.get(action="unit.archived").note == "Digabung ke Dinas A"
    with pytest.raises(DomainError):
        services.unit_update(actor=region_admin, unit=unit, name="Hidup lagi")


def test_archiving_needs_a_reason(unit_a, region_admin):
    with pytest.raises(DomainError) as caught:
        services.unit_archive(actor=region_admin, unit=unit_a, reason=" ")
    assert caught.value.field == "reason"
    assert Unit.objects.get(pk=unit_a.pk).is_active


@pytest.mark.parametrize("blocker", ["child", "official", "service"])
def test_a_unit_with_people_sub_units_or_services_is_not_archived(
    region, unit_a, region_admin, blocker
):
    if blocker == "child":
        UnitFactory(region=region, parent=unit_a)
    elif blocker == "official":
        official_in(unit_a)
    else:
        ServiceFactory(unit=unit_a)
    with pytest.raises(DomainError):
        services.unit_archive(actor=region_admin, unit=unit_a, reason="Tutup")
    assert Unit.objects.get(pk=unit_a.pk).is_active


def test_an_archived_parent_cannot_receive_new_units(region, region_admin):
    closed = UnitFactory(region=region, is_active=False)
    with pytest.raises(DomainError):
        services.unit_create(
            actor=region_admin, region=region, kind="upt", slug="x", name="X", parent=closed
        )


def test_sysadmin_manages_any_region(sysadmin):
    far = RegionFactory(slug="kab-jauh", timezone="Asia/Jayapura")
    unit = services.unit_create(actor=sysadmin, region=far, kind="opd", slug="dinas", name="Dinas")
    assert unit.region == far
