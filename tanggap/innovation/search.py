"""Indonesian search of the P2B library (Pusat Pembelajaran Bersama).

Indexing: `Article.search_text` holds the article's stemmed Indonesian words (`index_text`: the title
counted three times, the tags twice, then the summary, the body and the lessons), so "perbaikan",
"diperbaiki" and "memperbaiki" are all stored and searched as "baik". Query words are stemmed the same
way (`query_terms`); a query finds the articles holding **every** stemmed term.

On PostgreSQL the match is full-text search over `search_text` with the 'simple' configuration (the text
is already stemmed, so no dictionary may change it again): migration 0003_library_search stores
`search_vector = to_tsvector('simple', search_text)` as a generated column with a GIN index; the query
is `search_vector @@ plainto_tsquery('simple', terms)`, ranked with `ts_rank_cd` over the stored vector
(cover density: terms close together score higher, and the repeated title words lift title matches).

On SQLite (the demo) there is no full-text index: the candidate rows are the published articles passing
the filters whose search_text holds any term (LIKE '%term%'), read as (id, search_text) and ranked in
Python with Okapi BM25 (`bm25_rank`, k1 = 1.2, b = 0.75; N = all filtered published articles), keeping
those holding every whole term. A scan, fine for the demo's dozens of articles, not meant for production.

Results: published articles only, best first (ties: newest first), paginated, each with a snippet around
the first matching word of the summary and body, matching words highlighted (`snippet`). Filters: region,
unit and the government affair of the linked innovation.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q, Window
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tanggap.core.text import normalize_text

MAX_TERMS = 8
MAX_QUERY_CHARS = 200
PER_PAGE = 20
SNIPPET_CHARS = 220
BM25_K1 = 1.2
BM25_B = 0.75
_TOKEN = re.compile(r"[A-Za-z]+|[^A-Za-z]+")


# --- indexing and query terms (pure) ------------------------------------------------------------------


def index_text(*, title: str, summary: str, body: str, lessons: str = "", tags: str = "") -> str:
    """What `Article.search_text` stores: stemmed words, the title 3×, the tags 2×."""
    parts = [title] * 3 + [tags] * 2 + [summary, body, lessons]
    return " ".join(w for w in (normalize_text(p) for p in parts) if w)


def query_terms(query: str) -> list[str]:
    """The query's distinct stemmed words, in order, at most MAX_TERMS (stop words drop out)."""
    seen: list[str] = []
    for word in normalize_text((query or "")[:MAX_QUERY_CHARS]).split():
        if word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def bm25_rank(
    terms: Sequence[str], documents: Iterable[tuple[int, str]], *, total: int | None = None
) -> list[tuple[int, float]]:
    """Okapi BM25 over `documents` [(key, stemmed text)] for `terms`, keeping documents holding every
    term: [(key, score)] best first (ties: the larger key, i.e. the newer article, first).

    `documents` must include every document holding any term (the document frequencies are counted on
    them); `total` is the size of the whole collection (default: len(documents)); the average length is
    taken over `documents`.
    idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5)); score = Σ idf · tf·(k1+1) / (tf + k1·(1 - b + b·dl/avgdl)).
    """
    docs = [(key, Counter(text.split())) for key, text in documents]
    if not docs or not terms:
        return []
    total = max(total or 0, len(docs))
    avgdl = sum(sum(c.values()) for _, c in docs) / len(docs) or 1.0
    df = {t: sum(1 for _, c in docs if t in c) for t in terms}
    idf = {t: math.log(1 + (total - df[t] + 0.5) / (df[t] + 0.5)) for t in terms}
    scored = []
    for key, counts in docs:
        if not all(t in counts for t in terms):
            continue
        length = sum(counts.values())
        score = 0.0
        for t in terms:
            tf = counts[t]
            norm = BM25_K1 * (1 - BM25_B + BM25_B * length / avgdl)
            score += idf[t] * tf * (BM25_K1 + 1) / (tf + norm)
        scored.append((key, score))
    scored.sort(key=lambda pair: (-pair[1], -pair[0]))
    return scored


def snippet(text: str, terms: Sequence[str], *, length: int = SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of `text` around its first word whose stem is a query term, each such word in
    <mark>; the text's beginning when nothing matches."""
    wanted = set(terms)
    tokens = _TOKEN.findall(text or "")
    hits = [
        i
        for i, tok in enumerate(tokens)
        if tok[0].isalpha() and wanted and normalize_text(tok) in wanted
    ]
    hit_set = set(hits)
    start = 0
    if hits:
        # Start about a third of the window before the first hit.
        before, i = 0, hits[0]
        while i > 0 and before + len(tokens[i - 1]) < length // 3:
            i -= 1
            before += len(tokens[i])
        start = i
    out, used = [], 0
    for i in range(start, len(tokens)):
        if used >= length:
            break
        tok = tokens[i]
        used += len(tok)
        out.append(f"<mark>{escape(tok)}</mark>" if i in hit_set else escape(tok))
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + len(out) < len(tokens) else ""
    return mark_safe(prefix + "".join(out).strip() + suffix)  # noqa: S308 - every token escaped


# --- search ----------------------------------------------------------------------------------------------


@dataclass
class Hit:
    article: object
    score: float
    snippet: SafeString


@dataclass
class SearchPage:
    query: str
    terms: list[str]
    total: int
    page: int
    pages: int
    hits: list[Hit] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def published_articles(*, region=None, unit=None, affair: str = ""):
    """Published articles with the filters (region, unit, affair of the linked innovation)."""
    from tanggap.innovation.models import Article

    qs = Article.objects.filter(status=Article.Status.PUBLISHED)
    if region is not None:
        qs = qs.filter(region=region)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if affair:
        qs = qs.filter(innovation__affair=affair)
    return qs


def _page_bounds(total: int, page: int, per_page: int) -> tuple[int, int]:
    pages = max(1, math.ceil(total / per_page))
    return pages, min(max(1, page), pages)


def _postgres_ranked(qs, terms: list[str]):
    from django.contrib.postgres.search import SearchQuery, SearchVectorField
    from django.db.models import FloatField, Func

    class StoredVector(Func):
        # The generated column of migration 0003_library_search (not a model field), GIN-indexed.
        template = '"innovation_article"."search_vector"'
        arity = 0
        output_field = SearchVectorField()

    tsquery = SearchQuery(" ".join(terms), config="simple", search_type="plain")
    return (
        qs.annotate(document=StoredVector())
        .filter(document=tsquery)
        .annotate(
            score=Func(StoredVector(), tsquery, function="ts_rank_cd", output_field=FloatField())
        )
        .order_by("-score", "-published_at", "-id")
    )


def search_articles(
    query: str,
    *,
    region=None,
    unit=None,
    affair: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchPage:
    """One page of published articles matching `query` best first, with snippets. An empty query (or one
    of stop words only) lists the newest published articles."""
    terms = query_terms(query)
    qs = published_articles(region=region, unit=unit, affair=affair).select_related(
        "unit", "innovation"
    )
    if not terms:
        total = qs.count()
        pages, page = _page_bounds(total, page, per_page)
        rows = list(qs.order_by("-published_at", "-id")[(page - 1) * per_page : page * per_page])
        scored = [(a, 0.0) for a in rows]
    elif connection.vendor == "postgresql":
        # One scan: the page of ranked rows carries the number of matches (COUNT(*) OVER ()), so the
        # matches are not searched a second time for the count; a page past the end asks again.
        ranked = _postgres_ranked(qs, terms).annotate(found=Window(Count("id")))
        wanted = max(1, page)
        rows = list(ranked[(wanted - 1) * per_page : wanted * per_page])
        total = rows[0].found if rows else ranked.count()
        pages, page = _page_bounds(total, wanted, per_page)
        if not rows and total:
            rows = list(ranked[(page - 1) * per_page : page * per_page])
        scored = [(a, a.score) for a in rows]
    else:
        # Candidates: rows holding any term (LIKE); bm25_rank keeps those holding every whole term.
        any_term = Q()
        for term in terms:
            any_term |= Q(search_text__contains=term)
        candidates = qs.filter(any_term).values_list("id", "search_text").order_by()
        ranking = bm25_rank(terms, candidates, total=qs.count())
        total = len(ranking)
        pages, page = _page_bounds(total, page, per_page)
        window = ranking[(page - 1) * per_page : page * per_page]
        by_id = qs.in_bulk([key for key, _ in window])
        scored = [(by_id[key], score) for key, score in window if key in by_id]
    hits = [Hit(a, s, snippet(f"{a.summary} {a.body}", terms)) for a, s in scored]
    return SearchPage(query=query, terms=terms, total=total, page=page, pages=pages, hits=hits)
