"""The demo's P2B library: a dozen published best-practice articles by the units that own the
innovations, two "replicate this" requests (one carried through to a recorded replication) and one
replication outside the platform."""

from __future__ import annotations

import datetime as dt

from tanggap.accounts.models import User
from tanggap.demo.innovation_common import at, search_text
from tanggap.demo.sync import Tally
from tanggap.innovation import workflow as wf
from tanggap.innovation.models import (
    Article,
    Innovation,
    Replication,
    ReplicationRequest,
    ReplicationRequestEvent,
)
from tanggap.org.models import Unit

Q = ReplicationRequest.Status
ARTICLES = 12
OUTSIDE = "Dinas Kesehatan Kabupaten Tulungagung"


def _article(innovation: Innovation, n: int, office: User) -> Article:
    title = f"Belajar dari {innovation.name}"
    body = (
        f"{innovation.problem}\n\n"
        f"Bagaimana kami melakukannya. {innovation.approach} Tim kecil di "
        f"{innovation.unit.name} menyusun alur layanan baru, mengujinya bersama warga, lalu "
        f"menetapkannya dengan keputusan kepala perangkat daerah.\n\n"
        f"Hasilnya. {innovation.results or innovation.benefits}"
    )
    lessons = (
        "Mulai dari satu lokasi uji coba, ukur waktu layanan sebelum dan sesudah, libatkan kader "
        "atau perangkat desa sejak awal, dan tetapkan penanggung jawab yang jelas agar inovasi "
        "tetap berjalan setelah pergantian pejabat."
    )
    return Article(
        region=innovation.region, unit=innovation.unit, innovation=innovation, title=title,
        summary=f"Praktik baik {innovation.unit.short_name or innovation.unit.name}: "
        f"{innovation.benefits[len('Manfaat: '):]}"[:400],
        body=body, lessons=lessons, tags=f"{innovation.get_affair_display().lower()}, "
        f"{innovation.get_kind_display().lower()}", status=Article.Status.PUBLISHED,
        search_text=search_text(title, title, innovation.problem, innovation.approach, lessons),
        author=office, published_at=at(11, 1 + n * 2, 10),
    )  # fmt: skip


def demo_library_load(
    *, innovations: list[Innovation], office: User, tally: Tally
) -> list[Article]:
    """Articles on the first implemented innovations of the list (missing titles only)."""
    implemented = [i for i in innovations if i.stage == Innovation.Stage.PENERAPAN][:ARTICLES]
    region = implemented[0].region
    have = set(Article.objects.filter(region=region).values_list("title", flat=True))
    rows = [_article(i, n, office) for n, i in enumerate(implemented)]
    new = [a for a in rows if a.title not in have]
    Article.objects.bulk_create(new)
    for article in new:  # written a few days before publication, not at load time
        Article.objects.filter(region=region, title=article.title).update(
            created_at=article.published_at - dt.timedelta(days=4)
        )
    tally.add(Article._meta.label, created=len(new))
    return list(Article.objects.filter(region=region, title__in=[a.title for a in rows]))


def demo_replications_load(
    *, articles: list[Article], asker: Unit, second: Unit, office: User, asker_office: User,
    tally: Tally,
) -> None:  # fmt: skip
    """Kota Blitar's Dukcapil asks to replicate the first article's innovation (accepted, replicated);
    a kecamatan office asks for the second (still waiting); the third is replicated outside."""
    first, other, third = articles[0], articles[1], articles[2]
    made = 0
    if not ReplicationRequest.objects.filter(
        innovation=first.innovation, requesting_unit=asker
    ).exists():
        asked, accepted, done = at(11, 5, 9), at(11, 7, 13), dt.date(2026, 11, 28)
        replication = Replication.objects.create(
            innovation=first.innovation, unit=asker, replicated_on=done, recorded_by=office,
            note="Replikasi dengan pendampingan tim pemilik inovasi (data demo).",
        )  # fmt: skip
        request = ReplicationRequest.objects.create(
            innovation=first.innovation, article=first, requesting_unit=asker, status=Q.REPLICATED,
            replication=replication, requested_by=asker_office,
            message="Kami ingin menerapkan inovasi ini di Kota Blitar; mohon pendampingan teknis.",
        )  # fmt: skip
        o_label = office.get_full_name() or office.username
        a_label = asker_office.get_full_name() or asker_office.username
        ReplicationRequestEvent.objects.bulk_create([
            ReplicationRequestEvent(request=request, action="request", from_status="",
                                    to_status=Q.REQUESTED, actor=asker_office, actor_label=a_label,
                                    at=asked),
            ReplicationRequestEvent(request=request, action=wf.ACCEPT, from_status=Q.REQUESTED,
                                    to_status=Q.ACCEPTED, actor=office, actor_label=o_label,
                                    note="Tim kami siap mendampingi.", at=accepted),
            ReplicationRequestEvent(request=request, action=wf.REPLICATED, from_status=Q.ACCEPTED,
                                    to_status=Q.REPLICATED, actor=office, actor_label=o_label,
                                    at=at(11, 28, 15)),
        ])  # fmt: skip
        ReplicationRequest.objects.filter(pk=request.pk).update(created_at=asked)
        Replication.objects.filter(pk=replication.pk).update(created_at=at(11, 28, 15))
        made += 1
    if not ReplicationRequest.objects.filter(
        innovation=other.innovation, requesting_unit=second
    ).exists():
        request = ReplicationRequest.objects.create(
            innovation=other.innovation, article=other, requesting_unit=second, requested_by=office,
            message="Kecamatan kami tertarik menerapkan inovasi ini; bisakah berbagi SOP-nya?",
        )  # fmt: skip
        ReplicationRequestEvent.objects.create(
            request=request, action="request", from_status="", to_status=Q.REQUESTED, actor=office,
            actor_label=second.name, at=at(12, 1, 10),
        )  # fmt: skip
        ReplicationRequest.objects.filter(pk=request.pk).update(created_at=at(12, 1, 10))
        made += 1
    tally.add(ReplicationRequest._meta.label, created=made)
    if not Replication.objects.filter(
        innovation=third.innovation, other_institution=OUTSIDE
    ).exists():
        Replication.objects.create(
            innovation=third.innovation, other_institution=OUTSIDE, replicated_on=dt.date(2026, 8, 3),
            recorded_by=office, note="Dicatat dari surat pemberitahuan replikasi (data demo).",
        )  # fmt: skip
        tally.add(Replication._meta.label, created=1)
