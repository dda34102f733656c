"""A realistic queue history for demos: weeks of past tickets whose waits follow from load and staffing.

For each location and past working day (the working calendar decides) citizens arrive with a morning
peak, book online or walk in, some with priority; each day is played by the planner's SimPy model
(`planner.run_day`) with the location's counters and the services each handles, a lunch break and the
odd absent officer, so waiting times are consequences of the load, not drawn from thin air. Each ticket
gets its TicketEvent rows and a number from the day's per-prefix sequence (DailySequence is set too).

Some of the citizens served answer the satisfaction survey (SKM): a seeded share of the DONE tickets
gets a SurveyResponse keyed like a real one (`source_key` = the HMAC of "ticket:<pk>"), dated on the
ticket's service day, with answers drawn from the demo's distributions (tanggap.surveys.simulated).

Generated tickets carry codes starting with "H-" (real codes never contain "-"), so a second run deletes
and replaces only the generated history, and with it the responses about generated tickets (their keys
are recomputed from the ticket ids); real tickets and responses are left alone. Days on which a
location already has real tickets are skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from tanggap.core.calendar import calendar_for
from tanggap.org.models import Unit
from tanggap.queueing.analytics import opening_periods
from tanggap.queueing.models import (
    Counter,
    DailySequence,
    QueueService,
    QueueSettings,
    Ticket,
    TicketEvent,
)
from tanggap.queueing.planner import Arrival, DayConfig, generate_arrivals, run_day
from tanggap.surveys import simulated
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.invitations import TICKET, source_key
from tanggap.surveys.models import SurveyResponse

CODE_PREFIX = "H-"
CODE_DIGITS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
S = Ticket.Status
A = TicketEvent.Action
BATCH = 2000

# Arrivals through the day by local clock hour: the morning rush, a lunch lull, a quiet last hour.
HOUR_WEIGHT = {7: 1.2, 8: 1.9, 9: 2.0, 10: 1.5, 11: 1.0, 12: 0.55, 13: 0.65, 14: 0.4, 15: 0.2}
WEEKDAY_FACTOR = {0: 1.2, 1: 1.05, 2: 1.0, 3: 0.95, 4: 0.8, 5: 0.7, 6: 0.5}
# Which adminduk services people come for (unknown services get a small share).
SERVICE_MIX = {
    "ktp-el-baru": 14, "ktp-el-hilang-rusak": 8, "ktp-el-perubahan-data": 7, "kk-baru": 8,
    "kk-perubahan": 14, "kk-hilang-rusak": 4, "kia": 8, "akta-kelahiran": 12, "akta-kematian": 5,
    "pindah-datang": 8, "surat-keterangan-kependudukan": 4, "aktivasi-ikd": 8,
}  # fmt: skip
DAILY_CITIZENS: dict[str, int] = {Unit.Kind.KECAMATAN: 50, Unit.Kind.MPP_BOOTH: 60}
DEFAULT_CITIZENS = 200  # Dukcapil and other offices
BOOKED_SHARE = 0.3
PRIORITY_SHARE = 0.08
WALK_AWAY_SHARE = 0.02  # called, never came to the counter
BOOKED_NO_SHOW_SHARE = 0.08  # booked, never came
CANCELLED_SHARE = 0.04
SERVICE_CV = 0.5  # lognormal service times around each service's configured minutes
ABSENT_DAY_SHARE = 0.1  # days one officer of three or more is away (leave, training, sick)
FIRST_NAMES = ("Sri", "Agus", "Siti", "Budi", "Nur", "Joko", "Rina", "Eko", "Dewi", "Slamet")
LAST_NAMES = ("Rahayu", "Santoso", "Lestari", "Wibowo", "Handayani", "Prasetyo", "Astuti")
SURVEY_SHARE = (
    0.2,
    0.35,
)  # of the citizens served, this share (per location, seeded) answers the SKM


@dataclass
class HistoryResult:
    """What one generation wrote and how long it took."""

    locations: list[Unit] = field(default_factory=list)
    days: int = 0
    tickets: int = 0
    events: int = 0
    responses: int = 0
    deleted: int = 0
    deleted_responses: int = 0
    seconds: float = 0.0


def history_code(location_id: int, day: dt.date, service_index: int, serial: int) -> str:
    """A unique, recognisable code: H- and a base-32 number built from location, day and serial."""
    number = ((location_id * 1_000_000 + day.toordinal()) * 100 + service_index) * 10_000 + serial
    digits = []
    while True:
        number, rest = divmod(number, len(CODE_DIGITS))
        digits.append(CODE_DIGITS[rest])
        if not number:
            break
    return CODE_PREFIX + "".join(reversed(digits))


def _seed_for(seed: int, location: Unit, day: dt.date) -> int:
    """A per-location, per-day seed: a day's history does not depend on which other days are made."""
    raw = f"{seed}:{location.region_id}:{location.slug}:{day.isoformat()}".encode()
    return int.from_bytes(hashlib.sha256(raw).digest()[:8], "big")


def _daily_citizens(location: Unit) -> float:
    base = DAILY_CITIZENS.get(location.kind, DEFAULT_CITIZENS)
    # Kecamatan differ in size: ±30% by a stable hash of the slug.
    spread = int(hashlib.sha256(location.slug.encode()).hexdigest()[:4], 16) / 0xFFFF
    return base * (0.7 + 0.6 * spread) if location.kind == Unit.Kind.KECAMATAN else base


@dataclass
class _Plan:
    """Everything about a location that does not change from day to day."""

    location: Unit
    services: list[QueueService]
    weights: list[float]
    counters: list[Counter]
    counter_services: list[set[int]]
    periods: list[dt.time]
    tz: dt.tzinfo
    grace: int
    slot_minutes: int
    citizens: float


def _plan(location: Unit) -> _Plan | None:
    services = list(
        QueueService.objects.filter(location=location, is_active=True)
        .select_related("service")
        .order_by("order", "prefix")
    )
    counters = list(
        Counter.objects.filter(location=location).prefetch_related("services").order_by("order")
    )
    if not services or not counters:
        return None
    index = {s.pk: i for i, s in enumerate(services)}
    counter_services = [{index[s.pk] for s in c.services.all() if s.pk in index} for c in counters]
    if not set().union(*counter_services) >= set(index.values()):
        counter_services = [set(index.values())] * len(counters)  # someone must serve every queue
    order = _duty_order(counter_services)
    counters = [counters[i] for i in order]
    counter_services = [counter_services[i] for i in order]
    conf = QueueSettings.objects.filter(location=location).first()
    cal = calendar_for(unit=location)
    return _Plan(
        location=location,
        services=services,
        weights=[SERVICE_MIX.get(s.service.slug, 3) for s in services],
        counters=counters,
        counter_services=counter_services,
        periods=opening_periods(cal),
        tz=cal.tz,
        grace=conf.no_show_grace_minutes if conf else 10,
        slot_minutes=conf.slot_minutes if conf else 30,
        citizens=_daily_citizens(location),
    )


def _duty_order(counter_services: list[set[int]]) -> list[int]:
    """Counter indexes in the order they stay on duty when fewer work (lunch, absence): each round
    takes the counter covering most services not yet covered, so every queue keeps a counter."""
    left = list(range(len(counter_services)))
    order: list[int] = []
    covered: set[int] = set()
    everything = set().union(*counter_services)
    while left:
        if covered >= everything:
            covered = set()
        best = max(left, key=lambda i: (len(counter_services[i] - covered), -i))
        order.append(best)
        covered |= counter_services[best]
        left.remove(best)
    return order


def _staffing(plan: _Plan, rng: random.Random) -> list[int]:
    """Counters per opening hour: everyone, fewer over lunch (12:00), on some days one officer away."""
    full = len(plan.counters)
    if full >= 3 and rng.random() < ABSENT_DAY_SHARE:
        full -= 1
    staff = []
    for start in plan.periods:
        lunch = start.hour == 12 or (start.hour == 11 and start.minute >= 30)
        staff.append(max(1, full - (1 + full // 4) if lunch else full))
    return staff


def _simulate(plan: _Plan, day: dt.date, rng: random.Random) -> tuple[list[Arrival], list[int]]:
    volume = plan.citizens * WEEKDAY_FACTOR[day.weekday()] * rng.uniform(0.85, 1.15)
    weights = [HOUR_WEIGHT.get(p.hour, 0.3) for p in plan.periods]
    hourly = [volume * w / sum(weights) for w in weights]
    people = generate_arrivals(
        rng,
        hourly,
        booked_share=BOOKED_SHARE,
        slot_minutes=plan.slot_minutes,
        priority_share=PRIORITY_SHARE,
        service_minutes=lambda: 0.0,
    )
    booked_per_slot: dict[tuple[int, float], int] = {}
    for person in people:
        person.service = rng.choices(range(len(plan.services)), plan.weights)[0]
        queue_service = plan.services[person.service]
        mean = max(1.0, float(queue_service.default_service_minutes))
        person.service_minutes = rng.lognormvariate(*_lognormal(mean))
        person.no_show = rng.random() < WALK_AWAY_SHARE
        if person.booked:  # a full slot means this citizen walked in instead
            key = (person.service, person.slot or 0.0)
            booked_per_slot[key] = booked_per_slot.get(key, 0) + 1
            if not queue_service.allow_booking or (
                booked_per_slot[key] > queue_service.capacity_per_slot
            ):
                person.booked, person.slot = False, None
    staff = _staffing(plan, rng)
    config = DayConfig(
        hourly_counters=staff,
        counter_services=plan.counter_services,
        walk_to_counter_minutes=0.5,
        no_show_grace_minutes=plan.grace,
    )
    return run_day(people, config), staff


def _lognormal(mean: float) -> tuple[float, float]:
    sigma = math.sqrt(math.log(1 + SERVICE_CV**2))
    return math.log(mean) - sigma * sigma / 2, sigma


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _day_rows(plan: _Plan, day: dt.date, rng: random.Random):
    """Tickets (with their events, unsaved) and the day's last number per prefix."""
    location = plan.location
    opens = dt.datetime.combine(day, plan.periods[0], tzinfo=plan.tz)
    close_minutes = len(plan.periods) * 60

    def at(minutes: float) -> dt.datetime:
        return opens + dt.timedelta(minutes=minutes)

    people, _staff = _simulate(plan, day, rng)
    sequences: dict[str, int] = {}
    tickets: list[tuple[Ticket, list[tuple]]] = []
    serial = 0

    def booked_at() -> dt.datetime:
        before = dt.timedelta(days=rng.randint(1, 7), hours=rng.uniform(-6, 6))
        return opens - before

    for person in people:
        if person.called_at is None or person.counter is None or person.finished_at is None:
            raise RuntimeError("The simulated day left a citizen unserved.")  # run_day serves all
        queue_service = plan.services[person.service]
        prefix = queue_service.prefix
        sequences[prefix] = sequences.get(prefix, 0) + 1
        serial += 1
        arrived = at(person.at)
        called = at(person.called_at)
        counter = plan.counters[person.counter].pk
        ticket = Ticket(
            region_id=location.region_id,
            location_id=location.pk,
            queue_service_id=queue_service.pk,
            code=history_code(location.pk, day, person.service, serial),
            number=f"{prefix}-{sequences[prefix]:03d}",
            sequence=sequences[prefix],
            service_day=day,
            source=Ticket.Source.BOOKING if person.booked else Ticket.Source.WALK_IN,
            priority=rng.choice(PRIORITIES) if person.priority else "",
            checked_in_at=arrived,
            called_at=called,
            counter_id=counter,
            call_count=1,
        )
        events = []
        if person.booked:
            ticket.slot_start = at(person.slot or 0.0)
            ticket.queue_key = ticket.slot_start
            ticket.booked_at = booked_at()
            ticket.contact_name = _name(rng)
            events.append(_ev(A.BOOKED, "", S.BOOKED, ticket.booked_at))
            events.append(_ev(A.CHECKED_IN, S.BOOKED, S.WAITING, arrived))
        else:
            ticket.queue_key = arrived
            events.append(_ev(A.ISSUED, "", S.WAITING, arrived))
        events.append(_ev(A.CALLED, S.WAITING, S.CALLED, called, counter))
        if person.no_show:
            ticket.status = S.NO_SHOW
            ticket.call_count = 2
            ticket.finished_at = at(person.finished_at)
            recalled = called + (ticket.finished_at - called) / 2
            events.append(_ev(A.RECALLED, S.CALLED, S.CALLED, recalled, counter))
            events.append(_ev(A.NO_SHOW, S.CALLED, S.NO_SHOW, ticket.finished_at, counter))
        else:
            ticket.status = S.DONE
            ticket.serving_started_at = at(person.started_at or person.called_at)
            ticket.finished_at = at(person.finished_at)
            events.append(_ev(A.SERVING, S.CALLED, S.SERVING, ticket.serving_started_at, counter))
            events.append(_ev(A.DONE, S.SERVING, S.DONE, ticket.finished_at, counter))
        tickets.append((ticket, events))

    # Bookings that never came or were cancelled: no number, since numbers are given at check-in.
    booked = sum(p.booked for p in people)
    slots = max(1, close_minutes // plan.slot_minutes)
    for share, status in ((BOOKED_NO_SHOW_SHARE, S.NO_SHOW), (CANCELLED_SHARE, S.CANCELLED)):
        for _ in range(round(booked * share * rng.uniform(0.5, 1.5))):
            serial += 1
            service = rng.choices(range(len(plan.services)), plan.weights)[0]
            slot = at(rng.randrange(slots) * plan.slot_minutes)
            made = booked_at()
            ticket = Ticket(
                region_id=location.region_id,
                location_id=location.pk,
                queue_service_id=plan.services[service].pk,
                code=history_code(location.pk, day, service, serial),
                service_day=day,
                slot_start=slot,
                status=status,
                source=Ticket.Source.BOOKING,
                booked_at=made,
                contact_name=_name(rng),
            )
            events = [_ev(A.BOOKED, "", S.BOOKED, made)]
            if status == S.NO_SHOW:
                ticket.finished_at = at(close_minutes)
                events.append(_ev(A.NO_SHOW, S.BOOKED, S.NO_SHOW, ticket.finished_at))
            else:
                cancelled = made + (slot - made) * rng.uniform(0.2, 0.9)
                events.append(_ev(A.CANCELLED, S.BOOKED, S.CANCELLED, cancelled))
            tickets.append((ticket, events))
    return tickets, sequences


PRIORITIES = [value for value, _label in Ticket.Priority.choices if value]


def _ev(action, from_status, to_status, at, counter_id=None) -> tuple:
    """A TicketEvent row without its ticket: (action, from, to, at, counter)."""
    return (action, from_status, to_status, at, counter_id)


def generated_tickets(locations) -> QuerySet[Ticket]:
    """The generated history of these locations (real tickets never have an "H-" code)."""
    return Ticket.objects.filter(location__in=locations, code__startswith=CODE_PREFIX)


def history_delete(*, locations: list[Unit]) -> tuple[int, int]:
    """Remove the generated tickets (their events cascade), the survey responses about them and the
    sequences of their days; the numbers of tickets and of responses deleted."""
    generated = generated_tickets(locations)
    responses = 0
    done = list(generated.filter(status=S.DONE).values_list("pk", flat=True))
    for start in range(0, len(done), 500):
        keys = [source_key(TICKET, pk) for pk in done[start : start + 500]]
        responses += SurveyResponse.objects.filter(source_key__in=keys).delete()[0]
    days = set(generated.values_list("location_id", "service_day").distinct())
    deleted = generated.delete()[1].get(Ticket._meta.label, 0)
    real_days = set(
        Ticket.objects.filter(location__in=locations)
        .values_list("location_id", "service_day")
        .distinct()
    )
    for location_id, day in days - real_days:
        DailySequence.objects.filter(location_id=location_id, day=day).delete()
    return deleted, responses


@transaction.atomic
def history_generate(
    *, locations: list[Unit], weeks: int, seed: int = 7, until: dt.date | None = None
) -> HistoryResult:
    """Replace the generated history of `locations` with `weeks` of working days before `until`."""
    if weeks < 1:
        raise ValueError("At least one week of history is needed.")
    started = time.perf_counter()
    result = HistoryResult(locations=list(locations))
    result.deleted, result.deleted_responses = history_delete(locations=locations)
    for location in locations:
        plan = _plan(location)
        if plan is None:
            continue
        cal = calendar_for(unit=location)
        last = until or timezone.now().astimezone(cal.tz).date()
        first = last - dt.timedelta(days=7 * weeks)
        busy = set(
            Ticket.objects.filter(
                location=location, service_day__gte=first, service_day__lt=last
            ).values_list("service_day", flat=True)
        )
        rows: list[tuple[Ticket, list[tuple]]] = []
        sequences = []
        day = first
        while day < last:
            if cal.is_working_day(day) and day not in busy:
                day_rows, last_numbers = _day_rows(
                    plan,
                    day,
                    random.Random(_seed_for(seed, location, day)),  # noqa: S311 - demo data
                )
                rows += day_rows
                sequences += [
                    DailySequence(location_id=location.pk, prefix=p, day=day, last_number=n)
                    for p, n in last_numbers.items()
                ]
                result.days += 1
            day += dt.timedelta(days=1)
        _write(rows, sequences, result)
        _responses(plan, [ticket for ticket, _ in rows], seed, result)
    result.seconds = time.perf_counter() - started
    return result


def _write(rows, sequences, result: HistoryResult) -> None:
    tickets = [ticket for ticket, _ in rows]
    Ticket.objects.bulk_create(tickets, batch_size=BATCH)  # sets each ticket's pk
    # Events are four in five rows: one executemany skips the ORM's per-field work (three times faster).
    adapt = connection.ops.adapt_datetimefield_value
    events = [
        (ticket.pk, action, source, target, adapt(at), counter_id)
        for ticket, ticket_events in rows
        for action, source, target, at, counter_id in ticket_events
    ]
    table = connection.ops.quote_name(TicketEvent._meta.db_table)
    sql = (
        f"INSERT INTO {table} (ticket_id, action, from_status, to_status, at, counter_id, note) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s, %s, '')"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(events), BATCH * 5):
            cursor.executemany(sql, events[start : start + BATCH * 5])
    DailySequence.objects.bulk_create(
        sequences,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["location", "prefix", "day"],
        update_fields=["last_number"],
    )
    result.tickets += len(tickets)
    result.events += len(events)


def _responses(plan: _Plan, tickets: list[Ticket], seed: int, result: HistoryResult) -> None:
    """Survey responses from a seeded share of the location's done tickets (already saved: keys need
    their ids). A generator of its own, so the tickets drawn do not depend on the surveys."""
    location = plan.location
    rng = random.Random(f"{seed}:survey:{location.region_id}:{location.slug}")  # noqa: S311 - demo
    share = rng.uniform(*SURVEY_SHARE)
    instrument = load_instrument()
    shift = simulated.unit_shift(location.slug, instrument.keys)
    services = {s.pk: s.service_id for s in plan.services}
    now = timezone.now()
    drafts = []
    for ticket in tickets:
        if ticket.status != S.DONE or rng.random() >= share:
            continue
        answered = simulated.draw_respondent(rng, instrument.keys, shift)
        drafts.append(
            SurveyResponse(
                region_id=location.region_id,
                unit_id=location.pk,
                location_id=location.pk,
                service_id=services.get(ticket.queue_service_id),
                instrument=instrument.name,
                source=SurveyResponse.Source.TICKET,
                source_key=source_key(TICKET, ticket.pk),
                is_flagged=False,
                served_on=ticket.service_day,
                submitted_at=simulated.submitted_after(
                    rng, ticket.finished_at, answered["channel"], not_after=now
                ),
                **answered,
            )
        )
    SurveyResponse.objects.bulk_create(drafts, batch_size=BATCH)
    result.responses += len(drafts)
