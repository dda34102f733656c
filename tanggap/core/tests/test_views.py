"""Home page, dashboard and error pages: language, links by role, no 500 on bad paths."""

import pytest
from django.urls import reverse

from tanggap.catalog.tests.factories import ServiceFactory, StandardVersionFactory


@pytest.mark.django_db
def test_home_page_is_in_indonesian_and_counts_services(client, region):
    service = ServiceFactory(region=region)
    StandardVersionFactory(service=service, status="enacted")
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in html
    assert "Kabupaten Uji" in html
    assert 'name="q"' in html


@pytest.mark.django_db
def test_home_page_switches_to_english(client, region):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get("/")
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_dashboard_requires_login(client):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_dashboard_links_follow_roles(client, region_admin, front_desk_a):
    client.force_login(region_admin)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("org:index") in html and reverse("users:user_list") in html
    client.force_login(front_desk_a)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("org:index") not in html and reverse("users:user_list") not in html


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


@pytest.mark.django_db
def test_dashboard_and_home_have_bounded_queries(
    client, region_admin, django_assert_max_num_queries
):
    client.force_login(region_admin)
    with django_assert_max_num_queries(12):
        client.get(reverse("core:dashboard"))
    client.logout()
    with django_assert_max_num_queries(6):
        client.get("/")


@pytest.mark.django_db
def test_indonesian_is_the_default_even_for_an_english_browser(client, region):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in response.content.decode()
    assert response["Content-Language"] == "id"
