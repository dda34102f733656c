"""The one way an org service changes a record's fields: only the changed fields are validated, saved and
audited (before and after); a refused change leaves the caller's object as it was."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError
from tanggap.org.services.validation import clean_text, full_clean


def apply_update(
    *, actor, instance, changes: dict, allowed: set[str], action: str, check=None, region_id=None
):
    """Apply the changed fields, validate, save only those fields and audit before/after."""
    unknown = set(changes) - allowed
    if unknown:
        raise DomainError(
            _("Kolom ini tidak dapat diubah: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            field=sorted(unknown)[0],
        )
    changes = {name: clean_text(value) for name, value in changes.items()}
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    if not changed:
        return instance
    originals = {name: getattr(instance, name) for name in changed}
    before = snapshot(instance, changed)
    for name in changed:
        setattr(instance, name, changes[name])
    try:
        if check is not None:
            check(instance)
        full_clean(instance)
    except DomainError:
        for name, value in originals.items():  # leave the caller's object as it was
            setattr(instance, name, value)
        raise
    has_updated_at = any(f.name == "updated_at" for f in instance._meta.concrete_fields)
    instance.save(update_fields=changed + (["updated_at"] if has_updated_at else []))
    audit_record(
        actor=actor,
        action=action,
        target=instance,
        before=before,
        after=snapshot(instance, changed),
        region_id=region_id,
    )
    return instance
