"""The staff page and the services agree, because both ask COMPLAINT_MACHINE: for every status, every
persona and every staff action, the page offers the action exactly when the service accepts it.

Each service is called with input that is valid for the report, inside a savepoint that is rolled back,
so acceptance is decided by the table alone (a refusal is PermissionDenied or InvalidTransition; any other
error is a fault of this test's input).
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.complaints import services
from tanggap.complaints.forms.staff import ACTION_FORMS
from tanggap.complaints.models import Complaint, TeamMember
from tanggap.complaints.services import workflow as wf
from tanggap.complaints.tests.factories import VARIANTS, S, file_report, join_team
from tanggap.core.errors import InvalidTransition, PermissionDenied

pytestmark = pytest.mark.django_db

ROOT_PERSONAS = (
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
)


@pytest.fixture
def cast(request, world, unit_a) -> dict:
    """The shared personas, the region's verifier, a team member with the handler role (member2) and the
    team's coordinator. handler_a is the assignee once a report is in progress."""
    people = {name: request.getfixturevalue(name) for name in ROOT_PERSONAS}
    people["verifier"] = world.verifier
    people["member2"] = world.member2
    coordinator = UserFactory(username="koordinator")
    RoleAssignmentFactory(user=coordinator, role=Role.FRONT_DESK, unit=unit_a)
    join_team(unit_a, coordinator, TeamMember.Role.COORDINATOR)
    people["coordinator"] = coordinator
    return people


def _take(action: str, world, complaint: Complaint, actor, other: Complaint) -> None:
    """Take `action` through its service with input that fits the report."""
    if action == wf.VERIFY:
        services.complaint_verify_dispatch(actor=actor, complaint=complaint, unit=world.unit_b)
    elif action == wf.ASK_REPORTER:
        services.complaint_request_info(
            actor=actor, complaint=complaint, question="Mohon kirim foto lokasinya."
        )
    elif action == wf.TRANSFER:
        services.complaint_transfer_out(actor=actor, complaint=complaint, destination="BPN")
    elif action == wf.MERGE:
        services.complaint_merge(actor=actor, complaint=complaint, into=other)
    elif action == wf.ARCHIVE:
        services.complaint_archive(actor=actor, complaint=complaint, reason="Tidak relevan")
    elif action == wf.REDISPATCH:
        unit = world.unit_a if complaint.unit_id == world.unit_b.pk else world.unit_b
        services.complaint_redispatch(actor=actor, complaint=complaint, unit=unit)
    elif action == wf.ASSIGN:
        assignee = world.handler if complaint.assignee_id == world.member2.pk else world.member2
        services.complaint_assign(actor=actor, complaint=complaint, assignee=assignee)
    elif action == wf.TAKE:
        services.complaint_take(actor=actor, complaint=complaint)
    elif action == wf.NOTE:
        services.complaint_note(actor=actor, complaint=complaint, message="Catatan tindak lanjut.")
    elif action == wf.ANSWER:
        services.complaint_answer(
            actor=actor, complaint=complaint, message="Sudah kami perbaiki, terima kasih."
        )
    else:
        assert action == wf.CLOSE, action
        services.complaint_close(complaint=complaint, actor=actor)


class _Undo(Exception):
    """Rolls the savepoint back after an accepted move."""


def accepted_actions(world, complaint: Complaint, actor, other: Complaint) -> set[str]:
    """The staff actions the services accept from `actor` on the report (nothing is kept)."""
    accepted = set()
    for action in wf.STAFF_ACTIONS:
        fresh = Complaint.objects.get(pk=complaint.pk)
        try:
            with transaction.atomic():
                _take(action, world, fresh, actor, other)
                raise _Undo
        except _Undo:
            accepted.add(action)
        except (PermissionDenied, InvalidTransition):
            pass
    return accepted


def offered_actions(client, complaint: Complaint, user) -> set[str]:
    """The staff actions whose form the report's page shows to `user` (none when it is not theirs)."""
    client.force_login(user)
    response = client.get(reverse("complaints:staff_detail", args=[complaint.tracking_code]))
    if response.status_code != 200:
        assert response.status_code in (403, 404), response.status_code
        return set()
    page = response.content.decode()
    return {form.move for form in ACTION_FORMS.values() if f'id="aksi-{form.action}"' in page}


def test_every_staff_action_has_a_form_and_every_form_an_action():
    assert sorted(form.move for form in ACTION_FORMS.values()) == sorted(wf.STAFF_ACTIONS)


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_page_offers_exactly_what_the_services_accept(client, world, cast, variant):
    complaint = world.bring(variant)
    other = file_report(world.region, title="Laporan lain tentang hal yang sama")
    seen = {}
    for name, user in cast.items():
        offered = offered_actions(client, complaint, user)
        accepted = accepted_actions(world, complaint, user, other)
        assert offered == accepted, (name, variant, offered ^ accepted)
        seen[name] = offered
    complaint.refresh_from_db()
    assert complaint.status == variant.split("@")[0]  # nothing was kept
    status = variant.split("@")[0]
    assert any(seen.values()) == (status in (*Complaint.OPEN, S.ANSWERED)), seen
