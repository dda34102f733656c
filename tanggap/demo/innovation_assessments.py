"""The demo's evidence (bukti dukung) and the office's 2026 assessments against the five criteria.

Every innovation on trial or implemented gets links on the SID indicators (some missing, a few judged
invalid with a reason) and an assessment: most DONE ("memenuhi", a handful "tidak memenuhi" with the
unmet criterion noted), a few still in progress with evidence waiting. The region gets its SPD evidence.
Assessment events: "start" (creation), "decide" (evidence validated, criteria decided), "finish"."""

from __future__ import annotations

import datetime as dt
import random

from tanggap.accounts.models import User
from tanggap.demo.innovation import INVALID_REASONS, START, UNMET_NOTES, evidence_link
from tanggap.demo.innovation_common import at, new_rng
from tanggap.demo.sync import Tally
from tanggap.innovation import workflow as wf
from tanggap.innovation.criteria import Criterion, assessment_result
from tanggap.innovation.models import (
    Assessment,
    AssessmentEvent,
    Evidence,
    IndexScheme,
    Indicator,
    Innovation,
)
from tanggap.org.models import Region

V = Evidence.Status
A = Assessment.Status


def _level(rng: random.Random, indicator: Indicator) -> int:
    top = len(indicator.levels)
    return max(1, top - min(top - 1, int(rng.expovariate(1.2))))


def demo_spd_evidence_load(
    *, region: Region, scheme: IndexScheme, office: User, tally: Tally
) -> None:
    """The region's own (SPD) evidence, validated in March; one indicator missing, one invalid."""
    if Evidence.objects.filter(region=region, innovation=None, indicator__scheme=scheme).exists():
        return
    rng = new_rng("spd", region.slug)
    rows = []
    spd = list(scheme.indicators.filter(aspect="spd").order_by("order"))
    for n, indicator in enumerate(spd):
        if n == len(spd) - 1:
            continue  # missing: the office sees it in the list of what to fix
        status = V.INVALID if n == 2 else V.VALID
        rows.append(
            Evidence(
                region=region, indicator=indicator, level=_level(rng, indicator),
                medium=Evidence.Medium.LINK, link=evidence_link(region, "spd", indicator.code),
                description=f"Bukti {indicator.name.lower()} (data demo)", status=status,
                reason=INVALID_REASONS[1] if status == V.INVALID else "", uploaded_by=office,
                validated_by=office, validated_at=at(3, 10 + n % 15, 10),
            )
        )  # fmt: skip
    Evidence.objects.bulk_create(rows)
    Evidence.objects.filter(region=region, innovation=None).update(uploaded_at=at(3, 2, 10))
    tally.add(Evidence._meta.label, created=len(rows))


def demo_assessments_load(
    *,
    region: Region,
    scheme: IndexScheme,
    office: User,
    innovations: list[Innovation],
    tally: Tally,
) -> None:
    """Evidence and an assessment for each innovation on trial or implemented that has none yet."""
    rng = new_rng("assess", region.slug)
    sid = list(scheme.indicators.filter(aspect="sid").order_by("order"))
    assessed = set(Assessment.objects.filter(scheme=scheme, innovation__region=region)
                   .values_list("innovation_id", flat=True))  # fmt: skip
    label = office.get_full_name() or office.username
    evidence, events, count = [], [], 0
    uploads: dict[int, dt.datetime] = {}
    candidates = [i for i in innovations if i.stage != Innovation.Stage.INISIATIF]
    for n, innovation in enumerate(candidates):
        started = at(3 + n % 6, 1 + (n * 5) % 25, 9)
        in_progress = n % 13 == 7
        unmet = list(UNMET_NOTES)[n % 3] if n % 11 == 3 else None
        finished = started + dt.timedelta(days=rng.randint(5, 35))
        plan = []
        for indicator in sid:
            draw = rng.random()
            if draw < 0.08:
                continue  # missing evidence
            status = V.INVALID if draw > 0.95 else V.VALID
            if in_progress and draw > 0.6:
                status = V.PENDING
            plan.append((indicator, _level(rng, indicator), status, rng.choice(INVALID_REASONS)))
        if innovation.pk in assessed:
            continue
        validated = started + (finished - started) / 2
        for indicator, level, status, reason in plan:
            evidence.append(
                Evidence(
                    region=region, indicator=indicator, innovation=innovation, level=level,
                    medium=Evidence.Medium.LINK,
                    link=evidence_link(region, innovation.code, indicator.code),
                    description=f"{indicator.name} — {innovation.name}", status=status,
                    reason=reason if status == V.INVALID else "", uploaded_by=office,
                    validated_by=None if status == V.PENDING else office,
                    validated_at=None if status == V.PENDING else validated,
                )
            )  # fmt: skip
        criteria = {c.value: c != unmet for c in Criterion}
        notes = {unmet.value: UNMET_NOTES[unmet]} if unmet else {}
        if in_progress:
            criteria = {c.value: (True if i < 2 else None) for i, c in enumerate(Criterion)}
        result = assessment_result(criteria).status
        assessment = Assessment.objects.create(
            innovation=innovation, scheme=scheme, status=A.IN_PROGRESS if in_progress else A.DONE,
            criteria=criteria, criteria_notes=notes, result=result, assessor=office,
            started_at=started, finished_at=None if in_progress else finished,
            note="" if in_progress else _note(result, unmet),
        )  # fmt: skip
        count += 1
        uploads[innovation.pk] = started - dt.timedelta(days=3)
        valid = sum(1 for p in plan if p[2] == V.VALID)
        invalid = sum(1 for p in plan if p[2] == V.INVALID)
        moves = [
            (START, "", A.IN_PROGRESS, started, ""),
            (wf.DECIDE, A.IN_PROGRESS, A.IN_PROGRESS, validated,
             f"Bukti dukung divalidasi: {valid} sah, {invalid} tidak sah."),
        ]  # fmt: skip
        if not in_progress:
            moves += [
                (wf.DECIDE, A.IN_PROGRESS, A.IN_PROGRESS, finished - dt.timedelta(hours=1),
                 "Kelima kriteria diputuskan."),
                (wf.FINISH, A.IN_PROGRESS, A.DONE, finished, str(assessment.get_result_display())),
            ]  # fmt: skip
        events += [
            AssessmentEvent(assessment=assessment, action=a, from_status=f, to_status=t,
                            actor=office, actor_label=label, note=note, at=w)
            for a, f, t, w, note in moves
        ]  # fmt: skip
    Evidence.objects.bulk_create(evidence)
    for innovation_pk, uploaded in uploads.items():
        Evidence.objects.filter(innovation_id=innovation_pk).update(uploaded_at=uploaded)
    AssessmentEvent.objects.bulk_create(events)
    tally.add(Evidence._meta.label, created=len(evidence))
    tally.add(Assessment._meta.label, created=count)
    tally.add(AssessmentEvent._meta.label, created=len(events))


def _note(result: str, unmet) -> str:
    if unmet is not None:
        return f"Tidak memenuhi kriteria: {unmet.label}."
    return "Memenuhi kelima kriteria inovasi daerah."
