"""A service page's "Laporkan masalah" opens the filing form for that service (issue 10, defect 1): the
region and the related service come in the link (`?wilayah=&layanan=`), checked against the region's own
services; and /pengaduan/ links the public complaint figures (defect 3)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tanggap.catalog.tests.factories import enacted_service
from tanggap.complaints.models import Complaint
from tanggap.complaints.tests.factories import form_data
from tanggap.org.tests.factories import UnitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday_morning", "fresh_rate_limits")]

FILE = reverse("complaints:file")


@pytest.fixture
def ktp(unit_a):
    return enacted_service(unit=unit_a, slug="ktp-el-baru", name="KTP-el Baru", code="DUK-KTP")


def test_the_link_chooses_the_service_on_the_form(client, region, ktp):
    response = client.get(FILE, {"wilayah": region.slug, "layanan": ktp.slug})
    assert response.status_code == 200
    assert response.context["form"]["service"].value() == ktp.pk
    assert f'<option value="{ktp.pk}" selected>' in response.content.decode()
    assert response.context["prefill_error"] is None


def test_the_chosen_service_is_filed_with_the_report(client, region, ktp):
    url = f"{FILE}?wilayah={region.slug}&layanan={ktp.slug}"
    response = client.post(url, form_data(service=ktp.pk))
    assert response.status_code == 302
    assert Complaint.objects.get().service == ktp


@pytest.mark.parametrize("slug", ["tidak-ada", "x" * 500, "<script>", " "])
def test_an_unknown_service_is_not_chosen_and_the_form_says_so(client, region, ktp, slug):
    response = client.get(FILE, {"wilayah": region.slug, "layanan": slug})
    assert response.status_code == 200
    assert response.context["form"]["service"].value() is None
    assert "tidak dikenal" in response.content.decode()


def test_another_regions_service_is_not_chosen(client, region, other_region, ktp):
    theirs = enacted_service(
        unit=UnitFactory(region=other_region), slug="ktp-lain", name="KTP Lain", code="X-1"
    )
    response = client.get(FILE, {"wilayah": region.slug, "layanan": theirs.slug})
    assert response.context["form"]["service"].value() is None
    assert response.context["prefill_error"]


def test_an_archived_service_is_not_chosen(client, region, ktp):
    ktp.is_active = False
    ktp.save()
    response = client.get(FILE, {"wilayah": region.slug, "layanan": ktp.slug})
    assert response.context["form"]["service"].value() is None


def test_no_service_in_the_link_no_message(client, region, ktp):
    response = client.get(FILE, {"wilayah": region.slug})
    assert response.context["prefill_error"] is None
    assert response.context["form"]["service"].value() is None


def test_the_complaints_page_links_the_public_figures(client, region):
    page = client.get(reverse("complaints:landing")).content.decode()
    url = reverse("complaints:transparency")
    assert f'href="{url}"' in page
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [
        (reverse("complaints:transparency_region", args=[region.slug]), 302)
    ]
