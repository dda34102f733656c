"""Deadline policies whose resolve target could end before their first-response target (the old default:
first response in 5 working days, resolve in 72 clock hours, ended on 10 December while the response was
due on 14 December).

- The old default policy (its name and exactly those targets) gets the new defaults: first response in
  72 clock hours, the answer in 5 working days.
- Any other such policy keeps its first-response target and gets a resolve target in the same unit, never
  shorter than before nor than the response target: clock hours become working days at one day per 24
  hours (72 clock hours after 1 working day: 3 working days).
- Open reports whose stored resolve deadline falls before their response deadline get the response
  deadline as their resolve deadline (later, never earlier, so nobody is newly in breach).

The rule is copied from region_setup.resolve_before_response as it was when this migration was written.
"""

from __future__ import annotations

import math

from django.db import migrations
from django.db.models import F

W_DAYS, W_HOURS, CLOCK = "working_days", "working_hours", "clock_hours"
OLD_DEFAULT_NAME = "SP4N-LAPOR! + tim responsif 3×24 jam"


def breaks_rule(p) -> bool:
    if p.response_unit == p.resolve_unit:
        return p.resolve_value < p.response_value
    if p.response_unit == CLOCK and p.resolve_unit == W_HOURS:
        return p.resolve_value < p.response_value
    if p.response_unit == CLOCK and p.resolve_unit == W_DAYS:
        return p.resolve_value * 24 < p.response_value
    if p.response_unit == W_DAYS and p.resolve_unit == W_HOURS:
        return p.resolve_value < p.response_value * 24
    return True


def in_unit(value: int, unit: str, target: str) -> int:
    """`value` `unit` expressed in `target` units, rounded up (a day holds 24 hours)."""
    hours = value * 24 if unit == W_DAYS else value
    return math.ceil(hours / 24) if target == W_DAYS else hours


def forwards(apps, schema_editor):
    SlaPolicy = apps.get_model("complaints", "SlaPolicy")
    Complaint = apps.get_model("complaints", "Complaint")
    for policy in SlaPolicy.objects.all():
        if not breaks_rule(policy):
            continue
        old_default = (
            policy.name == OLD_DEFAULT_NAME
            and (policy.response_value, policy.response_unit) == (5, W_DAYS)
            and (policy.resolve_value, policy.resolve_unit) == (72, CLOCK)
        )
        if old_default:
            policy.response_value, policy.response_unit = 72, CLOCK
            policy.resolve_value, policy.resolve_unit = 5, W_DAYS
        else:
            unit = policy.response_unit
            policy.resolve_value = max(
                policy.response_value, in_unit(policy.resolve_value, policy.resolve_unit, unit)
            )
            policy.resolve_unit = unit
        policy.save(
            update_fields=["response_value", "response_unit", "resolve_value", "resolve_unit"]
        )
    Complaint.objects.filter(
        status__in=("baru", "menunggu_pelapor", "diteruskan", "diproses"),
        answered_at__isnull=True,
        response_due_at__isnull=False,
        resolve_due_at__lt=F("response_due_at"),
    ).update(resolve_due_at=F("response_due_at"))


class Migration(migrations.Migration):
    dependencies = [("complaints", "0004_sla_policy_default_order")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
