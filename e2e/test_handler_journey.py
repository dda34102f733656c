"""The complaint handler's journey on a 360 px phone against the demo data: a report forwarded to
Dukcapil that nobody holds yet; Dukcapil's complaint handler signs in, finds it in the unit's worklist,
reads who assigns reports and that they may take it, takes it and answers the reporter, without waiting
for the unit head."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest

from e2e.conftest import ARTIFACTS, PASSWORD, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

REGION = "kab-blitar"
HANDLER = "pengaduan.dukcapil"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"handler-{name}.png"), full_page=True)


def worklist_page(username: str, complaint) -> str:
    """The unit worklist's page that lists `complaint` (nearest deadline first, many demo reports)."""
    from tanggap.accounts.models import User
    from tanggap.complaints import selectors
    from tanggap.complaints.views.worklists import PAGE_SIZE

    user = User.objects.get(username=username)
    ids = list(selectors.unit_worklist(user=user).values_list("pk", flat=True))
    return (
        f"/pengaduan/kelola/unit/?{urlencode({'page': ids.index(complaint.pk) // PAGE_SIZE + 1})}"
    )


def test_the_handler_takes_a_forwarded_report_and_answers_it(page):
    from tanggap.accounts.models import User
    from tanggap.complaints import services
    from tanggap.org.models import Region, Unit

    base = page.base_url
    region = Region.objects.get(slug=REGION)
    dukcapil = Unit.objects.get(region=region, slug="dukcapil")
    complaint, _secret = services.complaint_file(
        region=region,
        report_type="pengaduan",
        title="Kartu keluarga baru belum jadi setelah tiga minggu",
        description="Sudah tiga minggu sejak pengajuan perubahan KK, belum ada kabar dari Dukcapil.",
        reporter_name="Dewi Anggraini",
    )
    complaint = services.complaint_verify_dispatch(
        actor=User.objects.get(username="sysadmin"), complaint=complaint, unit=dukcapil
    )
    assert complaint.status == "diteruskan" and complaint.assignee is None
    code = complaint.tracking_code

    # 1. The handler signs in and finds the report in the unit's worklist.
    sign_in(page, base, HANDLER, PASSWORD, quote(worklist_page(HANDLER, complaint)))
    page.wait_for_url(re.compile(r"/pengaduan/kelola/unit/\?page=\d+$"))
    row = page.locator("tr", has_text=code)
    assert "Diteruskan ke unit" in row.inner_text()
    shot(page, "1-worklist")
    row.get_by_role("link", name=complaint.title).click()
    page.wait_for_url(re.compile(rf"/pengaduan/kelola/{code}/$"))

    # 2. The page says nobody holds it, who assigns reports, and that the handler may take it;
    # it explains the deadlines; there is no answer form yet.
    hint = page.locator(".cp-assignment-hint")
    assert "Belum ada petugas yang memegang laporan ini" in hint.inner_text()
    head = User.objects.get(username="kadis.dukcapil")
    assert (head.get_full_name() or head.username) in hint.inner_text()  # who assigns, by name
    assert page.get_by_text("Arti tenggat dan cara menghitungnya").is_visible()
    assert page.get_by_text("sejak laporan diteruskan ke unit").first.is_visible()
    assert page.locator("#aksi-jawab").count() == 0
    shot(page, "2-forwarded")

    # 3. Take it.
    page.get_by_role("button", name="Ambil dan tangani").click()
    page.get_by_text("Laporan ini sekarang Anda tangani.").wait_for()
    assert page.locator(".cp-meta .cp-status").inner_text().strip() == "Sedang ditindaklanjuti"
    assert page.locator(".cp-assignment-hint").count() == 0
    shot(page, "3-taken")

    # 4. Answer the reporter.
    page.get_by_label("Jawaban untuk pelapor").fill(
        "KK Anda sudah dicetak hari ini dan dapat diambil di loket 3 Dukcapil mulai besok pagi."
    )
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_text("Jawaban dikirim ke pelapor.").wait_for()
    assert page.locator(".cp-meta .cp-status").inner_text().strip() == "Sudah ditanggapi"
    history = page.locator(".cp-timeline").inner_text()
    assert "Laporan ditindaklanjuti oleh tim responsif" in history
    shot(page, "4-answered")

    complaint.refresh_from_db()
    assert complaint.status == "ditanggapi"
    assert complaint.assignee.username == HANDLER
    assert complaint.events.filter(action="taken", actor__username=HANDLER).exists()
