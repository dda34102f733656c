"""Stored attachment files that no Attachment row names: removed once they are older than a grace period.

attachment_store writes each file through the storage API inside the caller's transaction, then saves
its row; when the transaction fails in Python the file is deleted again, but a worker killed between
the write and the commit (OOM, deploy, power) leaves a file with no row. Writing the file only after
commit would trade that for the worse failure, a row whose file never arrived, so instead this sweep
(a daily task, and `manage.py sweep_attachment_orphans`) removes what no row names. The grace period is
far longer than any transaction, so the file of an upload still in flight is never touched.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import islice

from django.core.files.storage import Storage
from django.utils import timezone

from tanggap.complaints.models import Attachment

__all__ = ["ORPHAN_GRACE", "attachment_orphans_sweep", "attachment_upload_root"]

logger = logging.getLogger("tanggap.complaints")

ORPHAN_GRACE = timedelta(hours=1)
_BATCH = 500  # names looked up in one query


def attachment_upload_root() -> str:
    """The fixed part of the attachments' upload directory ("complaints" of "complaints/%Y/%m/")."""
    upload_to = str(Attachment._meta.get_field("file").upload_to)
    return upload_to.split("%", 1)[0].strip("/")


def _storage() -> Storage:
    return Attachment._meta.get_field("file").storage


def _files(storage: Storage, directory: str) -> Iterator[str]:
    """Every file name under a directory of the storage, as a FileField stores it."""
    pending = [directory]
    while pending:
        current = pending.pop()
        try:
            directories, files = storage.listdir(current)
        except (FileNotFoundError, NotADirectoryError):
            continue
        pending.extend(f"{current}/{name}" for name in directories)
        yield from (f"{current}/{name}" for name in files)


def _older_than(storage: Storage, names: Iterator[str], cutoff: datetime) -> Iterator[str]:
    for name in names:
        try:
            modified = storage.get_modified_time(name)
        except (FileNotFoundError, NotImplementedError):
            continue  # removed meanwhile, or a storage that cannot tell: never guess
        if modified <= cutoff:
            yield name


def _batches(names: Iterator[str]) -> Iterator[list[str]]:
    while batch := list(islice(names, _BATCH)):
        yield batch


def attachment_orphans_sweep(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Remove the stored attachment files that no row names and that are older than ORPHAN_GRACE;
    return how many (with dry_run, only count them)."""
    storage = _storage()
    cutoff = (now or timezone.now()) - ORPHAN_GRACE
    candidates = _older_than(storage, _files(storage, attachment_upload_root()), cutoff)
    orphans = 0
    for batch in _batches(candidates):
        named = set(Attachment.objects.filter(file__in=batch).values_list("file", flat=True))
        for name in batch:
            if name in named:
                continue
            orphans += 1
            if not dry_run:
                storage.delete(name)
                logger.info("Removed attachment file %s: no attachment row names it", name)
    if orphans:
        logger.warning(
            "%s %s attachment file(s) that no row names", "Found" if dry_run else "Removed", orphans
        )
    return orphans
