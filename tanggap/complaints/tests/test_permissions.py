"""The permission matrix over the shared personas, a verifier, and the unit's responsive team."""

from __future__ import annotations

import pytest

from tanggap.accounts.tests.factories import UserFactory
from tanggap.complaints import permissions as p
from tanggap.complaints import selectors
from tanggap.complaints.models import Complaint, TeamMember
from tanggap.complaints.tests.factories import (
    ComplaintFactory,
    file_report,
    join_team,
    make_verifier,
)
from tanggap.org.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

RULES = ("verify", "assign", "handle", "view", "identity_anonymous", "identity_named")
# persona: the rules it passes on a report dispatched to unit A (identity: of an anonymous report,
# and of a named one).
MATRIX = {
    "citizen": set(),
    "front_desk_a": {"view"},
    "handler_a": {"handle", "view", "identity_named"},
    "head_a": {"assign", "view", "identity_named"},
    "unit_admin_a": {"assign", "view", "identity_named"},
    "handler_b": set(),
    "region_admin": {"verify", "assign", "view", "identity_anonymous", "identity_named"},
    "evaluator": {"view"},
    "leader": {"view"},
    "sysadmin": {"verify", "assign", "view", "identity_anonymous", "identity_named"},
    "verifier": {"verify", "assign", "view", "identity_anonymous", "identity_named"},
    "other_verifier": set(),
    "coordinator": {"assign", "handle", "view", "identity_named"},
    "member": {"handle", "view", "identity_named"},
    "former_member": set(),
    "assignee": {"handle", "view", "identity_named"},
    "anonymous_visitor": set(),
}


@pytest.fixture
def cast(request, region, other_region, unit_a):
    from django.contrib.auth.models import AnonymousUser

    built_here = {
        "verifier",
        "other_verifier",
        "coordinator",
        "member",
        "former_member",
        "assignee",
        "anonymous_visitor",
    }
    people = {n: request.getfixturevalue(n) for n in MATRIX if n not in built_here}
    people["verifier"] = make_verifier(region)
    people["other_verifier"] = make_verifier(other_region, "verifikator_lain")
    people["coordinator"] = UserFactory(username="koordinator")
    join_team(unit_a, people["coordinator"], TeamMember.Role.COORDINATOR)
    people["member"] = UserFactory(username="anggota")
    join_team(unit_a, people["member"])
    people["former_member"] = UserFactory(username="mantan")
    TeamMember.objects.create(unit=unit_a, user=people["former_member"], is_active=False)
    people["assignee"] = UserFactory(username="penerima")
    people["anonymous_visitor"] = AnonymousUser()
    return people


def _report(region, unit, assignee, *, anonymous):
    complaint = file_report(region, is_anonymous=anonymous)
    complaint.unit, complaint.assignee, complaint.status = unit, assignee, "diproses"
    complaint.save()
    return complaint


def _passes(user, named, anonymous) -> set[str]:
    passed = set()
    checks = {
        "verify": p.can_verify,
        "assign": p.can_assign,
        "handle": p.can_handle,
        "view": p.can_view_complaint,
    }
    for rule, check in checks.items():
        if check(user, named):
            passed.add(rule)
    if p.can_see_reporter_identity(user, anonymous):
        passed.add("identity_anonymous")
    if p.can_see_reporter_identity(user, named):
        passed.add("identity_named")
    return passed


@pytest.mark.parametrize("persona", list(MATRIX))
def test_permission_matrix(persona, cast, region, unit_a):
    assignee = cast["assignee"]
    named = _report(region, unit_a, assignee, anonymous=False)
    anonymous = _report(region, unit_a, assignee, anonymous=True)
    assert _passes(cast[persona], named, anonymous) == MATRIX[persona]


def test_before_dispatch_only_verifiers_and_region_readers_see_a_report(
    region, handler_a, head_a, evaluator
):
    complaint = file_report(region)
    verifier = make_verifier(region)
    assert p.can_view_complaint(verifier, complaint) and p.can_verify(verifier, complaint)
    assert p.can_view_complaint(evaluator, complaint)
    assert not p.can_view_complaint(handler_a, complaint)
    assert not p.can_assign(head_a, complaint) and not p.can_handle(handler_a, complaint)


def test_unit_roles_reach_the_units_below(region, unit_a, head_a):
    upt = UnitFactory(region=region, parent=unit_a, slug="upt-a", name="UPT A")
    complaint = file_report(region)
    complaint.unit = upt
    complaint.save()
    assert p.can_assign(head_a, complaint) and p.can_view_complaint(head_a, complaint)


def test_who_manages_a_team(
    region, unit_a, head_a, unit_admin_a, region_admin, handler_a, sysadmin
):
    for allowed in (head_a, unit_admin_a, region_admin, sysadmin):
        assert p.can_manage_team(allowed, unit_a)
    assert not p.can_manage_team(handler_a, unit_a)
    assert not p.can_manage_team(make_verifier(region), unit_a)


def test_the_reporters_account_is_recognised(region, citizen):
    complaint = file_report(region, reporter_user=citizen)
    assert p.is_reporter_account(citizen, complaint)
    assert not p.can_view_complaint(citizen, complaint)  # the staff page stays closed to them


def test_the_page_check_and_the_list_filter_agree_on_every_person_and_report(
    cast, region, other_region, unit_a, unit_b
):
    """can_view_complaint (one report, the pages) and staff_scope (the lists and the API) are one rule:
    every persona sees a report on its page exactly when it is in their list, whatever its privacy, status,
    unit or region."""
    S = Complaint.Status
    upt = UnitFactory(region=region, parent=unit_a, slug="upt-a", name="UPT A")
    foreign_unit = UnitFactory(region=other_region, slug="dinas-lain")
    privacy = [(False, False), (True, False), (False, True), (True, True)]  # (rahasia, anonim)
    places = [
        (region, None, None, S.NEW),
        (region, None, None, S.ARCHIVED),
        (region, unit_a, None, S.DISPATCHED),
        (region, unit_a, cast["assignee"], S.IN_PROGRESS),
        (region, unit_a, cast["handler_a"], S.CLOSED),
        (region, upt, None, S.NEEDS_INFO),
        (region, unit_b, cast["assignee"], S.ANSWERED),
        (other_region, foreign_unit, None, S.DISPATCHED),
    ]
    reports = [
        ComplaintFactory(
            region=where,
            unit=unit,
            assignee=assignee,
            status=status,
            is_confidential=confidential,
            is_anonymous=anonymous,
        )
        for where, unit, assignee, status in places
        for confidential, anonymous in privacy
    ]
    seen_by_someone = set()
    for name, user in cast.items():
        listed = set(selectors.complaint_list_visible_to(user=user).values_list("pk", flat=True))
        for complaint in reports:
            assert p.can_view_complaint(user, complaint) == (complaint.pk in listed), (
                name,
                complaint.status,
                complaint.unit,
            )
        seen_by_someone |= listed
        if name == "sysadmin":
            assert listed == {c.pk for c in reports}
        if name in ("citizen", "anonymous_visitor", "other_verifier", "former_member"):
            assert not listed & {c.pk for c in reports if c.region_id == region.pk}, name
    assert seen_by_someone == {c.pk for c in reports}
