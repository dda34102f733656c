"""Indeks Inovasi Daerah 2023: the seed scheme as plain data (DOMAIN.md §4).

[open]: per-indicator rubric is configurable; these weights are the seed.

What is confirmed for 2023: 36 indicators in two aspects, the regional government (SPD) worth 25,2% and
the innovations (SID) worth 74,8%. The indicator names below follow the 2023 IID structure as best known;
the exact per-indicator weights and option tables were NOT found, so the seed spreads each aspect's share
evenly: 16 SPD indicators × 1,575 = 25,2; 20 SID indicators × 3,5 = 70,0 plus the innovation-count score
(up to 4,8, counted in the innovation aspect because it measures the innovations) = 74,8.
Each indicator's `levels` are the shares of its maximum earned by evidence options 1, 2, ... (also a seed).
Not read by any model yet: a later year is a new module like this one.
"""

from __future__ import annotations

from tanggap.innovation.scheme import Scheme, scheme_from_data

YEAR = 2023
SPD_MAX = "1.575"  # 25,2 / 16
SID_MAX = "3.5"  # 70,0 / 20
FOUR = ("0.25", "0.5", "0.75", "1")
THREE = ("0.33", "0.67", "1")
TWO = ("0.5", "1")


def _rows(aspect: str, max_score: str, items: list[tuple[str, str, tuple[str, ...]]]) -> list[dict]:
    return [
        {
            "code": code,
            "name": name,
            "aspect": aspect,
            "max_score": max_score,
            "levels": list(levels),
        }
        for code, name, levels in items
    ]


SPD_INDICATORS = _rows(
    "spd",
    SPD_MAX,
    [
        ("spd_regulasi", "Regulasi inovasi daerah", FOUR),
        ("spd_sdm", "Ketersediaan SDM terhadap inovasi daerah", FOUR),
        ("spd_anggaran", "Dukungan anggaran", FOUR),
        ("spd_alat_kerja", "Alat kerja", THREE),
        ("spd_bimtek", "Bimtek inovasi", FOUR),
        ("spd_rkpd", "Integrasi program dan kegiatan inovasi dalam RKPD", THREE),
        ("spd_aktor", "Keterlibatan aktor inovasi", FOUR),
        ("spd_pelaksana", "Pelaksana inovasi daerah", THREE),
        ("spd_jejaring", "Jejaring inovasi", FOUR),
        ("spd_sosialisasi", "Sosialisasi inovasi daerah", FOUR),
        ("spd_pedoman", "Pedoman teknis", THREE),
        ("spd_informasi", "Kemudahan informasi layanan", THREE),
        ("spd_pengaduan_selesai", "Penyelesaian layanan pengaduan", FOUR),
        ("spd_pengaduan_puas", "Kepuasan layanan pengaduan", FOUR),
        ("spd_online", "Online sistem", THREE),
        ("spd_replikasi", "Replikasi inovasi daerah", FOUR),
    ],
)

SID_INDICATORS = _rows(
    "sid",
    SID_MAX,
    [
        ("sid_regulasi", "Regulasi inovasi", FOUR),
        ("sid_sdm", "Ketersediaan SDM", FOUR),
        ("sid_anggaran", "Dukungan anggaran", FOUR),
        ("sid_it", "Penggunaan IT", THREE),
        ("sid_bimtek", "Bimtek inovasi", FOUR),
        ("sid_rkpd", "Program dan kegiatan inovasi di RKPD", THREE),
        ("sid_aktor", "Keterlibatan aktor inovasi", FOUR),
        ("sid_pelaksana", "Pelaksana inovasi", THREE),
        ("sid_jejaring", "Jejaring inovasi", FOUR),
        ("sid_sosialisasi", "Sosialisasi inovasi", FOUR),
        ("sid_pedoman", "Pedoman teknis", THREE),
        ("sid_informasi", "Kemudahan informasi layanan", THREE),
        ("sid_pengaduan", "Penyelesaian layanan pengaduan", FOUR),
        ("sid_terintegrasi", "Layanan terintegrasi", TWO),
        ("sid_replikasi", "Replikasi", FOUR),
        ("sid_kecepatan", "Kecepatan penciptaan inovasi", FOUR),
        ("sid_kemanfaatan", "Kemanfaatan inovasi", FOUR),
        ("sid_monev", "Monitoring dan evaluasi inovasi daerah", FOUR),
        ("sid_kualitas", "Kualitas inovasi daerah", FOUR),
        # Name not confirmed: the twentieth SID indicator of 2023 could not be identified for sure.
        ("sid_kemudahan_proses", "Kemudahan proses inovasi yang dihasilkan", THREE),
    ],
)

INDICATORS: list[dict] = SPD_INDICATORS + SID_INDICATORS

# (minimum number of registered innovations, score): steps not found [open], up to 4,8 so SID totals 74,8.
COUNT_STEPS: list[tuple[int, str]] = [(1, "1.2"), (5, "2.4"), (10, "3.6"), (20, "4.8")]


def scheme_2023() -> Scheme:
    """The 2023 seed as a `Scheme`."""
    return scheme_from_data(year=YEAR, indicators=INDICATORS, count_steps=COUNT_STEPS)
