"""A deadline policy's resolve target never ends before its first-response target: the rule for every pair
of units, the model's clean, the policy service, the default and the demo, the migration that fixes old
policies, and the report page that explains each deadline."""

from __future__ import annotations

import importlib

import pytest
import time_machine
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tanggap.complaints.models import DeadlineUnit, SlaPolicy, resolve_before_response
from tanggap.complaints.services import complaint_verify_dispatch, sla_policy_save
from tanggap.complaints.sla import DEFAULT_POLICY, add_target
from tanggap.complaints.tests.factories import file_report, make_verifier, wib
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent

pytestmark = pytest.mark.django_db

D, H, C = DeadlineUnit.WORKING_DAYS, DeadlineUnit.WORKING_HOURS, DeadlineUnit.CLOCK_HOURS


@pytest.mark.parametrize(
    ("response", "resolve", "refused"),
    [
        ((5, D), (5, D), False),
        ((5, D), (4, D), True),
        ((24, C), (72, C), False),
        ((72, C), (24, C), True),
        ((8, H), (8, H), False),
        ((72, C), (3, D), False),  # a working day later is at least 24 clock hours later
        ((73, C), (3, D), True),
        ((72, C), (72, H), False),
        ((72, C), (71, H), True),
        ((1, D), (24, H), False),  # a working day holds at most 24 working hours
        ((1, D), (23, H), True),
        ((5, D), (72, C), True),  # the old default: 10 December before 14 December
        ((1, D), (1000, C), True),  # no clock-hour target is safe after working days
        ((4, H), (5, D), True),  # a working day may be short: no number of days is safe
    ],
)
def test_the_rule_for_every_pair_of_units(response, resolve, refused):
    assert resolve_before_response(*response, *resolve) is refused


def test_the_old_default_really_ended_before_its_response_target(region):
    """The reported case: dispatched on Friday 5 December, the old 72 clock hours ended on Monday
    8 December while the old 5 working days ended on Friday 12 December (later with a holiday)."""
    start = wib(2025, 12, 5, 10, 0)
    old_response = add_target(start, 5, D, region=region)
    old_resolve = add_target(start, 72, C, region=region)
    assert old_resolve < old_response
    new_response = add_target(start, DEFAULT_POLICY.response_value, C, region=region)
    new_resolve = add_target(start, DEFAULT_POLICY.resolve_value, D, region=region)
    assert new_response <= new_resolve


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_contradicting_policy_is_refused_by_the_model_with_a_clear_message(region, language):
    policy = SlaPolicy(
        region=region,
        name="Lama",
        response_value=5,
        response_unit=D,
        resolve_value=72,
        resolve_unit=C,
    )
    with translation.override(language), pytest.raises(ValidationError) as refusal:
        policy.full_clean()
    message = refusal.value.message_dict["resolve_value"][0]
    if language == "id":
        assert "dapat berakhir sebelum tenggat tanggapan pertama" in message
        assert "72 jam (24 jam sehari)" in message and "5 hari kerja" in message
    else:
        assert "can end before the first-response deadline" in message
        assert "dapat" not in message


def test_the_model_defaults_and_the_built_in_default_keep_the_order(region):
    SlaPolicy(region=region, name="Bawaan").full_clean()
    DEFAULT_POLICY.region = region
    DEFAULT_POLICY.full_clean()


def test_the_service_saves_a_sound_policy_and_refuses_a_contradicting_one(
    region, region_admin, handler_a, other_region
):
    policy = sla_policy_save(
        actor=region_admin,
        region=region,
        name="Jalan",
        response_value=2,
        response_unit=D,
        resolve_value=14,
        resolve_unit=D,
    )
    assert policy.pk and AuditEvent.objects.filter(action="complaint.sla_policy_saved").exists()
    with pytest.raises(DomainError) as refusal:
        sla_policy_save(
            actor=region_admin, region=region, policy=policy, resolve_value=72, resolve_unit=C
        )
    assert refusal.value.field == "resolve_value" and refusal.value.code == "invalid_policy"
    policy.refresh_from_db()
    assert (policy.resolve_value, policy.resolve_unit) == (14, D)  # nothing changed
    with pytest.raises(PermissionDenied):
        sla_policy_save(actor=handler_a, region=region, policy=policy, resolve_value=20)
    with pytest.raises(DomainError):
        sla_policy_save(actor=region_admin, region=other_region, policy=policy, resolve_value=20)


def test_the_migration_fixes_contradicting_policies_and_open_reports(region, unit_a):
    migration = importlib.import_module("tanggap.complaints.migrations.0005_deadline_order")
    old_default = SlaPolicy.objects.create(
        region=region,
        name=migration.OLD_DEFAULT_NAME,
        response_value=5,
        response_unit=D,
        resolve_value=72,
        resolve_unit=C,
    )
    health = SlaPolicy.objects.create(
        region=region,
        name="Kesehatan",
        response_value=1,
        response_unit=D,
        resolve_value=72,
        resolve_unit=C,
    )
    sound = SlaPolicy.objects.create(
        region=region, name="Jalan", response_value=5, response_unit=D, resolve_value=14
    )
    report = file_report(region)
    report.status, report.unit = "diteruskan", unit_a
    report.response_due_at, report.resolve_due_at = wib(2025, 12, 14, 10), wib(2025, 12, 10, 10)
    report.save()
    migration.forwards(django_apps, None)
    old_default.refresh_from_db()
    health.refresh_from_db()
    sound.refresh_from_db()
    assert (old_default.response_value, old_default.response_unit) == (72, C)
    assert (old_default.resolve_value, old_default.resolve_unit) == (5, D)
    assert (health.resolve_value, health.resolve_unit) == (3, D)  # 72 h → 3 days, never shorter
    assert (sound.resolve_value, sound.resolve_unit) == (14, D)
    for policy in (old_default, health, sound):
        policy.full_clean()
    report.refresh_from_db()
    assert report.resolve_due_at == report.response_due_at == wib(2025, 12, 14, 10)


def test_the_report_page_explains_each_deadline_and_how_it_was_computed(client, region, unit_a):
    verifier = make_verifier(region)
    with time_machine.travel(wib(2026, 11, 20, 10, 0), tick=False):
        complaint = complaint_verify_dispatch(
            actor=verifier, complaint=file_report(region), unit=unit_a
        )
    client.force_login(verifier)
    url = reverse("complaints:staff_detail", args=[complaint.tracking_code])
    page = client.get(url).content.decode()
    assert "Arti tenggat dan cara menghitungnya" in page
    assert "72 jam sejak laporan diteruskan ke unit (20 November 2026, 10.00 WIB)" in page
    assert "5 hari kerja sejak laporan diteruskan ke unit (20 November 2026, 10.00 WIB)" in page
    assert "3 hari kerja sejak laporan diterima" in page
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert "5 working days since the report was dispatched to the unit" in page
    assert "(20 November 2026, 10:00 WIB)" in page
