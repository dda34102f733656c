"""Writes to a performance agreement: who may make them, what is refused, and that a refusal changes
nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.performance.models import Indicator, PerformanceAgreement, Realisation
from tanggap.performance.services import (
    agreement_create,
    agreement_sign,
    indicator_add,
    realisation_record,
)
from tanggap.performance.tests.factories import AgreementFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def _region_admin_of(region):
    return RoleAssignmentFactory(role=Role.REGION_ADMIN, region=region, unit=None).user


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _png(name="bukti.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def signed(unit_a):
    agreement = AgreementFactory(unit=unit_a, status=PerformanceAgreement.Status.SIGNED)
    return IndicatorFactory(agreement=agreement)


def _state():
    return (
        list(PerformanceAgreement.objects.values()),
        list(Indicator.objects.values()),
        list(Realisation.objects.values()),
        AuditEvent.objects.count(),
    )


# --- agreement_create ---


@pytest.mark.parametrize("who", ["head_a", "unit_admin_a", "region_admin", "sysadmin"])
def test_unit_head_unit_admin_and_region_admin_create_an_agreement(request, who, unit_a):
    actor = request.getfixturevalue(who)
    agreement = agreement_create(actor=actor, unit=unit_a, year="2026")
    assert (agreement.unit, agreement.year, agreement.status) == (unit_a, 2026, "draft")
    event = AuditEvent.objects.get(action="performance_agreement.created")
    assert (event.actor, event.region_id) == (actor, unit_a.region_id)


@pytest.mark.parametrize(
    "who", ["front_desk_a", "handler_a", "handler_b", "evaluator", "leader", "citizen"]
)
def test_others_may_not_create_an_agreement(request, who, unit_a):
    with pytest.raises(PermissionDenied):
        agreement_create(actor=request.getfixturevalue(who), unit=unit_a, year=2026)
    assert not PerformanceAgreement.objects.exists()


def test_admin_of_another_region_may_not_create_an_agreement(other_region, unit_a):
    stranger = _region_admin_of(other_region)
    with pytest.raises(PermissionDenied):
        agreement_create(actor=stranger, unit=unit_a, year=2026)


def test_head_of_a_parent_unit_sets_the_agreement_of_a_unit_below(head_a, unit_a):
    from tanggap.org.tests.factories import UnitFactory

    upt = UnitFactory(region=unit_a.region, parent=unit_a, kind="upt")
    assert agreement_create(actor=head_a, unit=upt, year=2026).unit == upt


def test_a_unit_has_one_agreement_a_year(head_a, unit_a):
    agreement_create(actor=head_a, unit=unit_a, year=2026)
    with pytest.raises(DomainError, match="sudah memiliki perjanjian kinerja tahun 2026"):
        agreement_create(actor=head_a, unit=unit_a, year=2026)
    assert agreement_create(actor=head_a, unit=unit_a, year=2027).year == 2027


@pytest.mark.parametrize(
    "year", [None, "", "dua ribu", 1999, 2101, True, 2026.0, "-2026", "２０２６", "²"], ids=repr
)
def test_a_bad_year_is_refused(head_a, unit_a, year):
    with pytest.raises(DomainError) as caught:
        agreement_create(actor=head_a, unit=unit_a, year=year)
    assert caught.value.field == "year"
    assert not PerformanceAgreement.objects.exists()


# --- indicator_add ---


def test_an_indicator_is_added_with_its_targets_and_plan_goal(head_a, unit_a):
    agreement = AgreementFactory(unit=unit_a)
    indicator = indicator_add(
        actor=head_a,
        agreement=agreement,
        name="  Rata-rata waktu tunggu layanan  ",
        measure="menit",
        direction="lower_is_better",
        baseline="25,5",
        target_year=20,
        quarter_targets=(24, "23", Decimal("21.5"), 20),
        plan_goal_code="RPJMD 3.2.1",
        plan_goal="Meningkatnya kualitas pelayanan publik",
        evidence_required=False,
    )
    indicator.refresh_from_db()
    assert indicator.name == "Rata-rata waktu tunggu layanan"
    assert indicator.baseline == Decimal("25.5")
    assert [indicator.quarter_target(q) for q in (1, 2, 3, 4)] == [24, 23, Decimal("21.5"), 20]
    assert indicator.target_not_rising is False
    assert AuditEvent.objects.filter(action="performance_indicator.added").count() == 1


def test_a_target_that_does_not_improve_on_the_baseline_is_flagged(head_a, unit_a):
    agreement = AgreementFactory(unit=unit_a)
    up = indicator_add(
        actor=head_a, agreement=agreement, name="IKM", measure="nilai", baseline=85, target_year=85
    )
    down = indicator_add(
        actor=head_a,
        agreement=agreement,
        name="Aduan terlambat",
        measure="%",
        direction="lower_is_better",
        baseline=5,
        target_year=6,
    )
    assert up.target_not_rising and down.target_not_rising


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 301}, "name"),
        ({"measure": ""}, "measure"),
        ({"target_year": None}, "target_year"),
        ({"target_year": "sembilan puluh"}, "target_year"),
        ({"target_year": "1.234,5"}, "target_year"),
        ({"target_year": "NaN"}, "target_year"),
        ({"target_year": float("inf")}, "target_year"),
        ({"target_year": "0.00001"}, "target_year"),
        ({"target_year": 10**15}, "target_year"),
        ({"target_year": True}, "target_year"),
        ({"baseline": "banyak"}, "baseline"),
        ({"direction": "naik"}, "direction"),
        ({"direction": None}, "direction"),
        ({"quarter_targets": (1, 2, 3)}, "quarter_targets"),
        ({"quarter_targets": (1, 2, "tiga", 4)}, "target_q3"),
    ],
)
def test_a_bad_indicator_is_refused_and_nothing_changes(head_a, unit_a, changes, field):
    agreement = AgreementFactory(unit=unit_a)
    before = _state()
    values = {"name": "IKM", "measure": "nilai", "target_year": 90} | changes
    with pytest.raises(DomainError) as caught:
        indicator_add(actor=head_a, agreement=agreement, **values)
    assert caught.value.field == field
    assert _state() == before


def test_a_signed_agreement_takes_no_new_indicator(head_a, signed):
    with pytest.raises(DomainError, match="sudah ditandatangani"):
        indicator_add(
            actor=head_a, agreement=signed.agreement, name="Baru", measure="%", target_year=1
        )
    assert Indicator.objects.count() == 1


def test_handler_of_another_unit_may_not_add_an_indicator(handler_b, unit_a):
    agreement = AgreementFactory(unit=unit_a)
    with pytest.raises(PermissionDenied):
        indicator_add(
            actor=handler_b, agreement=agreement, name="IKM", measure="nilai", target_year=90
        )


# --- agreement_sign ---


def test_an_agreement_with_indicators_is_signed_once(head_a, unit_a):
    agreement = AgreementFactory(unit=unit_a)
    with pytest.raises(DomainError, match="sedikitnya satu indikator"):
        agreement_sign(actor=head_a, agreement=agreement)
    IndicatorFactory(agreement=agreement)
    signed = agreement_sign(actor=head_a, agreement=agreement)
    assert signed.status == "signed" and signed.signed_at is not None
    with pytest.raises(DomainError, match="sudah ditandatangani"):
        agreement_sign(actor=head_a, agreement=agreement)
    assert AuditEvent.objects.filter(action="performance_agreement.signed").count() == 1


# --- realisation_record ---


def test_a_realisation_is_recorded_with_a_link_and_its_achievement_computed(head_a, signed):
    realisation = realisation_record(
        actor=head_a,
        indicator=signed,
        quarter="2",
        value="87",
        evidence_url="https://contoh.go.id/tw2",
    )
    assert (realisation.quarter, realisation.value, realisation.recorded_by) == (2, 87, head_a)
    assert realisation.achievement == Decimal("100.00")
    assert AuditEvent.objects.filter(action="performance_realisation.recorded").count() == 1


def test_a_realisation_is_recorded_with_a_checked_file(unit_admin_a, signed):
    realisation = realisation_record(
        actor=unit_admin_a, indicator=signed, quarter=1, value=80, evidence_file=_png()
    )
    assert realisation.evidence_name == "bukti.png"
    assert realisation.evidence_file.name.endswith(".png")
    assert realisation.achievement == Decimal("94.12")


def test_recording_a_quarter_again_corrects_it_and_the_audit_keeps_the_old_value(
    region_admin, signed
):
    realisation_record(
        actor=region_admin, indicator=signed, quarter=1, value=80, evidence_url="https://a.id/1"
    )
    realisation_record(
        actor=region_admin, indicator=signed, quarter=1, value=84, evidence_url="https://a.id/2"
    )
    assert Realisation.objects.get().value == 84
    event = AuditEvent.objects.get(action="performance_realisation.corrected")
    assert Decimal(event.before["value"]) == 80 and Decimal(event.after["value"]) == 84


def test_evidence_is_optional_where_the_indicator_does_not_require_it(head_a, signed):
    signed.evidence_required = False
    signed.save()
    assert realisation_record(actor=head_a, indicator=signed, quarter=4, value=91).value == 91


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"evidence_url": ""}, "evidence_file"),
        ({"evidence_url": "   "}, "evidence_file"),
        ({"evidence_url": "bukan tautan"}, "evidence_url"),
        ({"evidence_url": "javascript:alert(1)"}, "evidence_url"),
        ({"evidence_url": "ftp://contoh.go.id/a"}, "evidence_url"),
        ({"quarter": 0}, "quarter"),
        ({"quarter": 5}, "quarter"),
        ({"quarter": "TW1"}, "quarter"),
        ({"quarter": None}, "quarter"),
        ({"quarter": True}, "quarter"),
        ({"quarter": "²"}, "quarter"),
        ({"quarter": 1.0}, "quarter"),
        ({"value": None}, "value"),
        ({"value": ""}, "value"),
        ({"value": "delapan puluh"}, "value"),
        ({"value": "1e400"}, "value"),
        ({"value": [80]}, "value"),
    ],
)
def test_a_bad_realisation_is_refused_and_nothing_changes(head_a, signed, changes, field):
    before = _state()
    values = {"quarter": 1, "value": 80, "evidence_url": "https://contoh.go.id/bukti"} | changes
    with pytest.raises(DomainError) as caught:
        realisation_record(actor=head_a, indicator=signed, **values)
    assert caught.value.field == field
    assert _state() == before


def test_a_file_that_is_not_a_photo_or_pdf_is_refused_as_evidence(head_a, signed, tmp_path):
    fake = SimpleUploadedFile("bukti.png", b"MZ\x90\x00 not an image", content_type="image/png")
    before = _state()
    with pytest.raises(DomainError) as caught:
        realisation_record(actor=head_a, indicator=signed, quarter=1, value=80, evidence_file=fake)
    assert caught.value.field == "evidence_file"
    assert _state() == before
    assert not list(tmp_path.rglob("*.png"))


def test_missing_evidence_is_explained_in_indonesian_and_in_english(head_a, signed):
    with pytest.raises(DomainError) as caught:
        realisation_record(actor=head_a, indicator=signed, quarter=1, value=80)
    assert "wajib disertai bukti dukung" in str(caught.value.message)
    with translation.override("en"), pytest.raises(DomainError) as english:
        realisation_record(actor=head_a, indicator=signed, quarter=1, value=80)
    assert "evidence" in str(english.value.message)


def test_a_draft_agreement_takes_no_realisation(head_a, unit_a):
    indicator = IndicatorFactory(agreement=AgreementFactory(unit=unit_a))
    with pytest.raises(DomainError, match="setelah perjanjian kinerja ditandatangani"):
        realisation_record(
            actor=head_a, indicator=indicator, quarter=1, value=1, evidence_url="https://a.id"
        )
    assert not Realisation.objects.exists()


@pytest.mark.parametrize("who", ["front_desk_a", "handler_b", "evaluator", "citizen"])
def test_others_may_not_record_a_realisation(request, who, signed):
    with pytest.raises(PermissionDenied):
        realisation_record(
            actor=request.getfixturevalue(who),
            indicator=signed,
            quarter=1,
            value=80,
            evidence_url="https://contoh.go.id/bukti",
        )
    assert not Realisation.objects.exists()
