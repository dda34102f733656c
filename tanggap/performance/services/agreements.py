"""Writes to a unit's performance agreement: create it, add indicators, sign it, record realisation.

Each service checks every input before it writes, runs in one transaction and appends an audit row, so
a refused request changes nothing."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError
from tanggap.core.uploads import check_one
from tanggap.performance.achievement import Direction
from tanggap.performance.models import QUARTERS, Indicator, PerformanceAgreement, Realisation
from tanggap.performance.permissions import require_agreement_manager
from tanggap.performance.services.figures import (
    parse_figure,
    parse_quarter,
    parse_text,
    parse_year,
    required_figure,
)

_url = URLValidator(schemes=["http", "https"])


def evidence_max_bytes() -> int:
    """Largest accepted evidence file: the same limit as a complaint attachment
    (COMPLAINT_ATTACHMENT_MAX_BYTES, default 5 MB)."""
    return int(getattr(settings, "COMPLAINT_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def _locked(agreement: PerformanceAgreement) -> PerformanceAgreement:
    return (
        PerformanceAgreement.objects.select_for_update().select_related("unit").get(pk=agreement.pk)
    )


@transaction.atomic
def agreement_create(*, actor, unit, year) -> PerformanceAgreement:
    """Start a unit's performance agreement for a year, as a draft."""
    require_agreement_manager(actor, unit)
    year = parse_year(year)
    if PerformanceAgreement.objects.filter(unit=unit, year=year).exists():
        raise DomainError(
            _("Unit ini sudah memiliki perjanjian kinerja tahun %(year)s.") % {"year": year},
            field="year",
        )
    agreement = PerformanceAgreement.objects.create(unit=unit, year=year, created_by=actor)
    audit_record(
        actor=actor,
        action="performance_agreement.created",
        target=agreement,
        after=snapshot(agreement),
        region_id=unit.region_id,
    )
    return agreement


@transaction.atomic
def indicator_add(
    *,
    actor,
    agreement: PerformanceAgreement,
    name,
    measure,
    target_year,
    direction=Direction.HIGHER_IS_BETTER,
    baseline=None,
    quarter_targets=(None, None, None, None),
    plan_goal_code="",
    plan_goal="",
    evidence_required: bool = True,
) -> Indicator:
    """Add an indicator to a draft agreement: baseline (last year's realisation), yearly and quarterly
    targets, an optional RPJMD/Renstra goal, and whether each realisation needs evidence."""
    require_agreement_manager(actor, agreement.unit)
    agreement = _locked(agreement)
    if agreement.status != PerformanceAgreement.Status.DRAFT:
        raise DomainError(
            _("Perjanjian kinerja yang sudah ditandatangani tidak dapat diubah."), code="signed"
        )
    if not isinstance(direction, str) or direction not in Direction.values:
        raise DomainError(
            _("Arah indikator harus 'makin tinggi makin baik' atau 'makin rendah makin baik'."),
            field="direction",
        )
    if len(quarter_targets) != len(QUARTERS):
        raise DomainError(_("Target triwulan harus empat angka."), field="quarter_targets")
    indicator = Indicator(
        agreement=agreement,
        name=parse_text(name, field="name", max_length=300, required=True),
        measure=parse_text(measure, field="measure", max_length=60, required=True),
        direction=direction,
        baseline=parse_figure(baseline, field="baseline", required=False),
        target_year=required_figure(target_year, field="target_year"),
        plan_goal_code=parse_text(
            plan_goal_code, field="plan_goal_code", max_length=60, required=False
        ),
        plan_goal=parse_text(plan_goal, field="plan_goal", max_length=300, required=False),
        evidence_required=bool(evidence_required),
        position=agreement.indicators.count(),
    )
    for quarter, value in zip(QUARTERS, quarter_targets, strict=True):
        setattr(
            indicator,
            f"target_q{quarter}",
            parse_figure(value, field=f"target_q{quarter}", required=False),
        )
    indicator.save()
    audit_record(
        actor=actor,
        action="performance_indicator.added",
        target=indicator,
        after=snapshot(indicator),
        region_id=agreement.unit.region_id,
    )
    return indicator


@transaction.atomic
def agreement_sign(*, actor, agreement: PerformanceAgreement) -> PerformanceAgreement:
    """Sign a draft agreement that has at least one indicator; its targets are fixed from then on."""
    require_agreement_manager(actor, agreement.unit)
    agreement = _locked(agreement)
    if agreement.status != PerformanceAgreement.Status.DRAFT:
        raise DomainError(_("Perjanjian kinerja ini sudah ditandatangani."), code="signed")
    if not agreement.indicators.exists():
        raise DomainError(_("Tambahkan sedikitnya satu indikator sebelum menandatangani."))
    before = snapshot(agreement, ["status", "signed_at"])
    agreement.status = PerformanceAgreement.Status.SIGNED
    agreement.signed_at = timezone.now()
    agreement.save(update_fields=["status", "signed_at"])
    audit_record(
        actor=actor,
        action="performance_agreement.signed",
        target=agreement,
        before=before,
        after=snapshot(agreement, ["status", "signed_at"]),
        region_id=agreement.unit.region_id,
    )
    return agreement


def _evidence_url(value) -> str:
    url = parse_text(value, field="evidence_url", max_length=500, required=False)
    if url:
        try:
            _url(url)
        except ValidationError:
            raise DomainError(
                _("Tautan bukti harus alamat web yang lengkap (diawali http:// atau https://)."),
                field="evidence_url",
            ) from None
    return url


def _realisation_snapshot(realisation: Realisation) -> dict:
    # A stored file is recorded by its name (the audit keeps JSON, not file objects).
    data = snapshot(
        realisation,
        [f.name for f in Realisation._meta.concrete_fields if f.name != "evidence_file"],
    )
    data["evidence_file"] = realisation.evidence_file.name or ""
    return data


@transaction.atomic
def realisation_record(
    *, actor, indicator: Indicator, quarter, value, evidence_file=None, evidence_url=""
) -> Realisation:
    """Record (or correct) an indicator's realisation for a quarter of a signed agreement, with its
    evidence: a file (photo or PDF, checked by content) or a link; required where the indicator says."""
    agreement = indicator.agreement
    require_agreement_manager(actor, agreement.unit)
    agreement = _locked(agreement)
    if agreement.status != PerformanceAgreement.Status.SIGNED:
        raise DomainError(
            _("Realisasi dicatat setelah perjanjian kinerja ditandatangani."), code="draft"
        )
    quarter = parse_quarter(quarter)
    number = required_figure(value, field="value")
    url = _evidence_url(evidence_url)
    if indicator.evidence_required and evidence_file is None and not url:
        raise DomainError(
            _("Indikator ini wajib disertai bukti dukung: unggah berkas atau isi tautan."),
            code="evidence_required",
            field="evidence_file",
        )
    checked = None
    if evidence_file is not None:
        checked = check_one(evidence_file, max_bytes=evidence_max_bytes(), field="evidence_file")

    realisation = (
        Realisation.objects.select_for_update().filter(indicator=indicator, quarter=quarter).first()
    )
    before = _realisation_snapshot(realisation) if realisation else None
    if realisation is None:
        realisation = Realisation(indicator=indicator, quarter=quarter)
    realisation.value = number
    realisation.evidence_url = url
    realisation.evidence_name = checked.original_name if checked else ""
    realisation.evidence_file = ""
    if checked:
        realisation.evidence_file.save(
            f"{uuid.uuid4().hex}.{checked.extension}", ContentFile(checked.data), save=False
        )
    realisation.recorded_by = actor
    realisation.recorded_at = timezone.now()
    realisation.save()
    audit_record(
        actor=actor,
        action="performance_realisation.corrected"
        if before
        else "performance_realisation.recorded",
        target=realisation,
        before=before,
        after=_realisation_snapshot(realisation),
        region_id=agreement.unit.region_id,
    )
    return realisation
