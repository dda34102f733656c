"""The demo's 2026 ideas in Kabupaten Blitar ("Blitar Cepat Tanggap"): drafts, submitted, sent back for
revision, accepted (each becomes an innovation at stage inisiatif, made in `innovation.py`), declined
with a reason and one withdrawn; with colleagues' supports and comments. Every move is an `IdeaEvent`
whose (from, to) is a move of `IDEA_MACHINE`, as the ideas service records it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tanggap.accounts.models import User
from tanggap.demo.innovation_common import YEAR, at, data, new_rng, search_text
from tanggap.demo.sync import Tally
from tanggap.innovation import workflow as wf
from tanggap.innovation.models import Idea, IdeaComment, IdeaEvent, IdeaSupport
from tanggap.innovation.models.common import region_code
from tanggap.org.models import Official, Region, Unit

S = Idea.Status
COMMENTS = (
    "Setuju, di unit kami masalah ini juga sering dikeluhkan warga.",
    "Usul: uji coba dulu di satu kecamatan sebelum diterapkan menyeluruh.",
    "Perlu dipikirkan siapa petugas yang mengelola setelah uji coba selesai.",
    "Ide bagus, mohon dihitung juga kebutuhan anggarannya.",
    "Bisa bekerja sama dengan kader desa supaya lebih cepat berjalan.",
)
REVISION_NOTE = "Mohon lengkapi perkiraan biaya, siapa pelaksananya, dan ukuran keberhasilannya."


@dataclass
class IdeaOutcome:
    accepted: list[Idea]


def _officials_of(region: Region) -> dict[int, list[Official]]:
    by_unit: dict[int, list[Official]] = {}
    for official in Official.objects.filter(region=region).order_by("nip"):
        by_unit.setdefault(official.unit_id, []).append(official)
    return by_unit


def demo_ideas_load(
    *, region: Region, units: dict[str, Unit], office: User, tally: Tally
) -> IdeaOutcome:
    """Create the ideas that are missing (by code); a present idea is left exactly as it is."""
    rng = new_rng("ideas")
    by_unit = _officials_of(region)
    everyone = [o for people in by_unit.values() for o in people]
    have = set(Idea.objects.filter(region=region).values_list("code", flat=True))
    created = {"ideas": 0, "events": 0, "supports": 0, "comments": 0}
    for number, row in enumerate(data()["ideas"], start=1):
        unit_slug, title, problem, proposal, beneficiaries, status, reason = row
        code = region_code("IDE", YEAR, number)
        people = by_unit.get(units[unit_slug].pk) or everyone
        author = people[rng.randrange(len(people))]
        supporters = rng.sample(everyone, rng.randint(0, 9))
        comment_count = rng.randint(0, 3) if status != S.DRAFT else 0
        month, day = 1 + number % 9, 1 + (number * 7) % 27
        if code in have:
            continue
        _idea(
            region=region,
            unit=units[unit_slug],
            code=code,
            author=author,
            office=office,
            texts=(title, problem, proposal, beneficiaries, reason),
            status=status,
            when=(month, day),
            supporters=[] if status == S.DRAFT else supporters,
            comments=[
                (everyone[rng.randrange(len(everyone))], COMMENTS[(number + i) % 5])
                for i in range(comment_count)
            ],
            created=created,
        )
    for label, model in (
        ("ideas", Idea),
        ("events", IdeaEvent),
        ("supports", IdeaSupport),
        ("comments", IdeaComment),
    ):
        tally.add(model._meta.label, created=created[label])
    accepted = list(Idea.objects.filter(region=region, status=S.ACCEPTED).order_by("code"))
    return IdeaOutcome(accepted=accepted)


def _idea(
    *, region, unit, code, author, office, texts, status, when, supporters, comments, created
):
    title, problem, proposal, beneficiaries, reason = texts
    month, day = when
    submitted = at(month, day, 10)
    decided = at(month, day + 1, 14) if day < 27 else at(month + 1, 2, 14)
    idea = Idea.objects.create(
        region=region,
        code=code,
        title=title[0].upper() + title[1:],
        problem=problem[0].upper() + problem[1:] + ".",
        proposal=proposal[0].upper() + proposal[1:] + ".",
        beneficiaries=beneficiaries[0].upper() + beneficiaries[1:] + ".",
        unit=unit,
        author=author,
        status=status,
        search_text=search_text(title, problem, proposal),
    )
    created["ideas"] += 1
    author_label = author.display_name
    events: list[tuple[str, str, str, object, str, str, object]] = []
    if status != S.DRAFT:
        events.append((wf.SUBMIT, S.DRAFT, S.SUBMITTED, author.user, author_label, "", submitted))
        idea.submitted_at = submitted
    office_label = office.get_full_name() or office.username
    if status == S.REVISION:
        events.append(
            (wf.REVISE, S.SUBMITTED, S.REVISION, office, office_label, REVISION_NOTE, decided)
        )
        idea.decision_note = REVISION_NOTE
    elif status in (S.ACCEPTED, S.DECLINED):
        action = wf.ACCEPT if status == S.ACCEPTED else wf.DECLINE
        note = reason or "Diterima untuk dikembangkan menjadi inovasi daerah dan diuji coba."
        events.append((action, S.SUBMITTED, status, office, office_label, note, decided))
        idea.decided_at, idea.decision_note = decided, note
    elif status == S.WITHDRAWN:
        note = "Ditarik pengusul: sudah tercakup dalam rencana Dinas Perhubungan."
        events.append(
            (wf.WITHDRAW, S.SUBMITTED, S.WITHDRAWN, author.user, author_label, note, decided)
        )
    IdeaEvent.objects.bulk_create(
        IdeaEvent(
            idea=idea,
            action=a,
            from_status=f,
            to_status=t,
            actor=u,
            actor_label=label,
            note=n,
            at=w,
        )
        for a, f, t, u, label, n, w in events
    )
    created["events"] += len(events)
    supports = [IdeaSupport(idea=idea, official=o) for o in supporters if o.pk != author.pk]
    IdeaSupport.objects.bulk_create(supports)
    IdeaComment.objects.bulk_create(
        IdeaComment(idea=idea, author=o.user, author_label=o.display_name, body=body)
        for o, body in comments
    )
    created["supports"] += len(supports)
    created["comments"] += len(comments)
    # The demo's own dates, not the load's: written after the insert that stamps "now".
    written = submitted - dt.timedelta(days=2)
    IdeaSupport.objects.filter(idea=idea).update(created_at=decided)
    IdeaComment.objects.filter(idea=idea).update(created_at=submitted + dt.timedelta(hours=3))
    idea.support_count, idea.comment_count = len(supports), len(comments)
    idea.created_at = written
    idea.save(
        update_fields=[
            "created_at",
            "submitted_at",
            "decided_at",
            "decision_note",
            "support_count",
            "comment_count",
        ]
    )
