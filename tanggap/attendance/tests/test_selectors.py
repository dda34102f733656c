"""Who sees whose attendance and leave, as a matrix: the official their own, the superior the team (with
the heads of the units below), a unit head (role) the unit and its sub-units, the region admin the region."""

from __future__ import annotations

import pytest

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.attendance.models import AttendanceEvent
from tanggap.attendance.permissions import superior_of
from tanggap.attendance.selectors import (
    attendance_events_visible_to,
    leave_requests_visible_to,
    officials_visible_to,
)
from tanggap.attendance.tests.factories import official_with_account
from tanggap.org.tests.factories import OfficialFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(unit_a, unit_b, head, staff, other_region):
    """Unit A (headed by `head`) with a sub-unit headed by `sub_head`, a headless sub-unit, unit B."""
    sub = UnitFactory(region=unit_a.region, parent=unit_a, slug="uptd-a", name="UPTD A")
    sub_head = official_with_account(sub, "kepala_uptd")
    sub.head = sub_head
    sub.save(update_fields=["head"])
    sub_staff = official_with_account(sub, "staf_uptd")
    headless = UnitFactory(region=unit_a.region, parent=unit_a, slug="seksi-a", name="Seksi A")
    headless_staff = official_with_account(headless, "staf_seksi")
    b_staff = official_with_account(unit_b, "staf_b")
    foreign = OfficialFactory(unit=UnitFactory(region=other_region))
    return {
        "head": head,
        "staff": staff,
        "sub_head": sub_head,
        "sub_staff": sub_staff,
        "headless_staff": headless_staff,
        "b_staff": b_staff,
        "foreign": foreign,
    }


def seen(user, people):
    visible = set(officials_visible_to(user).values_list("pk", flat=True))
    return {name for name, official in people.items() if official.pk in visible}


def test_superior_of_follows_the_unit_heads(people):
    assert superior_of(people["staff"]) == people["head"]
    assert superior_of(people["sub_staff"]) == people["sub_head"]
    assert superior_of(people["sub_head"]) == people["head"]
    assert superior_of(people["headless_staff"]) == people["head"]
    assert superior_of(people["head"]) is None


def test_an_official_sees_only_their_own(people):
    assert seen(people["staff"].user, people) == {"staff"}
    assert seen(people["sub_staff"].user, people) == {"sub_staff"}


def test_a_superior_sees_exactly_the_team_whose_leave_they_decide(people):
    team = seen(people["head"].user, people)
    assert team == {"head", "staff", "sub_head", "headless_staff"}
    assert all(superior_of(people[name]) == people["head"] for name in team - {"head"})
    assert seen(people["sub_head"].user, people) == {"sub_head", "sub_staff"}


def test_a_unit_head_role_sees_the_unit_and_the_units_below(people, head_a):
    assert seen(head_a, people) == set(people) - {"b_staff", "foreign"}


def test_the_region_admin_sees_the_region(people, region_admin, sysadmin):
    assert seen(region_admin, people) == set(people) - {"foreign"}
    assert seen(sysadmin, people) == set(people)


def test_other_roles_and_strangers_see_nobody(people, handler_b, evaluator, citizen, unit_b):
    admin_b = UserFactory(username="admin_b")
    RoleAssignmentFactory(user=admin_b, role=Role.UNIT_ADMIN, unit=unit_b)
    for user in (handler_b, evaluator, citizen, admin_b, None):
        assert seen(user, people) == set()


def test_records_follow_the_same_scope_in_few_queries(people, office, django_assert_num_queries):
    for name in ("staff", "sub_staff", "headless_staff", "b_staff", "staff", "sub_head"):
        AttendanceEvent.objects.create(
            official=people[name],
            kind="in",
            method="kiosk",
            location=office,
            recorded_at=office.created_at,
        )
    user = type(people["head"].user).objects.get(pk=people["head"].user_id)  # as a request loads it
    # Roles, the user's official, the units they head, the heads below, then the rows themselves:
    # the same five queries however many rows there are.
    with django_assert_num_queries(5):
        names = [event.official.name for event in attendance_events_visible_to(user)]
    assert sorted(names) == sorted(
        people[n].name for n in ("staff", "headless_staff", "staff", "sub_head")
    )
    assert not leave_requests_visible_to(people["b_staff"].user).filter(official=people["staff"])
