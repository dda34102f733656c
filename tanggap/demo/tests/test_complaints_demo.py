"""Demo complaints: what the loader writes, that the history follows the workflow, and idempotency."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from tanggap.complaints.models import (
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    RoutingModel,
    RoutingRule,
    SlaPolicy,
    TeamMember,
)
from tanggap.complaints.routing import classifier, suggest_units
from tanggap.demo.complaints import COUNT
from tanggap.org.models import Region

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-complaints")]
S = Complaint.Status


@pytest.fixture(autouse=True)
def fresh_model_cache():
    # The demo (and its routing model, in the test settings' in-memory storage) is loaded once per
    # module; the classifier's cache of loaded models must not outlive it.
    classifier._LOADED.clear()


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def kab(demo_output):
    return Region.objects.get(slug="kab-blitar")


def test_demo_has_months_of_varied_reports(kab):
    reports = Complaint.objects.filter(region=kab)
    assert reports.count() == COUNT
    assert reports.filter(tracking_code="LPR-DEMO0001").exists()
    now = timezone.now()
    overdue = reports.filter(status__in=Complaint.OPEN, paused_at__isnull=True).filter(
        Q(resolve_due_at__lt=now, answered_at__isnull=True)
        | Q(response_due_at__lt=now, first_response_at__isnull=True)
    )
    assert overdue.count() >= 5, overdue.count()
    assert reports.filter(reopen_count__gt=0).count() >= 10
    assert (
        reports.filter(is_confidential=True).count() >= 20
        and reports.filter(is_anonymous=True).count() >= 20
    )
    assert not reports.filter(is_anonymous=True).exclude(reporter_name="").exists()
    media = reports.filter(channel="media")
    assert media.count() >= 20 and not media.filter(source_url="").exists()
    assert reports.filter(rating__isnull=False).count() >= 200
    assert {"baru", "diproses", "ditanggapi", "selesai", "diarsipkan"} <= set(
        reports.values_list("status", flat=True)
    )
    assert reports.filter(status=S.MERGED, merged_into__isnull=False).exists()
    span = reports.order_by("created_at").values_list("created_at", flat=True)
    assert (span.last() - span.first()).days >= 120
    assert reports.values("kecamatan").distinct().count() >= 15
    assert reports.values("unit").distinct().count() >= 15


def test_history_follows_the_workflow(kab):
    reports = Complaint.objects.filter(region=kab)
    now = timezone.now()
    assert not ComplaintEvent.objects.filter(at__gt=now).exists()
    firsts = ComplaintEvent.objects.filter(
        complaint__region=kab, action="filed", at=F("complaint__created_at")
    )
    assert firsts.count() == COUNT
    for complaint in reports.prefetch_related("events").order_by("pk")[::7]:
        events = list(complaint.events.all())
        times = [e.at for e in events]
        assert times == sorted(times), complaint.tracking_code
        moves = [e for e in events if e.to_status]
        assert moves[-1].to_status == complaint.status, complaint.tracking_code
        for before, after in zip(moves, moves[1:], strict=False):
            assert after.from_status == before.to_status, complaint.tracking_code
    dispatched = reports.filter(dispatched_at__isnull=False)
    assert not dispatched.filter(
        Q(response_due_at__isnull=True) | Q(resolve_due_at__isnull=True)
    ).exists()
    assert not reports.filter(answered_at__lt=F("dispatched_at")).exists()
    assert not reports.filter(status=S.CLOSED, closed_at__isnull=True).exists()
    assert not reports.filter(status=S.IN_PROGRESS, assignee__isnull=True).exists()
    assert not reports.filter(rating__isnull=False, rated_at__isnull=True).exists()
    # Some dispatch decisions were corrected; those are the ones the model must not learn from.
    assert ComplaintEvent.objects.filter(complaint__region=kab, action="redispatched").exists()


def test_configuration_teams_and_the_first_routing_model(kab):
    assert ComplaintCategory.objects.filter(
        region=kab, slug="jalan-jembatan", default_unit__slug="dpupr"
    ).exists()
    assert RoutingRule.objects.filter(
        region=kab, unit__slug="puskesmas-kanigoro", area__name="Kanigoro"
    ).exists()
    team_promise = SlaPolicy.objects.get(region=kab, category__isnull=True, report_type="")
    assert (team_promise.response_value, team_promise.response_unit) == (72, "clock_hours")
    assert (team_promise.resolve_value, team_promise.resolve_unit) == (5, "working_days")
    for policy in SlaPolicy.objects.filter(region=kab):
        policy.full_clean()  # no demo policy's resolve target can end before its response target
    assert ComplaintCategory.objects.filter(region__slug="kota-blitar").exists()
    members = TeamMember.objects.filter(unit__region=kab)
    assert members.values("unit").distinct().count() >= 20
    assert members.filter(user__official__isnull=False).count() >= 20
    busy = (
        Complaint.objects.filter(region=kab, assignee__isnull=False)
        .values("assignee")
        .annotate(n=Count("id"))
    )
    assert busy.count() >= 20
    model = RoutingModel.objects.get(region=kab, is_active=True)
    assert model.accuracy > model.metrics["majority_accuracy"] + 0.3
    assert model.metrics["test_count"] >= 100
    report = Complaint.objects.filter(region=kab, status=S.NEW).first()
    assert suggest_units(report)


def test_a_second_load_changes_no_complaint_record(kab):
    def snapshot():
        return [
            list(model.objects.order_by("pk").values())
            for model in (
                Complaint,
                ComplaintEvent,
                ComplaintCategory,
                RoutingRule,
                SlaPolicy,
                TeamMember,
                RoutingModel,
            )
        ]

    before = snapshot()
    assert "0 records created, 0 updated" in load()
    assert snapshot() == before
