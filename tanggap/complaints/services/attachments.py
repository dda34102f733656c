"""Attachments to a report: checked by content, stored through Django's storage API.

The content checks are tanggap.core.uploads.check_one (type read from the first bytes, images re-encoded
without metadata, PDFs cleaned of active content in a child process). Here: the limits (size, count per
step) come from the COMPLAINT_ATTACHMENT* settings; every check runs before anything is stored, so a
refused upload leaves nothing behind.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.complaints.models import Attachment, Complaint
from tanggap.core.errors import DomainError
from tanggap.core.uploads import CheckedFile, check_one

__all__ = [
    "CheckedFile",
    "attachment_add",
    "attachment_check",
    "attachment_store",
    "max_bytes",
    "max_per_step",
]


def max_bytes() -> int:
    """Largest accepted file (COMPLAINT_ATTACHMENT_MAX_BYTES, default 5 MB)."""
    return int(getattr(settings, "COMPLAINT_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def max_per_step() -> int:
    """Most files on one step of a report (COMPLAINT_ATTACHMENTS_PER_STEP, default 5)."""
    return int(getattr(settings, "COMPLAINT_ATTACHMENTS_PER_STEP", 5))


def attachment_check(files, *, existing: int = 0) -> list[CheckedFile]:
    """Check every file of one step before anything is stored (count, size, type, content)."""
    files = [f for f in (files or ()) if f is not None]
    limit = max_per_step()
    if existing + len(files) > limit:
        raise DomainError(
            _("Paling banyak %(n)s lampiran untuk setiap langkah.") % {"n": limit}, field="files"
        )
    return [check_one(f, max_bytes=max_bytes()) for f in files]


def attachment_store(
    *, complaint: Complaint, checked: list[CheckedFile], by_reporter: bool, event=None
) -> list[Attachment]:
    """Store checked files through the default storage and record them (inside the caller's
    transaction; a file written before a failure is removed again)."""
    saved: list[Attachment] = []
    try:
        for item in checked:
            attachment = Attachment(
                complaint=complaint,
                event=event,
                original_name=item.original_name,
                content_type=item.content_type,
                size=len(item.data),
                by_reporter=by_reporter,
            )
            attachment.file.save(
                f"{uuid.uuid4().hex}.{item.extension}", ContentFile(item.data), save=False
            )
            saved.append(attachment)
            attachment.save()
    except Exception:
        for attachment in saved:
            attachment.file.delete(save=False)
        raise
    return saved


@transaction.atomic
def attachment_add(
    *, complaint: Complaint, uploaded_file, by_reporter: bool, event=None
) -> Attachment:
    """Attach one file to a report (or to one of its steps), within the per-step limit."""
    if event is not None and event.complaint_id != complaint.pk:
        raise DomainError(_("Langkah itu bukan bagian dari laporan ini."), field="event")
    if uploaded_file is None:
        raise DomainError(_("Pilih berkas yang akan dilampirkan."), field="files")
    # Lock the report so two uploads at once cannot both pass the count limit.
    Complaint.objects.select_for_update().filter(pk=complaint.pk).values_list("pk").first()
    existing = Attachment.objects.filter(complaint=complaint, event=event).count()
    (checked,) = attachment_check([uploaded_file], existing=existing)
    return attachment_store(
        complaint=complaint, checked=[checked], by_reporter=by_reporter, event=event
    )[0]
