"""Made-up SKM answers for demo data: the realistic distributions the demo loader and the queue history
generator both draw from, so every demo response looks alike wherever it was made.

Waktu (completion time) and pengaduan (complaint handling) are the weakest elements, biaya (mostly
free services) the strongest; each unit shifts the means a little, the same way on every run (the
shift is seeded by the unit's slug). Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from tanggap.surveys.models import SurveyResponse

SEED = 14_2017
# Average answer per element (1–4) across the region; each unit shifts them a little.
ELEMENT_MEANS = {
    "persyaratan": 3.25,
    "prosedur": 3.15,
    "waktu": 2.85,
    "biaya": 3.7,
    "produk": 3.3,
    "kompetensi": 3.35,
    "perilaku": 3.45,
    "pengaduan": 2.9,
    "sarana": 3.1,
}
ANSWER_SD = 0.62
COMMENT_SHARE = 0.08
KIOSK_SHARE = 0.35
COMMENTS = (
    "Antrean cepat, petugas ramah.",
    "Mohon ruang tunggu diberi kipas angin, panas sekali siang hari.",
    "Proses cetak KTP-el terlalu lama, blangko sering habis.",
    "Informasi persyaratan di papan pengumuman kurang jelas.",
    "Petugas sangat membantu lansia, terima kasih.",
    "Nomor pengaduan tidak pernah diangkat.",
    "Parkir sempit dan tidak ada tempat teduh.",
    "Pelayanan sudah baik, pertahankan.",
    "Sebaiknya ada layanan daring supaya tidak perlu datang dua kali.",
    "Toilet umum perlu dibersihkan lebih sering.",
)
SEXES = ("L", "P")
EDUCATIONS = (
    ("sd", 12),
    ("smp", 18),
    ("sma", 38),
    ("diploma", 8),
    ("s1", 20),
    ("s2", 2),
    ("tidak_sekolah", 2),
)
OCCUPATIONS = (
    ("swasta", 24),
    ("wirausaha", 20),
    ("petani", 18),
    ("rumah_tangga", 14),
    ("pelajar", 10),
    ("pns", 8),
    ("lainnya", 6),
)


def weighted_choice(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def unit_shift(unit_slug: str, keys: Sequence[str]) -> dict[str, float]:
    """How far a unit's answers sit from the region's means, per element (the same on every run)."""
    rng = random.Random(f"{SEED}:shift:{unit_slug}")  # noqa: S311 - demo data, reproducible on purpose
    return {key: rng.uniform(-0.25, 0.2) for key in keys}


def draw_answers(
    rng: random.Random, keys: Sequence[str], shift: dict[str, float], improving: float = 0.0
) -> dict[str, int]:
    """One respondent's answers (1–4 per element) around the means, the unit's shift and a trend."""
    return {
        key: min(
            4, max(1, round(rng.gauss(ELEMENT_MEANS[key] + shift[key] + improving, ANSWER_SD)))
        )
        for key in keys
    }


def draw_respondent(
    rng: random.Random, keys: Sequence[str], shift: dict[str, float], improving: float = 0.0
) -> dict:
    """The SurveyResponse fields a respondent chooses: answers, channel, profile and the odd comment."""
    return {
        "answers": draw_answers(rng, keys, shift, improving),
        "channel": SurveyResponse.Channel.KIOSK
        if rng.random() < KIOSK_SHARE
        else SurveyResponse.Channel.WEB,
        "sex": rng.choice(SEXES),
        "age": max(17, min(80, round(rng.gauss(38, 12)))),
        "education": weighted_choice(rng, EDUCATIONS),
        "occupation": weighted_choice(rng, OCCUPATIONS),
        "comment": rng.choice(COMMENTS) if rng.random() < COMMENT_SHARE else "",
    }


def submitted_after(
    rng: random.Random,
    served_at: dt.datetime,
    channel: str,
    *,
    not_after: dt.datetime | None = None,
) -> dt.datetime:
    """When a citizen fills in the survey: on the counter's tablet minutes after being served, or on
    the phone within a day (never after `not_after`, usually now)."""
    if channel == SurveyResponse.Channel.KIOSK:
        delay = dt.timedelta(minutes=rng.uniform(1, 10))
    else:
        delay = dt.timedelta(minutes=rng.uniform(10, 24 * 60))
    moment = served_at + delay
    if not_after is not None and moment > not_after:
        moment = max(served_at, not_after)
    return moment
