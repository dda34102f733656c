"""A new user finds the KTP-el service, reads its requirements and downloads its maklumat PDF."""

import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_citizen_finds_ktp_el_reads_requirements_and_downloads_maklumat(page):
    page.goto(page.base_url + "/")
    assert page.locator("html").get_attribute("lang") == "id"

    page.get_by_label("Cari layanan").fill("KTP-el")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url(re.compile(r"/layanan/\?"))

    page.get_by_role("link", name=re.compile(r"KTP-el", re.I)).first.click()
    page.wait_for_url(re.compile(r"/layanan/kab-blitar/"))
    assert "KTP" in page.locator("h1").inner_text()

    requirements = page.locator("#persyaratan li")
    assert requirements.count() >= 1
    assert requirements.first.inner_text().strip() != ""
    assert page.get_by_text("Gratis").first.is_visible()
    assert page.locator(".qr svg").count() == 1

    link = page.get_by_role("link", name=re.compile(r"maklumat", re.I))
    href = link.get_attribute("href")
    response = page.request.get(page.base_url + href if href.startswith("/") else href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body()[:4] == b"%PDF"
    page.screenshot(path="e2e/artifacts/ktp-el.png", full_page=True)


def test_english_switch_changes_the_page_language(page):
    page.goto(page.base_url + "/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
