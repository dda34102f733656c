"""Officials' ideas ("Blitar Cepat Tanggap"): writing, submitting, supporting, commenting, and the
innovation office's decision. Every move goes through `IDEA_MACHINE` and is recorded as an `IdeaEvent`;
an accepted idea becomes a registered innovation at stage *inisiatif*."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.calendar import region_today
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.text import normalize_text
from tanggap.innovation import permissions as p
from tanggap.innovation.models import (
    Idea,
    IdeaComment,
    IdeaEvent,
    IdeaSupport,
    Innovation,
    InnovationEvent,
)
from tanggap.innovation.services.codes import next_code
from tanggap.innovation.workflow import (
    ACCEPT,
    DECLINE,
    IDEA_MACHINE,
    REVISE,
    SUBMIT,
    WITHDRAW,
)

D = Idea.Status
CREATE = "create"
EDIT = "edit"
TEXT_FIELDS = (
    ("title", 200, gettext_lazy("Judul ide wajib diisi.")),
    ("problem", 4000, gettext_lazy("Tuliskan masalah yang ingin diatasi.")),
    ("proposal", 4000, gettext_lazy("Tuliskan perubahan yang diusulkan.")),
    ("beneficiaries", 2000, gettext_lazy("Tuliskan siapa yang mendapat manfaat.")),
)
NOTE_MAX = 2000


def _label(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "sistem"
    return (user.get_full_name() or user.get_username())[:200]


def _event(idea: Idea, *, actor, action: str, source: str, target: str, note: str = "") -> None:
    IdeaEvent.objects.create(
        idea=idea,
        action=action,
        from_status=source,
        to_status=target,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_label(actor),
        note=note,
        at=timezone.now(),
    )


def _texts(values: dict) -> dict[str, str]:
    """The idea's texts, trimmed; an empty or overlong one is refused on its field."""
    cleaned = {}
    for name, limit, missing in TEXT_FIELDS:
        text = str(values.get(name) or "").strip()
        if not text:
            raise DomainError(missing, field=name, code="required")
        if len(text) > limit:
            raise DomainError(
                _("Paling banyak %(n)s karakter.") % {"n": limit}, field=name, code="too_long"
            )
        cleaned[name] = text
    return cleaned


def _check_links(author, *, unit, service, coauthors) -> list:
    """The unit must be of the author's region, the service of that unit, co-authors officials of the
    same region (never the author)."""
    if unit is None or unit.region_id != author.region_id:
        raise DomainError(_("Pilih unit terkait di daerah Anda."), field="unit", code="bad_unit")
    if service is not None and service.unit_id != unit.pk:
        raise DomainError(
            _("Layanan yang dipilih bukan layanan unit terkait."),
            field="service",
            code="bad_service",
        )
    chosen = list(coauthors or [])
    for official in chosen:
        if official.region_id != author.region_id:
            raise DomainError(
                _("Pengusul bersama harus pegawai di daerah yang sama."),
                field="coauthors",
                code="bad_coauthor",
            )
        if official.pk == author.pk:
            raise DomainError(
                _("Pengusul tidak perlu dicantumkan sebagai pengusul bersama."),
                field="coauthors",
                code="bad_coauthor",
            )
    return chosen


def _search_text(idea: Idea) -> str:
    return normalize_text(f"{idea.title} {idea.problem} {idea.proposal}")


def _move(*, actor, idea: Idea, action: str, note: str = "") -> Idea:
    """Lock the idea, check the move in the table, set the new status and record it."""
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    transition = IDEA_MACHINE.check_action(action, locked.status, actor, locked)
    source = locked.status
    locked.status = transition.target
    fields = ["status", "updated_at"]
    now = timezone.now()
    if action == SUBMIT:
        locked.submitted_at = now
        fields.append("submitted_at")
    if action in (REVISE, ACCEPT, DECLINE):
        locked.decided_at, locked.decision_note = now, note
        fields += ["decided_at", "decision_note"]
    locked.save(update_fields=fields)
    _event(locked, actor=actor, action=action, source=source, target=locked.status, note=note)
    audit_record(
        actor=actor,
        action=f"idea.{action}",
        target=locked,
        before={"status": source},
        after=snapshot(locked, ["status"]),
        note=note,
        region_id=locked.region_id,
    )
    return locked


@transaction.atomic
def idea_create(
    *,
    actor,
    title: str,
    problem: str,
    proposal: str,
    beneficiaries: str,
    unit,
    service=None,
    coauthors=(),
    submit: bool = False,
) -> Idea:
    """An official writes an idea (kept as a draft, or submitted to the innovation office at once)."""
    author = p.official_of(actor)
    if author is None:
        raise PermissionDenied(_("Hanya pegawai yang terdaftar dapat mengusulkan ide."))
    texts = _texts(
        {"title": title, "problem": problem, "proposal": proposal, "beneficiaries": beneficiaries}
    )
    chosen = _check_links(author, unit=unit, service=service, coauthors=coauthors)
    year = region_today(author.region).year
    idea = Idea(
        region_id=author.region_id,
        code=next_code(Idea, prefix="IDE", year=year, region_id=author.region_id),
        unit=unit,
        service=service,
        author=author,
        **texts,
    )
    idea.search_text = _search_text(idea)
    idea.save()
    idea.coauthors.set(chosen)
    _event(idea, actor=actor, action=CREATE, source="", target=idea.status)
    audit_record(
        actor=actor,
        action="idea.created",
        target=idea,
        after=snapshot(idea, ["code", "title", "unit", "status"]),
        region_id=idea.region_id,
    )
    if submit:
        idea = _move(actor=actor, idea=idea, action=SUBMIT)
    return idea


@transaction.atomic
def idea_update(
    *,
    actor,
    idea: Idea,
    title: str,
    problem: str,
    proposal: str,
    beneficiaries: str,
    unit,
    service=None,
    coauthors=(),
    submit: bool = False,
) -> Idea:
    """The author changes a draft or an idea sent back for revision (and may submit it again)."""
    locked = Idea.objects.select_for_update().select_related("author").get(pk=idea.pk)
    if not p.is_idea_author(actor, locked):
        raise PermissionDenied(_("Hanya pengusul yang dapat mengubah ide ini."))
    if locked.status not in (D.DRAFT, D.REVISION):
        raise DomainError(
            _("Ide hanya dapat diubah selama masih draf atau perlu revisi."), code="not_editable"
        )
    texts = _texts(
        {"title": title, "problem": problem, "proposal": proposal, "beneficiaries": beneficiaries}
    )
    chosen = _check_links(locked.author, unit=unit, service=service, coauthors=coauthors)
    before = snapshot(locked, ["title", "unit", "service"])
    for name, value in texts.items():
        setattr(locked, name, value)
    locked.unit, locked.service = unit, service
    locked.search_text = _search_text(locked)
    locked.save(update_fields=[*texts, "unit", "service", "search_text", "updated_at"])
    locked.coauthors.set(chosen)
    _event(locked, actor=actor, action=EDIT, source=locked.status, target=locked.status)
    audit_record(
        actor=actor,
        action="idea.edited",
        target=locked,
        before=before,
        after=snapshot(locked, ["title", "unit", "service"]),
        region_id=locked.region_id,
    )
    if submit:
        locked = _move(actor=actor, idea=locked, action=SUBMIT)
    return locked


@transaction.atomic
def idea_submit(*, actor, idea: Idea) -> Idea:
    """The author sends a draft (or a revised idea) to the innovation office."""
    return _move(actor=actor, idea=idea, action=SUBMIT)


@transaction.atomic
def idea_withdraw(*, actor, idea: Idea, note: str = "") -> Idea:
    """The author withdraws an idea that is not decided yet."""
    return _move(actor=actor, idea=idea, action=WITHDRAW, note=(note or "").strip()[:NOTE_MAX])


def _reason(note: str, message) -> str:
    reason = (note or "").strip()
    if not reason:
        raise DomainError(message, field="note", code="reason_required")
    return reason[:NOTE_MAX]


@transaction.atomic
def idea_ask_revision(*, actor, idea: Idea, note: str) -> Idea:
    """The office sends a submitted idea back to its author, saying what to revise."""
    reason = _reason(note, _("Tuliskan apa yang perlu direvisi."))
    return _move(actor=actor, idea=idea, action=REVISE, note=reason)


@transaction.atomic
def idea_decline(*, actor, idea: Idea, note: str) -> Idea:
    """The office declines a submitted idea, with its reasons."""
    reason = _reason(note, _("Tuliskan alasan penolakan."))
    return _move(actor=actor, idea=idea, action=DECLINE, note=reason)


def _choice(value: str, choices, field: str) -> str:
    if value not in choices.values:
        raise DomainError(_("Pilih salah satu pilihan yang tersedia."), field=field, code="invalid")
    return value


@transaction.atomic
def idea_accept(
    *, actor, idea: Idea, form: str, kind: str, initiator: str, affair: str, note: str = ""
) -> Innovation:
    """The office accepts an idea for trial: it becomes a registered innovation at stage *inisiatif*
    of the idea's unit (form, kind, initiator and affair are the office's choice)."""
    values = {
        "form": _choice(form, Innovation.Form, "form"),
        "kind": _choice(kind, Innovation.Kind, "kind"),
        "initiator": _choice(initiator, Innovation.Initiator, "initiator"),
        "affair": _choice(affair, Innovation.Affair, "affair"),
    }
    note = (note or "").strip()[:NOTE_MAX]
    accepted = _move(actor=actor, idea=idea, action=ACCEPT, note=note)
    region = accepted.region
    innovation = Innovation.objects.create(
        region=region,
        unit_id=accepted.unit_id,
        code=next_code(
            Innovation, prefix="INO", year=region_today(region).year, region_id=region.pk
        ),
        name=accepted.title,
        problem=accepted.problem,
        approach=accepted.proposal,
        benefits=accepted.beneficiaries,
        stage=Innovation.Stage.INISIATIF,
        initiated_on=region_today(region),
        idea=accepted,
        search_text=accepted.search_text,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **values,
    )
    innovation.owners.set([accepted.author_id, *accepted.coauthors.values_list("pk", flat=True)])
    InnovationEvent.objects.create(
        innovation=innovation,
        action="register",
        from_status="",
        to_status=innovation.stage,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_label(actor),
        note=_("Didaftarkan dari ide %(code)s.") % {"code": accepted.code},
        at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="innovation.registered",
        target=innovation,
        after=snapshot(innovation, ["code", "name", "unit", "stage", "idea"]),
        region_id=region.pk,
    )
    return innovation


def _supporter(actor, idea: Idea):
    official = p.official_of(actor)
    if official is None or not p.may_support_idea(actor, idea):
        if official is not None and p.is_idea_author(actor, idea):
            raise DomainError(_("Pengusul tidak dapat mendukung idenya sendiri."), code="own_idea")
        raise PermissionDenied(_("Hanya rekan pegawai di daerah ini yang dapat mendukung ide."))
    if idea.status not in Idea.OPEN:
        raise DomainError(
            _("Dukungan hanya untuk ide yang sedang diajukan."), code="not_open_for_support"
        )
    return official


@transaction.atomic
def idea_support(*, actor, idea: Idea) -> Idea:
    """A colleague supports an idea (once; the count is kept in the database, safe under concurrency)."""
    official = _supporter(actor, idea)
    try:
        with transaction.atomic():
            IdeaSupport.objects.create(idea=idea, official=official)
    except IntegrityError:
        raise DomainError(_("Anda sudah mendukung ide ini."), code="already_supported") from None
    Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
    idea.refresh_from_db(fields=["support_count"])
    return idea


@transaction.atomic
def idea_unsupport(*, actor, idea: Idea) -> Idea:
    """A colleague takes their support back."""
    official = _supporter(actor, idea)
    deleted, _rows = IdeaSupport.objects.filter(idea=idea, official=official).delete()
    if not deleted:
        raise DomainError(_("Anda belum mendukung ide ini."), code="not_supported")
    Idea.objects.filter(pk=idea.pk, support_count__gt=0).update(
        support_count=F("support_count") - 1
    )
    idea.refresh_from_db(fields=["support_count"])
    return idea


@transaction.atomic
def idea_comment(*, actor, idea: Idea, body: str) -> IdeaComment:
    """Staff of the region comment on an idea that has been submitted."""
    if not p.is_region_staff(actor, idea.region_id):
        raise PermissionDenied(_("Hanya pegawai di daerah ini yang dapat berkomentar."))
    if idea.status == D.DRAFT:
        raise DomainError(_("Ide yang masih draf belum dapat dikomentari."), code="draft")
    text = (body or "").strip()
    if not text:
        raise DomainError(_("Tuliskan komentar Anda."), field="body", code="required")
    if len(text) > NOTE_MAX:
        raise DomainError(
            _("Paling banyak %(n)s karakter.") % {"n": NOTE_MAX}, field="body", code="too_long"
        )
    comment = IdeaComment.objects.create(
        idea=idea, author=actor, author_label=_label(actor), body=text
    )
    Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
    return comment
