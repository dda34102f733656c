"""Demo SKM responses: twelve months of satisfaction surveys at Kabupaten Blitar's queue locations (Dukcapil,
the MPP's Dukcapil booth and the first kecamatan offices), at the MPP itself and at a few OPD, so the IKM
reports, the region comparison and the public page have something to show.

Drawn from `random.Random(SEED)`: every run draws the same responses, dated back from the day of the load.
Natural keys: survey settings by unit; responses by `source_key`, a SHA-256 of `demo:<region>:<unit>:<n>`
(the demo writes no queue tickets to link to). A response that exists is never touched again and nothing
is deleted, so a second load changes nothing. Answers are realistic: waktu (completion time) and
pengaduan (complaint handling) are the weakest elements, biaya (mostly free services) the strongest; a
few units fall short of the Krejcie–Morgan sample on purpose. The MPP accepts surveys without a ticket;
some of its responses are flagged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from django.utils import timezone

from tanggap.demo.queues import queue_locations
from tanggap.demo.specs import RegionSpec, region_specs
from tanggap.demo.sync import Tally, sync_rows
from tanggap.org.models import Region, Unit
from tanggap.queueing.models import QueueService
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.models import SurveyResponse, SurveySettings

REGION = "kab-blitar"
SEED = 14_2017
MONTHS = 12
KECAMATAN_OFFICES = 4
OTHER_UNITS = ("mpp", "dinkes", "dpmptsp", "dinsos")
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
# Responses per month: the big offices answer often, kecamatan and OPD less (some below the sample).
PER_MONTH = {"dukcapil": 34, "mpp-dukcapil": 18, "mpp": 14}
PER_MONTH_OTHER = 7
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


def _choice(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _source_key(region: Region, unit: Unit, n: int) -> str:
    return hashlib.sha256(f"demo:{region.slug}:{unit.slug}:{n}".encode()).hexdigest()


def survey_units(spec: RegionSpec, units: dict[str, Unit]) -> list[Unit]:
    """The units that get demo responses: queue locations (the first kecamatan only) and a few others."""
    locations = [unit for unit, _layout in queue_locations(spec, units)]
    kecamatan = [u for u in locations if u.kind == Unit.Kind.KECAMATAN][:KECAMATAN_OFFICES]
    chosen = [u for u in locations if u.kind != Unit.Kind.KECAMATAN] + kecamatan
    chosen += [units[slug] for slug in OTHER_UNITS if slug in units]
    return list(dict.fromkeys(chosen))


def demo_surveys_load(*, loaded: dict, tally: Tally, today: dt.date | None = None) -> None:
    """Survey settings for every demo unit; twelve months of responses in Kabupaten Blitar.

    `loaded` maps a region slug to the loader's LoadedRegion (region, units, ...)."""
    specs = {spec.slug: spec for spec in region_specs()}
    for slug, item in loaded.items():
        if slug in specs:
            _region_surveys(specs[slug], item.region, item.units, tally, today)


def _region_surveys(
    spec: RegionSpec, region: Region, units: dict[str, Unit], tally: Tally, today
) -> None:
    sync_rows(
        SurveySettings,
        [
            {"unit_id": unit.pk, "allow_without_ticket": slug == "mpp", "weighting": "official"}
            for slug, unit in units.items()
        ],
        key=("unit_id",),
        existing=SurveySettings.objects.filter(unit__region=region),
        tally=tally,
        create_only={"allow_without_ticket", "weighting"},  # the unit's own settings page owns them
    )
    if spec.slug != REGION:
        return
    today = today or timezone.localdate()
    chosen = survey_units(spec, units)
    services: dict[int, list[int]] = {}
    for location_id, service_id in (
        QueueService.objects.filter(location__in=chosen)
        .order_by("location_id", "order")
        .values_list("location_id", "service_id")
    ):
        services.setdefault(location_id, []).append(service_id)
    drafts = []
    for unit in chosen:
        drafts.extend(_drafts(region, unit, services.get(unit.pk, []), today))
    have = set(
        SurveyResponse.objects.filter(source_key__in=[d.source_key for d in drafts]).values_list(
            "source_key", flat=True
        )
    )
    missing = [d for d in drafts if d.source_key not in have]
    SurveyResponse.objects.bulk_create(missing, batch_size=500)
    tally.add(SurveyResponse._meta.label, created=len(missing))


def _drafts(
    region: Region, unit: Unit, service_ids: list[int], today: dt.date
) -> list[SurveyResponse]:
    """The unit's responses, the same on every run (one generator per unit, seeded by its slug)."""
    rng = random.Random(f"{SEED}:{unit.slug}")  # noqa: S311 - demo data, reproducible on purpose
    keys = load_instrument().keys
    shift = {key: rng.uniform(-0.25, 0.2) for key in keys}
    per_month = PER_MONTH.get(unit.slug, PER_MONTH_OTHER)
    flagging = unit.slug == "mpp"
    drafts = []
    n = 0
    for back in range(MONTHS, 0, -1):
        first = dt.date(today.year, today.month, 1)
        month_index = first.year * 12 + first.month - 1 - (back - 1)
        start = dt.date(month_index // 12, month_index % 12 + 1, 1)
        improving = (MONTHS - back) * 0.012  # a slow improvement over the year
        for _ in range(max(1, round(rng.gauss(per_month, per_month * 0.2)))):
            n += 1
            served_on = start + dt.timedelta(days=rng.randrange(28))
            if served_on > today:
                continue
            answers = {
                key: min(
                    4, max(1, round(rng.gauss(ELEMENT_MEANS[key] + shift[key] + improving, 0.62)))
                )
                for key in keys
            }
            without_ticket = flagging and rng.random() < 0.3
            submitted = dt.datetime.combine(
                served_on, dt.time(8 + rng.randrange(7), rng.randrange(60)), tzinfo=dt.UTC
            ) - dt.timedelta(hours=7)  # office hours WIB
            drafts.append(
                SurveyResponse(
                    region=region,
                    unit=unit,
                    location=unit if unit.is_service_location else None,
                    service_id=rng.choice(service_ids) if service_ids else None,
                    answers=answers,
                    source=SurveyResponse.Source.NONE
                    if without_ticket
                    else SurveyResponse.Source.TICKET,
                    source_key=_source_key(region, unit, n),
                    channel=SurveyResponse.Channel.KIOSK
                    if rng.random() < 0.35
                    else SurveyResponse.Channel.WEB,
                    is_flagged=without_ticket,
                    sex=rng.choice(SEXES),
                    age=max(17, min(80, round(rng.gauss(38, 12)))),
                    education=_choice(rng, EDUCATIONS),
                    occupation=_choice(rng, OCCUPATIONS),
                    comment=rng.choice(COMMENTS) if rng.random() < 0.08 else "",
                    served_on=served_on,
                    submitted_at=submitted + dt.timedelta(minutes=30),
                )
            )
    return drafts
