"""Shared pieces of the Inovasi daerah demo: the province, the fixed clock, the data file, texts.

Every date of the innovation demo is fixed (the demo's year is 2026), never read from today, and every
choice comes from one `random.Random(SEED)` per part, so every load produces the very same records.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import cache
from zoneinfo import ZoneInfo

from tanggap.core.text import normalize_text
from tanggap.demo.specs import read_json
from tanggap.demo.sync import Tally, fill_if_empty, sync_rows
from tanggap.org.models import Region

YEAR = 2026
SEED = 12_2026
TZ = ZoneInfo("Asia/Jakarta")
PROVINCE_SLUG = "prov-jatim"
EVIDENCE_HOST = "https://inovasi.example.go.id"


def new_rng(*parts: object) -> random.Random:
    """One reproducible generator per part of the demo."""
    return random.Random("-".join(str(p) for p in (SEED, *parts)))  # noqa: S311 - demo data


def at(month: int, day: int, hour: int = 9, minute: int = 0, *, year: int = YEAR) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


def on(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


@cache
def data() -> dict:
    return read_json("innovation.json")


def search_text(*parts: str) -> str:
    """The stemmed words the "similar ideas" and library searches compare (tanggap.core.text)."""
    return normalize_text(" ".join(p for p in parts if p))


def demo_province_load(regions: list[Region], tally: Tally) -> Region:
    """Provinsi Jawa Timur: the parent of both demo regions and the organiser of the province round.

    It hosts no services of its own; it is active so its innovation office can sign in. The demo
    regions get it as parent only while their parent is still empty."""
    rows = [
        {
            "slug": PROVINCE_SLUG,
            "name": "Provinsi Jawa Timur",
            "kind": Region.Kind.PROVINSI,
            "code": "35",
            "timezone": "Asia/Jakarta",
            "head_title": "Gubernur",
            "head_name": "Ratna Kusumawardani (tokoh fiktif)",
            "address": "Jalan Pahlawan, Surabaya, Jawa Timur",
            "website": "https://jatimprov.go.id",
            "is_active": True,
        }
    ]
    found = sync_rows(
        Region,
        rows,
        key=("slug",),
        existing=Region.objects.filter(slug=PROVINCE_SLUG),
        tally=tally,
        create_only={"is_active"},
    )
    province = found[(PROVINCE_SLUG,)]
    fill_if_empty(
        regions,
        "parent_id",
        {r.pk: province.pk for r in regions},
        tally=tally,
        label=Region._meta.label,
    )
    return province
