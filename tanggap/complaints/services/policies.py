"""A region's deadline policies (SlaPolicy): the one place a policy is created or changed, refused when
its resolve target can end before its first-response target (region_setup.resolve_before_response)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import has_region_role, is_sysadmin
from tanggap.complaints.models import SlaPolicy
from tanggap.complaints.services.checks import require_permission
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError

__all__ = ["POLICY_FIELDS", "sla_policy_save"]

# What a region sets on a policy.
POLICY_FIELDS = (
    "name",
    "category",
    "report_type",
    "verify_value",
    "verify_unit",
    "response_value",
    "response_unit",
    "resolve_value",
    "resolve_unit",
    "reporter_response_days",
    "warn_before_hours",
    "inspectorate_after_hours",
)


@transaction.atomic
def sla_policy_save(*, actor, region, policy: SlaPolicy | None = None, **values) -> SlaPolicy:
    """Create a deadline policy of `region` (or change `policy`, one of its policies) with `values`
    (POLICY_FIELDS): its region admin or a system administrator; refused with the field to fix when
    the policy is not valid, in particular when its targets contradict each other. Reports already
    dispatched keep the deadlines they were given."""
    require_permission(
        is_sysadmin(actor) or has_region_role(actor, region.pk, {Role.REGION_ADMIN}),
        _("Hanya admin daerah yang dapat mengatur kebijakan tenggat."),
    )
    unknown = set(values) - set(POLICY_FIELDS)
    if unknown:
        raise DomainError(_("Isian kebijakan tidak dikenal."), field=sorted(unknown)[0])
    if policy is not None and policy.region_id != region.pk:
        raise DomainError(_("Kebijakan tenggat itu milik daerah lain."))
    category = values.get("category")
    if category is not None and category.region_id != region.pk:
        raise DomainError(_("Kategori tidak dikenal di daerah ini."), field="category")
    old = snapshot(policy, list(POLICY_FIELDS)) if policy is not None and policy.pk else None
    policy = policy or SlaPolicy(region=region)
    for name, value in values.items():
        setattr(policy, name, value)
    try:
        policy.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(
            messages[0], field=None if field == "__all__" else field, code="invalid_policy"
        ) from None
    policy.save()
    audit_record(
        actor=actor,
        action="complaint.sla_policy_saved",
        target=policy,
        before=old,
        after=snapshot(policy, list(POLICY_FIELDS)),
        region_id=region.pk,
    )
    return policy
