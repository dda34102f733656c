"""Issue 9, defect 10 and its outage test: Redis stops while the platform runs.

A scratch `redis-server` holds the cache (rate limits, cached pages) and the Huey task queue. With it up,
every rate-limited endpoint works and the counts and tasks really are in that Redis. Then the server is
stopped: every endpoint still answers below 500 (the cache answers from process memory), and a report
dispatched meanwhile has its notification kept in the outbox, unsent. Redis is started again on the same
port, the Huey scheduler's sweep runs through it, and the reporter is told exactly once (a second sweep and
the operator's `deliver_outbox` send nothing more).
"""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from huey.contrib.djhuey import HUEY
from huey.storage import RedisStorage
from rest_framework.test import APIClient

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.complaints.models import Complaint, ComplaintCategory, ComplaintEvent
from tanggap.complaints.open311 import keys
from tanggap.complaints.services import complaint_verify_dispatch
from tanggap.complaints.tests.factories import file_report, form_data, make_verifier
from tanggap.core.cache import FailSoftRedisCache
from tanggap.core.models import OutboxMessage
from tanggap.core.notify import LogBackend
from tanggap.core.tasks import sweep_outbox
from tanggap.core.tests.scratch_redis import ScratchRedis
from tanggap.queueing.models import Ticket
from tanggap.queueing.services import ticket_walk_in
from tanggap.queueing.tests.factories import CounterFactory, LocationFactory, QueueServiceFactory

MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
OPEN311_KEY = "kunci-uji-open311-outage-0123456789"
NOTIFY_EVENT = "tanggap.complaints.tasks.notify_event"
NEAR_FRONT = "tanggap.queueing.tasks.notify_near_front"
REPORTER = "warga.terdampak@contoh.id"


# --- every notification goes through the outbox (no Redis needed) --------------------------------------


@pytest.mark.django_db
def test_a_dispatch_writes_its_notification_to_the_outbox_in_one_insert(
    region, unit_a, django_capture_on_commit_callbacks
):
    complaint = file_report(region)
    verifier = make_verifier(region)
    OutboxMessage.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False):
        complaint_verify_dispatch(actor=verifier, complaint=complaint, unit=unit_a)
    event = complaint.events.latest("id")
    assert event.action == "dispatched"
    assert list(OutboxMessage.objects.values_list("task", "args", "sent_at")) == [
        (NOTIFY_EVENT, [event.pk], None)
    ]


@pytest.mark.django_db
def test_a_queue_change_writes_its_near_front_notification_to_the_outbox(region):
    queue = QueueServiceFactory(location=LocationFactory(region=region), prefix="A")
    with time_machine.travel(MONDAY_9, tick=False), transaction.atomic():
        ticket_walk_in(queue_service=queue)
        assert list(OutboxMessage.objects.values_list("task", "args")) == [(NEAR_FRONT, [queue.pk])]


# --- the outage -------------------------------------------------------------------------------------------


@pytest.fixture
def redis_server():
    server = ScratchRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def everything_on(redis_server, settings):
    """The cache and the Huey queue on the scratch server (the test settings run Huey in memory)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "tanggap.core.cache.FailSoftRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    FailSoftRedisCache._down_until.clear()
    saved = HUEY._immediate, HUEY.storage
    HUEY._immediate = False
    HUEY.storage = RedisStorage(HUEY.name, url=redis_server.url, blocking=False)
    try:
        yield redis_server
    finally:
        HUEY._immediate, HUEY.storage = saved
        FailSoftRedisCache._down_until.clear()


def run_consumer() -> int:
    """What the Huey consumer does: take each queued task from Redis and run it; how many ran."""
    ran = 0
    while (task := HUEY.dequeue()) is not None:
        HUEY.execute(task)
        ran += 1
    return ran


class Platform:
    """The region, its people, a complaint category, a queue location, an Open311 app."""

    def __init__(self, region, unit_a):
        self.region, self.unit_a = region, unit_a
        self.category = ComplaintCategory.objects.create(
            region=region, slug="jalan-rusak", name="Jalan rusak", default_unit=unit_a
        )
        self.verifier = make_verifier(region)
        self.location = LocationFactory(region=region, name="Kantor Kecamatan Uji")
        self.queue = QueueServiceFactory(location=self.location, prefix="A")
        self.officer = UserFactory(username="petugas_loket")
        RoleAssignmentFactory(user=self.officer, role=Role.FRONT_DESK, unit=self.location)
        keys.open311_client_issue(region=region, name="Aplikasi Uji", key=OPEN311_KEY)

    def signed_in(self, user) -> APIClient:
        client = APIClient()
        client.force_login(user)
        return client

    def file_by_api(self) -> tuple[int, str]:
        response = APIClient().post(
            "/api/complaints/",
            {
                "region": self.region.slug,
                "report_type": "pengaduan",
                "title": "Jalan berlubang di depan SD",
                "description": "Lubang besar di jalan desa membahayakan anak-anak sekolah.",
                "reporter_name": "Warga Terdampak",
                "reporter_email": REPORTER,
            },
            format="json",
        )
        return response.status_code, response.json().get("tracking_code", "")

    def hit_every_rate_limited_endpoint(self) -> dict[str, int]:
        """One request to each: the status each answered."""
        anonymous, web = APIClient(), Client()
        status = {}
        status["api filing"], code = self.file_by_api()
        walk_in = anonymous.post(
            f"/api/queue/locations/{self.location.pk}/tickets/",
            {"service": self.queue.pk},
            format="json",
        )
        status["walk-in"] = walk_in.status_code
        if walk_in.status_code == 403:  # the kiosk's credential is required: walk in at the kiosk
            ticket_walk_in(queue_service=self.queue)
        status["catalogue api"] = anonymous.get("/api/catalog/services/").status_code
        jurisdiction = {"jurisdiction_id": self.region.slug}
        status["open311 services"] = web.get("/open311/v2/services.json", jurisdiction).status_code
        status["open311 requests"] = web.get("/open311/v2/requests.json", jurisdiction).status_code
        status["open311 post"] = web.post(
            "/open311/v2/requests.json",
            {
                **jurisdiction,
                "api_key": OPEN311_KEY,
                "service_code": self.category.slug,
                "lat": "-8.0983",
                "long": "112.1681",
                "description": "Lampu jalan di perempatan pasar mati sejak seminggu.",
            },
        ).status_code
        counter = CounterFactory(location=self.location, services=[self.queue])  # a free counter
        status["counter call-next"] = (
            self.signed_in(self.officer)
            .post(f"/api/queue/counters/{counter.pk}/call-next/")
            .status_code
        )
        status["web filing"] = web.post(
            f"{reverse('complaints:file')}?wilayah={self.region.slug}", form_data()
        ).status_code
        status["report page"] = web.get(reverse("complaints:public", args=[code])).status_code
        ticket = Ticket.objects.latest("id")
        status["ticket page"] = web.get(reverse("queueing:ticket", args=[ticket.code])).status_code
        status["transparency page"] = web.get(
            reverse("complaints:transparency_region", args=[self.region.slug])
        ).status_code
        status["sign-in"] = (
            Client()
            .post(
                reverse("accounts:login"),
                {"username": "petugas_loket", "password": "kata-sandi-uji-123"},
            )
            .status_code
        )
        return status


def told_about(code: str) -> list[dict]:
    """The messages the reporter got saying the report was passed on to a unit."""
    return [
        m
        for m in LogBackend.sent
        if m["to_email"] == REPORTER and code in m["subject"] and "Diteruskan" in m["subject"]
    ]


@pytest.mark.xdist_group("scratch-redis")
@pytest.mark.django_db(transaction=True)
def test_redis_stopping_costs_no_500_and_loses_no_notification(region, unit_a, everything_on):
    server = everything_on
    LogBackend.sent.clear()
    with time_machine.travel(MONDAY_9, tick=False) as clock:
        platform = Platform(region, unit_a)

        # Redis up: everything works, and the counts and the tasks really are in this Redis.
        up = platform.hit_every_rate_limited_endpoint()
        assert up["walk-in"] in (201, 403), up
        assert {k: v for k, v in up.items() if k != "walk-in"} == {
            "api filing": 201,
            "catalogue api": 200,
            "open311 services": 200,
            "open311 requests": 200,
            "open311 post": 200,
            "counter call-next": 200,
            "web filing": 302,
            "report page": 200,
            "ticket page": 200,
            "transparency page": 200,
            "sign-in": 302,
        }
        redis = server.client()
        assert redis.keys(":1:throttle_*"), "the throttles count in the scratch Redis"
        assert redis.llen(f"huey.redis.{HUEY.name}") == OutboxMessage.objects.count() > 0
        assert run_consumer() == OutboxMessage.objects.count()
        assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
        _, code = platform.file_by_api()
        run_consumer()

        # Redis stops.
        server.stop()
        assert server.is_down()
        down = platform.hit_every_rate_limited_endpoint()
        assert all(status < 500 for status in down.values()), down
        assert down == up  # not merely below 500: each answers as it did with Redis up

        # A report dispatched during the outage: its notification waits in the outbox.
        dispatched = platform.signed_in(platform.verifier).post(
            f"/api/complaints/{code}/verify-dispatch/", {"unit": unit_a.pk}
        )
        assert dispatched.status_code == 200, dispatched.content
        event = ComplaintEvent.objects.get(complaint__tracking_code=code, action="dispatched")
        waiting = OutboxMessage.objects.get(task=NOTIFY_EVENT, args=[event.pk])
        assert waiting.sent_at is None and waiting.attempts == 0
        assert waiting.last_error.startswith("queue: ConnectionError")
        assert told_about(code) == []
        unsent = OutboxMessage.objects.filter(sent_at__isnull=True)
        # The dispatch's notice, and the near-the-front notices of the outage's queue changes.
        assert set(unsent.values_list("task", flat=True)) == {NOTIFY_EVENT, NEAR_FRONT}

        # Redis is back on the same port; a minute later the Huey scheduler's sweep runs through it.
        server.start()
        clock.shift(dt.timedelta(minutes=2))
        HUEY.enqueue(sweep_outbox.s())
        assert run_consumer() == 1
        assert not unsent.exists()
        assert len(told_about(code)) == 1
        assert Complaint.objects.get(tracking_code=code).status == Complaint.Status.DISPATCHED

        # Delivered once: a second sweep and the operator's command send nothing more.
        sent_before = len(LogBackend.sent)
        HUEY.enqueue(sweep_outbox.s())
        run_consumer()
        call_command("deliver_outbox", stdout=io.StringIO())
        assert len(LogBackend.sent) == sent_before
        assert len(told_about(code)) == 1
