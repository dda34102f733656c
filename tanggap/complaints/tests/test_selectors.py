"""Reads: what each person sees, worklists, the reporter's access, the public timeline."""

from __future__ import annotations

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tanggap.accounts.tests.factories import UserFactory
from tanggap.complaints import selectors
from tanggap.complaints.models import Complaint
from tanggap.complaints.services import (
    complaint_file,
    complaint_note,
    complaint_request_info,
    complaint_verify_dispatch,
)
from tanggap.complaints.tests.factories import (
    S,
    bring_to,
    file_report,
    join_team,
    make_verifier,
    wib,
)
from tanggap.core.errors import NotFound
from tanggap.org.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(region, other_region, unit_a, unit_b):
    verifier = make_verifier(region)
    a = complaint_verify_dispatch(actor=verifier, complaint=file_report(region), unit=unit_a)
    b = complaint_verify_dispatch(
        actor=verifier, complaint=file_report(region, title="Lampu jalan padam"), unit=unit_b
    )
    new = file_report(region, title="Sampah menumpuk di pasar")
    foreign_unit = UnitFactory(region=other_region)
    foreign = file_report(other_region)
    foreign.unit = foreign_unit
    foreign.save()
    return {"a": a, "b": b, "new": new, "foreign": foreign, "verifier": verifier}


VISIBLE = {
    "citizen": set(),
    "front_desk_a": {"a"},
    "handler_a": {"a"},
    "head_a": {"a"},
    "handler_b": {"b"},
    "region_admin": {"a", "b", "new"},
    "evaluator": {"a", "b", "new"},
    "leader": {"a", "b", "new"},
    "sysadmin": {"a", "b", "new", "foreign"},
    "verifier": {"a", "b", "new"},
}


@pytest.mark.parametrize("persona", list(VISIBLE))
def test_each_person_lists_exactly_the_reports_they_may_read(request, reports, persona):
    user = reports["verifier"] if persona == "verifier" else request.getfixturevalue(persona)
    names = {pk: name for name, c in reports.items() if name != "verifier" for pk in [c.pk]}
    listed = {names[c.pk] for c in selectors.complaint_list_visible_to(user=user)}
    assert listed == VISIBLE[persona]


def test_team_members_and_assignees_read_their_reports(reports, unit_b):
    member, assignee = UserFactory(username="anggota"), UserFactory(username="penerima")
    join_team(unit_b, member)
    Complaint.objects.filter(pk=reports["a"].pk).update(assignee=assignee)
    assert [c.pk for c in selectors.complaint_list_visible_to(user=member)] == [reports["b"].pk]
    assert [c.pk for c in selectors.complaint_list_visible_to(user=assignee)] == [reports["a"].pk]


def test_the_list_filters_by_status_unit_and_text(reports, region_admin, unit_b):
    by_status = selectors.complaint_list_visible_to(user=region_admin, status=S.NEW)
    assert [c.pk for c in by_status] == [reports["new"].pk]
    several = selectors.complaint_list_visible_to(user=region_admin, status=[S.NEW, S.DISPATCHED])
    assert several.count() == 3
    by_unit = selectors.complaint_list_visible_to(user=region_admin, unit=unit_b)
    assert [c.pk for c in by_unit] == [reports["b"].pk]
    by_text = selectors.complaint_list_visible_to(user=region_admin, q="lampu")
    assert [c.pk for c in by_text] == [reports["b"].pk]
    code = reports["a"].tracking_code.lower()
    assert [c.pk for c in selectors.complaint_list_visible_to(user=region_admin, q=code)] == [
        reports["a"].pk
    ]
    by_name = selectors.complaint_list_visible_to(user=region_admin, q="Siti Pelapor")
    assert not by_name.exists()  # the reporter's name is not searchable


def _touch_rows(qs) -> list:
    """What a list page reads of each row (a missing select_related would add a query per row)."""
    return [
        (c.region.name, c.unit and c.unit.name, c.category, c.assignee, c.kecamatan) for c in qs
    ]


@pytest.mark.parametrize("persona", ["handler_a", "region_admin"])
def test_the_list_uses_a_fixed_number_of_queries(
    request, region, unit_a, persona, django_assert_num_queries
):
    user = request.getfixturevalue(persona)
    verifier = make_verifier(region)
    for _ in range(3):
        complaint_verify_dispatch(actor=verifier, complaint=file_report(region), unit=unit_a)
    with CaptureQueriesContext(connection) as few:
        _touch_rows(selectors.complaint_list_visible_to(user=user))
    assert len(few.captured_queries) <= 3  # roles, the units below, the list itself
    for _ in range(12):
        complaint_verify_dispatch(actor=verifier, complaint=file_report(region), unit=unit_a)
    user = type(user).objects.get(pk=user.pk)  # a fresh request: roles are read again
    with django_assert_num_queries(len(few.captured_queries)):
        _touch_rows(selectors.complaint_list_visible_to(user=user))


def test_the_verifier_worklist_holds_new_and_waiting_reports_oldest_deadline_first(
    region, other_region, unit_a, handler_a
):
    verifier = make_verifier(region)
    join_team(unit_a, handler_a)
    late = file_report(region, now=wib(2026, 11, 2, 9, 0))
    early = file_report(region, now=wib(2026, 10, 30, 9, 0))
    waiting = file_report(region, now=wib(2026, 11, 3, 9, 0))
    complaint_request_info(actor=verifier, complaint=waiting, question="Di desa mana tepatnya?")
    bring_to(
        f"{S.NEEDS_INFO}@{S.DISPATCHED}",
        region=region,
        verifier=verifier,
        unit=unit_a,
        handler=handler_a,
    )
    file_report(other_region)
    listed = [c.pk for c in selectors.verifier_worklist(user=verifier)]
    assert listed == [early.pk, late.pk, waiting.pk]
    assert not selectors.verifier_worklist(user=handler_a).exists()


def test_the_unit_worklist_shows_running_reports_first_and_paused_ones_after(
    region, unit_a, unit_b, handler_a, head_a, handler_b
):
    verifier = make_verifier(region)
    join_team(unit_a, handler_a)
    with time_machine.travel(wib(2026, 11, 2, 9, 0), tick=False):
        paused = complaint_verify_dispatch(
            actor=verifier, complaint=file_report(region), unit=unit_a
        )
        complaint_request_info(actor=handler_a, complaint=paused, question="Boleh minta fotonya?")
    with time_machine.travel(wib(2026, 11, 3, 9, 0), tick=False):
        running = complaint_verify_dispatch(
            actor=verifier, complaint=file_report(region), unit=unit_a
        )
    bring_to(S.ANSWERED, region=region, verifier=verifier, unit=unit_a, handler=handler_a)
    complaint_verify_dispatch(actor=verifier, complaint=file_report(region), unit=unit_b)
    for user in (handler_a, head_a):
        assert [c.pk for c in selectors.unit_worklist(user=user)] == [running.pk, paused.pk]
    assert len(selectors.unit_worklist(user=handler_b)) == 1


def test_the_reporter_reaches_a_report_only_with_its_code_and_secret(region):
    complaint, secret = complaint_file(
        region=region,
        report_type="aspirasi",
        title="Usul taman baca",
        description="Mohon dibangun taman baca di balai desa untuk anak-anak.",
        is_confidential=True,
    )
    found = selectors.complaint_get_for_reporter(
        tracking_code=f" {complaint.tracking_code.lower()} ", secret=secret.lower()
    )
    assert found.pk == complaint.pk
    for code, given in (
        (complaint.tracking_code, "SALAHSALAH"),
        ("LPR-TIDAKADA", secret),
        ("", secret),
        (complaint.tracking_code, ""),
    ):
        with pytest.raises(NotFound):
            selectors.complaint_get_for_reporter(tracking_code=code, secret=given)


def test_the_public_timeline_has_only_public_steps_and_no_reporter_identity(
    region, unit_a, handler_a
):
    verifier = make_verifier(region)
    join_team(unit_a, handler_a)
    complaint = file_report(
        region, is_anonymous=True, reporter_name="Budi Rahasia", reporter_user=None
    )
    complaint_note(actor=verifier, complaint=complaint, message="Cek identitas pelapor.")
    complaint_request_info(actor=verifier, complaint=complaint, question="Kapan kejadiannya?")
    from tanggap.complaints.services import complaint_reporter_reply

    complaint_reporter_reply(complaint=complaint, message="Saya Budi, kemarin sore.")
    complaint_verify_dispatch(actor=verifier, complaint=complaint, unit=unit_a)
    timeline = list(selectors.public_timeline(complaint))
    assert [e.action for e in timeline] == ["filed", "dispatched"]
    for event in timeline:
        assert "Budi" not in event.text + event.actor_label
    reporter = list(selectors.reporter_timeline(complaint))
    assert [e.action for e in reporter] == [
        "filed",
        "info_requested",
        "reporter_replied",
        "dispatched",
    ]
    assert all(e.actor_label != "Budi Rahasia" for e in reporter)


def test_a_rahasia_report_has_no_public_page(region):
    complaint = file_report(region, is_confidential=True)
    with pytest.raises(NotFound):
        selectors.public_timeline(complaint)
    with pytest.raises(NotFound):
        selectors.complaint_get_public(tracking_code=complaint.tracking_code)
    public = file_report(region)
    assert selectors.complaint_get_public(tracking_code=public.tracking_code).pk == public.pk


def test_complaint_targets_reports_each_target(region, unit_a):
    verifier = make_verifier(region)
    with time_machine.travel(wib(2026, 11, 2, 10, 0), tick=False):
        complaint = complaint_verify_dispatch(
            actor=verifier, complaint=file_report(region), unit=unit_a
        )
    states = selectors.complaint_targets(complaint, wib(2026, 11, 6, 10, 0))
    assert [(s.target, s.state) for s in states] == [
        ("verify", "met"),
        ("response", "breached"),  # 72 clock hours: Thursday 10.00
        ("resolve", "on_track"),  # five working days: Monday 9 November
    ]
