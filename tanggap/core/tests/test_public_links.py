"""The public pages nobody could reach (issue 10, defect 3) are linked from the home page and the footer;
the 2.35 MB API documentation left the public footer for the staff dashboard (defect 9, part)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TRANSPARENCY = reverse("complaints:transparency")
IKM = reverse("surveys:public_ikm")
API_DOCS = reverse("api-docs")


def footer_of(page: str) -> str:
    return re.search(r'<footer class="site-footer.*?</footer>', page, re.S).group(0)


@pytest.mark.parametrize("url", [TRANSPARENCY, IKM])
def test_the_home_page_links_the_public_figures(client, region, url):
    page = client.get(reverse("core:home")).content.decode()
    main = page.split('<footer class="site-footer', 1)[0]
    assert f'href="{url}"' in main
    assert client.get(url, follow=True).status_code == 200


@pytest.mark.parametrize(
    "url",
    [TRANSPARENCY, IKM, reverse("queueing:ticket_find")],
    ids=["transparency", "ikm", "ticket"],
)
@pytest.mark.parametrize(
    "page_url",
    [reverse("core:home"), reverse("catalog:index"), reverse("complaints:landing")],
    ids=["home", "catalogue", "complaints"],
)
def test_every_pages_footer_links_the_public_figures(client, region, url, page_url):
    footer = footer_of(client.get(page_url).content.decode())
    assert f'href="{url}"' in footer
    assert client.get(url, follow=True).status_code == 200


def test_the_public_footer_no_longer_links_the_api_docs(client, region):
    for page_url in (reverse("core:home"), reverse("queueing:locations")):
        assert API_DOCS not in client.get(page_url).content.decode()


def test_the_staff_dashboard_links_the_api_docs(client, handler_a):
    client.force_login(handler_a)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert f'href="{API_DOCS}"' in page
    assert API_DOCS not in footer_of(page)
    assert client.get(API_DOCS).status_code == 200
