"""P2B library search over 10,000 articles on PostgreSQL: p50/p99 per query, against two baselines.

    DJANGO_SETTINGS_MODULE=tanggap.config.testing .venv/bin/python bench/library_search.py \
        [--articles 10000] [--queries 200] [--seed 2026] [--pg postgres://postgres@127.0.0.1:5432/postgres]

It creates a scratch database on the local PostgreSQL (only 127.0.0.1/localhost), migrates it (the stored
search_vector column and its GIN index of migration 0003_library_search included), and writes one region with 40 units and
60 innovations and N clearly fictional Indonesian best-practice articles built from word pools (services,
problems, approaches, results; 150-300 words each, about 93 % published), indexed as the service does
(`index_text`: Sastrawi stems, title 3×, tags 2×), then ANALYZE. 200 queries of 1-3 words are drawn from
the same pools, many in inflected forms ("perbaikan", "diperbaiki", "pelayanan", ...). Each query runs
once to warm up, then is timed (wall clock per query) in:

- ranked: `search_articles(q)` as the page and the API call it (stemming the query, count, the first
  page of 20 ranked by ts_rank_cd, the rows with unit and innovation, the snippets);
- fts_sql: the baseline raw SQL on the same table: search_vector @@ plainto_tsquery('simple', stemmed
  terms) over the same GIN index, ranked by ts_rank_cd, LIMIT 20 (no count, no relations, no snippets);
- ilike: the naive scan: every raw query word ILIKE '%word%' over title, summary and body, LIMIT 20
  (no stemming, so "perbaikan" misses "diperbaiki": it shows the cost without the index, not the same
  results).

Prints p50, p99, mean and the average hits per query. The database is dropped at the end, also on
error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time

from harness import add_pg_option, check_pg_option, machine, percentile, scratch, set_up_django

SERVICES = [
    "puskesmas", "posyandu", "sekolah", "pasar", "perizinan", "kependudukan", "akta kelahiran",
    "jalan desa", "air bersih", "sampah", "irigasi", "perpustakaan", "rumah sakit", "ambulans",
    "bantuan sosial", "pajak daerah", "retribusi", "UMKM", "pertanian", "peternakan", "pariwisata",
    "kecamatan", "kelurahan", "pemakaman", "penerangan jalan", "pemadam kebakaran", "transportasi",
]  # fmt: skip
PROBLEMS = [
    "antrean panjang", "berkas hilang", "warga datang berkali-kali", "jalan rusak",
    "data ganda", "biaya tinggi", "waktu tunggu lama", "keluhan tidak ditanggapi",
    "stunting", "banjir", "kemacetan", "pungutan liar", "informasi tidak jelas",
    "tenaga kurang", "laporan terlambat", "pencatatan manual", "stok obat kosong",
]  # fmt: skip
APPROACHES = [
    "pendaftaran daring", "antrean berbasis QR", "layanan keliling", "jemput bola",
    "aplikasi pengaduan", "kartu digital", "pembayaran nontunai", "kader desa",
    "kolaborasi dengan sekolah", "pemetaan partisipatif", "pesan singkat pengingat",
    "dasbor pemantauan", "pelatihan petugas", "gerai terpadu", "verifikasi berkas di muka",
]  # fmt: skip
RESULTS = [
    "waktu layanan turun", "kepuasan warga naik", "biaya berkurang", "cakupan meningkat",
    "pengaduan berkurang", "data lebih akurat", "pendapatan daerah naik", "warga cukup datang sekali",
]  # fmt: skip
VERBS = [
    "memperbaiki", "diperbaiki", "perbaikan", "melayani", "pelayanan", "dilayani", "mendaftarkan",
    "pendaftaran", "mempercepat", "percepatan", "dipercepat", "mengurangi", "pengurangan",
    "meningkatkan", "peningkatan", "ditingkatkan", "memantau", "pemantauan", "dipantau",
    "menyederhanakan", "penyederhanaan", "mendampingi", "pendampingan", "didampingi",
]  # fmt: skip
FILLER = [
    "unit", "kami", "bersama", "warga", "petugas", "setiap", "minggu", "bulan", "tahun", "desa",
    "kabupaten", "program", "kegiatan", "sejak", "awal", "hasilnya", "terlihat", "jelas", "untuk",
    "dengan", "agar", "supaya", "dalam", "proses", "layanan", "masyarakat", "kepala", "dinas",
]  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES") or 10_000)
    )
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    add_pg_option(parser)
    args = parser.parse_args()
    if args.articles < 100 or args.queries < 10:
        parser.error("need at least 100 articles and 10 queries")
    check_pg_option(parser, args)
    return args


def sentence(rng: random.Random) -> str:
    parts = [
        rng.choice(VERBS),
        rng.choice(SERVICES),
        *rng.sample(FILLER, 4),
        rng.choice(PROBLEMS),
        rng.choice(APPROACHES),
        *rng.sample(FILLER, 3),
        rng.choice(RESULTS),
    ]
    rng.shuffle(parts)
    return " ".join(parts).capitalize() + "."


def article_text(rng: random.Random) -> dict[str, str]:
    service, problem, approach = rng.choice(SERVICES), rng.choice(PROBLEMS), rng.choice(APPROACHES)
    title = f"{approach.capitalize()} untuk {service}: mengatasi {problem}"
    summary = (
        f"Fiktif (bench). {rng.choice(VERBS).capitalize()} {service} dengan {approach}; "
        f"{rng.choice(RESULTS)}."
    )
    body = " ".join(sentence(rng) for _ in range(rng.randint(12, 24)))
    lessons = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
    tags = ", ".join({service, approach, rng.choice(SERVICES)})
    return {"title": title, "summary": summary, "body": body, "lessons": lessons, "tags": tags}


def make_queries(rng: random.Random, n: int) -> list[str]:
    words = [
        w for phrase in SERVICES + PROBLEMS + APPROACHES + RESULTS for w in phrase.split()
    ] + VERBS * 2
    words = [w for w in words if len(w) > 2]
    return [" ".join(rng.sample(words, rng.choice((1, 1, 2, 2, 3)))) for _ in range(n)]


def populate(rng: random.Random, count: int) -> None:
    import datetime as dt

    from django.utils import timezone

    from tanggap.innovation.models import Article, Innovation
    from tanggap.innovation.search import index_text
    from tanggap.org.models import Region, Unit

    region = Region.objects.create(slug="bench", name="Kabupaten Bench")
    units = Unit.objects.bulk_create(
        Unit(region=region, kind="opd", slug=f"unit-{i}", name=f"Unit {i:02d}",
             email=f"unit-{i}@bench.invalid")
        for i in range(40)
    )  # fmt: skip
    affairs = [value for value, _ in Innovation.Affair.choices]
    innovations = Innovation.objects.bulk_create(
        Innovation(
            region=region, unit=rng.choice(units), code=f"INO-2026-{i:04d}",
            name=f"Inovasi fiktif {i}", form=Innovation.Form.PELAYANAN_PUBLIK,
            kind=Innovation.Kind.DIGITAL, initiator=Innovation.Initiator.PERANGKAT_DAERAH,
            affair=rng.choice(affairs), stage=Innovation.Stage.PENERAPAN,
            initiated_on=dt.date(2024, 1, 1), problem="Fiktif.", approach="Fiktif.",
            benefits="Fiktif.",
        )
        for i in range(60)
    )  # fmt: skip
    now = timezone.now()
    batch: list[Article] = []
    for i in range(count):
        text = article_text(rng)
        published = rng.random() < 0.93
        batch.append(
            Article(
                region=region,
                unit=rng.choice(units),
                innovation=rng.choice(innovations) if rng.random() < 0.7 else None,
                status=Article.Status.PUBLISHED if published else Article.Status.DRAFT,
                published_at=now - dt.timedelta(minutes=i) if published else None,
                search_text=index_text(**text),
                **text,
            )
        )
        if len(batch) == 1000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)


def timed(label: str, queries: list[str], run) -> tuple[str, list[float], float]:
    for q in queries:  # warm-up: plans, caches, stems
        run(q)
    latencies, hits = [], 0
    for q in queries:
        began = time.perf_counter()
        hits += run(q)
        latencies.append(time.perf_counter() - began)
    return label, latencies, hits / len(queries)


def main() -> int:
    args = parse_args()
    rng = random.Random(args.seed)
    with scratch(args.pg, prefix="tanggap_bench_library") as site:
        set_up_django(site)
        from django.db import connection

        from tanggap.innovation.search import query_terms, search_articles

        began = time.perf_counter()
        populate(rng, args.articles)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE innovation_article")
        print(
            f"{args.articles} articles written and indexed in {time.perf_counter() - began:.1f} s"
        )
        queries = make_queries(rng, args.queries)

        def ranked(q: str) -> int:
            return len(search_articles(q).hits)

        def fts_sql(q: str) -> int:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT id FROM innovation_article "
                    "WHERE status = 'terbit' AND search_vector "
                    "@@ plainto_tsquery('simple'::regconfig, %s) "
                    "ORDER BY ts_rank_cd(search_vector, "
                    "plainto_tsquery('simple'::regconfig, %s)) DESC LIMIT 20",
                    [" ".join(query_terms(q))] * 2,
                )
                return len(cursor.fetchall())

        def ilike(q: str) -> int:
            words = q.split()
            where = " AND ".join(["(title || ' ' || summary || ' ' || body) ILIKE %s"] * len(words))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id FROM innovation_article WHERE status = 'terbit' AND {where} "  # noqa: S608
                    "ORDER BY published_at DESC LIMIT 20",
                    [f"%{w}%" for w in words],
                )
                return len(cursor.fetchall())

        runs = [timed("ranked", queries, ranked), timed("fts_sql", queries, fts_sql)]
        runs.append(timed("ilike", queries, ilike))
        print(f"{machine(site)}; {len(queries)} queries of 1-3 words, e.g. {queries[:4]}")
        print(f"{'':10}{'p50 ms':>9}{'p99 ms':>9}{'mean ms':>9}{'hits/q':>8}")
        for label, latencies, hits in runs:
            print(
                f"{label:10}{statistics.median(latencies) * 1000:9.2f}"
                f"{percentile(latencies, 0.99) * 1000:9.2f}"
                f"{statistics.mean(latencies) * 1000:9.2f}{hits:8.1f}"
            )
        with connection.cursor() as cursor:
            cursor.execute(
                "EXPLAIN SELECT id FROM innovation_article "
                "WHERE search_vector @@ plainto_tsquery('simple'::regconfig, 'kebakaran')"
            )
            plan = " ".join(row[0] for row in cursor.fetchall())
        uses_index = "innovation_article_search_gin" in plan
        print(f"GIN index used by the planner: {'yes' if uses_index else 'no'}")
        return 0 if uses_index else 1


if __name__ == "__main__":
    sys.exit(main())
