"""A complaint handler of the unit takes a forwarded report nobody holds yet ("ambil"): who may, which
reports, what it writes, and what the page tells a handler who cannot act."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.complaints import services
from tanggap.complaints.models import Complaint
from tanggap.complaints.services import workflow as wf
from tanggap.complaints.tests.factories import S, file_report, join_team
from tanggap.core.errors import InvalidTransition, PermissionDenied
from tanggap.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispatched_a(world) -> Complaint:
    return world.bring(S.DISPATCHED)


def test_a_handler_of_the_unit_takes_a_forwarded_report_and_may_then_answer_it(world, dispatched_a):
    handler = world.member2
    taken = services.complaint_take(actor=handler, complaint=dispatched_a)
    assert taken.status == S.IN_PROGRESS and taken.assignee == handler
    step = taken.events.latest("id")
    assert (step.action, step.from_status, step.to_status) == ("taken", S.DISPATCHED, S.IN_PROGRESS)
    assert step.visibility == "public" and step.text_code == "team_handles"
    assert step.message == "" and "Dinas A" in step.text  # the handler's name stays internal
    audit = AuditEvent.objects.get(action="complaint.taken")
    assert audit.actor == handler and audit.target_id == str(taken.pk)
    answered = services.complaint_answer(
        actor=handler, complaint=taken, message="Sudah kami perbaiki, terima kasih."
    )
    assert answered.status == S.ANSWERED


def test_a_responsive_team_member_without_the_handler_role_may_take_it(world, dispatched_a):
    member = UserFactory(username="anggota_tim")
    RoleAssignmentFactory(user=member, role=Role.FRONT_DESK, unit=world.unit_a)
    join_team(world.unit_a, member)
    assert services.complaint_take(actor=member, complaint=dispatched_a).assignee == member


@pytest.mark.parametrize(
    "persona",
    ["handler_b", "front_desk_a", "evaluator", "leader", "citizen", "region_admin", "sysadmin"],
)
def test_other_roles_and_another_units_handler_are_refused(request, world, dispatched_a, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.complaint_take(actor=user, complaint=dispatched_a)
    dispatched_a.refresh_from_db()
    assert dispatched_a.status == S.DISPATCHED and dispatched_a.assignee_id is None
    assert not dispatched_a.events.filter(action="taken").exists()


def test_the_unit_head_and_the_verifier_assign_rather_than_take(world, dispatched_a):
    for user in (world.head, world.verifier):
        with pytest.raises(PermissionDenied):
            services.complaint_take(actor=user, complaint=dispatched_a)


def test_a_report_already_assigned_cannot_be_taken(world):
    in_progress = world.bring(S.IN_PROGRESS)  # assigned to world.handler
    with pytest.raises(InvalidTransition):
        services.complaint_take(actor=world.member2, complaint=in_progress)
    in_progress.refresh_from_db()
    assert in_progress.assignee == world.handler


def test_a_forwarded_report_that_somehow_has_an_assignee_is_refused_with_the_reason(
    world, dispatched_a
):
    Complaint.objects.filter(pk=dispatched_a.pk).update(assignee=world.handler)
    dispatched_a.refresh_from_db()
    with pytest.raises(InvalidTransition) as refusal:
        services.complaint_take(actor=world.member2, complaint=dispatched_a)
    assert "sudah ditugaskan" in str(refusal.value)
    assert not wf.COMPLAINT_MACHINE.allows_action(
        wf.TAKE, dispatched_a.status, world.member2, dispatched_a
    )


def test_a_new_report_without_a_unit_cannot_be_taken(world, handler_a):
    new = file_report(world.region)
    with pytest.raises(PermissionDenied):
        services.complaint_take(actor=handler_a, complaint=new)


def test_the_handler_sees_the_take_button_and_the_hint_and_takes_it_on_the_page(
    client, world, dispatched_a
):
    client.force_login(world.member2)
    url = reverse("complaints:staff_detail", args=[dispatched_a.tracking_code])
    page = client.get(url).content.decode()
    assert 'id="aksi-ambil"' in page and 'id="aksi-jawab"' not in page
    assert "Belum ada petugas yang memegang laporan ini" in page
    assert "Kepala A" in page or "kepala_a" in page  # who assigns it, by name
    response = client.post(
        reverse("complaints:staff_action", args=[dispatched_a.tracking_code, "ambil"])
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'id="aksi-jawab"' in page and 'id="aksi-ambil"' not in page
    assert "Belum ada petugas yang memegang laporan ini" not in page


def test_someone_of_the_unit_who_cannot_act_is_told_who_assigns_it_with_the_team_link(
    client, world, dispatched_a, front_desk_a
):
    client.force_login(front_desk_a)
    page = client.get(
        reverse("complaints:staff_detail", args=[dispatched_a.tracking_code])
    ).content.decode()
    assert 'id="aksi-ambil"' not in page
    assert "Laporan ini menunggu ditugaskan" in page
    assert reverse("complaints:team", kwargs={"unit_id": world.unit_a.pk}) in page


def test_the_head_who_assigns_gets_no_hint(client, world, dispatched_a):
    client.force_login(world.head)
    page = client.get(
        reverse("complaints:staff_detail", args=[dispatched_a.tracking_code])
    ).content.decode()
    assert 'id="aksi-tugaskan"' in page and 'id="aksi-ambil"' not in page
    assert "menunggu ditugaskan" not in page and "Belum ada petugas" not in page


def test_the_api_take_answers_the_report_or_refuses(world, dispatched_a, handler_b, front_desk_a):
    url = f"/api/complaints/{dispatched_a.tracking_code}/take/"
    client = APIClient()
    client.force_login(handler_b)
    assert client.post(url).status_code == 404  # another unit's report is not theirs to read
    client.force_login(front_desk_a)
    assert client.post(url).status_code == 403  # reads the unit's reports, handles none
    client.force_login(world.member2)
    response = client.post(url)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == S.IN_PROGRESS
    assert client.post(url).status_code == 409  # already taken
