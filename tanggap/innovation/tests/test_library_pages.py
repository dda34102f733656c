"""P2B pages and API: the public search and article (no personal data), writing, the replication
buttons, query-count limits, bad input answered without a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.innovation.models import Article, ReplicationRequest
from tanggap.innovation.search import index_text
from tanggap.innovation.services import library as services
from tanggap.innovation.tests.factories import ArticleFactory, InnovationFactory

pytestmark = pytest.mark.django_db


def published(unit, title, **kwargs) -> Article:
    a = ArticleFactory(unit=unit, title=title, **kwargs)
    a.search_text = index_text(title=a.title, summary=a.summary, body=a.body)
    a.save(update_fields=["search_text"])
    return a


@pytest.fixture
def head_b(unit_b):
    user = UserFactory(username="kepala_b", full_name="Kepala Bagus Santoso", email="kb@x.id")
    RoleAssignmentFactory(user=user, role=Role.UNIT_HEAD, unit=unit_b, region=unit_b.region)
    return user


def test_public_search_page_finds_and_highlights(client, unit_a, django_assert_max_num_queries):
    for i in range(25):
        published(unit_a, f"Jalan desa {i}", body="Jalan desa diperbaiki bersama warga.")
    published(unit_a, "Draf jalan", status=Article.Status.DRAFT, published_at=None)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("innovation:library"), {"q": "perbaikan"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>diperbaiki</mark>" in html and "Draf jalan" not in html
    assert "Halaman 1 dari 2" in html
    assert (
        client.get(reverse("innovation:library"), {"q": "jalan", "halaman": 2}).status_code == 200
    )


@pytest.mark.parametrize(
    "params", [{"q": "x" * 500}, {"wilayah": "tidak-ada"}, {"urusan": "??"}, {"halaman": "abc"}]
)
def test_public_search_bad_input_is_400(client, params):
    assert client.get(reverse("innovation:library"), params).status_code == 400


def test_public_article_has_no_personal_data(client, unit_a, head_a):
    innovation = InnovationFactory(unit=unit_a, name="Puskesmas Daring")
    article = published(unit_a, "Antrean daring", innovation=innovation, author=head_a)
    html = client.get(reverse("innovation:article", args=[article.pk])).content.decode()
    assert "Antrean daring" in html and "Puskesmas Daring" in html
    assert head_a.get_full_name() not in html and head_a.username not in html
    assert "Kirim permintaan replikasi" not in html  # anonymous: no button
    draft = published(unit_a, "Belum terbit", status=Article.Status.DRAFT)
    assert client.get(reverse("innovation:article", args=[draft.pk])).status_code == 404
    assert client.post(reverse("innovation:article", args=[article.pk])).status_code == 403


def test_replicate_button_sends_a_request(client, unit_a, unit_b, head_a, head_b):
    innovation = InnovationFactory(unit=unit_a)
    article = published(unit_a, "Antrean daring", innovation=innovation)
    url = reverse("innovation:article", args=[article.pk])
    client.force_login(head_a)  # the owner's own unit: no button
    assert "Kirim permintaan replikasi" not in client.get(url).content.decode()
    client.force_login(head_b)
    assert "Kirim permintaan replikasi" in client.get(url).content.decode()
    assert client.post(url, {"unit": unit_b.pk, "message": ""}).status_code == 400
    response = client.post(url, {"unit": unit_b.pk, "message": "Mohon pendampingan."})
    request = ReplicationRequest.objects.get()
    assert response.status_code == 302 and request.requesting_unit == unit_b
    assert client.post(url, {"unit": unit_b.pk, "message": "Lagi."}).status_code == 400
    assert ReplicationRequest.objects.count() == 1


def test_request_pages_show_the_allowed_actions(client, unit_a, unit_b, head_a, head_b, citizen):
    innovation = InnovationFactory(unit=unit_a)
    req = services.replication_request_create(
        user=head_b, unit=unit_b, innovation=innovation, message="Mohon."
    )
    url = reverse("innovation:replication_request", args=[req.pk])
    client.force_login(head_a)
    html = client.get(url).content.decode()
    assert "Terima dan dampingi" in html and "Batalkan permintaan" not in html
    assert client.post(url, {"action": "cancel"}).status_code == 400
    assert client.post(url, {"action": "accept"}).status_code == 302
    assert (
        client.post(url, {"action": "record_replication", "replicated_on": ""}).status_code == 400
    )
    response = client.post(url, {"action": "record_replication", "replicated_on": "2026-01-05"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == ReplicationRequest.Status.REPLICATED
    history = client.get(url).content.decode()
    assert "Replikasi dicatat" in history and "Diterima, pendampingan berjalan" in history
    assert "record_replication →" not in history
    client.force_login(head_b)
    listing = client.get(reverse("innovation:replication_requests")).content.decode()
    assert "Dikirim ke" in listing
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    assert client.get(reverse("innovation:replication_requests")).status_code == 403


def test_request_list_query_count(client, unit_a, unit_b, head_b, django_assert_max_num_queries):
    for _ in range(15):
        services.replication_request_create(
            user=head_b, unit=unit_b, innovation=InnovationFactory(unit=unit_a), message="Mohon."
        )
    client.force_login(head_b)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("innovation:replication_requests")).status_code == 200


def test_write_and_publish_through_pages(client, unit_a, head_a, citizen):
    client.force_login(citizen)
    assert client.get(reverse("innovation:article_create")).status_code == 403
    client.force_login(head_a)
    data = {"unit": unit_a.pk, "title": "Pasar bersih", "summary": "Ringkas.", "body": "Isi."}
    assert (
        client.post(reverse("innovation:article_create"), {**data, "title": ""}).status_code == 400
    )
    response = client.post(reverse("innovation:article_create"), data)
    article = Article.objects.get()
    assert response.status_code == 302 and article.status == Article.Status.DRAFT
    edit = reverse("innovation:article_edit", args=[article.pk])
    assert client.post(edit, {"action": "publish"}).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert client.post(edit, {**data, "title": "Pasar tertib"}).status_code == 302
    assert (
        "Pasar tertib"
        in client.get(reverse("innovation:library"), {"q": "tertib"}).content.decode()
    )


def test_api_search_and_detail(client, unit_a, head_a):
    article = published(unit_a, "Jalan desa", body="Jalan diperbaiki warga.", author=head_a)
    body = client.get("/api/innovation/articles/", {"q": "perbaikan"}).json()
    assert body["total"] == 1 and body["terms"] == ["baik"]
    assert body["hits"][0]["article"]["id"] == article.pk
    assert "<mark>diperbaiki</mark>" in body["hits"][0]["snippet"]
    detail = client.get(f"/api/innovation/articles/{article.pk}/")
    assert detail.status_code == 200 and head_a.username not in detail.content.decode()
    assert client.get("/api/innovation/articles/999999/").status_code == 404
    assert client.get("/api/innovation/articles/", {"region": "nope"}).status_code == 400
    assert client.get("/api/innovation/articles/", {"page": "x"}).status_code == 400


def test_api_is_in_the_openapi_schema():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    assert "/api/innovation/articles/" in paths
    assert "/api/innovation/articles/{article_id}/" in paths
