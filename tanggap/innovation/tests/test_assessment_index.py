"""The region's index from the database, the what-if, the best fixes and the yearly report."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from tanggap.innovation.models import Assessment, IndexSnapshot, Innovation
from tanggap.innovation.selectors.assessment import (
    best_fixes,
    index_inputs,
    region_index,
    region_report,
    what_if_index,
)
from tanggap.innovation.services.assessment import evidence_validate
from tanggap.innovation.tests.factories import (
    AssessmentFactory,
    EvidenceFactory,
    InnovationFactory,
    small_scheme,
)
from tanggap.org.models import Unit
from tanggap.org.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.now().year


def _assessed(unit, scheme, result="memenuhi"):
    innovation = InnovationFactory(unit=unit)
    AssessmentFactory(
        innovation=innovation, scheme=scheme, status=Assessment.Status.DONE, result=result
    )
    return innovation


@pytest.fixture
def world(region, unit_a, unit_b):
    """SPD: S1 level 1 valid (5 of 10), S2 pending (0). A: I1 level 2 valid (20), I2 invalid (0).
    B: I1 level 1 valid (5), I2 valid (4). C: not qualifying, its evidence does not count."""
    scheme = small_scheme(YEAR)
    ind = {i.code: i for i in scheme.indicators.all()}
    EvidenceFactory(innovation=None, region=region, indicator=ind["S1"], level=1, status="valid")
    s2 = EvidenceFactory(innovation=None, region=region, indicator=ind["S2"], level=1)
    a = _assessed(unit_a, scheme)
    b = _assessed(unit_a, scheme)
    c = _assessed(unit_b, scheme, result="tidak_memenuhi")
    EvidenceFactory(innovation=a, indicator=ind["I1"], level=2, status="valid")
    EvidenceFactory(innovation=a, indicator=ind["I1"], level=1, status="valid")  # highest wins
    EvidenceFactory(innovation=a, indicator=ind["I2"], level=1, status="tidak_valid", reason="x")
    EvidenceFactory(innovation=b, indicator=ind["I1"], level=1, status="valid")
    EvidenceFactory(innovation=b, indicator=ind["I2"], level=1, status="valid")
    EvidenceFactory(innovation=c, indicator=ind["I1"], level=2, status="valid")
    return {"scheme": scheme, "a": a, "b": b, "c": c, "s2": s2}


def test_index_by_hand_on_a_small_scheme(region, world):
    # SPD = 5 (S1 half of 10) + 0 (S2 pending) = 5
    # SID = (A: 20 + 0 invalid) + (B: 5 + 4) = 29, divided by MAX(10, 2) = 2.9
    # count: 2 innovations reach the step "1 → 2" = 2
    # score 5 + 2.9 + 2 = 9.9 of max 10 + 6 + 20 + 4 + 4 = 44 → 9.9 / 44 × 100 = 22.50
    result = region_index(region, world["scheme"])
    assert result.innovation_count == 2
    assert result.spd_score == Decimal(5)
    assert result.sid_score == Decimal("2.9")
    assert result.count_score == Decimal(2)
    assert result.index == Decimal("22.50")
    assert result.band == "kurang_inovatif"
    counted = index_inputs(region, world["scheme"]).innovations
    missing = {
        (m.innovation if m.innovation is None else counted[m.innovation], m.code)
        for m in result.missing
    }
    assert missing == {(None, "S2"), (world["a"], "I2")}


def test_index_changes_after_evidence_is_validated(region, office, world):
    evidence_validate(actor=office, evidence=world["s2"], status="valid")
    # SPD 5 + 6 = 11; score 11 + 2.9 + 2 = 15.9 → 15.9 / 44 × 100 = 36.136… → 36.14 (inovatif)
    result = region_index(region, world["scheme"])
    assert result.index == Decimal("36.14")
    assert result.band == "inovatif"
    snapshot = IndexSnapshot.objects.get(region=region)
    assert snapshot.index == Decimal("36.14")
    assert snapshot.innovations == 2


def test_what_if_innovation_gains_its_missing_evidence(region, world):
    # A gains I2 (4): SID 33 / 10 = 3.3; score 5 + 3.3 + 2 = 10.3 → 10.3 / 44 × 100 = 23.41
    result = what_if_index(region, world["scheme"], [world["a"].pk])
    assert result.index == Decimal("23.41")


def test_what_if_refuses_an_innovation_not_counted(region, world):
    from tanggap.core.errors import DomainError

    with pytest.raises(DomainError):
        what_if_index(region, world["scheme"], [world["c"].pk])


def test_best_fix_is_the_regions_own_s2(region, world):
    # S2 adds 6 points (13.64 on the index), A's I2 only 0.4 (0.91)
    innovation, indicator, fix = best_fixes(region, world["scheme"])[0]
    assert innovation is None
    assert indicator.code == "S2"
    assert fix.new_index == Decimal("36.14")


def test_index_query_count_does_not_grow_with_innovations(
    region, unit_a, world, django_assert_max_num_queries
):
    for _ in range(8):
        extra = _assessed(unit_a, world["scheme"])
        EvidenceFactory(
            innovation=extra, indicator=world["scheme"].indicators.get(code="I1"), status="valid"
        )
    with django_assert_max_num_queries(4):
        result = region_index(region, world["scheme"])
    assert result.innovation_count == 10


def test_report_counts_registered_and_qualifying_per_unit(region, unit_a, unit_b, world):
    empty = UnitFactory(region=region, name="Kecamatan Sepi")
    report = region_report(region, YEAR)
    assert (report.registered, report.qualifying) == (3, 2)
    assert report.sentence == "3 terdaftar, 2 memenuhi kategori"
    by_unit = {r["unit_id"]: (r["registered"], r["qualifying"]) for r in report.per_unit}
    assert by_unit == {unit_a.pk: (2, 2), unit_b.pk: (1, 0)}
    assert empty in report.minim
    assert unit_a not in report.minim


def test_report_of_another_year_is_empty(region, world):
    report = region_report(region, YEAR - 5)
    assert (report.registered, report.qualifying) == (0, 0)


def test_report_counts_the_years_registry_and_marks_the_new_ones(region, unit_a, world):
    """An innovation registered last year is still in this year's registry (not new); it is not in the
    registry of the year before it was registered."""
    old = InnovationFactory(unit=unit_a)
    Innovation.objects.filter(pk=old.pk).update(
        created_at=timezone.now().replace(year=YEAR - 1, month=6, day=1)
    )
    report = region_report(region, YEAR)
    row = next(r for r in report.per_unit if r["unit_id"] == unit_a.pk)
    assert (row["registered"], row["new"], row["qualifying"]) == (3, 2, 2)
    last_year = region_report(region, YEAR - 1)
    assert (last_year.registered, last_year.qualifying) == (1, 0)
    assert region_report(region, YEAR - 2).registered == 0


def test_minim_lists_the_governments_units_not_other_agencies_booths(region, world):
    booth = UnitFactory(region=region, kind=Unit.Kind.MPP_BOOTH, name="Gerai BPJS Uji")
    village = UnitFactory(region=region, kind=Unit.Kind.KELURAHAN, name="Kantor Desa Uji")
    office = UnitFactory(region=region, kind=Unit.Kind.KECAMATAN, name="Kecamatan Uji Sepi")
    minim = region_report(region, YEAR).minim
    assert office in minim
    assert booth not in minim and village not in minim
