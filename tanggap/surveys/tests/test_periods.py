"""Report periods: labels, bounds, previous periods and parsing from GET parameters."""

from __future__ import annotations

import datetime as dt

import pytest

from tanggap.surveys.periods import Period, PeriodError, latest_full_quarter, parse_period

TODAY = dt.date(2026, 8, 10)


def test_quarter_has_its_bounds_and_indonesian_label():
    period = Period("triwulan", 2026, 3)
    assert (period.start, period.end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert period.label == "Triwulan III 2026"


@pytest.mark.parametrize(
    ("period", "label", "end"),
    [
        (Period("bulan", 2026, 2), "Februari 2026", dt.date(2026, 2, 28)),
        (Period("semester", 2025, 2), "Semester II 2025", dt.date(2025, 12, 31)),
        (Period("tahun", 2025), "Tahun 2025", dt.date(2025, 12, 31)),
    ],
)
def test_other_periods(period, label, end):
    assert period.label == label
    assert period.end == end


def test_previous_periods_cross_the_year():
    assert Period("triwulan", 2026, 1).previous() == Period("triwulan", 2025, 4)
    assert [p.code for p in Period("bulan", 2026, 2).trend(4)] == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]


def test_latest_full_quarter():
    assert latest_full_quarter(TODAY) == Period("triwulan", 2026, 2)
    assert latest_full_quarter(dt.date(2026, 2, 1)) == Period("triwulan", 2025, 4)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"periode": "2026-T2"}, Period("triwulan", 2026, 2)),
        ({"periode": "2026-s1"}, Period("semester", 2026, 1)),
        ({"periode": "2026-05"}, Period("bulan", 2026, 5)),
        ({"periode": "2025"}, Period("tahun", 2025)),
        ({"jenis": "triwulan", "tahun": "2026", "ke": "1"}, Period("triwulan", 2026, 1)),
        ({"jenis": "tahun", "tahun": "2026"}, Period("tahun", 2026)),
        ({}, Period("bulan", 2020, 1)),
    ],
)
def test_parse_period(params, expected):
    assert parse_period(params, today=TODAY, default=Period("bulan", 2020, 1)) == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"periode": "kemarin"}, "tidak dikenali"),
        ({"periode": "2026-T5"}, "Triwulan harus 1 sampai 4"),
        ({"periode": "2026-13"}, "Bulan harus 1 sampai 12"),
        ({"jenis": "minggu", "tahun": "2026"}, "Jenis periode tidak dikenal"),
        ({"jenis": "bulan", "tahun": "dua ribu"}, "empat angka"),
        ({"periode": "1999"}, "Tahun harus antara 2000 dan 2026"),
        ({"periode": "2026-T4"}, "belum dimulai"),
        ({}, "Pilih periode"),
    ],
)
def test_bad_periods_are_refused_with_a_clear_message(params, message):
    with pytest.raises(PeriodError, match=message):
        parse_period(params, today=TODAY)
