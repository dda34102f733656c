"""What each role sees: region roles the whole region, unit roles their unit and below, nothing elsewhere."""

import datetime as dt

import pytest

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.core.errors import NotFound
from tanggap.org import selectors
from tanggap.org.tenure import Tenure, tenure_between, years_before
from tanggap.org.tests.factories import AreaFactory, RotationDecreeFactory, UnitFactory, official_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(region, other_region, unit_a, unit_b):
    """Two officials in unit A (one in a sub-unit), one in unit B, one in another region."""
    sub_a = UnitFactory(region=region, parent=unit_a, slug="upt-a", name="UPT A")
    return {
        "a": official_in(unit_a, name="Ani"),
        "sub_a": official_in(sub_a, name="Budi"),
        "b": official_in(unit_b, name="Citra"),
        "other": official_in(UnitFactory(region=other_region), name="Dodi"),
        "sub_a_unit": sub_a,
    }


def _names(officials):
    return sorted(o.name for o in officials)


def test_a_unit_b_handler_cannot_see_unit_a_officials(staff, handler_b, unit_a):
    assert _names(selectors.official_list_visible_to(user=handler_b)) == ["Citra"]
    with pytest.raises(NotFound):
        selectors.official_get_visible_to(user=handler_b, pk=staff["a"].pk)
    assert not selectors.unit_list_visible_to(user=handler_b).filter(pk=unit_a.pk).exists()


def test_a_unit_role_sees_its_unit_and_the_units_below(staff, head_a, unit_a):
    assert _names(selectors.official_list_visible_to(user=head_a)) == ["Ani", "Budi"]
    units = set(selectors.unit_list_visible_to(user=head_a).values_list("pk", flat=True))
    assert units == {unit_a.pk, staff["sub_a_unit"].pk}


def test_region_roles_see_the_whole_region_but_not_another(staff, region_admin, evaluator, leader):
    for user in (region_admin, evaluator, leader):
        assert _names(selectors.official_list_visible_to(user=user)) == ["Ani", "Budi", "Citra"]


def test_another_region_is_invisible_even_by_slug(staff, region_admin, other_region):
    assert list(
        selectors.region_list_visible_to(user=region_admin).values_list("slug", flat=True)
    ) == ["kab-uji"]
    with pytest.raises(NotFound):
        selectors.region_get_visible_to(user=region_admin, slug=other_region.slug)


def test_sysadmin_sees_every_region(staff, sysadmin):
    assert _names(selectors.official_list_visible_to(user=sysadmin)) == [
        "Ani",
        "Budi",
        "Citra",
        "Dodi",
    ]
    assert selectors.region_list_visible_to(user=sysadmin).count() == 2


def test_someone_without_a_role_sees_nothing(staff, citizen):
    assert not selectors.official_list_visible_to(user=citizen).exists()
    assert not selectors.unit_list_visible_to(user=citizen).exists()
    assert not selectors.region_list_visible_to(user=citizen).exists()


def test_decrees_are_visible_to_region_readers_only(region, region_admin, evaluator, head_a):
    decree = RotationDecreeFactory(region=region)
    assert list(selectors.decree_list_visible_to(user=evaluator, region=region)) == [decree]
    assert list(selectors.decree_list_visible_to(user=region_admin, region=region)) == [decree]
    assert not selectors.decree_list_visible_to(user=head_a, region=region).exists()


def test_officials_are_filtered_by_unit_rank_and_name_or_nip(staff, region_admin, unit_b):
    user = region_admin
    assert _names(selectors.official_list_visible_to(user=user, unit=unit_b)) == ["Citra"]
    assert _names(selectors.official_list_visible_to(user=user, search="bud")) == ["Budi"]
    nip = staff["b"].nip
    assert _names(
        selectors.official_list_visible_to(user=user, search=f"{nip[:8]} {nip[8:14]}")
    ) == ["Citra"]
    staff["a"].rank = "IV/a"
    staff["a"].save()
    assert _names(selectors.official_list_visible_to(user=user, rank="IV/a")) == ["Ani"]


def test_tenure_filter_keeps_those_long_in_their_position(region, region_admin, unit_a):
    today = dt.date(2026, 1, 15)
    official_in(unit_a, name="Lama", position_started_on=dt.date(2020, 1, 15))  # exactly 6 years
    official_in(unit_a, name="Baru", position_started_on=dt.date(2024, 6, 1))
    found = selectors.official_list_visible_to(user=region_admin, min_tenure_years=6, today=today)
    assert _names(found) == ["Lama"]
    by_tenure = selectors.official_list_visible_to(user=region_admin, order="tenure", today=today)
    assert [o.name for o in by_tenure] == ["Lama", "Baru"]


def test_archived_officials_are_left_out_unless_asked(region_admin, unit_a):
    official_in(unit_a, name="Pensiunan", status="retired")
    assert not selectors.official_list_visible_to(user=region_admin).exists()
    assert _names(selectors.official_list_visible_to(user=region_admin, status=None)) == [
        "Pensiunan"
    ]


def test_tenure_counts_completed_years_and_months():
    assert tenure_between(dt.date(2020, 3, 15), dt.date(2026, 1, 14)) == Tenure(years=5, months=9)
    assert tenure_between(dt.date(2020, 3, 15), dt.date(2026, 3, 15)) == Tenure(years=6, months=0)
    assert tenure_between(dt.date(2026, 3, 15), dt.date(2026, 1, 1)) == Tenure(years=0, months=0)
    assert years_before(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)


def test_the_unit_tree_puts_children_under_their_parents(region, region_admin, unit_a, unit_b):
    mpp = UnitFactory(region=region, kind="mpp", slug="mpp", name="MPP")
    booth = UnitFactory(region=region, kind="mpp_booth", parent=mpp, slug="gerai", name="Gerai")
    nodes = selectors.unit_tree_visible_to(user=region_admin, region=region)
    order = [(n.unit.name, n.depth) for n in nodes]
    assert order == [("Dinas A", 0), ("Dinas B", 0), ("MPP", 0), ("Gerai", 1)]
    assert booth in [n.unit for n in nodes]


def test_a_unit_role_on_a_booth_sees_the_booth_as_a_root(region):
    mpp = UnitFactory(region=region, kind="mpp", slug="mpp", name="MPP")
    booth = UnitFactory(region=region, kind="mpp_booth", parent=mpp, slug="gerai", name="Gerai")
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.FRONT_DESK, unit=booth)
    nodes = selectors.unit_tree_visible_to(user=user, region=region)
    assert [(n.unit, n.depth) for n in nodes] == [(booth, 0)]


def test_the_area_tree_groups_desa_under_their_kecamatan(region):
    kec = AreaFactory(region=region, name="Bakung")
    AreaFactory(region=region, kind="desa", parent=kec, name="Sumberdadi")
    AreaFactory(region=region, kind="desa", parent=kec, name="Bululawang")
    tree = list(selectors.area_tree(region=region))
    assert [k.name for k in tree] == ["Bakung"]
    assert [d.name for d in tree[0].children.all()] == ["Bululawang", "Sumberdadi"]


def test_listing_officials_takes_the_same_queries_for_5_or_50(
    region, region_admin, unit_a, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        region_admin.__dict__.pop("_tanggap_roles", None)
        with CaptureQueriesContext(connection) as ctx:
            list(selectors.official_list_visible_to(user=region_admin, region=region))
        return len(ctx.captured_queries)

    for _ in range(5):
        official_in(unit_a)
    small = count_queries()
    for _ in range(45):
        official_in(unit_a)
    assert count_queries() == small
    with django_assert_max_num_queries(3):
        list(selectors.official_list_visible_to(user=region_admin, region=region))
