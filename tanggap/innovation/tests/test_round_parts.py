"""Editing and removing a round's categories and stages: only while the round is a draft, only by the
organiser, bad input changes nothing; the dashboard offers the forms to the organiser of a draft only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.innovation.models import Round
from tanggap.innovation.services import round_parts as parts
from tanggap.innovation.tests.factories import InnovationFactory, ProposalFactory, round_with_rubric

pytestmark = pytest.mark.django_db


def _draft(region):
    return round_with_rubric(organiser=region, status=Round.Status.DRAFT)


def test_organiser_edits_and_removes_a_category_of_a_draft(office, region):
    round_ = _draft(region)
    category = round_.categories.get()
    parts.category_update(
        actor=office, category=category, code="Layanan", name="Pelayanan publik", forms=[]
    )
    category.refresh_from_db()
    assert (category.code, category.name) == ("layanan", "Pelayanan publik")
    parts.category_remove(actor=office, category=category)
    assert not round_.categories.exists()


def test_category_code_must_stay_unique(office, region):
    round_ = _draft(region)
    round_.categories.create(code="lain", name="Lain")
    category = round_.categories.get(code="umum")
    with pytest.raises(DomainError):
        parts.category_update(actor=office, category=category, code="lain", name="X")
    category.refresh_from_db()
    assert category.code == "umum"


def test_open_round_refuses_edits_and_removals(office, region, unit_a):
    round_ = round_with_rubric(organiser=region, status=Round.Status.OPEN)
    category, stage = round_.categories.get(), round_.stages.first()
    with pytest.raises(DomainError):
        parts.category_update(actor=office, category=category, code="baru", name="Baru")
    with pytest.raises(DomainError):
        parts.category_remove(actor=office, category=category)
    with pytest.raises(DomainError):
        parts.stage_remove(actor=office, stage=stage)
    category.refresh_from_db()
    assert category.code == "umum" and round_.stages.count() == 3


def test_category_with_proposals_is_not_removed(office, region, unit_a):
    round_ = _draft(region)
    category = round_.categories.get()
    ProposalFactory(round=round_, category=category, innovation=InnovationFactory(unit=unit_a))
    with pytest.raises(DomainError):
        parts.category_remove(actor=office, category=category)
    assert round_.categories.exists()


def test_non_organiser_is_refused(head_a, region):
    round_ = _draft(region)
    with pytest.raises(PermissionDenied):
        parts.category_remove(actor=head_a, category=round_.categories.get())
    with pytest.raises(PermissionDenied):
        parts.stage_remove(actor=head_a, stage=round_.stages.first())
    assert round_.categories.exists() and round_.stages.count() == 3


def test_stage_edit_checks_dates_and_removal_renumbers(office, region):
    round_ = _draft(region)
    first, second, third = round_.stages.order_by("order")
    with pytest.raises(DomainError):
        parts.stage_update(
            actor=office, stage=second, kind=second.kind, name="x",
            starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 2, 1),
        )  # fmt: skip
    with pytest.raises(DomainError):
        parts.stage_update(
            actor=office, stage=first, kind=first.kind, name="x",
            starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 4, 1),
        )  # fmt: skip
    parts.stage_update(
        actor=office, stage=second, kind="proposal", name="Evaluasi",
        starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 5, 1), pass_score="60",
    )  # fmt: skip
    second.refresh_from_db()
    assert (second.kind, second.name, str(second.pass_score)) == ("proposal", "Evaluasi", "60.00")
    parts.stage_remove(actor=office, stage=first)
    assert list(round_.stages.order_by("order").values_list("order", "pk")) == [
        (1, second.pk),
        (2, third.pk),
    ]


def test_dashboard_edits_and_removes_through_forms(client, office, head_a, region):
    round_ = _draft(region)
    category, stage = round_.categories.get(), round_.stages.first()
    url = reverse("innovation:round_detail", args=[round_.pk])
    client.force_login(office)
    body = client.get(url).content.decode()
    assert "category_edit" in body and "stage_remove" in body
    response = client.post(
        url, {"do": "category_edit", "category": category.pk, "code": "ubah", "name": "Ubahan"}
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.name == "Ubahan"
    response = client.post(url, {"do": "category_edit", "category": category.pk, "code": ""})
    assert response.status_code == 400
    response = client.post(url, {"do": "stage_remove", "stage": "99999999999999"})
    assert response.status_code == 400
    assert client.post(url, {"do": "stage_remove", "stage": stage.pk}).status_code == 302
    assert round_.stages.count() == 2
    client.force_login(head_a)
    assert "category_edit" not in client.get(url).content.decode()
    assert client.post(url, {"do": "category_remove", "category": category.pk}).status_code == 403
    assert round_.categories.exists()
