"""The province's KOVABLIK-style round of 2026, from registration to published results.

Proposals come from both regions' eligible innovations (implemented at least `min_years_implemented`
before registration opens, assessed "memenuhi" in the 2026 scheme, at most `max_proposals_per_unit`
per unit). Conflicts come from the organisation chart (`assignment.org_conflicts`, with regions: a juror
who is an official of a region reviews none of its proposals) plus one declared; the reviews are
assigned by `assignment.assign_reviews` (k = `reviews_per_proposal`); the scores are seeded; the results
are `aggregation.aggregate` and `top_n` over the stored scores, written to the proposals and published.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from tanggap.accounts.models import User
from tanggap.demo.accounts import DEMO_PASSWORD, EMAIL_DOMAIN
from tanggap.demo.innovation_common import YEAR, at, new_rng
from tanggap.demo.innovation_scores import score_and_publish
from tanggap.demo.sync import Tally, sync_rows
from tanggap.innovation import workflow as wf
from tanggap.innovation.assignment import assign_reviews, org_conflicts
from tanggap.innovation.models import (
    Assessment,
    Category,
    Conflict,
    Innovation,
    Juror,
    Proposal,
    ProposalEvent,
    Review,
    Round,
    RoundStage,
    RubricItem,
)
from tanggap.innovation.models.common import region_code
from tanggap.org.models import Official, Region, Unit

ROUND_NAME = f"Kompetisi Inovasi Pelayanan Publik Jawa Timur {YEAR} (demo)"
P = Proposal.Status
RV = Review.Status
# username, full name, (region slug, unit slug) of the official it belongs to, or None, expertise.
JURORS = (
    ("juri.kabblitar", None, ("kab-blitar", "inspektorat"), "Tata kelola dan pengawasan"),
    ("juri.kabblitar2", None, ("kab-blitar", "dinkes"), "Kesehatan masyarakat"),
    ("juri.kotablitar", None, ("kota-blitar", "dpmptsp"), "Perizinan dan investasi"),
    ("juri.akademisi1", "Dr. Laksmi Prameswari, M.Si. (tokoh fiktif)", None, "Kebijakan publik"),
    ("juri.akademisi2", "Prof. Hendra Saputro (tokoh fiktif)", None, "Sistem informasi"),
    ("juri.praktisi", "Wulan Kartikasari, S.E. (tokoh fiktif)", None, "Pelayanan publik dan UMKM"),
)
RUBRIC = (
    ("kebaruan", "Kebaruan dan keunikan", 20),
    ("manfaat", "Manfaat dan dampak bagi masyarakat", 25),
    ("keberlanjutan", "Keberlanjutan (regulasi, anggaran, SDM)", 20),
    ("replikasi", "Kemudahan direplikasi", 15),
    ("kolaborasi", "Kolaborasi dan partisipasi", 20),
)
ADMIN_FAILS = {3: "Video presentasi tidak dapat diputar dan tidak diperbaiki sampai batas waktu.",
               11: "Proposal melebihi batas 15 halaman yang ditetapkan panitia."}  # fmt: skip


def _jurors(officials: dict[tuple[str, str], Official], tally: Tally) -> list[tuple]:
    """The juror accounts (no role: sitting on a jury is granted by the round's Juror record)."""
    have = set(
        User.objects.filter(username__in=[j[0] for j in JURORS]).values_list("username", flat=True)
    )
    password = make_password(DEMO_PASSWORD) if len(have) < len(JURORS) else None
    rows, linked = [], []
    for username, name, where, expertise in JURORS:
        official = officials.get(where) if where else None
        row = {"username": username, "email": f"{username}@{EMAIL_DOMAIN}",
               "full_name": official.display_name if official else name}  # fmt: skip
        if username not in have:
            row.update(password=password, is_active=True)
        rows.append(row)
        linked.append((username, official, expertise))
    users = sync_rows(User, rows, key=("username",), tally=tally,
                      existing=User.objects.filter(username__in=[j[0] for j in JURORS]),
                      create_only={"password", "is_active"})  # fmt: skip
    return [(users[(u,)], official, expertise) for u, official, expertise in linked]


def _eligible(round_: Round, regions: list[Region], rng: random.Random) -> list[Innovation]:
    cutoff = round_.opens_on.replace(year=round_.opens_on.year - round_.min_years_implemented)
    qualified = set(
        Assessment.objects.filter(
            scheme__year=YEAR, status=Assessment.Status.DONE, result=Assessment.Result.MEMENUHI,
            finished_at__lt=at(9, 1),
        ).values_list("innovation_id", flat=True)
    )  # fmt: skip
    chosen, per_unit = [], {}
    pool = Innovation.objects.filter(
        region__in=regions, stage=round_.min_stage, implemented_on__lte=cutoff, is_active=True
    ).order_by("region__slug", "code")
    for innovation in pool:
        if (
            innovation.pk not in qualified
            or per_unit.get(innovation.unit_id, 0) >= round_.max_proposals_per_unit
        ):
            continue
        if innovation.region.kind == Region.Kind.KABUPATEN and rng.random() < 0.35:
            continue  # not every unit entered every innovation
        per_unit[innovation.unit_id] = per_unit.get(innovation.unit_id, 0) + 1
        chosen.append(innovation)
    return chosen


def demo_round_load(*, province: Region, regions: list[Region], organiser: User,
                    officials: dict[tuple[str, str], Official], tally: Tally) -> Round | None:  # fmt: skip
    """Build the whole round once (found by organiser, year and name); a present round is left alone."""
    jurors = _jurors(officials, tally)
    if Round.objects.filter(organiser=province, year=YEAR, name=ROUND_NAME).exists():
        return None
    rng = new_rng("round")
    round_ = Round.objects.create(
        organiser=province, name=ROUND_NAME, year=YEAR, style=Round.Style.KOVABLIK,
        description="Kompetisi inovasi pelayanan publik tingkat provinsi bagi kabupaten/kota di "
        "Jawa Timur (data demo).",
        min_stage=Innovation.Stage.PENERAPAN, min_years_implemented=1, max_proposals_per_unit=3,
        reviews_per_proposal=3, max_load=20, top_n=8, outlier_gap=Decimal(20),
        opens_on=dt.date(YEAR, 9, 1), closes_on=dt.date(YEAR, 9, 30), created_by=organiser,
    )  # fmt: skip
    Round.objects.filter(pk=round_.pk).update(created_at=at(8, 3, 9))
    stages = [(RoundStage.Kind.ADMIN, "Seleksi administrasi", (10, 1), (10, 7)),
              (RoundStage.Kind.PRESENTATION, "Presentasi dan wawancara", (10, 8), (10, 31)),
              (RoundStage.Kind.TOP, "Penetapan Top 8", (11, 2), (11, 20))]  # fmt: skip
    RoundStage.objects.bulk_create(
        RoundStage(round=round_, order=i, kind=k, name=n, starts_on=dt.date(YEAR, *s),
                   ends_on=dt.date(YEAR, *e)) for i, (k, n, s, e) in enumerate(stages, start=1)
    )  # fmt: skip
    categories = {
        "pelayanan-publik": Category.objects.create(
            round=round_, code="pelayanan-publik", name="Inovasi pelayanan publik",
            forms=[Innovation.Form.PELAYANAN_PUBLIK]),
        "tata-kelola": Category.objects.create(
            round=round_, code="tata-kelola", name="Inovasi tata kelola dan lainnya",
            forms=[Innovation.Form.TATA_KELOLA, Innovation.Form.LAINNYA]),
    }  # fmt: skip
    items = [RubricItem.objects.create(round=round_, code=c, name=n, weight=Decimal(w), order=i,
                                       guidance=f"Nilai 0–100 untuk {n.lower()}.")
             for i, (c, n, w) in enumerate(RUBRIC, start=1)]  # fmt: skip
    proposals = _proposals(round_, regions, categories, organiser, rng)
    juror_rows = [Juror.objects.create(round=round_, user=u, official=o, expertise=e)
                  for u, o, e in jurors]  # fmt: skip
    in_review = [p for p in proposals if p.status == P.IN_REVIEW]
    pairs = _conflicts(in_review, juror_rows)
    assignment = assign_reviews(
        proposals=[p.pk for p in in_review], jurors=[j.pk for j in juror_rows],
        k=round_.reviews_per_proposal, conflicts=pairs, max_load=round_.max_load,
    )  # fmt: skip
    score_and_publish(round_, in_review, juror_rows, items, assignment.pairs, organiser, rng)
    tally.add(Round._meta.label, created=1)
    tally.add(Proposal._meta.label, created=len(proposals))
    tally.add(Review._meta.label, created=Review.objects.filter(round=round_).count())
    return round_


def _proposals(round_, regions, categories, organiser, rng) -> list[Proposal]:
    label = organiser.get_full_name() or organiser.username
    made = []
    for n, innovation in enumerate(_eligible(round_, regions, rng), start=1):
        submitted = at(9, 2 + n % 27, 10)
        category = categories["pelayanan-publik" if innovation.form == Innovation.Form.PELAYANAN_PUBLIK
                              else "tata-kelola"]  # fmt: skip
        failed = ADMIN_FAILS.get(n)
        proposal = Proposal.objects.create(
            round=round_, category=category, innovation=innovation, unit=innovation.unit,
            region=innovation.region, code=region_code("P", YEAR, n), title=innovation.name,
            summary=f"{innovation.problem} {innovation.approach} {innovation.benefits}",
            status=P.ADMIN_FAILED if failed else P.IN_REVIEW, admin_note=failed or "",
            submitted_at=submitted,
        )  # fmt: skip
        screened = at(10, 1 + n % 6, 14)
        Proposal.objects.filter(pk=proposal.pk).update(created_at=submitted - dt.timedelta(days=1))
        ProposalEvent.objects.bulk_create([
            ProposalEvent(proposal=proposal, action=wf.SUBMIT, from_status=P.DRAFT,
                          to_status=P.SUBMITTED, actor_label=innovation.unit.name, at=submitted),
            ProposalEvent(proposal=proposal, action=wf.FAIL_ADMIN if failed else wf.PASS_ADMIN,
                          from_status=P.SUBMITTED, to_status=proposal.status, actor=organiser,
                          actor_label=label, note=failed or "", at=screened),
        ])  # fmt: skip
        made.append(proposal)
    return made


def _conflicts(proposals: list[Proposal], jurors: list[Juror]) -> set[tuple[int, int]]:
    """Org-chart conflicts (own unit, its parent and sub-units, own region) and one declared one."""
    units = Unit.objects.filter(region__in={p.region_id for p in proposals} | {
        j.official.region_id for j in jurors if j.official})  # fmt: skip
    linked = [j for j in jurors if j.official]
    chart = org_conflicts(
        {p.pk: p.unit_id for p in proposals}, {j.pk: j.official.unit_id for j in linked},
        {u.pk: u.parent_id for u in units},
        proposal_regions={p.pk: p.region_id for p in proposals},
        juror_regions={j.pk: j.official.region_id for j in linked},
    )  # fmt: skip
    experts = [j for j in jurors if not j.official]
    declared = (proposals[0].pk, experts[-1].pk)
    rows = [Conflict(juror_id=j, proposal_id=p, source=Conflict.Source.ORG_CHART,
                     reason="Juri adalah pegawai pemerintah daerah pengusul.")
            for p, j in sorted(chart)]  # fmt: skip
    if declared not in chart:
        rows.append(Conflict(juror_id=declared[1], proposal_id=declared[0],
                             source=Conflict.Source.DECLARED,
                             reason="Pernah menjadi narasumber pelatihan tim inovasi ini."))  # fmt: skip
    Conflict.objects.bulk_create(rows)
    Conflict.objects.filter(proposal__in=proposals).update(created_at=at(10, 7, 16))
    return chart | {declared}
