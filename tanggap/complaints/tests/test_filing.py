"""Filing a report: validation, tracking code and secret, the first deadline, the first timeline step."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tanggap.complaints.models import Complaint, ComplaintEvent
from tanggap.complaints.services import complaint_file, secret_matches
from tanggap.core.errors import DomainError

WIB = ZoneInfo("Asia/Jakarta")


def _file(region, **kwargs):
    data = {
        "region": region,
        "report_type": "pengaduan",
        "title": "Jalan berlubang di depan SD",
        "description": "Lubang besar di jalan desa membahayakan anak-anak yang berangkat sekolah.",
        "now": dt.datetime(2026, 11, 20, 10, 0, tzinfo=WIB),  # a Friday
    }
    data.update(kwargs)
    return complaint_file(**data)


@pytest.mark.django_db
def test_filed_report_gets_a_code_a_secret_and_a_verify_deadline(region):
    complaint, secret = _file(region)
    assert complaint.tracking_code.startswith("LPR-")
    assert complaint.status == Complaint.Status.NEW
    assert secret not in complaint.secret_hash and secret_matches(complaint, secret)
    assert not secret_matches(complaint, "SALAH")
    # Friday 10:00 + 3 working days → Wednesday 10:00
    assert complaint.verify_due_at == dt.datetime(2026, 11, 25, 10, 0, tzinfo=WIB)
    event = complaint.events.get()
    assert event.action == "filed" and event.visibility == ComplaintEvent.Visibility.PUBLIC


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "abc"),
        ("description", "pendek"),
        ("report_type", "lain"),
        ("reporter_phone", "nomor"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(region, field, value):
    with pytest.raises(DomainError):
        _file(region, **{field: value})
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_media_monitoring_needs_a_source_link(region):
    with pytest.raises(DomainError):
        _file(region, channel="media")
    complaint, _ = _file(region, channel="media", source_url="https://berita.example/jalan-rusak")
    assert complaint.channel == "media"
