"""Writes of the innovation registry: register and update an innovation, move its stage (STAGE_MACHINE),
set its photo, record replications, add and remove evidence (bukti dukung).

Every write runs in one transaction, records an `InnovationEvent` (the timeline) and an audit row.
Evidence files pass the same content checks as complaint attachments (`tanggap.core.uploads.check_one`:
type sniffed from the bytes, images re-encoded without metadata, PDFs cleaned) with the year's scheme's
size limit and file types; a refused file stores nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.text import normalize_text
from tanggap.core.uploads import check_one
from tanggap.innovation import permissions as p
from tanggap.innovation.models import (
    IndexScheme,
    Innovation,
    InnovationEvent,
    Replication,
)
from tanggap.innovation.services.codes import next_code
from tanggap.innovation.workflow import STAGE_MACHINE, TO_IMPLEMENTATION, TO_TRIAL

S = Innovation.Stage
EDITABLE = (
    "name",
    "form",
    "kind",
    "initiator",
    "affair",
    "initiated_on",
    "trial_on",
    "implemented_on",
    "problem",
    "approach",
    "benefits",
    "results",
    "budget",
    "is_public",
)


def _snap(innovation) -> dict:
    """The audited fields (the photo is a stored file, not a value)."""
    return snapshot(innovation, ["code", "unit", "stage", *EDITABLE])


def _label(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "sistem"
    return user.get_full_name() or user.get_username()


def _event(innovation, *, actor, action: str, before: str, note: str = "") -> None:
    InnovationEvent.objects.create(
        innovation=innovation,
        action=action,
        from_status=before,
        to_status=innovation.stage,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_label(actor),
        note=note,
        at=timezone.now(),
    )


def search_text_of(innovation) -> str:
    """The stemmed words the registry's text filter matches against."""
    parts = (innovation.name, innovation.problem, innovation.approach, innovation.benefits)
    return normalize_text(" ".join(x or "" for x in parts))


def check_dates(*, stage, initiated_on, trial_on, implemented_on) -> None:
    """Dates in order (initiated ≤ trial ≤ implemented) and the stage consistent with them."""
    if trial_on and initiated_on and trial_on < initiated_on:
        raise DomainError(
            _("Tanggal uji coba tidak boleh sebelum tanggal inisiatif."), field="trial_on"
        )
    if implemented_on and trial_on and implemented_on < trial_on:
        raise DomainError(
            _("Tanggal penerapan tidak boleh sebelum tanggal uji coba."), field="implemented_on"
        )
    if implemented_on and not trial_on:
        raise DomainError(_("Isi tanggal uji coba sebelum tanggal penerapan."), field="trial_on")
    if stage in (S.UJI_COBA, S.PENERAPAN) and not trial_on:
        raise DomainError(
            _("Tahap uji coba atau penerapan memerlukan tanggal uji coba."), field="trial_on"
        )
    if stage == S.PENERAPAN and not implemented_on:
        raise DomainError(
            _("Tahap penerapan memerlukan tanggal penerapan."), field="implemented_on"
        )
    if stage == S.INISIATIF and (trial_on or implemented_on):
        raise DomainError(
            _("Inovasi tahap inisiatif belum memiliki tanggal uji coba atau penerapan."),
            field="stage",
        )
    if stage == S.UJI_COBA and implemented_on:
        raise DomainError(
            _("Inovasi tahap uji coba belum memiliki tanggal penerapan."), field="stage"
        )
    today = timezone.localdate()
    for name, value in (
        ("initiated_on", initiated_on),
        ("trial_on", trial_on),
        ("implemented_on", implemented_on),
    ):
        if value and value > today + dt.timedelta(days=366):
            raise DomainError(_("Tanggal terlalu jauh di masa depan."), field=name)


def _check_budget(budget) -> None:
    if budget is not None and Decimal(budget) < 0:
        raise DomainError(_("Anggaran tidak boleh negatif."), field="budget")


@transaction.atomic
def innovation_register(
    *,
    actor,
    unit,
    name: str,
    form: str,
    kind: str,
    initiator: str,
    affair: str,
    initiated_on: dt.date,
    problem: str,
    approach: str,
    benefits: str,
    stage: str = S.INISIATIF,
    trial_on: dt.date | None = None,
    implemented_on: dt.date | None = None,
    results: str = "",
    budget=None,
    is_public: bool = True,
    owners=(),
    idea=None,
) -> Innovation:
    """Register an innovation of `unit` (its head or admin, or the region's innovation office)."""
    if not p.owns_unit(actor, unit):
        raise PermissionDenied(_("Anda tidak berwenang mendaftarkan inovasi untuk unit ini."))
    if not (name or "").strip():
        raise DomainError(_("Nama inovasi wajib diisi."), field="name")
    if stage not in S.values:
        raise DomainError(_("Tahapan tidak dikenal."), field="stage")
    check_dates(
        stage=stage, initiated_on=initiated_on, trial_on=trial_on, implemented_on=implemented_on
    )
    _check_budget(budget)
    owners = list(owners or ())
    if any(o.region_id != unit.region_id for o in owners):
        raise DomainError(_("Penanggung jawab harus pegawai daerah ini."), field="owners")
    year = initiated_on.year
    innovation = Innovation(
        region_id=unit.region_id,
        unit=unit,
        code=next_code(Innovation, prefix="INO", year=year, region_id=unit.region_id),
        name=name.strip(),
        form=form,
        kind=kind,
        initiator=initiator,
        affair=affair,
        stage=stage,
        initiated_on=initiated_on,
        trial_on=trial_on,
        implemented_on=implemented_on,
        problem=problem,
        approach=approach,
        benefits=benefits,
        results=results,
        budget=budget,
        is_public=is_public,
        idea=idea,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    innovation.search_text = search_text_of(innovation)
    innovation.full_clean(exclude=["owners", "photo", "idea", "created_by"])
    innovation.save()
    if owners:
        innovation.owners.set(owners)
    _event(innovation, actor=actor, action="register", before="")
    audit_record(
        actor=actor, action="innovation.registered", target=innovation, after=_snap(innovation)
    )
    return innovation


@transaction.atomic
def innovation_update(*, actor, innovation: Innovation, owners=None, **changes) -> Innovation:
    """Change an innovation's details (not its stage: that is `innovation_advance_stage`)."""
    if not p.may_edit_innovation(actor, innovation):
        raise PermissionDenied(_("Anda tidak berwenang mengubah inovasi ini."))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise DomainError(_("Kolom tidak dapat diubah: %s") % ", ".join(sorted(unknown)))
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    before = _snap(innovation)
    for field, value in changes.items():
        setattr(innovation, field, value)
    if not (innovation.name or "").strip():
        raise DomainError(_("Nama inovasi wajib diisi."), field="name")
    check_dates(
        stage=innovation.stage,
        initiated_on=innovation.initiated_on,
        trial_on=innovation.trial_on,
        implemented_on=innovation.implemented_on,
    )
    _check_budget(innovation.budget)
    innovation.search_text = search_text_of(innovation)
    innovation.full_clean(exclude=["owners", "photo", "idea", "created_by", "code", "region"])
    innovation.save()
    if owners is not None:
        owners = list(owners)
        if any(o.region_id != innovation.region_id for o in owners):
            raise DomainError(_("Penanggung jawab harus pegawai daerah ini."), field="owners")
        innovation.owners.set(owners)
    _event(innovation, actor=actor, action="update", before=innovation.stage)
    audit_record(
        actor=actor,
        action="innovation.updated",
        target=innovation,
        before=before,
        after=_snap(innovation),
    )
    return innovation


@transaction.atomic
def innovation_advance_stage(
    *, actor, innovation: Innovation, action: str, on: dt.date | None = None, note: str = ""
) -> Innovation:
    """Move the stage: `start_trial` (needs the trial date) or `implement` (the implementation date)."""
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    STAGE_MACHINE.check_action(action, innovation.stage, actor, innovation)
    before = innovation.stage
    if action == TO_TRIAL:
        innovation.trial_on = on or innovation.trial_on
        if innovation.trial_on is None:
            raise DomainError(_("Isi tanggal uji coba."), field="trial_on")
        innovation.stage = S.UJI_COBA
    elif action == TO_IMPLEMENTATION:
        innovation.implemented_on = on or innovation.implemented_on
        if innovation.implemented_on is None:
            raise DomainError(_("Isi tanggal penerapan."), field="implemented_on")
        innovation.stage = S.PENERAPAN
    check_dates(
        stage=innovation.stage,
        initiated_on=innovation.initiated_on,
        trial_on=innovation.trial_on,
        implemented_on=innovation.implemented_on,
    )
    innovation.save(update_fields=["stage", "trial_on", "implemented_on", "updated_at"])
    _event(innovation, actor=actor, action=action, before=before, note=note)
    audit_record(
        actor=actor,
        action=f"innovation.{action}",
        target=innovation,
        before={"stage": before},
        after={"stage": innovation.stage},
    )
    return innovation


def _stored(field, checked) -> None:
    field.save(f"{uuid.uuid4().hex}.{checked.extension}", ContentFile(checked.data), save=False)


@transaction.atomic
def innovation_set_photo(*, actor, innovation: Innovation, uploaded_file) -> Innovation:
    """Set the showcase photo (an image, checked and stripped of metadata like any evidence file)."""
    if not p.may_edit_innovation(actor, innovation):
        raise PermissionDenied(_("Anda tidak berwenang mengubah inovasi ini."))
    scheme = IndexScheme.objects.order_by("-year").first()
    limit = scheme.file_max_bytes if scheme else 5 * 1024 * 1024
    checked = check_one(uploaded_file, max_bytes=limit, field="photo")
    if not checked.content_type.startswith("image/"):
        raise DomainError(_("Foto harus berupa gambar (JPEG, PNG, WebP)."), field="photo")
    old = innovation.photo.name if innovation.photo else ""
    _stored(innovation.photo, checked)
    try:
        innovation.save(update_fields=["photo", "updated_at"])
        _event(innovation, actor=actor, action="photo", before=innovation.stage)
        audit_record(actor=actor, action="innovation.photo_set", target=innovation)
    except Exception:
        innovation.photo.delete(save=False)
        raise
    if old:
        storage = innovation.photo.storage
        transaction.on_commit(lambda: storage.delete(old))
    return innovation


@transaction.atomic
def replication_record(
    *,
    actor,
    innovation: Innovation,
    replicated_on: dt.date,
    unit=None,
    other_institution: str = "",
    note: str = "",
) -> Replication:
    """Record that a unit of the platform or an outside institution replicated the innovation."""
    if not p.may_edit_innovation(actor, innovation):
        raise PermissionDenied(_("Anda tidak berwenang mencatat replikasi inovasi ini."))
    other_institution = (other_institution or "").strip()
    if (unit is None) == (not other_institution):
        raise DomainError(_("Pilih satu: unit di platform atau nama instansi lain."), field="unit")
    if unit is not None and unit.pk == innovation.unit_id:
        raise DomainError(_("Unit pemilik tidak mereplikasi inovasinya sendiri."), field="unit")
    if replicated_on < innovation.initiated_on:
        raise DomainError(
            _("Tanggal replikasi tidak boleh sebelum tanggal inisiatif."), field="replicated_on"
        )
    if replicated_on > timezone.localdate():
        raise DomainError(_("Tanggal replikasi belum terjadi."), field="replicated_on")
    replication = Replication.objects.create(
        innovation=innovation,
        unit=unit,
        other_institution=other_institution[:200],
        replicated_on=replicated_on,
        note=note,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _event(
        innovation,
        actor=actor,
        action="replication",
        before=innovation.stage,
        note=str(unit or other_institution),
    )
    audit_record(
        actor=actor,
        action="innovation.replication_recorded",
        target=replication,
        after=snapshot(replication),
        region_id=innovation.region_id,
    )
    return replication
