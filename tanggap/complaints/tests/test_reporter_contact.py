"""Issue 9, defect 8: a reporter's name and contact reach exactly the officers the filing form names."""

import pytest
from django.urls import reverse

from tanggap.complaints.tests.factories import file_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(region, unit_a, handler_a):
    complaint = file_report(region, reporter_phone="0812 3456 7890", is_anonymous=False)
    complaint.unit, complaint.assignee, complaint.status = unit_a, handler_a, "diproses"
    complaint.save()
    return complaint


def _page(client, user, complaint) -> str:
    client.force_login(user)
    response = client.get(reverse("complaints:staff_detail", args=[complaint.tracking_code]))
    assert response.status_code == 200, user.username
    return response.content.decode()


def test_read_only_roles_see_the_report_but_not_who_filed_it(client, report, leader, evaluator):
    for user in (leader, evaluator):
        html = _page(client, user, report)
        assert report.title in html
        assert "Siti Pelapor" not in html and "siti@contoh.id" not in html
        assert "3456" not in html


def test_the_officers_handling_it_and_the_verifiers_see_the_contact(
    client, report, handler_a, head_a, region_admin
):
    for user in (handler_a, head_a, region_admin):
        html = _page(client, user, report)
        assert "Siti Pelapor" in html and "siti@contoh.id" in html


def test_the_filing_form_says_exactly_who_sees_the_contact(client, region):
    html = client.get(reverse("complaints:file"), {"wilayah": region.slug}).content.decode()
    assert "hanya petugas verifikasi (admin instansi)" in html
    assert "petugas unit yang menangani laporan Anda" in html
