"""The demo queue history: working days only, a morning peak, consistent numbers, events and counters,
replaced on a re-run without touching real tickets."""

import datetime as dt
from collections import defaultdict
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from tanggap.core.calendar import calendar_for
from tanggap.demo.queue_history import CODE_PREFIX, history_code, history_generate
from tanggap.queueing import services
from tanggap.queueing.models import DailySequence, QueueSettings, Ticket, TicketEvent
from tanggap.queueing.tests.factories import CounterFactory, LocationFactory, QueueServiceFactory
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.invitations import TICKET, source_key
from tanggap.surveys.models import SurveyResponse

WIB = ZoneInfo("Asia/Jakarta")
TODAY = dt.date(2026, 11, 25)  # a Wednesday
S, A = Ticket.Status, TicketEvent.Action

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def wednesday():
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, 0, tzinfo=WIB), tick=False) as traveller:
        yield traveller


@pytest.fixture
def location(region):
    office = LocationFactory(region=region, slug="kecamatan-uji", name="Kantor Kecamatan Uji")
    QueueSettings.objects.create(location=office, region=region, no_show_grace_minutes=5)
    return office


@pytest.fixture
def queues(location):
    ktp = QueueServiceFactory(location=location, prefix="A", default_service_minutes=10)
    kk = QueueServiceFactory(location=location, prefix="B", default_service_minutes=8)
    akta = QueueServiceFactory(location=location, prefix="C", default_service_minutes=12)
    CounterFactory(location=location, name="Loket 1", services=[ktp, kk, akta], order=1)
    CounterFactory(location=location, name="Loket 2", services=[ktp, kk], order=2)
    return ktp, kk, akta


def generate(location, **kwargs):
    return history_generate(locations=[location], **{"weeks": 3, "seed": 7, **kwargs})


def test_history_covers_the_past_working_days_only(location, queues):
    result = generate(location)
    days = set(Ticket.objects.values_list("service_day", flat=True))
    cal = calendar_for(unit=location)
    expected = {
        TODAY - dt.timedelta(days=n)
        for n in range(1, 22)
        if cal.is_working_day(TODAY - dt.timedelta(days=n))
    }
    assert days == expected and result.days == len(expected) == 15
    assert result.tickets == Ticket.objects.count() > 15 * 20
    assert result.events == TicketEvent.objects.count()
    assert not Ticket.objects.exclude(code__startswith=CODE_PREFIX).exists()


def test_arrivals_peak_in_the_morning_and_mix_bookings_walk_ins_priority_and_no_shows(
    location, queues
):
    generate(location)
    arrived = Ticket.objects.filter(checked_in_at__isnull=False)
    hours = defaultdict(int)
    for moment in arrived.values_list("checked_in_at", flat=True):
        hours[moment.astimezone(WIB).hour] += 1
    assert hours[8] + hours[9] > 2 * (hours[13] + hours[14])
    assert min(hours) == 8 and max(hours) <= 14
    total = arrived.count()
    booked = arrived.filter(source=Ticket.Source.BOOKING).count()
    assert 0.2 < booked / total < 0.4
    assert 0.03 < arrived.exclude(priority="").count() / total < 0.15
    assert Ticket.objects.filter(status=S.NO_SHOW, checked_in_at__isnull=True).exists()
    assert Ticket.objects.filter(status=S.NO_SHOW, called_at__isnull=False).exists()
    assert Ticket.objects.filter(status=S.CANCELLED).exists()


def test_numbers_follow_the_daily_sequence_of_each_prefix(location, queues):
    generate(location)
    numbered = Ticket.objects.exclude(number="").order_by("checked_in_at", "id")
    seen = defaultdict(list)
    for t in numbered.select_related("queue_service"):
        assert t.number == f"{t.queue_service.prefix}-{t.sequence:03d}"
        seen[(t.service_day, t.queue_service.prefix)].append(t.sequence)
    for (day, prefix), sequences in seen.items():
        assert sequences == list(range(1, len(sequences) + 1)), (day, prefix)
        stored = DailySequence.objects.get(location=location, day=day, prefix=prefix)
        assert stored.last_number == len(sequences)
    # Bookings that never came were never numbered (numbers are given at check-in).
    assert not Ticket.objects.filter(checked_in_at__isnull=True).exclude(number="").exists()


def test_every_ticket_has_its_event_trail_matching_its_times_and_status(location, queues):
    generate(location, weeks=1)
    for t in Ticket.objects.prefetch_related("events"):
        events = list(t.events.order_by("at", "id"))
        assert events[-1].to_status == t.status
        for before, after in zip(events, events[1:], strict=False):
            assert before.to_status == after.from_status and before.at <= after.at
        actions = [e.action for e in events]
        if t.status == S.DONE:
            first = [A.BOOKED, A.CHECKED_IN] if t.source == Ticket.Source.BOOKING else [A.ISSUED]
            assert actions == [*first, A.CALLED, A.SERVING, A.DONE]
            called = next(e for e in events if e.action == A.CALLED)
            assert (called.at, called.counter_id) == (t.called_at, t.counter_id)
            assert t.checked_in_at <= t.called_at <= t.serving_started_at <= t.finished_at
        elif t.status == S.NO_SHOW and t.called_at:
            assert actions[-3:] == [A.CALLED, A.RECALLED, A.NO_SHOW]
            assert t.finished_at - t.called_at == dt.timedelta(minutes=5)  # the location's grace
        elif t.status == S.NO_SHOW:
            assert actions == [A.BOOKED, A.NO_SHOW]
        else:
            assert t.status == S.CANCELLED and actions == [A.BOOKED, A.CANCELLED]


def test_counters_serve_one_citizen_at_a_time_and_only_their_services(location, queues):
    ktp, kk, akta = queues
    generate(location, weeks=1)
    handled = {c.pk: set(c.services.values_list("pk", flat=True)) for c in location.counters.all()}
    busy = defaultdict(list)
    for t in Ticket.objects.filter(called_at__isnull=False):
        assert t.queue_service_id in handled[t.counter_id]
        busy[t.counter_id].append((t.called_at, t.finished_at))
    assert set(busy) == set(handled)
    for spans in busy.values():
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert start >= end
    assert Ticket.objects.filter(queue_service=akta, counter__name="Loket 2").count() == 0


def test_a_rerun_replaces_only_the_generated_history_and_is_reproducible(
    location, queues, wednesday
):
    ktp = queues[0]
    # The location already used the real queue last Monday: that day is left to the real data.
    monday = TODAY - dt.timedelta(days=2)
    wednesday.move_to(dt.datetime.combine(monday, dt.time(9, 0), tzinfo=WIB))
    real_past = services.ticket_walk_in(queue_service=ktp)
    wednesday.move_to(dt.datetime(2026, 11, 25, 9, 0, tzinfo=WIB))
    first = generate(location)
    before = fingerprint()
    real_today = services.ticket_walk_in(queue_service=ktp)

    second = generate(location)

    assert second.deleted == first.tickets and second.tickets == first.tickets
    assert second.responses == first.responses == SurveyResponse.objects.count() > 0
    assert second.days == first.days == 14  # 15 working days, Monday's left to real data
    assert Ticket.objects.filter(pk__in=[real_today.pk, real_past.pk]).count() == 2
    assert not Ticket.objects.filter(service_day=monday, code__startswith=CODE_PREFIX).exists()
    assert DailySequence.objects.get(location=location, prefix="A", day=monday).last_number == 1
    assert DailySequence.objects.get(location=location, prefix="A", day=TODAY).last_number == 1
    # Each day has its own seed: the same history comes back exactly.
    assert fingerprint() == before


def fingerprint() -> dict[str, tuple]:
    return {
        code: (day, number, called)
        for code, day, number, called in Ticket.objects.filter(
            code__startswith=CODE_PREFIX
        ).values_list("code", "service_day", "number", "called_at")
    }


def test_history_codes_are_unique_and_never_look_like_real_codes():
    codes = {
        history_code(location_id, dt.date(2026, 11, d), service, serial)
        for location_id in (1, 2, 999_999)
        for d in (2, 3)
        for service in (0, 11)
        for serial in (1, 2, 9999)
    }
    assert len(codes) == 3 * 2 * 2 * 3
    assert all(code.startswith("H-") and len(code) <= 16 for code in codes)


def test_the_command_refuses_a_production_database_unless_forced(
    settings, monkeypatch, location, queues
):
    monkeypatch.delenv("TANGGAP_TESTING", raising=False)
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("generate_queue_history", region=location.region.slug)
    assert not Ticket.objects.exists()
    out = StringIO()
    call_command(
        "generate_queue_history",
        region=location.region.slug,
        locations=["kecamatan-uji"],
        weeks=1,
        force=True,
        stdout=out,
    )
    assert "Queue history:" in out.getvalue() and Ticket.objects.exists()


def test_the_command_names_unknown_regions_and_locations(location, queues):
    with pytest.raises(CommandError, match="Unknown region"):
        call_command("generate_queue_history", region="tidak-ada")
    with pytest.raises(CommandError, match="kecamatan-entah"):
        call_command(
            "generate_queue_history", region=location.region.slug, locations=["kecamatan-entah"]
        )
    with pytest.raises(CommandError, match="--weeks"):
        call_command("generate_queue_history", region=location.region.slug, weeks=0)


def test_the_demo_history_fills_dukcapil_and_three_kecamatan():
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("generate_queue_history", weeks=1, stdout=out)
    assert "at 4 location(s)" in out.getvalue() and "survey responses" in out.getvalue()
    count = {
        slug: Ticket.objects.filter(location__slug=slug).count()
        for slug in ("dukcapil", "kecamatan-kanigoro", "kecamatan-wlingi", "kecamatan-srengat")
    }
    assert count["dukcapil"] > 2 * count["kecamatan-wlingi"] > 0
    assert count["kecamatan-kanigoro"] > 0 and count["kecamatan-srengat"] > 0


def test_a_share_of_the_citizens_served_answer_the_survey_keyed_like_real_responses(
    location, queues
):
    result = generate(location)
    done = {t.pk: t for t in Ticket.objects.filter(status=S.DONE).select_related("queue_service")}
    by_key = {source_key(TICKET, pk): ticket for pk, ticket in done.items()}
    responses = list(SurveyResponse.objects.all())
    assert result.responses == len(responses)
    assert 0.2 <= len(responses) / len(done) <= 0.35
    for response in responses:
        ticket = by_key[response.source_key]  # only done tickets, one response each
        assert response.source == SurveyResponse.Source.TICKET and not response.is_flagged
        assert response.unit_id == response.location_id == location.pk
        assert response.service_id == ticket.queue_service.service_id
        assert response.served_on == ticket.service_day
        assert ticket.finished_at <= response.submitted_at
        assert set(response.answers) == set(load_instrument().keys)
    assert len({r.source_key for r in responses}) == len(responses)


def test_a_rerun_replaces_the_generated_responses_and_keeps_real_ones(location, queues):
    ktp = queues[0]
    first = generate(location)
    real = services.ticket_walk_in(queue_service=ktp)
    real_response = SurveyResponse.objects.create(
        region=location.region,
        unit=location,
        location=location,
        answers={key: 3 for key in load_instrument().keys},
        source=SurveyResponse.Source.TICKET,
        source_key=source_key(TICKET, real.pk),
        sex="P",
        age=40,
        education="sma",
        occupation="swasta",
        served_on=TODAY,
        submitted_at=dt.datetime(2026, 11, 25, 9, 0, tzinfo=WIB),
    )
    second = generate(location)
    assert second.deleted_responses == first.responses
    assert second.responses == first.responses
    assert SurveyResponse.objects.count() == first.responses + 1
    assert SurveyResponse.objects.filter(pk=real_response.pk).exists()
    generated = set(
        Ticket.objects.filter(code__startswith=CODE_PREFIX).values_list("pk", flat=True)
    )
    keys = {source_key(TICKET, pk) for pk in generated}
    assert (
        set(
            SurveyResponse.objects.exclude(pk=real_response.pk).values_list("source_key", flat=True)
        )
        <= keys
    )


def test_if_missing_fills_only_locations_without_history_and_then_returns_quickly(
    location, queues, django_assert_max_num_queries
):
    other = LocationFactory(region=location.region, slug="kecamatan-dua", name="Kecamatan Dua")
    ktp = QueueServiceFactory(location=other, prefix="A")
    CounterFactory(location=other, services=[ktp])
    generate(location, weeks=1)
    ours = fingerprint()
    command = {
        "region": location.region.slug,
        "locations": ["kecamatan-uji", "kecamatan-dua"],
        "weeks": 1,
        "if_missing": True,
    }
    out = StringIO()
    call_command("generate_queue_history", stdout=out, **command)
    assert "at 1 location(s)" in out.getvalue()
    assert Ticket.objects.filter(location=other).exists()
    assert {code: row for code, row in fingerprint().items() if code in ours} == ours
    tickets = Ticket.objects.count()

    out = StringIO()
    with django_assert_max_num_queries(4):  # region, locations, one existence query per location
        call_command("generate_queue_history", stdout=out, **command)
    assert (
        out.getvalue().count("\n") == 1 and "already generated at 2 location(s)" in out.getvalue()
    )
    assert Ticket.objects.count() == tickets
