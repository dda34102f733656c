"""Indonesian text normalisation and the similar-text ranking built on it."""

from __future__ import annotations

from tanggap.core.text import normalize_text, similar_texts, stem


def test_text_is_lowercased_stemmed_and_freed_of_stop_words_and_numbers():
    text = normalize_text(
        "Jalan di Desa Sumberjo RUSAK parah, berlubang 3 meter! Mohon segera diperbaiki."
    )
    words = text.split()
    assert "jalan" in words and "rusak" in words and "lubang" in words and "baik" in words
    assert not {"di", "dan", "mohon", "3"} & set(words)
    assert all(w.isalpha() and w == w.lower() for w in words)


def test_word_forms_share_one_stem():
    assert stem("perbaikan") == stem("diperbaiki") == "baik"
    assert normalize_text("") == "" and normalize_text(None) == ""  # type: ignore[arg-type]


IDEAS = [
    ("pasar", "Aplikasi antrean pasar tradisional untuk pedagang"),
    ("jalan", "Jalan diperbaiki dengan laporan warga berbasis peta"),
    ("sekolah", "Perpustakaan keliling untuk sekolah dasar di desa"),
]


def test_a_query_finds_the_text_with_the_same_stems_before_an_unrelated_one():
    found = similar_texts("perbaikan jalan rusak", IDEAS)
    assert [key for key, _score in found] == ["jalan"]
    assert 0.2 <= found[0][1] <= 1.0


def test_results_are_ranked_best_first_and_scores_are_cosines():
    candidates = [
        ("sebagian", "Perbaikan jalan desa"),
        ("sama", "Perbaikan jalan rusak"),
        ("lain", "Pelatihan kader posyandu"),
    ]
    found = similar_texts("jalan rusak diperbaiki", candidates, min_score=0.0)
    keys = [key for key, _score in found]
    assert keys[:2] == ["sama", "sebagian"]
    assert abs(found[0][1] - 1.0) < 1e-9  # the same stems: the same direction
    assert [score for _key, score in found] == sorted((s for _k, s in found), reverse=True)


def test_an_empty_query_or_no_candidates_find_nothing():
    assert similar_texts("", IDEAS) == []
    assert similar_texts("   ", IDEAS) == []
    assert similar_texts("dan yang di", IDEAS) == []  # stop words only
    assert similar_texts("perbaikan jalan", []) == []
    assert similar_texts("perbaikan jalan", [("kosong", ""), ("angka", "123 45")]) == []


def test_the_limit_is_honoured():
    candidates = [(n, f"Perbaikan jalan rusak nomor {n} di kecamatan") for n in range(10)]
    assert len(similar_texts("perbaikan jalan rusak", candidates, limit=3)) == 3
    assert len(similar_texts("perbaikan jalan rusak", candidates)) == 5
    assert similar_texts("perbaikan jalan rusak", candidates, limit=0) == []


def test_candidates_below_the_minimum_score_are_left_out():
    candidates = [
        ("dekat", "Perbaikan jalan rusak"),
        ("jauh", "Jalan sehat, senam pagi, pasar murah"),
    ]
    loose = dict(similar_texts("perbaikan jalan rusak", candidates, min_score=0.0))
    strict = dict(similar_texts("perbaikan jalan rusak", candidates, min_score=0.9))
    assert set(loose) == {"dekat", "jauh"} and loose["dekat"] > loose["jauh"]
    assert set(strict) == {"dekat"}
