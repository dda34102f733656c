"""Reads of the catalogue: what the public sees, search and filters, the MPP view, staff scope, diffs."""

from __future__ import annotations

import pytest

from tanggap.catalog import selectors
from tanggap.catalog.models import StandardVersion
from tanggap.catalog.tests.factories import (
    ServiceCategoryFactory,
    StandardVersionFactory,
    draft_service,
    enacted_service,
    mpp_with_booths,
)
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.org.tests.factories import UnitFactory


def _names(qs) -> list[str]:
    return [s.name for s in qs]


def test_the_public_list_shows_only_active_services_with_an_enacted_standard(
    unit_a, ktp, drafted, other_region
):
    archived = enacted_service(unit=unit_a, name="Lama", is_active=False)
    foreign = enacted_service(unit=UnitFactory(region=other_region), name="Di daerah nonaktif")
    other_region.is_active = False
    other_region.save()

    names = _names(selectors.service_list_public())

    assert names == ["KTP-el Baru"]
    assert drafted.name not in names and archived.name not in names and foreign.name not in names


def test_search_matches_every_word_in_name_code_or_description(unit_a, ktp, izin):
    enacted_service(
        unit=unit_a, name="Akta Kelahiran", code="DUK-AKTA", description="untuk bayi baru lahir"
    )

    assert _names(selectors.service_list_public(q="ktp")) == ["KTP-el Baru"]
    assert _names(selectors.service_list_public(q="izn-rek")) == ["Izin Reklame"]
    assert _names(selectors.service_list_public(q="bayi lahir")) == ["Akta Kelahiran"]
    assert _names(selectors.service_list_public(q="bayi reklame")) == []
    assert len(_names(selectors.service_list_public(q="   "))) == 3


def test_filters_narrow_by_region_category_agency_and_location(
    region, unit_a, unit_b, other_region
):
    category = ServiceCategoryFactory(region=region, slug="adminduk")
    kecamatan = UnitFactory(region=region, slug="kec-kanigoro", kind="kecamatan")
    ktp = enacted_service(unit=unit_a, name="KTP", category=category)
    ktp.locations.add(kecamatan)
    enacted_service(unit=unit_b, name="Izin")
    enacted_service(unit=UnitFactory(region=other_region, slug="dinas-a"), name="KTP Kota")

    assert _names(selectors.service_list_public(region="kab-uji")) == ["Izin", "KTP"]
    assert _names(selectors.service_list_public(region=region, category="adminduk")) == ["KTP"]
    assert _names(selectors.service_list_public(region="kab-uji", unit="dinas-b")) == ["Izin"]
    assert _names(selectors.service_list_public(location="kec-kanigoro")) == ["KTP"]
    assert _names(selectors.service_list_public(unit="dinas-a")) == ["KTP", "KTP Kota"]
    assert _names(selectors.service_list_public(region="tidak-ada")) == []


def test_a_published_service_is_found_by_region_and_slug_and_others_are_not(ktp, drafted):
    assert selectors.service_get_public("kab-uji", "ktp-el-baru") == ktp
    with pytest.raises(NotFound):
        selectors.service_get_public("kab-uji", drafted.slug)
    with pytest.raises(NotFound):
        selectors.service_get_public("kota-lain", "ktp-el-baru")


def test_public_versions_leave_out_the_draft(ktp):
    StandardVersionFactory(service=ktp, version=2, status=StandardVersion.Status.DRAFT)
    ktp.standards.filter(version=1).update(status=StandardVersion.Status.SUPERSEDED)
    StandardVersionFactory(service=ktp, version=3, status=StandardVersion.Status.ENACTED)

    assert [v.version for v in selectors.standard_versions_public(ktp)] == [3, 1]
    with pytest.raises(NotFound):
        selectors.standard_version_public(ktp, 2)


def test_the_mpp_view_lists_each_booth_with_the_services_offered_there(region, unit_a, unit_b):
    mpp, (booth_duk, booth_izin, empty_booth) = mpp_with_booths(
        region=region,
        booths=[
            ("gerai-dukcapil", "Gerai Dukcapil"),
            ("gerai-izin", "Gerai Perizinan"),
            ("gerai-x", "Gerai Kosong"),
        ],
    )
    ktp = enacted_service(unit=unit_a, name="KTP")
    ktp.locations.add(booth_duk)
    kk = enacted_service(unit=unit_a, name="KK")
    kk.locations.add(booth_duk)
    izin = enacted_service(unit=unit_b, name="Izin")
    izin.locations.add(booth_izin)
    draft_service(unit=unit_a, name="Belum terbit").locations.add(booth_duk)
    own = enacted_service(unit=booth_izin, name="Konsultasi di gerai")

    found, booths = selectors.mpp_get_public("kab-uji", "mpp")

    assert found == mpp
    assert [(b.booth.name, _names(b.services)) for b in booths] == [
        ("Gerai Dukcapil", ["KK", "KTP"]),
        ("Gerai Kosong", []),
        ("Gerai Perizinan", ["Izin", "Konsultasi di gerai"]),
    ]
    assert own.unit == booth_izin


def test_an_ordinary_unit_is_not_an_mpp(unit_a):
    with pytest.raises(NotFound):
        selectors.mpp_get_public("kab-uji", unit_a.slug)


def test_browse_lists_count_published_services(region, unit_a, unit_b):
    category = ServiceCategoryFactory(region=region, slug="adminduk", name="Adminduk")
    ServiceCategoryFactory(region=region, slug="kosong", name="Kosong")
    kec = UnitFactory(region=region, slug="kec", kind="kecamatan", is_service_location=True)
    for name in ("KTP", "KK"):
        enacted_service(unit=unit_a, name=name, category=category).locations.add(kec)
    draft_service(unit=unit_b, name="Konsep", category=category)

    assert [(c.slug, c.service_count) for c in selectors.category_list_public(region=region)] == [
        ("adminduk", 2)
    ]
    assert [(u.slug, u.service_count) for u in selectors.agency_list_public(region=region)] == [
        ("dinas-a", 2)
    ]
    counts = {u.slug: u.service_count for u in selectors.location_list_public(region=region)}
    assert counts == {"kec": 2, "dinas-a": 2}


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("citizen", []),
        ("front_desk_a", []),
        ("handler_a", []),
        ("head_a", ["Izin Reklame", "KTP-el Baru"]),
        ("unit_admin_a", ["Izin Reklame", "KTP-el Baru"]),
        ("handler_b", []),
        ("region_admin", ["Izin Reklame", "KTP-el Baru", "Layanan B"]),
        ("evaluator", []),
        ("leader", []),
        ("sysadmin", ["Izin Reklame", "KTP-el Baru", "Layanan B", "Layanan Kota"]),
    ],
)
def test_staff_see_only_the_services_they_may_manage_or_enact(
    request, persona, visible, ktp, izin, unit_b, other_region
):
    enacted_service(unit=unit_b, name="Layanan B")
    enacted_service(unit=UnitFactory(region=other_region), name="Layanan Kota")
    user = request.getfixturevalue(persona)

    assert sorted(_names(selectors.service_list_manageable_by(user=user))) == visible


def test_a_unit_admin_manages_the_units_below_their_unit(unit_admin_a, unit_a, region):
    child = UnitFactory(region=region, parent=unit_a, slug="upt-a", name="UPT A")
    enacted_service(unit=child, name="Layanan UPT")
    assert _names(selectors.service_list_manageable_by(user=unit_admin_a)) == ["Layanan UPT"]
    assert set(selectors.manageable_units(user=unit_admin_a)) == {unit_a, child}


def test_staff_get_refused_for_another_units_service_and_not_found_for_none(
    handler_b, unit_admin_a, ktp
):
    with pytest.raises(PermissionDenied):
        selectors.service_get_for_staff(user=handler_b, pk=ktp.pk)
    with pytest.raises(NotFound):
        selectors.service_get_for_staff(user=unit_admin_a, pk=ktp.pk + 1000)
    assert selectors.service_get_for_staff(user=unit_admin_a, pk=ktp.pk) == ktp


def test_the_diff_marks_added_and_removed_lines_per_component(ktp):
    old = ktp.standards.get()
    new = StandardVersion(
        service=ktp,
        version=2,
        requirements=["Fotokopi Kartu Keluarga", "Akta kelahiran"],
        procedure=old.procedure,
        duration_value=old.duration_value,
        duration_unit=old.duration_unit,
        cost=old.cost,
        product=old.product,
        complaint_handling=old.complaint_handling,
    )

    diff = {d.component.key: d for d in selectors.standard_diff(old, new)}

    assert [c for c, d in diff.items() if d.changed] == ["requirements"]
    ops = [(line.op, line.text) for line in diff["requirements"].lines]
    assert ops == [
        ("same", "Fotokopi Kartu Keluarga"),
        ("removed", "Surat pengantar tidak diperlukan"),
        ("added", "Akta kelahiran"),
    ]
    assert len(diff) == 14


def test_the_first_version_diffs_against_nothing(ktp):
    diff = selectors.standard_diff(None, ktp.standards.get())
    assert all(line.op == "added" for d in diff for line in d.lines)
