"""compute_ikm and the Krejcie–Morgan sample size against hand-computed figures and the band edges."""

from decimal import Decimal

import pytest

from tanggap.surveys.ikm import compute_ikm, krejcie_morgan
from tanggap.surveys.instrument import load_instrument


def test_all_best_answers_official_and_exact():
    official = compute_ikm([[4] * 9])
    exact = compute_ikm([[4] * 9], weighting="exact")
    # official: 4 × 0,111 × 9 = 3,996 → × 25 = 99,90; exact: 4 × 1/9 × 9 × 25 = 100
    assert official.total_weighted == Decimal("3.996")
    assert (
        official.ikm == Decimal("99.90")
        and official.mutu == "A"
        and official.kinerja == "Sangat Baik"
    )
    assert exact.ikm == Decimal("100.00") and exact.weighting == "exact"


def test_hand_computed_mixed_example():
    responses = [
        [3, 3, 2, 4, 3, 3, 4, 2, 3],
        [4, 3, 3, 4, 3, 4, 4, 3, 3],
        [3, 2, 2, 4, 3, 3, 3, 2, 2],
        [4, 4, 3, 4, 4, 4, 4, 3, 3],
    ]
    result = compute_ikm(responses)
    # NRR: 14/4, 12/4, 10/4, 16/4, 13/4, 14/4, 15/4, 10/4, 11/4
    assert result.nrr == tuple(Decimal(x) / 4 for x in (14, 12, 10, 16, 13, 14, 15, 10, 11))
    # Σ NRR = 115/4 = 28,75; × 0,111 = 3,19125; × 25 = 79,78125 → 79,78 (B, Baik)
    assert result.total_weighted == Decimal("3.19125")
    assert result.ikm_unrounded == Decimal("79.78125")
    assert result.ikm == Decimal("79.78") and result.mutu == "B" and result.kinerja == "Baik"
    exact = compute_ikm(responses, weighting="exact")
    # exact: 28,75 / 9 × 25 = 79,8611… → 79,86
    assert exact.ikm == Decimal("79.86") and exact.mutu == "B"
    assert [key for key, _ in result.weakest()[:2]] == ["pengaduan", "waktu"]


@pytest.mark.parametrize(
    ("value", "mutu", "kinerja"),
    [
        ("64.99", "D", "Tidak Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("76.60", "C", "Kurang Baik"),
        ("76.61", "B", "Baik"),
        ("88.30", "B", "Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("25.00", "D", "Tidak Baik"),
        ("100.00", "A", "Sangat Baik"),
    ],
)
def test_band_edges(value, mutu, kinerja):
    band = load_instrument().band_for(Decimal(value))
    assert (band.mutu, band.kinerja["id"]) == (mutu, kinerja)


def test_band_uses_the_two_decimal_value_reports_print():
    # 76,605 prints as 76,61 → B, although the unrounded value is below 76,61.
    assert load_instrument().band_for(Decimal("76.605")).mutu == "B"
    assert load_instrument().band_for(Decimal("76.6049")).mutu == "C"


def test_lowest_answers_fall_in_band_d():
    result = compute_ikm([[1] * 9])
    assert (
        result.ikm == Decimal("24.98") and result.mutu == "D"
    )  # 0,999 × 25 with the official weight
    assert compute_ikm([[1] * 9], weighting="exact").ikm == Decimal("25.00")


@pytest.mark.parametrize(
    "responses",
    [
        [],
        [[4] * 8],
        [[4] * 10],
        [[4] * 8 + [5]],
        [[4] * 8 + [0]],
        [[4] * 8 + ["4"]],
        [[4] * 8 + [2.5]],
        "abc",
    ],
)
def test_bad_input_is_rejected_with_a_clear_error(responses):
    with pytest.raises(ValueError):
        compute_ikm(responses)


def test_unknown_weighting_is_rejected():
    with pytest.raises(ValueError):
        compute_ikm([[4] * 9], weighting="rounded")


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (0, 0),
        (1, 1),
        (10, 10),
        (50, 44),
        (100, 80),
        (300, 169),
        (1000, 278),
        (2000, 322),
        (10**6, 384),
    ],
)
def test_krejcie_morgan_matches_the_published_table(population, sample):
    assert krejcie_morgan(population) == sample


def test_krejcie_morgan_rejects_negative_populations():
    with pytest.raises(ValueError):
        krejcie_morgan(-1)
