"""A realistic queue history for demos: weeks of past tickets whose waits follow from load and staffing.

For each location and past working day (the working calendar decides) one day is simulated
(tanggap.demo.queue_days) and written in bulk: the tickets, their TicketEvent rows and the day's
per-prefix sequence (DailySequence).

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
import random
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from tanggap.core.calendar import calendar_for
from tanggap.demo.queue_days import (
    CODE_PREFIX,
    LocationPlan,
    day_rows,
    day_seed,
    history_code,
    location_plan,
)
from tanggap.org.models import Official, Unit
from tanggap.queueing.models import Counter, DailySequence, Ticket, TicketEvent
from tanggap.surveys import simulated
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.invitations import TICKET, source_key
from tanggap.surveys.models import SurveyResponse

__all__ = [
    "CODE_PREFIX",
    "HistoryResult",
    "generated_tickets",
    "history_code",
    "history_delete",
    "history_generate",
    "locations_without_history",
]

S = Ticket.Status
BATCH = 2000
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


def generated_tickets(locations) -> QuerySet[Ticket]:
    """The generated history of these locations (real tickets never have an "H-" code)."""
    return Ticket.objects.filter(location__in=locations, code__startswith=CODE_PREFIX)


def locations_without_history(locations: list[Unit]) -> list[Unit]:
    """The locations that have no generated ticket yet (one cheap existence query each)."""
    return [place for place in locations if not generated_tickets([place]).exists()]


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
        plan = location_plan(location)
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
                tickets, last_numbers = day_rows(
                    plan,
                    day,
                    random.Random(day_seed(seed, location, day)),  # noqa: S311 - demo data
                )
                rows += tickets
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


def _counter_staff(rows) -> dict[int, int]:
    """The account that works each counter of these rows: the location's officials with a demo account
    take its counters in turn (by NIP), so a served ticket counts for someone (SKP's tickets served);
    a location without one leaves its steps without an actor, as before."""
    counters = {c for _ticket, events in rows for *_rest, c in events if c}
    located = sorted(Counter.objects.filter(pk__in=counters).values_list("location_id", "pk"))
    staff: dict[int, list[int]] = {}
    for unit_id, user_id in (
        Official.objects.filter(unit_id__in={loc for loc, _pk in located}, user__isnull=False)
        .order_by("nip")
        .values_list("unit_id", "user_id")
    ):
        staff.setdefault(unit_id, []).append(user_id)
    found: dict[int, int] = {}
    position: dict[int, int] = {}
    for unit_id, counter_id in located:
        users = staff.get(unit_id)
        if users:
            found[counter_id] = users[position.get(unit_id, 0) % len(users)]
            position[unit_id] = position.get(unit_id, 0) + 1
    return found


def _write(rows, sequences, result: HistoryResult) -> None:
    tickets = [ticket for ticket, _ in rows]
    Ticket.objects.bulk_create(tickets, batch_size=BATCH)  # sets each ticket's pk
    # Events are four in five rows: one executemany skips the ORM's per-field work (three times faster).
    adapt = connection.ops.adapt_datetimefield_value
    staff = _counter_staff(rows)
    events = [
        (ticket.pk, action, source, target, adapt(at), counter_id, staff.get(counter_id))
        for ticket, ticket_events in rows
        for action, source, target, at, counter_id in ticket_events
    ]
    table = connection.ops.quote_name(TicketEvent._meta.db_table)
    sql = (
        f"INSERT INTO {table} (ticket_id, action, from_status, to_status, at, counter_id, actor_id, note) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s, %s, %s, '')"
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


def _responses(plan: LocationPlan, tickets: list[Ticket], seed: int, result: HistoryResult) -> None:
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
