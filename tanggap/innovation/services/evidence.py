"""Evidence (bukti dukung) of an innovation: a link, or a file or photo checked like complaint attachments
(`tanggap.core.uploads.check_one`: type sniffed from the bytes, images re-encoded without metadata, PDFs
cleaned) with the size limit and the file types of the indicator's scheme. A refused file stores nothing.
Evidence belongs to one SID indicator of the scheme and claims one of its options (levels); it may be
removed only while it awaits validation. Each change records an InnovationEvent and an audit row."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.uploads import check_one
from tanggap.innovation import permissions as p
from tanggap.innovation.models import Evidence, IndexScheme, Indicator, Innovation
from tanggap.innovation.services.registry import _event, _stored


def _scheme_check(uploaded_file, scheme: IndexScheme, *, field: str):
    """The content checks of complaint attachments, with the scheme's size limit and file types."""
    checked = check_one(uploaded_file, max_bytes=scheme.file_max_bytes, field=field)
    allowed = scheme.file_types or {}
    if allowed and checked.content_type not in allowed:
        kinds = ", ".join(sorted({e for exts in allowed.values() for e in exts[:1]}))
        raise DomainError(
            _("Jenis berkas %(name)s tidak diterima untuk bukti dukung (boleh: %(kinds)s).")
            % {"name": checked.original_name, "kinds": kinds},
            field=field,
        )
    return checked


def _check_indicator(innovation, indicator: Indicator, level) -> int:
    """Innovation evidence belongs to an SID indicator, the region's own to an SPD indicator (innovation
    None), and the level is one of the indicator's options."""
    if innovation is None and indicator.aspect != Indicator.Aspect.SPD:
        raise DomainError(
            _("Bukti pemerintah daerah hanya untuk indikator aspek pemerintah daerah (SPD)."),
            field="indicator",
        )
    if innovation is not None and indicator.aspect != Indicator.Aspect.SID:
        raise DomainError(
            _("Bukti inovasi hanya untuk indikator aspek satuan inovasi daerah (SID)."),
            field="indicator",
        )
    try:
        level = int(level)
    except (TypeError, ValueError):
        raise DomainError(_("Pilih salah satu pilihan bukti."), field="level") from None
    if not 1 <= level <= len(indicator.levels or []):
        raise DomainError(
            _("Pilihan bukti tidak ada pada indikator %(code)s.") % {"code": indicator.code},
            field="level",
        )
    return level


def _evidence_done(actor, evidence, innovation) -> Evidence:
    _event(
        innovation,
        actor=actor,
        action="evidence_add",
        before=innovation.stage,
        note=f"{evidence.indicator.code}: {evidence}",
    )
    audit_record(
        actor=actor,
        action="innovation.evidence_added",
        target=evidence,
        after=snapshot(evidence, ["indicator", "innovation", "level", "medium", "link"]),
    )
    return evidence


@transaction.atomic
def evidence_add_link(
    *, actor, innovation: Innovation, indicator: Indicator, level, link: str, description=""
) -> Evidence:
    """Add a link as evidence of one indicator of the scheme (pending validation)."""
    if not p.may_edit_innovation(actor, innovation):
        raise PermissionDenied(_("Anda tidak berwenang menambah bukti inovasi ini."))
    level = _check_indicator(innovation, indicator, level)
    link = (link or "").strip()
    if not link.startswith(("https://", "http://")):
        raise DomainError(_("Tautan harus diawali http:// atau https://."), field="link")
    evidence = Evidence(
        region_id=innovation.region_id,
        indicator=indicator,
        innovation=innovation,
        level=level,
        medium=Evidence.Medium.LINK,
        link=link[:500],
        description=(description or "")[:300],
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    evidence.full_clean(exclude=["file", "uploaded_by", "validated_by"])
    evidence.save()
    return _evidence_done(actor, evidence, innovation)


@transaction.atomic
def evidence_add_file(
    *, actor, innovation: Innovation, indicator: Indicator, level, uploaded_file, description=""
) -> Evidence:
    """Add a file or photo as evidence; checked like complaint attachments with the scheme's limits."""
    if not p.may_edit_innovation(actor, innovation):
        raise PermissionDenied(_("Anda tidak berwenang menambah bukti inovasi ini."))
    level = _check_indicator(innovation, indicator, level)
    if uploaded_file is None:
        raise DomainError(_("Pilih berkas bukti."), field="file")
    checked = _scheme_check(uploaded_file, indicator.scheme, field="file")
    evidence = Evidence(
        region_id=innovation.region_id,
        indicator=indicator,
        innovation=innovation,
        level=level,
        medium=(
            Evidence.Medium.PHOTO
            if checked.content_type.startswith("image/")
            else Evidence.Medium.FILE
        ),
        original_name=checked.original_name[:200],
        content_type=checked.content_type,
        size=len(checked.data),
        description=(description or "")[:300],
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _stored(evidence.file, checked)
    try:
        evidence.save()
        return _evidence_done(actor, evidence, innovation)
    except Exception:
        evidence.file.delete(save=False)
        raise


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    """Remove a piece of evidence while it awaits validation (a validated one stays on record)."""
    innovation = evidence.innovation
    if innovation is None or not p.may_edit_innovation(actor, innovation):
        raise PermissionDenied(_("Anda tidak berwenang menghapus bukti ini."))
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if evidence.status != Evidence.Status.PENDING:
        raise DomainError(_("Bukti yang sudah divalidasi tidak dapat dihapus."), field="evidence")
    before = snapshot(evidence, ["indicator", "innovation", "level", "medium", "link"])
    name = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage if evidence.file else None
    audit_record(actor=actor, action="innovation.evidence_removed", target=evidence, before=before)
    _event(
        innovation,
        actor=actor,
        action="evidence_remove",
        before=innovation.stage,
        note=f"{evidence.indicator.code}: {evidence}",
    )
    evidence.delete()
    if name and storage is not None:
        transaction.on_commit(lambda: storage.delete(name))


# --- the region's own (SPD) evidence: kept by the innovation office ------------------------------


def _require_office(actor, region) -> None:
    if not p.is_office(actor, region):
        raise PermissionDenied(
            _("Hanya kantor inovasi daerah yang mengelola bukti dukung pemerintah daerah.")
        )


def _spd_added(actor, evidence: Evidence) -> Evidence:
    audit_record(
        actor=actor,
        action="innovation.spd_evidence_added",
        target=evidence,
        after=snapshot(evidence, ["indicator", "level", "medium", "link"]),
        region_id=evidence.region_id,
    )
    return evidence


@transaction.atomic
def spd_evidence_add_link(*, actor, region, indicator: Indicator, level, link, description=""):
    """Add a link as the region's own evidence of an SPD indicator (pending validation)."""
    _require_office(actor, region)
    level = _check_indicator(None, indicator, level)
    link = (link or "").strip()
    if not link.startswith(("https://", "http://")):
        raise DomainError(_("Tautan harus diawali http:// atau https://."), field="link")
    evidence = Evidence(
        region=region,
        indicator=indicator,
        innovation=None,
        level=level,
        medium=Evidence.Medium.LINK,
        link=link[:500],
        description=(description or "")[:300],
        uploaded_by=actor,
    )
    evidence.full_clean(exclude=["file", "uploaded_by", "validated_by", "innovation"])
    evidence.save()
    return _spd_added(actor, evidence)


@transaction.atomic
def spd_evidence_add_file(
    *, actor, region, indicator: Indicator, level, uploaded_file, description=""
) -> Evidence:
    """Add a file or photo as the region's own evidence, checked with the scheme's limits and types."""
    _require_office(actor, region)
    level = _check_indicator(None, indicator, level)
    if uploaded_file is None:
        raise DomainError(_("Pilih berkas bukti."), field="file")
    checked = _scheme_check(uploaded_file, indicator.scheme, field="file")
    evidence = Evidence(
        region=region,
        indicator=indicator,
        innovation=None,
        level=level,
        medium=(
            Evidence.Medium.PHOTO
            if checked.content_type.startswith("image/")
            else Evidence.Medium.FILE
        ),
        original_name=checked.original_name[:200],
        content_type=checked.content_type,
        size=len(checked.data),
        description=(description or "")[:300],
        uploaded_by=actor,
    )
    _stored(evidence.file, checked)
    try:
        evidence.save()
        return _spd_added(actor, evidence)
    except Exception:
        evidence.file.delete(save=False)
        raise


@transaction.atomic
def spd_evidence_remove(*, actor, evidence: Evidence) -> None:
    """Remove the region's own evidence while it awaits validation."""
    if evidence.innovation_id is not None:
        raise DomainError(_("Bukti ini milik sebuah inovasi."), field="evidence")
    _require_office(actor, evidence.region_id)
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if evidence.status != Evidence.Status.PENDING:
        raise DomainError(_("Bukti yang sudah divalidasi tidak dapat dihapus."), field="evidence")
    audit_record(
        actor=actor,
        action="innovation.spd_evidence_removed",
        target=evidence,
        before=snapshot(evidence, ["indicator", "level", "medium", "link"]),
        region_id=evidence.region_id,
    )
    name = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage if evidence.file else None
    evidence.delete()
    if name and storage is not None:
        transaction.on_commit(lambda: storage.delete(name))
