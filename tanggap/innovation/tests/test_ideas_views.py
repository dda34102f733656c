"""Idea pages: visibility, list query counts, the office's decisions through the pages, bad input, and
the similar-items endpoint."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.innovation.models import Idea, Innovation
from tanggap.innovation.tests.factories import IdeaFactory, InnovationFactory
from tanggap.org.tests.factories import OfficialFactory, UnitFactory

pytestmark = pytest.mark.django_db
D = Idea.Status


def _client(client, user):
    client.force_login(user)
    return client


def _detail(idea):
    return reverse("innovation:idea_detail", args=[idea.pk])


def _act(idea, action):
    return reverse("innovation:idea_act", args=[idea.pk, action])


def test_an_official_submits_an_idea_through_the_page(client, official_a, unit_a):
    _client(client, official_a.user)
    assert client.get(reverse("innovation:idea_create")).status_code == 200
    response = client.post(
        reverse("innovation:idea_create"),
        {
            "title": "Antrean daring",
            "problem": "Antre lama.",
            "proposal": "Ambil nomor lewat ponsel.",
            "beneficiaries": "Warga.",
            "unit": unit_a.pk,
            "submit": "1",
        },
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(idea)
    assert idea.status == D.SUBMITTED


def test_bad_input_on_the_form_gives_a_message_and_writes_nothing(client, official_a, other_region):
    _client(client, official_a.user)
    stranger = OfficialFactory(unit=UnitFactory(region=other_region))
    response = client.post(
        reverse("innovation:idea_create"),
        {
            "title": "",
            "problem": "x",
            "proposal": "y",
            "beneficiaries": "z",
            "unit": 999999,
            "coauthors": [stranger.pk],
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"title", "unit", "coauthors"} <= set(errors)
    assert not Idea.objects.exists()


def test_a_citizen_is_refused_the_idea_pages(client, citizen, official_a):
    idea = IdeaFactory(author=official_a)
    _client(client, citizen)
    for url in (reverse("innovation:ideas"), _detail(idea), reverse("innovation:idea_similar")):
        assert client.get(url).status_code == 403
    assert client.post(_act(idea, "support")).status_code == 403


def test_another_regions_staff_gets_404(client, official_a, other_region):
    idea = IdeaFactory(author=official_a)
    admin = UserFactory(username="admin_lain")
    RoleAssignmentFactory(user=admin, role=Role.REGION_ADMIN, region=other_region)
    _client(client, admin)
    assert client.get(_detail(idea)).status_code == 404
    assert client.post(_act(idea, "decline"), {"note": "x"}).status_code == 404
    assert idea.title not in client.get(reverse("innovation:ideas")).content.decode()
    idea.refresh_from_db()
    assert idea.status == D.SUBMITTED


def test_other_authors_drafts_are_hidden_but_the_author_and_office_see_them(
    client, official_a, official_b, office
):
    draft = IdeaFactory(author=official_a, status=D.DRAFT, title="Draf rahasia A")
    _client(client, official_b.user)
    assert client.get(_detail(draft)).status_code == 404
    assert "Draf rahasia A" not in client.get(reverse("innovation:ideas")).content.decode()
    _client(client, official_a.user)
    assert client.get(_detail(draft)).status_code == 200
    _client(client, office)
    assert client.get(_detail(draft)).status_code == 200


def test_the_author_sees_every_step_and_the_innovation_it_became(client, official_a, office):
    idea = IdeaFactory(author=official_a)
    _client(client, office)
    client.post(_act(idea, "ask_revision"), {"note": "Perjelas sasaran."})
    idea.refresh_from_db()
    assert idea.status == D.REVISION
    _client(client, official_a.user)
    client.post(_act(idea, "submit"))
    _client(client, office)
    client.post(
        _act(idea, "accept"),
        {"form": "tata_kelola", "kind": "non_digital", "initiator": "asn", "affair": "keuangan"},
    )
    innovation = Innovation.objects.get(idea=idea)
    _client(client, official_a.user)
    body = client.get(_detail(idea)).content.decode()
    assert "Perjelas sasaran." in body and innovation.code in body
    assert f'href="{reverse("innovation:innovation_detail", args=[innovation.pk])}"' in body
    assert body.count("<li><p><strong>") >= 3  # revision, submit, accept in the timeline


def test_a_decision_without_reason_shows_a_message_and_changes_nothing(client, office, official_a):
    idea = IdeaFactory(author=official_a)
    _client(client, office)
    response = client.post(_act(idea, "decline"), {"note": ""}, follow=True)
    assert "alasan" in response.content.decode().lower()
    idea.refresh_from_db()
    assert idea.status == D.SUBMITTED and not idea.events.exists()


def test_the_author_posting_a_decision_is_told_no(client, official_a):
    idea = IdeaFactory(author=official_a)
    _client(client, official_a.user)
    response = client.post(
        _act(idea, "accept"),
        {"form": "lainnya", "kind": "digital", "initiator": "asn", "affair": "sosial"},
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == D.SUBMITTED and not Innovation.objects.exists()


def test_support_through_the_page(client, official_a, official_b):
    idea = IdeaFactory(author=official_a)
    _client(client, official_b.user)
    client.post(_act(idea, "support"))
    client.post(_act(idea, "support"))
    idea.refresh_from_db()
    assert idea.support_count == 1
    _client(client, official_a.user)
    client.post(_act(idea, "support"))
    idea.refresh_from_db()
    assert idea.support_count == 1


def test_an_unknown_action_is_not_found(client, official_a):
    idea = IdeaFactory(author=official_a)
    _client(client, official_a.user)
    assert client.post(_act(idea, "hapus")).status_code == 404


def test_the_list_and_queue_keep_their_query_count(
    client, official_a, office, unit_a, django_assert_max_num_queries
):
    from tanggap.core.text import normalize_text

    for _ in range(15):
        IdeaFactory(author=official_a, search_text=normalize_text("antrean loket kecamatan"))
    _client(client, official_a.user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("innovation:ideas"), {"status": "diajukan", "q": "antrean"})
    assert len(response.context["ideas"]) == 15
    with django_assert_max_num_queries(12):
        response = client.get(reverse("innovation:ideas"), {"mine": "on"})
    assert len(response.context["ideas"]) == 15
    _client(client, office)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("innovation:idea_review"))
    assert len(response.context["queue"]) == 15


def test_the_review_queue_is_for_the_office_only(client, official_a):
    _client(client, official_a.user)
    assert client.get(reverse("innovation:idea_review")).status_code == 403


def test_similar_returns_the_related_idea_first(
    client, official_a, official_b, unit_a, other_region
):
    from tanggap.core.text import normalize_text

    def idea(title, problem):
        return IdeaFactory(
            author=official_a,
            title=title,
            problem=problem,
            proposal="",
            search_text=normalize_text(f"{title} {problem}"),
        )

    related = idea("Antrean puskesmas daring", "Pasien menunggu antrean berjam-jam di puskesmas")
    idea("Perbaikan jalan desa", "Jalan desa rusak saat musim hujan")
    idea("Pelatihan UMKM", "Pelaku usaha kecil belum memasarkan secara daring")
    InnovationFactory(
        unit=unit_a, name="Si Antre", search_text=normalize_text("antrean puskesmas pasien")
    )
    InnovationFactory(
        unit=UnitFactory(region=other_region), search_text=normalize_text("antrean puskesmas")
    )
    _client(client, official_b.user)
    data = client.get(
        reverse("innovation:idea_similar"), {"q": "antrean pasien di puskesmas"}
    ).json()
    assert data["ideas"][0]["id"] == related.pk
    assert [row["title"] for row in data["innovations"]] == ["Si Antre"]
    assert client.get(reverse("innovation:idea_similar"), {"q": "a"}).json()["ideas"] == []
    assert client.get(reverse("innovation:idea_similar"), {"idea": "9" * 30}).status_code in (
        200,
        400,
    )
