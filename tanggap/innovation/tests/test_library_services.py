"""P2B articles and replication requests: who may write, link and ask; every move of the request
through REPLICATION_MACHINE with its event; refusals change nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied
from tanggap.innovation.models import Article, Replication, ReplicationRequest
from tanggap.innovation.search import search_articles
from tanggap.innovation.services import library as services
from tanggap.innovation.tests.factories import InnovationFactory

pytestmark = pytest.mark.django_db
Q = ReplicationRequest.Status
DATA = {"title": "Antrean puskesmas daring", "summary": "Ringkas.", "body": "Warga mendaftar."}


@pytest.fixture
def head_b(unit_b):
    user = UserFactory(username="kepala_b", full_name="Kepala B")
    RoleAssignmentFactory(user=user, role=Role.UNIT_HEAD, unit=unit_b, region=unit_b.region)
    return user


@pytest.fixture
def innovation_a(unit_a):
    return InnovationFactory(unit=unit_a, name="Puskesmas Daring")


def test_article_lifecycle_indexes_and_publishes(head_a, unit_a):
    article = services.article_create(user=head_a, unit=unit_a, data=DATA)
    assert article.status == Article.Status.DRAFT and "antre" in article.search_text
    assert search_articles("antrean").total == 0
    services.article_publish(user=head_a, article_id=article.pk)
    assert search_articles("antrean").total == 1
    services.article_update(user=head_a, article_id=article.pk, data={**DATA, "title": "Pasar"})
    assert search_articles("antrean").total == 0 and search_articles("pasar").total == 1
    services.article_archive(user=head_a, article_id=article.pk)
    assert search_articles("pasar").total == 0
    with pytest.raises(DomainError):
        services.article_update(user=head_a, article_id=article.pk, data=DATA)


def test_article_refusals(head_a, head_b, unit_a, unit_b, citizen):
    with pytest.raises(PermissionDenied):
        services.article_create(user=head_b, unit=unit_a, data=DATA)
    with pytest.raises(PermissionDenied):
        services.article_create(user=citizen, unit=unit_a, data=DATA)
    with pytest.raises(DomainError) as err:
        services.article_create(user=head_a, unit=unit_a, data={**DATA, "title": " "})
    assert err.value.field == "title"
    hidden_b = InnovationFactory(unit=unit_b, is_public=False)
    with pytest.raises(DomainError) as err:
        services.article_create(user=head_a, unit=unit_a, data={**DATA, "innovation": hidden_b})
    assert err.value.field == "innovation"
    public_b = InnovationFactory(unit=unit_b, is_public=True)
    assert services.article_create(user=head_a, unit=unit_a, data={**DATA, "innovation": public_b})
    article = services.article_create(user=head_a, unit=unit_a, data=DATA)
    with pytest.raises(PermissionDenied):
        services.article_publish(user=head_b, article_id=article.pk)
    assert Article.objects.filter(unit=unit_a).count() == 2


def test_replication_workflow_to_a_recorded_replication(head_a, head_b, unit_b, innovation_a):
    request = services.replication_request_create(
        user=head_b, unit=unit_b, innovation=innovation_a, message="Kami ingin menerapkannya."
    )
    assert request.status == Q.REQUESTED
    services.replication_request_answer(user=head_a, request_id=request.pk, accept=True)
    done = services.record_replication(
        user=head_a, request_id=request.pk, replicated_on=dt.date(2026, 1, 5), note="Berjalan."
    )
    assert done.status == Q.REPLICATED
    replication = Replication.objects.get(innovation=innovation_a)
    assert replication.unit == unit_b and done.replication == replication
    moves = [(e.action, e.from_status, e.to_status) for e in done.events.order_by("id")]
    assert moves == [
        ("request", "", Q.REQUESTED),
        ("accept", Q.REQUESTED, Q.ACCEPTED),
        ("record_replication", Q.ACCEPTED, Q.REPLICATED),
    ]


def test_replication_refusals_change_nothing(head_a, head_b, unit_a, unit_b, innovation_a):
    with pytest.raises(DomainError) as err:  # own unit's innovation
        services.replication_request_create(
            user=head_a, unit=unit_a, innovation=innovation_a, message="x"
        )
    assert err.value.field == "innovation"
    with pytest.raises(PermissionDenied):  # asking on behalf of another unit
        services.replication_request_create(
            user=head_a, unit=unit_b, innovation=innovation_a, message="x"
        )
    with pytest.raises(DomainError) as err:
        services.replication_request_create(
            user=head_b, unit=unit_b, innovation=innovation_a, message="  "
        )
    assert err.value.field == "message"
    first = services.replication_request_create(
        user=head_b, unit=unit_b, innovation=innovation_a, message="Mohon pendampingan."
    )
    with pytest.raises(DomainError):  # one live request per unit and innovation
        services.replication_request_create(
            user=head_b, unit=unit_b, innovation=innovation_a, message="Lagi."
        )
    # Wrong actor: the requester cannot accept; the owner cannot cancel.
    with pytest.raises(InvalidTransition):
        services.replication_request_answer(user=head_b, request_id=first.pk, accept=True)
    with pytest.raises(InvalidTransition):
        services.replication_request_cancel(user=head_a, request_id=first.pk)
    with pytest.raises(InvalidTransition):  # not accepted yet
        services.record_replication(
            user=head_a, request_id=first.pk, replicated_on=dt.date(2026, 1, 5)
        )
    with pytest.raises(DomainError) as err:  # declining needs a reason
        services.replication_request_answer(user=head_a, request_id=first.pk, accept=False)
    assert err.value.field == "note"
    first.refresh_from_db()
    assert first.status == Q.REQUESTED and first.events.count() == 1
    assert Replication.objects.count() == 0
    services.replication_request_cancel(user=head_b, request_id=first.pk)
    # Once cancelled, a new request may be sent.
    again = services.replication_request_create(
        user=head_b, unit=unit_b, innovation=innovation_a, message="Sekarang siap."
    )
    services.replication_request_answer(
        user=head_a, request_id=again.pk, accept=False, note="Belum bisa tahun ini."
    )
    again.refresh_from_db()
    assert again.status == Q.DECLINED
    with pytest.raises(InvalidTransition):
        services.replication_request_cancel(user=head_b, request_id=again.pk)


def test_future_replication_date_is_refused(head_a, head_b, unit_b, innovation_a):
    request = services.replication_request_create(
        user=head_b, unit=unit_b, innovation=innovation_a, message="Mohon."
    )
    services.replication_request_answer(user=head_a, request_id=request.pk, accept=True)
    with pytest.raises(DomainError) as err:
        services.record_replication(
            user=head_a, request_id=request.pk, replicated_on=dt.date(2999, 1, 1)
        )
    assert err.value.field == "replicated_on"
    request.refresh_from_db()
    assert request.status == Q.ACCEPTED and Replication.objects.count() == 0
