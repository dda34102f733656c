"""Writes of the assessment: start it, decide each criterion, validate evidence (an innovation's or the
region's own SPD evidence), finish and reopen. Every move goes through `ASSESSMENT_MACHINE`, is recorded
as an `AssessmentEvent` with an audit row, and a move that can change the index records an
`IndexSnapshot` of the region."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.innovation.criteria import (
    AssessmentStatus,
    Criterion,
    EvidenceStatus,
    EvidenceVerdict,
    assessment_result,
)
from tanggap.innovation.models import (
    Assessment,
    AssessmentEvent,
    Evidence,
    IndexScheme,
    IndexSnapshot,
    Innovation,
)
from tanggap.innovation.permissions import is_office
from tanggap.innovation.selectors.assessment import region_index
from tanggap.innovation.workflow import ASSESSMENT_MACHINE, DECIDE, FINISH, REOPEN

NOTE_MAX = 2000


def _label(actor) -> str:
    return (actor.get_full_name() or actor.get_username()) if actor else "sistem"


def _note(value) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if value not in (None, "") and not isinstance(value, str):
        raise DomainError(_("Catatan harus berupa teks."), field="note")
    if len(text) > NOTE_MAX:
        raise DomainError(
            _("Catatan paling panjang %(n)s karakter.") % {"n": NOTE_MAX}, field="note"
        )
    return text


def _event(assessment, *, actor, action, before, note="") -> None:
    AssessmentEvent.objects.create(
        assessment=assessment,
        action=action,
        from_status=before,
        to_status=assessment.status,
        actor=actor,
        actor_label=_label(actor),
        note=note,
        at=timezone.now(),
    )


def _locked(assessment: Assessment, actor) -> Assessment:
    """The assessment locked for the move; who may assess is asked before the state (a reader gets
    "not allowed", not "not possible now")."""
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("innovation", "scheme")
        .get(pk=assessment.pk)
    )
    if not is_office(actor, locked.innovation.region_id):
        raise PermissionDenied(_("Hanya kantor inovasi daerah yang menilai inovasi."))
    return locked


def index_snapshot_record(*, region, scheme: IndexScheme, reason: str) -> IndexSnapshot:
    """Keep the region's index as it is now (the trend on the index page)."""
    result = region_index(region, scheme)
    return IndexSnapshot.objects.create(
        region=region,
        scheme=scheme,
        index=result.index,
        band=result.band,
        innovations=result.innovation_count,
        computed_at=timezone.now(),
        reason=reason[:200],
    )


@transaction.atomic
def assessment_start(*, actor, innovation: Innovation, scheme: IndexScheme) -> Assessment:
    """Open the assessment of an innovation for the scheme's year (one per innovation and year)."""
    if not is_office(actor, innovation.region_id):
        raise PermissionDenied(_("Hanya kantor inovasi daerah yang menilai inovasi."))
    if not innovation.is_active:
        raise DomainError(_("Inovasi yang diarsipkan tidak dinilai."), code="inactive")
    if Assessment.objects.filter(innovation=innovation, scheme=scheme).exists():
        raise DomainError(
            _("Inovasi ini sudah dinilai untuk tahun %(year)s.") % {"year": scheme.year},
            code="exists",
        )
    assessment = Assessment.objects.create(
        innovation=innovation,
        scheme=scheme,
        criteria={c.value: None for c in Criterion},
        assessor=actor,
        started_at=timezone.now(),
    )
    _event(assessment, actor=actor, action="start", before="")
    audit_record(
        actor=actor,
        action="innovation_assessment.started",
        target=assessment,
        after=snapshot(assessment),
        region_id=innovation.region_id,
    )
    return assessment


@transaction.atomic
def assessment_decide_criterion(
    *, actor, assessment: Assessment, criterion, met, note=""
) -> Assessment:
    """Record the verifier's answer on one criterion (met True / not met False; None clears it)."""
    assessment = _locked(assessment, actor)
    ASSESSMENT_MACHINE.check_action(DECIDE, assessment.status, actor, assessment)
    try:
        key = Criterion(criterion)
    except ValueError:
        raise DomainError(_("Kriteria inovasi tidak dikenal."), field="criterion") from None
    if met is not None and not isinstance(met, bool):
        raise DomainError(_("Pilih terpenuhi atau tidak terpenuhi."), field="met")
    text = _note(note)
    before = snapshot(assessment, ["criteria", "criteria_notes"])
    assessment.criteria = {**assessment.criteria, key.value: met}
    notes = dict(assessment.criteria_notes)
    if text:
        notes[key.value] = text
    else:
        notes.pop(key.value, None)
    assessment.criteria_notes = notes
    assessment.save(update_fields=["criteria", "criteria_notes"])
    verdict = "-" if met is None else ("ya" if met else "tidak")
    _event(
        assessment,
        actor=actor,
        action=DECIDE,
        before=assessment.status,
        note=f"{key.value}: {verdict}" + (f" — {text}" if text else ""),
    )
    audit_record(
        actor=actor,
        action="innovation_assessment.criterion_decided",
        target=assessment,
        before=before,
        after=snapshot(assessment, ["criteria", "criteria_notes"]),
        region_id=assessment.innovation.region_id,
    )
    return assessment


@transaction.atomic
def evidence_validate(*, actor, evidence: Evidence, status, reason="") -> Evidence:
    """Valid, or invalid with a reason (invalid evidence scores zero). An innovation's evidence is
    validated within its open assessment; the region's own SPD evidence by the office directly."""
    evidence = (
        Evidence.objects.select_for_update(of=("self",))
        .select_related("indicator__scheme", "innovation")
        .get(pk=evidence.pk)
    )
    scheme = evidence.indicator.scheme
    if not is_office(actor, evidence.region_id):
        raise PermissionDenied(_("Hanya kantor inovasi daerah yang memvalidasi bukti dukung."))
    verdict = EvidenceVerdict(status, reason if isinstance(reason, str) else "")
    if verdict.status == EvidenceStatus.PENDING:
        raise DomainError(_("Pilih valid atau tidak valid."), field="status")
    assessment = None
    if evidence.innovation is not None:
        assessment = (
            Assessment.objects.select_for_update(of=("self",))
            .filter(innovation=evidence.innovation, scheme=scheme)
            .first()
        )
        if assessment is None:
            raise DomainError(_("Mulai penilaian inovasi ini terlebih dahulu."), code="not_started")
        ASSESSMENT_MACHINE.check_action(DECIDE, assessment.status, actor, assessment)
    before = snapshot(evidence, ["status", "reason"])
    evidence.status = verdict.status
    evidence.reason = verdict.reason if verdict.status == EvidenceStatus.INVALID else ""
    evidence.validated_by = actor
    evidence.validated_at = timezone.now()
    evidence.save(update_fields=["status", "reason", "validated_by", "validated_at"])
    if assessment is not None:
        _event(
            assessment,
            actor=actor,
            action="validate_evidence",
            before=assessment.status,
            note=f"{evidence.indicator.code}: {verdict.status.label}"
            + (f" — {verdict.reason}" if verdict.reason else ""),
        )
    audit_record(
        actor=actor,
        action="innovation_evidence.validated",
        target=evidence,
        before=before,
        after=snapshot(evidence, ["status", "reason"]),
        region_id=evidence.region_id,
    )
    index_snapshot_record(
        region=evidence.region,
        scheme=scheme,
        reason=_("Bukti %(code)s divalidasi") % {"code": evidence.indicator.code},
    )
    return evidence


@transaction.atomic
def assessment_finish(*, actor, assessment: Assessment, note="") -> Assessment:
    """Close the assessment: every criterion decided and no evidence of the innovation pending."""
    assessment = _locked(assessment, actor)
    ASSESSMENT_MACHINE.check_action(FINISH, assessment.status, actor, assessment)
    text = _note(note)
    result = assessment_result(assessment.criteria)
    if result.undecided:
        raise DomainError(
            _("Putuskan dulu semua kriteria: %(list)s.")
            % {"list": "; ".join(str(c.label) for c in result.undecided)},
            code="undecided",
        )
    pending = Evidence.objects.filter(
        innovation=assessment.innovation,
        indicator__scheme=assessment.scheme,
        status=EvidenceStatus.PENDING,
    ).count()
    if pending:
        raise DomainError(
            _("Masih ada %(n)s bukti dukung yang belum divalidasi.") % {"n": pending},
            code="evidence_pending",
        )
    before_status = assessment.status
    before = snapshot(assessment, ["status", "result"])
    assessment.status = Assessment.Status.DONE
    assessment.result = result.status
    assessment.finished_at = timezone.now()
    assessment.assessor = actor
    if text:
        assessment.note = text
    assessment.save(update_fields=["status", "result", "finished_at", "assessor", "note"])
    _event(assessment, actor=actor, action=FINISH, before=before_status, note=text)
    audit_record(
        actor=actor,
        action="innovation_assessment.finished",
        target=assessment,
        before=before,
        after=snapshot(assessment, ["status", "result"]),
        region_id=assessment.innovation.region_id,
    )
    index_snapshot_record(
        region=assessment.innovation.region,
        scheme=assessment.scheme,
        reason=_("Penilaian %(code)s selesai") % {"code": assessment.innovation.code},
    )
    return assessment


@transaction.atomic
def assessment_reopen(*, actor, assessment: Assessment, note="") -> Assessment:
    """Reopen a finished assessment (the innovation leaves the index until it is finished again)."""
    assessment = _locked(assessment, actor)
    ASSESSMENT_MACHINE.check_action(REOPEN, assessment.status, actor, assessment)
    text = _note(note)
    before_status = assessment.status
    before = snapshot(assessment, ["status", "result"])
    assessment.status = Assessment.Status.IN_PROGRESS
    assessment.result = AssessmentStatus.BELUM_LENGKAP
    assessment.finished_at = None
    assessment.save(update_fields=["status", "result", "finished_at"])
    _event(assessment, actor=actor, action=REOPEN, before=before_status, note=text)
    audit_record(
        actor=actor,
        action="innovation_assessment.reopened",
        target=assessment,
        before=before,
        after=snapshot(assessment, ["status", "result"]),
        region_id=assessment.innovation.region_id,
    )
    index_snapshot_record(
        region=assessment.innovation.region,
        scheme=assessment.scheme,
        reason=_("Penilaian %(code)s dibuka kembali") % {"code": assessment.innovation.code},
    )
    return assessment
