"""The P2B library search: stemmed Indonesian terms, ranking, published only, filters, snippets; run on
SQLite (BM25 in Python) and, when DATABASE_URL is PostgreSQL, on the full-text index."""

from __future__ import annotations

import pytest
from django.db import connection

from tanggap.innovation.models import Article, Innovation
from tanggap.innovation.search import (
    bm25_rank,
    index_text,
    query_terms,
    search_articles,
    snippet,
)
from tanggap.innovation.tests.factories import ArticleFactory, InnovationFactory


def make(unit, *, title, summary="Ringkasan singkat.", body="Isi artikel.", **kwargs) -> Article:
    article = ArticleFactory(unit=unit, title=title, summary=summary, body=body, **kwargs)
    article.search_text = index_text(
        title=title, summary=summary, body=body, lessons=article.lessons, tags=article.tags
    )
    article.save(update_fields=["search_text"])
    return article


def test_query_terms_stem_and_drop_stop_words():
    assert query_terms("Perbaikan jalan yang rusak") == ["baik", "jalan", "rusak"]
    assert query_terms("diperbaiki") == ["baik"]
    assert query_terms("") == []
    assert query_terms("dan yang") == []


def test_index_text_counts_the_title_three_times_and_tags_twice():
    text = index_text(title="Pelayanan", summary="", body="", tags="antrean").split()
    assert text.count("layan") == 3
    assert text.count("antre") == 2


def test_bm25_keeps_documents_with_every_term_and_prefers_frequent_terms():
    docs = [(1, "jalan baik air"), (2, "jalan jalan baik"), (3, "jalan"), (4, "air bersih")]
    ranked = bm25_rank(["jalan", "baik"], docs)
    assert [k for k, _ in ranked] == [2, 1]
    assert bm25_rank(["jalan"], []) == []
    # A rarer term weighs more: with a larger collection the idf grows.
    alone = dict(bm25_rank(["baik"], docs))
    bigger = dict(bm25_rank(["baik"], docs, total=100))
    assert bigger[1] > alone[1] > 0


def test_snippet_escapes_and_marks_inflected_forms():
    html = snippet("Jalan <b>rusak</b> sudah diperbaiki oleh dinas.", ["baik"])
    assert "<mark>diperbaiki</mark>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html
    long = "kata " * 200 + "perbaikan akhir"
    cut = snippet(long, ["baik"], length=60)
    assert cut.startswith("… ") and "<mark>perbaikan</mark>" in cut


@pytest.mark.django_db
def test_inflected_forms_find_each_other(unit_a):
    fixed = make(unit_a, title="Jalan desa", body="Jalan desa diperbaiki bersama warga.")
    make(unit_a, title="Air bersih", body="Pipa air dipasang ke rumah warga.")
    result = search_articles("perbaikan")
    assert [h.article.pk for h in result.hits] == [fixed.pk]
    assert "<mark>diperbaiki</mark>" in result.hits[0].snippet
    assert search_articles("memperbaiki jalan").total == 1


@pytest.mark.django_db
def test_title_match_ranks_first(unit_a):
    body_only = make(
        unit_a, title="Kisah desa", body="Di sini ada juga soal antrean di puskesmas yang panjang."
    )
    in_title = make(unit_a, title="Antrean puskesmas daring", body="Warga mendaftar dari rumah.")
    result = search_articles("antrean puskesmas")
    assert [h.article.pk for h in result.hits] == [in_title.pk, body_only.pk]
    assert result.hits[0].score > result.hits[1].score


@pytest.mark.django_db
def test_drafts_and_archived_are_never_found(unit_a):
    make(unit_a, title="Sampah terpilah", status=Article.Status.DRAFT, published_at=None)
    make(unit_a, title="Sampah organik", status=Article.Status.ARCHIVED)
    shown = make(unit_a, title="Sampah plastik")
    assert [h.article.pk for h in search_articles("sampah").hits] == [shown.pk]
    assert [h.article.pk for h in search_articles("").hits] == [shown.pk]


@pytest.mark.django_db
def test_every_term_must_match_and_substrings_do_not(unit_a):
    make(unit_a, title="Layanan kesehatan keliling")
    assert search_articles("kesehatan keliling").total == 1
    assert search_articles("kesehatan sekolah").total == 0
    assert search_articles("sehat").total == 1  # "kesehatan" is stemmed to "sehat"
    assert search_articles("eha").total == 0  # a substring of a stem is no word


@pytest.mark.django_db
def test_filters_region_unit_and_affair(unit_a, unit_b, other_region):
    from tanggap.org.tests.factories import UnitFactory

    far = UnitFactory(region=other_region)
    health = InnovationFactory(unit=unit_a, affair=Innovation.Affair.KESEHATAN)
    a = make(unit_a, title="Posyandu digital", innovation=health)
    b = make(unit_b, title="Posyandu keliling")
    c = make(far, title="Posyandu remaja")
    assert search_articles("posyandu").total == 3
    assert {h.article.pk for h in search_articles("posyandu", region=unit_a.region).hits} == {
        a.pk,
        b.pk,
    }
    assert [h.article.pk for h in search_articles("posyandu", unit=unit_b).hits] == [b.pk]
    assert [h.article.pk for h in search_articles("posyandu", affair="kesehatan").hits] == [a.pk]
    assert [h.article.pk for h in search_articles("posyandu", region=other_region).hits] == [c.pk]


@pytest.mark.django_db
def test_pages(unit_a):
    for i in range(5):
        make(unit_a, title=f"Pasar rakyat {i}")
    first = search_articles("pasar", per_page=2)
    assert (first.total, first.pages, len(first.hits)) == (5, 3, 2)
    last = search_articles("pasar", per_page=2, page=99)
    assert (last.page, len(last.hits)) == (3, 1)
    assert search_articles("pasar", per_page=2, page=-4).page == 1


@pytest.mark.django_db
def test_search_query_count_does_not_grow(unit_a, django_assert_max_num_queries):
    for i in range(30):
        make(unit_a, title=f"Pasar rakyat {i}", innovation=InnovationFactory(unit=unit_a))
    with django_assert_max_num_queries(4):
        result = search_articles("pasar")
        assert len(result.hits) == 20
        [h.article.unit.name for h in result.hits]
        [h.article.innovation.name for h in result.hits]


@pytest.mark.django_db
def test_postgresql_uses_the_stored_vector_and_its_gin_index(unit_a):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (CI runs the suite on PostgreSQL too)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'innovation_article_search_gin'"
        )
        (indexdef,) = cursor.fetchone()
    assert "gin (search_vector)" in indexdef
    make(unit_a, title="Jalan desa", body="diperbaiki")
    assert search_articles("perbaikan").total == 1
