"""Attachment files left without a row (a worker killed between writing the file and committing) are swept
once they are older than the grace period; files with a row, young files and other directories are kept."""

from __future__ import annotations

import io
import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from tanggap.complaints.services import attachment_add
from tanggap.complaints.services.attachment_orphans import ORPHAN_GRACE, attachment_orphans_sweep
from tanggap.complaints.tasks import sweep_attachment_orphans
from tanggap.complaints.tests.factories import file_report, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def _file(name: str, *, age: timedelta) -> str:
    """A file written to storage `age` ago (as a killed worker would have left it)."""
    stored = default_storage.save(name, ContentFile(b"%PDF-1.4 sisa unggahan"))
    written = (timezone.now() - age).timestamp()
    os.utime(default_storage.path(stored), (written, written))
    return stored


def _old() -> timedelta:
    return ORPHAN_GRACE + timedelta(minutes=5)


def _attachment(region):
    attachment = attachment_add(
        complaint=file_report(region),
        uploaded_file=SimpleUploadedFile("foto.png", png_bytes()),
        by_reporter=True,
    )
    path = default_storage.path(attachment.file.name)
    written = (timezone.now() - timedelta(days=30)).timestamp()
    os.utime(path, (written, written))
    return attachment


def test_an_old_file_without_a_row_is_removed_and_one_with_a_row_is_kept(region):
    attachment = _attachment(region)
    orphan = _file("complaints/2026/11/0123456789abcdef.pdf", age=_old())
    assert attachment_orphans_sweep() == 1
    assert not default_storage.exists(orphan)
    assert default_storage.exists(attachment.file.name)
    assert default_storage.size(attachment.file.name) == attachment.size


def test_a_file_of_an_upload_still_in_flight_is_kept(region):
    fresh = _file(
        "complaints/2026/12/fedcba9876543210.jpg", age=ORPHAN_GRACE - timedelta(minutes=5)
    )
    assert attachment_orphans_sweep() == 0
    assert default_storage.exists(fresh)
    # The same file, looked at once the grace period has passed, is an orphan.
    assert attachment_orphans_sweep(now=timezone.now() + ORPHAN_GRACE) == 1
    assert not default_storage.exists(fresh)


def test_a_dry_run_counts_and_removes_nothing(region):
    orphans = [_file(f"complaints/2025/0{m}/sisa.png", age=_old()) for m in (1, 2, 3)]
    assert attachment_orphans_sweep(dry_run=True) == 3
    assert all(default_storage.exists(name) for name in orphans)


def test_files_outside_the_attachments_directory_are_not_touched(region):
    model = _file("routing/model-1.joblib", age=timedelta(days=90))
    other = _file("complaintsx/lain.pdf", age=timedelta(days=90))
    assert attachment_orphans_sweep() == 0
    assert default_storage.exists(model) and default_storage.exists(other)


def test_no_attachments_directory_yet_is_nothing_to_sweep(media):
    assert not (media / "complaints").exists()
    assert attachment_orphans_sweep() == 0


def test_the_rows_are_looked_up_in_one_query_per_batch(region, django_assert_num_queries):
    for i in range(12):
        _file(f"complaints/2026/{i % 3 + 1:02d}/sisa-{i}.pdf", age=_old())
    _attachment(region)
    with django_assert_num_queries(1):
        assert attachment_orphans_sweep() == 12


def test_the_nightly_task_runs_the_sweep(region):
    orphan = _file("complaints/2026/10/sisa.pdf", age=_old())
    assert sweep_attachment_orphans.call_local() == 1
    assert not default_storage.exists(orphan)


def test_the_command_reports_a_dry_run_then_removes(region):
    orphan = _file("complaints/2026/09/sisa.webp", age=_old())
    out = io.StringIO()
    call_command("sweep_attachment_orphans", "--dry-run", stdout=out)
    assert "Would remove 1 attachment file" in out.getvalue()
    assert default_storage.exists(orphan)
    out = io.StringIO()
    call_command("sweep_attachment_orphans", stdout=out)
    assert "Removed 1 attachment file" in out.getvalue()
    assert not default_storage.exists(orphan)
