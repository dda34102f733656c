"""The outbox page: system administrators see the messages waiting for delivery, with their attempts and last
error; nobody else opens it or sees its card."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tanggap.accounts.tests.factories import UserFactory
from tanggap.core.models import OutboxMessage
from tanggap.core.selectors import outbox_summary, outbox_unsent_visible_to

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def test_system_administrators_see_what_waits_with_attempts_and_the_last_error(
    client, superuser, django_assert_max_num_queries
):
    OutboxMessage.objects.create(
        task="tanggap.complaints.tasks.notify_event",
        args=[41],
        attempts=2,
        last_error="task: SMTPServerDisconnected: Connection unexpectedly closed",
        next_attempt_at=NOW + dt.timedelta(minutes=2),
    )
    OutboxMessage.objects.create(
        task="tanggap.queueing.tasks.notify_near_front", args=[3], next_attempt_at=NOW
    )
    OutboxMessage.objects.create(task="done", next_attempt_at=NOW, sent_at=NOW)
    client.force_login(superuser)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("core:outbox"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "tanggap.complaints.tasks.notify_event" in page and "[41]" in page
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in page
    assert "tanggap.queueing.tasks.notify_near_front" in page
    summary = response.context["summary"]
    assert (summary["unsent"], summary["failed"], summary["sent_last_day"]) == (2, 1, 1)
    assert [m.task for m in response.context["page"]] == [
        "tanggap.complaints.tasks.notify_event",
        "tanggap.queueing.tasks.notify_near_front",
    ]
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("core:outbox") in dashboard


def test_nobody_else_opens_the_outbox_page(client, region_admin, front_desk_a):
    response = client.get(reverse("core:outbox"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    for user in (region_admin, front_desk_a):
        client.force_login(user)
        assert client.get(reverse("core:outbox")).status_code == 403
        assert reverse("core:outbox") not in client.get(reverse("core:dashboard")).content.decode()


def test_the_outbox_reads_show_nothing_to_anyone_but_a_system_administrator(
    region_admin, superuser
):
    OutboxMessage.objects.create(task="t", next_attempt_at=NOW)
    assert outbox_unsent_visible_to(user=region_admin).count() == 0
    assert outbox_summary(user=region_admin)["unsent"] == 0
    assert outbox_unsent_visible_to(user=superuser).count() == 1
    assert outbox_summary(user=superuser)["unsent"] == 1


def test_a_system_administrator_by_role_opens_the_outbox_too(client, sysadmin):
    """The role, not only Django's superuser flag: accounts answers core's `user.is_system_admin` hook."""
    OutboxMessage.objects.create(task="t", next_attempt_at=NOW)
    assert not sysadmin.is_superuser
    client.force_login(sysadmin)
    assert client.get(reverse("core:outbox")).status_code == 200
    assert outbox_unsent_visible_to(user=sysadmin).count() == 1
