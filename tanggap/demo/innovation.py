"""The Inovasi daerah demo (issue 12): the 2026 index scheme, Kabupaten Blitar's registry of innovations
with evidence, assessments and index snapshots, a few innovations of Kota Blitar; then the ideas
(`innovation_ideas`), the province round (`innovation_rounds`) and the P2B library (`innovation_library`).

Written against the models directly, the way the services write them: every status change has its
workflow event whose (from, to) is a move of the tables in `tanggap.innovation.workflow`; a record's
creation is an event with an empty `from_status` ("register", "start", "assign", "request").
Idempotent: records are found by natural key (scheme year, idea/innovation/proposal code, round name,
article title) and a present record, with everything made together with it, is never touched again.

How the figures are made (and checked by the tests):
- an innovation's level on an indicator = the highest level among its VALID evidence for it;
- the region's index = `index.compute_index(scheme, SPD levels, [levels of every innovation whose
  assessment in the scheme is DONE and "memenuhi"])`, as of the snapshot's time (evidence validated and
  assessments finished by then).
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from decimal import Decimal

from django.apps import apps as django_apps

from tanggap.accounts.models import User
from tanggap.demo.innovation_common import EVIDENCE_HOST, YEAR, at, data, new_rng, on, search_text
from tanggap.demo.sync import Tally
from tanggap.innovation import workflow as wf
from tanggap.innovation.criteria import Criterion
from tanggap.innovation.index import compute_index
from tanggap.innovation.models import (
    Assessment,
    Evidence,
    IndexScheme,
    IndexSnapshot,
    Indicator,
    Innovation,
    InnovationEvent,
)
from tanggap.innovation.models.common import region_code
from tanggap.org.models import Official, Region, Unit

REGISTER = "register"  # creation events: empty from_status
START = "start"
SNAPSHOTS = ((at(6, 30, 15), "Potret tengah tahun (data demo)"),
             (at(11, 30, 15), "Potret sebelum pelaporan ke Kemendagri (data demo)"))  # fmt: skip
INVALID_REASONS = (
    "Tautan tidak dapat dibuka; unggah ulang dokumen atau perbaiki tautannya.",
    "Dokumen tidak ditandatangani pejabat yang berwenang.",
    "Bukti menunjukkan tahun 2023, bukan tahun penilaian.",
    "Isi dokumen tidak sesuai pilihan bukti yang diklaim.",
)
UNMET_NOTES = {
    Criterion.PEMBAHARUAN: "Kegiatan rutin yang sudah berjalan sebelumnya; belum ada unsur baru.",
    Criterion.KEWENANGAN_DAERAH: "Layanan ini kewenangan instansi vertikal, bukan urusan daerah.",
    Criterion.DAPAT_DIREPLIKASI: "Bergantung pada satu orang dan belum terdokumentasi.",
}


def demo_scheme_2026(tally: Tally) -> IndexScheme:
    """The 2026 scheme: a copy of the seeded 2023 structure (Kemendagri has published no newer one)."""
    found = IndexScheme.objects.filter(year=YEAR).first()
    if found is not None:
        return found
    base = IndexScheme.objects.filter(year=2023).first()
    if base is None:  # a flushed database lost the migration's data: seed it again, the same way
        seed = importlib.import_module("tanggap.innovation.migrations.0002_seed_iid_2023").seed
        seed(django_apps, None)
        base = IndexScheme.objects.get(year=2023)
    scheme = IndexScheme.objects.create(
        year=YEAR,
        name=f"Indeks Inovasi Daerah {YEAR} (salinan struktur IID 2023)",
        count_steps=base.count_steps,
        band_floors=base.band_floors,
        file_types=base.file_types,
        file_max_bytes=base.file_max_bytes,
        source_note=(
            "Data demo: salinan struktur IID 2023 (indikator, bobot, pilihan bukti, predikat) "
            "karena pedoman tahun 2026 belum ditetapkan.\n" + base.source_note
        ),
    )
    rows = [
        Indicator(scheme=scheme, code=i.code, name=i.name, aspect=i.aspect, max_score=i.max_score,
                  levels=i.levels, order=i.order, guidance=i.guidance)
        for i in base.indicators.all()
    ]  # fmt: skip
    Indicator.objects.bulk_create(rows)
    tally.add(IndexScheme._meta.label, created=1)
    tally.add(Indicator._meta.label, created=len(rows))
    return scheme


def _date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _plan(rng: random.Random, number: int, stage: str) -> dict:
    """Dates of one innovation at its stage (fixed, before the demo year's assessments)."""
    if stage == Innovation.Stage.PENERAPAN:
        initiated = _date(rng, dt.date(2019, 1, 1), dt.date(2024, 3, 1))
        trial = initiated + dt.timedelta(days=rng.randint(60, 240))
        # A few were implemented less than a year before the round opens: not eligible there.
        late = number % 11 == 5
        implemented = (
            _date(rng, dt.date(2025, 10, 1), dt.date(2026, 1, 31))
            if late
            else trial + dt.timedelta(days=rng.randint(90, 300))
        )
        return {"initiated_on": initiated, "trial_on": trial, "implemented_on": implemented}
    initiated = _date(rng, dt.date(2024, 6, 1), dt.date(2025, 6, 30))
    return {
        "initiated_on": initiated,
        "trial_on": initiated + dt.timedelta(days=rng.randint(60, 180)),
    }


def _owners(region: Region) -> dict[int, list[Official]]:
    by_unit: dict[int, list[Official]] = {}
    for official in Official.objects.filter(region=region).order_by("nip"):
        by_unit.setdefault(official.unit_id, []).append(official)
    return by_unit


def _texts(row) -> dict:
    _unit, name, affair, form, kind, initiator, problem, approach, benefit = row
    return {
        "name": name,
        "affair": affair,
        "form": form,
        "kind": kind,
        "initiator": initiator,
        "problem": f"Sebelum inovasi ini, {problem}.",
        "approach": f"{approach[0].upper()}{approach[1:]}.",
        "benefits": f"Manfaat: {benefit}.",
    }


def demo_registry_load(
    *, region: Region, units: dict[str, Unit], office: User, rows: list, ideas: list, tally: Tally
) -> list[Innovation]:
    """Register the region's innovations that are missing (by code), with their stage events.

    `rows` are the data file's innovations (every sixth one still on trial, the rest implemented);
    `ideas` the accepted ideas, each an innovation at stage inisiatif after them."""
    rng = new_rng(region.slug)
    owners = _owners(region)
    have = set(Innovation.objects.filter(region=region).values_list("code", flat=True))
    made, events = [], []
    label = office.get_full_name() or office.username
    for number, row in enumerate(rows, start=1):
        stage = Innovation.Stage.UJI_COBA if number % 6 == 0 else Innovation.Stage.PENERAPAN
        dates = _plan(rng, number, stage)
        budget = Decimal(rng.randrange(0, 400) * 500_000)
        unit = units[row[0]]
        people = owners.get(unit.pk, [])[:4]
        picked = rng.sample(people, min(len(people), rng.randint(1, 2)))
        code = region_code("INO", YEAR, number)
        if code in have:
            continue
        texts = _texts(row)
        results = (
            f"Sejak diterapkan {dates['implemented_on']:%B %Y}, {row[8]}."
            if stage == Innovation.Stage.PENERAPAN
            else "Uji coba berjalan; hasil dievaluasi akhir tahun."
        )
        made.append((Innovation(region=region, unit=unit, code=code, stage=stage, results=results,
                                budget=budget or None, created_by=office, **dates, **texts,
                                search_text=search_text(texts["name"], texts["problem"],
                                                        texts["approach"], texts["benefits"])),
                     picked))  # fmt: skip
    for offset, idea in enumerate(ideas, start=len(rows) + 1):
        code = region_code("INO", YEAR, offset)
        if code in have:
            continue
        people = owners.get(idea.unit_id, [])[:1] or [idea.author]
        made.append((Innovation(
            region=region, unit_id=idea.unit_id, code=code, name=idea.title,
            form=Innovation.Form.PELAYANAN_PUBLIK, kind=Innovation.Kind.DIGITAL
            if "digital" in idea.search_text or "daring" in idea.proposal else Innovation.Kind.NON_DIGITAL,
            initiator=Innovation.Initiator.ASN, affair=_affair_of(units, idea.unit_id),
            stage=Innovation.Stage.INISIATIF, initiated_on=idea.decided_at.date(),
            problem=idea.problem, approach=idea.proposal, benefits=f"Manfaat bagi {idea.beneficiaries}",
            idea=idea, created_by=office,
            search_text=search_text(idea.title, idea.problem, idea.proposal)), [idea.author]))  # fmt: skip
    if made:
        Innovation.objects.bulk_create([m for m, _ in made])
        saved = {i.code: i for i in Innovation.objects.filter(region=region)}
        for m, _ in made:  # registered on the day of the demo's "register" event, not at load time
            saved[m.code].created_at = on(saved[m.code].initiated_on)
        Innovation.objects.bulk_update([saved[m.code] for m, _ in made], ["created_at"])
        through = Innovation.owners.through
        through.objects.bulk_create(
            through(innovation_id=saved[m.code].pk, official_id=o.pk) for m, people in made for o in people
        )  # fmt: skip
        for m, _ in made:
            events += _stage_events(saved[m.code], office, label)
        InnovationEvent.objects.bulk_create(events)
    tally.add(Innovation._meta.label, created=len(made))
    tally.add(InnovationEvent._meta.label, created=len(events))
    return list(Innovation.objects.filter(region=region).order_by("code"))


def _affair_of(units: dict[str, Unit], unit_id: int) -> str:
    slug = next(s for s, u in units.items() if u.pk == unit_id)
    by_unit = {row[0]: row[2] for row in data()["innovations"]}
    return by_unit.get(slug, Innovation.Affair.PEMERINTAHAN_UMUM)


def _stage_events(innovation: Innovation, office: User, label: str) -> list[InnovationEvent]:
    S = Innovation.Stage
    moves = [(REGISTER, "", S.INISIATIF, on(innovation.initiated_on), "Didaftarkan (data demo)")]
    if innovation.trial_on:
        moves.append((wf.TO_TRIAL, S.INISIATIF, S.UJI_COBA, on(innovation.trial_on), ""))
    if innovation.implemented_on:
        moves.append(
            (wf.TO_IMPLEMENTATION, S.UJI_COBA, S.PENERAPAN, on(innovation.implemented_on), "")
        )
    return [
        InnovationEvent(innovation=innovation, action=a, from_status=f, to_status=t, actor=office,
                        actor_label=label, note=n, at=w)
        for a, f, t, w, n in moves
    ]  # fmt: skip


def evidence_levels(rows) -> dict[str, int]:
    """indicator code → the highest level among VALID evidence rows (code, level, status)."""
    levels: dict[str, int] = {}
    for code, level, status in rows:
        if status == Evidence.Status.VALID:
            levels[code] = max(level, levels.get(code, 0))
    return levels


def index_as_of(region: Region, scheme: IndexScheme, moment: dt.datetime):
    """`compute_index` over the region's records as they stood at `moment` (see the module docstring)."""
    valid = Evidence.objects.filter(
        region=region, indicator__scheme=scheme, status=Evidence.Status.VALID,
        validated_at__lte=moment,
    ).values_list("innovation_id", "indicator__code", "level", "status")  # fmt: skip
    counted = list(
        Assessment.objects.filter(
            innovation__region=region, scheme=scheme, status=Assessment.Status.DONE,
            result=Assessment.Result.MEMENUHI, finished_at__lte=moment,
        ).order_by("innovation__code").values_list("innovation_id", flat=True)
    )  # fmt: skip
    by_owner: dict[int | None, list] = {}
    for owner, code, level, status in valid:
        by_owner.setdefault(owner, []).append((code, level, status))
    return compute_index(
        scheme.to_scheme(),
        evidence_levels(by_owner.get(None, [])),
        [evidence_levels(by_owner.get(pk, [])) for pk in counted],
    )


def demo_snapshots_load(*, region: Region, scheme: IndexScheme, tally: Tally) -> None:
    have = set(
        IndexSnapshot.objects.filter(region=region, scheme=scheme).values_list("reason", flat=True)
    )
    for moment, reason in SNAPSHOTS:
        if reason in have:
            continue
        result = index_as_of(region, scheme, moment)
        IndexSnapshot.objects.create(
            region=region, scheme=scheme, index=result.index, band=result.band,
            innovations=result.innovation_count, computed_at=moment, reason=reason,
        )  # fmt: skip
        tally.add(IndexSnapshot._meta.label, created=1)


def evidence_link(region: Region, code: str, indicator: str) -> str:
    return f"{EVIDENCE_HOST}/{region.slug}/{code.lower()}/{indicator}.pdf"
