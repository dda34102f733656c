"""The assessment's services: criteria, evidence verdicts, finish and reopen, events and snapshots."""

from __future__ import annotations

import pytest

from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.innovation.criteria import Criterion
from tanggap.innovation.models import Assessment, Evidence, IndexSnapshot
from tanggap.innovation.services.assessment import (
    assessment_decide_criterion,
    assessment_finish,
    assessment_reopen,
    assessment_start,
    evidence_validate,
)
from tanggap.innovation.tests.factories import EvidenceFactory, InnovationFactory, small_scheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheme():
    return small_scheme(2099)


@pytest.fixture
def innovation(unit_a):
    return InnovationFactory(unit=unit_a)


@pytest.fixture
def started(office, innovation, scheme):
    return assessment_start(actor=office, innovation=innovation, scheme=scheme)


def _decide_all(office, assessment, met=True):
    for criterion in Criterion:
        assessment_decide_criterion(
            actor=office, assessment=assessment, criterion=criterion, met=met
        )


def test_office_starts_one_assessment_per_innovation_and_year(office, innovation, scheme, started):
    assert started.status == Assessment.Status.IN_PROGRESS
    assert started.events.get().action == "start"
    with pytest.raises(DomainError):
        assessment_start(actor=office, innovation=innovation, scheme=scheme)
    assert Assessment.objects.count() == 1


def test_evaluator_cannot_start_or_decide(evaluator, innovation, scheme, started):
    with pytest.raises(PermissionDenied):
        assessment_start(
            actor=evaluator, innovation=InnovationFactory(unit=innovation.unit), scheme=scheme
        )
    with pytest.raises(PermissionDenied):
        assessment_decide_criterion(
            actor=evaluator, assessment=started, criterion=Criterion.BERMANFAAT, met=True
        )


def test_all_five_met_qualifies(office, started):
    _decide_all(office, started)
    done = assessment_finish(actor=office, assessment=started)
    assert done.status == Assessment.Status.DONE
    assert done.result == "memenuhi"
    assert done.qualifies
    assert AuditEvent.objects.filter(action="innovation_assessment.finished").count() == 1
    assert IndexSnapshot.objects.filter(reason__contains="selesai").count() == 1


@pytest.mark.parametrize("unmet", list(Criterion))
def test_any_unmet_criterion_means_not_qualifying(office, started, unmet):
    _decide_all(office, started)
    assessment_decide_criterion(
        actor=office, assessment=started, criterion=unmet, met=False, note="Tidak terbukti"
    )
    done = assessment_finish(actor=office, assessment=started)
    assert done.result == "tidak_memenuhi"
    assert done.criteria_notes[unmet.value] == "Tidak terbukti"


def test_undecided_criterion_cannot_finish(office, started):
    assessment_decide_criterion(
        actor=office, assessment=started, criterion=Criterion.PEMBAHARUAN, met=True
    )
    with pytest.raises(DomainError) as refused:
        assessment_finish(actor=office, assessment=started)
    assert refused.value.code == "undecided"
    started.refresh_from_db()
    assert started.status == Assessment.Status.IN_PROGRESS


def test_unknown_criterion_or_answer_is_refused(office, started):
    with pytest.raises(DomainError):
        assessment_decide_criterion(actor=office, assessment=started, criterion="lucu", met=True)
    with pytest.raises(DomainError):
        assessment_decide_criterion(
            actor=office, assessment=started, criterion=Criterion.BERMANFAAT, met="ya"
        )


def test_finish_refused_while_evidence_pending(office, started, innovation, scheme):
    evidence = EvidenceFactory(innovation=innovation, indicator=scheme.indicators.get(code="I1"))
    _decide_all(office, started)
    with pytest.raises(DomainError) as refused:
        assessment_finish(actor=office, assessment=started)
    assert refused.value.code == "evidence_pending"
    evidence_validate(actor=office, evidence=evidence, status="valid")
    assert assessment_finish(actor=office, assessment=started).status == "selesai"


def test_invalid_evidence_needs_a_reason(office, started, innovation, scheme):
    evidence = EvidenceFactory(innovation=innovation, indicator=scheme.indicators.get(code="I1"))
    with pytest.raises(DomainError) as refused:
        evidence_validate(actor=office, evidence=evidence, status="tidak_valid", reason="  ")
    assert refused.value.field == "reason"
    evidence.refresh_from_db()
    assert evidence.status == Evidence.Status.PENDING
    evidence_validate(actor=office, evidence=evidence, status="tidak_valid", reason="Foto buram")
    evidence.refresh_from_db()
    assert (evidence.status, evidence.reason, evidence.validated_by) == (
        "tidak_valid",
        "Foto buram",
        office,
    )
    assert evidence.validated_at is not None
    assert started.events.filter(action="validate_evidence").count() == 1


def test_evidence_of_an_unstarted_assessment_is_refused(office, innovation, scheme):
    evidence = EvidenceFactory(innovation=innovation, indicator=scheme.indicators.get(code="I1"))
    with pytest.raises(DomainError):
        evidence_validate(actor=office, evidence=evidence, status="valid")


def test_evidence_of_a_finished_assessment_needs_reopening(office, started, innovation, scheme):
    _decide_all(office, started)
    assessment_finish(actor=office, assessment=started)
    evidence = EvidenceFactory(innovation=innovation, indicator=scheme.indicators.get(code="I2"))
    with pytest.raises(InvalidTransition):
        evidence_validate(actor=office, evidence=evidence, status="valid")
    reopened = assessment_reopen(actor=office, assessment=started, note="Bukti baru")
    assert (reopened.status, reopened.result) == ("dinilai", "belum_lengkap")
    evidence_validate(actor=office, evidence=evidence, status="valid")
    assert IndexSnapshot.objects.filter(reason__contains="dibuka kembali").exists()


def test_finish_twice_is_refused(office, started):
    _decide_all(office, started)
    assessment_finish(actor=office, assessment=started)
    with pytest.raises(InvalidTransition):
        assessment_finish(actor=office, assessment=started)


def test_region_spd_evidence_is_validated_by_the_office_only(office, evaluator, region, scheme):
    evidence = EvidenceFactory(
        innovation=None, region=region, indicator=scheme.indicators.get(code="S1")
    )
    with pytest.raises(PermissionDenied):
        evidence_validate(actor=evaluator, evidence=evidence, status="valid")
    evidence_validate(actor=office, evidence=evidence, status="valid")
    evidence.refresh_from_db()
    assert evidence.status == "valid"
    assert IndexSnapshot.objects.filter(region=region, scheme=scheme).count() == 1
