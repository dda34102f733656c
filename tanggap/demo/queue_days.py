"""One simulated day of a location's queue, for the demo history (tanggap.demo.queue_history).

Citizens arrive with a morning peak, book online or walk in, some with priority; the day is played by the
planner's SimPy model (`planner.run_day`) with the location's counters and the services each handles, a
lunch break and the odd absent officer, so waiting times are consequences of the load, not drawn from thin
air. Each ticket comes back unsaved with its TicketEvent rows (as tuples) and a number from the day's
per-prefix sequence.

Generated tickets carry codes starting with "H-" (real codes never contain "-").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
from dataclasses import dataclass

from tanggap.core.calendar import calendar_for
from tanggap.org.models import Unit
from tanggap.queueing.models import Counter, QueueService, QueueSettings, Ticket, TicketEvent
from tanggap.queueing.planner import Arrival, DayConfig, generate_arrivals, run_day
from tanggap.queueing.reports.observed import opening_periods

CODE_PREFIX = "H-"
CODE_DIGITS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
S = Ticket.Status
A = TicketEvent.Action

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


def day_seed(seed: int, location: Unit, day: dt.date) -> int:
    """A per-location, per-day seed: a day's history does not depend on which other days are made."""
    raw = f"{seed}:{location.region_id}:{location.slug}:{day.isoformat()}".encode()
    return int.from_bytes(hashlib.sha256(raw).digest()[:8], "big")


def _daily_citizens(location: Unit) -> float:
    base = DAILY_CITIZENS.get(location.kind, DEFAULT_CITIZENS)
    # Kecamatan differ in size: ±30% by a stable hash of the slug.
    spread = int(hashlib.sha256(location.slug.encode()).hexdigest()[:4], 16) / 0xFFFF
    return base * (0.7 + 0.6 * spread) if location.kind == Unit.Kind.KECAMATAN else base


@dataclass
class LocationPlan:
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


def location_plan(location: Unit) -> LocationPlan | None:
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
    return LocationPlan(
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


def _staffing(plan: LocationPlan, rng: random.Random) -> list[int]:
    """Counters per opening hour: everyone, fewer over lunch (12:00), on some days one officer away."""
    full = len(plan.counters)
    if full >= 3 and rng.random() < ABSENT_DAY_SHARE:
        full -= 1
    staff = []
    for start in plan.periods:
        lunch = start.hour == 12 or (start.hour == 11 and start.minute >= 30)
        staff.append(max(1, full - (1 + full // 4) if lunch else full))
    return staff


def _simulate(
    plan: LocationPlan, day: dt.date, rng: random.Random
) -> tuple[list[Arrival], list[int]]:
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


def day_rows(plan: LocationPlan, day: dt.date, rng: random.Random):
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
