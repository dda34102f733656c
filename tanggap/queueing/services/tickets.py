"""Every write to a queue: booking, walk-in, check-in, calling, serving, skipping, transferring.

Each service runs in one transaction, moves the ticket through the one transition table below, and
appends a TicketEvent (actor, counter, time). Ticket numbers come from a per-location, per-prefix, per-day
sequence incremented with one atomic upsert; call-next takes the first waiting ticket with
`SELECT ... FOR UPDATE SKIP LOCKED`, so counters calling at the same moment never get the same ticket.
"""

from __future__ import annotations

import datetime as dt
import math
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.calendar import calendar_for
from tanggap.core.errors import DomainError, NotFound, PermissionDenied
from tanggap.core.identity import mask_nik, nik_digest, normalize_phone, validate_nik
from tanggap.core.statemachine import StateMachine, Transition
from tanggap.queueing.models import (
    Counter,
    DailySequence,
    QueueService,
    QueueSettings,
    Ticket,
    TicketEvent,
)
from tanggap.queueing.permissions import can_operate_counter

S = Ticket.Status
A = TicketEvent.Action
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed at a kiosk
CODE_LENGTH = 8

# Priority visitors (kelompok rentan, UU 25/2009) first, whatever their reason.
PRIORITY_FIRST = Case(
    When(priority="", then=Value(1)), default=Value(0), output_field=IntegerField()
)

TICKET_MACHINE = StateMachine(
    [
        Transition(S.BOOKED, S.WAITING),  # check-in
        Transition(S.BOOKED, S.CANCELLED),
        Transition(S.BOOKED, S.NO_SHOW),  # never came on the day
        Transition(S.WAITING, S.CALLED),
        Transition(S.WAITING, S.CANCELLED),
        Transition(S.WAITING, S.TRANSFERRED),
        Transition(S.CALLED, S.CALLED),  # recall
        Transition(S.CALLED, S.SERVING),
        Transition(S.CALLED, S.NO_SHOW),
        Transition(S.CALLED, S.TRANSFERRED),
        Transition(S.SERVING, S.DONE),
        Transition(S.SERVING, S.TRANSFERRED),
    ]
)


# --- helpers ---------------------------------------------------------------------------------------


def settings_for(location) -> QueueSettings:
    """The location's queue settings (created with defaults on first use)."""
    obj, _created = QueueSettings.objects.get_or_create(
        location=location, defaults={"region_id": location.region_id}
    )
    return obj


def local_today(location) -> dt.date:
    """Today's date in the location's time zone."""
    return timezone.now().astimezone(calendar_for(unit=location).tz).date()


def new_code() -> str:
    """A random public ticket code (8 characters, about 40 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _insert_new(ticket: Ticket) -> None:
    """Insert a new ticket under a fresh random code, drawing again if that code is already taken.

    With 40-bit codes a clash is rare but certain over years of tickets; a savepoint keeps the rest of
    the transaction (the number just drawn) when the insert is retried.
    """
    for attempt in range(5):
        ticket.code = new_code()
        try:
            with transaction.atomic():
                ticket.save(force_insert=True)
            return
        except IntegrityError:
            if attempt == 4 or not Ticket.objects.filter(code=ticket.code).exists():
                raise


def next_sequence(*, location, prefix: str, day: dt.date) -> int:
    """Increment and return the day's counter for `prefix` at `location` in one atomic statement."""
    table = DailySequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (location_id, prefix, day, last_number) VALUES (%s, %s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (location_id, prefix, day) DO UPDATE SET last_number = {table}.last_number + 1 "
            "RETURNING last_number",
            [location.pk, prefix, day],
        )
        return int(cursor.fetchone()[0])


def _assign_number(ticket: Ticket) -> None:
    prefix = ticket.queue_service.prefix
    ticket.sequence = next_sequence(location=ticket.location, prefix=prefix, day=ticket.service_day)
    ticket.number = f"{prefix}-{ticket.sequence:03d}"


def _event(
    ticket: Ticket,
    *,
    action: str,
    from_status: str,
    actor=None,
    counter=None,
    note: str = "",
    at=None,
):
    TicketEvent.objects.create(
        ticket=ticket,
        action=action,
        from_status=from_status,
        to_status=ticket.status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        counter=counter,
        at=at or timezone.now(),
        note=note[:300],
    )


def _move(
    ticket: Ticket,
    to: str,
    *,
    action: str,
    actor=None,
    counter=None,
    note: str = "",
    fields=(),
    at=None,
):
    """Apply one transition from the table, save the changed fields, append the event."""
    source = ticket.status
    TICKET_MACHINE.check(source, to)
    ticket.status = to
    ticket.save(update_fields=["status", *fields])
    _event(
        ticket, action=action, from_status=source, actor=actor, counter=counter, note=note, at=at
    )
    transaction.on_commit(lambda: _after_queue_change(ticket.queue_service_id), robust=True)


def _after_queue_change(queue_service_id: int) -> None:
    """Queue the near-the-front notifications (after commit, `robust`: the ticket is already saved,
    so a task queue that is down is logged and never turns the citizen's request into an error)."""
    from tanggap.queueing import tasks

    tasks.notify_near_front(queue_service_id)


def _require_operator(actor, location) -> None:
    if not can_operate_counter(actor, location):
        raise PermissionDenied()


def _lock(ticket: Ticket) -> Ticket:
    """Re-read the ticket under a row lock (no-op on SQLite, which serialises writers)."""
    return (
        Ticket.objects.select_for_update()
        .select_related("queue_service", "location")
        .get(pk=ticket.pk)
    )


def _contact(*, contact_name: str, contact_phone: str, contact_email: str, nik: str) -> dict:
    try:
        phone = normalize_phone(contact_phone)
        nik_clean = validate_nik(nik) if nik else ""
    except ValidationError as exc:
        raise DomainError(exc.messages[0], code=exc.code or "invalid") from exc
    return {
        "contact_name": (contact_name or "").strip()[:120],
        "contact_phone": phone,
        "contact_email": (contact_email or "").strip()[:254],
        "nik_hash": nik_digest(nik_clean) if nik_clean else "",
        "nik_masked": mask_nik(nik_clean) if nik_clean else "",
    }


def _check_priority(priority: str) -> str:
    priority = priority or ""
    if priority not in Ticket.Priority.values:
        raise DomainError(_("Kategori prioritas tidak dikenal."), code="invalid_priority")
    return priority


# --- slots and bookings -----------------------------------------------------------------------------


def slot_starts(*, queue_service: QueueService, day: dt.date) -> list[dt.datetime]:
    """Every slot start on `day` within the location's opening hours; none on a day off."""
    location = queue_service.location
    cal = calendar_for(unit=location)
    if not cal.is_working_day(day):
        return []
    minutes = settings_for(location).slot_minutes or 30
    start = dt.datetime.combine(day, cal.start, tzinfo=cal.tz)
    end = dt.datetime.combine(day, cal.end, tzinfo=cal.tz)
    slots = []
    current = start
    while current + dt.timedelta(minutes=minutes) <= end:
        slots.append(current)
        current += dt.timedelta(minutes=minutes)
    return slots


def _check_slot(
    queue_service: QueueService, slot_start: dt.datetime, *, exclude_pk=None
) -> dt.datetime:
    location = queue_service.location
    cal = calendar_for(unit=location)
    if timezone.is_naive(slot_start):
        raise DomainError(_("Waktu slot harus menyertakan zona waktu."), code="invalid_slot")
    local = slot_start.astimezone(cal.tz)
    conf = settings_for(location)
    today = local_today(location)
    if local.date() > today + dt.timedelta(days=conf.booking_horizon_days):
        raise DomainError(
            _("Pemesanan paling jauh %(n)s hari ke depan.") % {"n": conf.booking_horizon_days},
            code="slot_too_far",
        )
    if local not in slot_starts(queue_service=queue_service, day=local.date()):
        raise DomainError(_("Slot itu tidak tersedia di lokasi ini."), code="invalid_slot")
    if local <= timezone.now():
        raise DomainError(_("Slot itu sudah lewat. Pilih slot lain."), code="slot_past")
    taken = Ticket.objects.filter(
        queue_service=queue_service, slot_start=local, status__in=Ticket.ACTIVE
    ).exclude(pk=exclude_pk)
    if taken.count() >= queue_service.capacity_per_slot:
        raise DomainError(_("Slot itu sudah penuh. Pilih slot lain."), code="slot_full")
    return local


def _check_one_booking(
    queue_service: QueueService, day: dt.date, contact: dict, *, exclude_pk=None
) -> None:
    keys = Q()
    if contact["nik_hash"]:
        keys |= Q(nik_hash=contact["nik_hash"])
    if contact["contact_phone"]:
        keys |= Q(contact_phone=contact["contact_phone"])
    if not keys:
        return
    clash = (
        Ticket.objects.filter(
            keys, queue_service__service_id=queue_service.service_id, service_day=day
        )
        .filter(status__in=Ticket.ACTIVE)
        .exclude(pk=exclude_pk)
    )
    if clash.exists():
        raise DomainError(
            _("Anda sudah memiliki pemesanan aktif untuk layanan ini pada tanggal tersebut."),
            code="duplicate_booking",
        )


@transaction.atomic
def booking_create(
    *,
    queue_service: QueueService,
    slot_start: dt.datetime,
    contact_name: str,
    contact_phone: str = "",
    contact_email: str = "",
    nik: str = "",
    priority: str = "",
) -> Ticket:
    """Book a slot online; the citizen gets a ticket page with a QR code and the booking code."""
    if not queue_service.is_active or not queue_service.allow_booking:
        raise DomainError(_("Layanan ini tidak bisa dipesan daring."), code="booking_closed")
    if not (contact_name or "").strip():
        raise DomainError(_("Nama wajib diisi."), code="name_required", field="contact_name")
    contact = _contact(
        contact_name=contact_name, contact_phone=contact_phone, contact_email=contact_email, nik=nik
    )
    if not (contact["contact_phone"] or contact["contact_email"] or contact["nik_hash"]):
        raise DomainError(
            _("Isi nomor HP, surel, atau NIK agar pemesanan dapat dikenali."),
            code="contact_required",
        )
    # Serialise bookings of this service: lock its row so the capacity check and insert are atomic.
    QueueService.objects.select_for_update().filter(pk=queue_service.pk).first()
    local = _check_slot(queue_service, slot_start)
    _check_one_booking(queue_service, local.date(), contact)
    now = timezone.now()
    ticket = Ticket(
        region_id=queue_service.region_id,
        location=queue_service.location,
        queue_service=queue_service,
        service_day=local.date(),
        slot_start=local,
        status=S.BOOKED,
        source=Ticket.Source.BOOKING,
        priority=_check_priority(priority),
        booked_at=now,
        **contact,
    )
    _insert_new(ticket)
    _event(ticket, action=A.BOOKED, from_status="", at=now)
    return ticket


@transaction.atomic
def booking_reschedule(*, ticket: Ticket, slot_start: dt.datetime) -> Ticket:
    """Move a booking to another free slot of the same service."""
    ticket = _lock(ticket)
    if ticket.status != S.BOOKED:
        raise DomainError(
            _("Hanya pemesanan yang belum check-in yang bisa dijadwal ulang."), code="not_booked"
        )
    QueueService.objects.select_for_update().filter(pk=ticket.queue_service_id).first()
    local = _check_slot(ticket.queue_service, slot_start, exclude_pk=ticket.pk)
    contact = {"nik_hash": ticket.nik_hash, "contact_phone": ticket.contact_phone}
    _check_one_booking(ticket.queue_service, local.date(), contact, exclude_pk=ticket.pk)
    old = ticket.slot_start
    ticket.slot_start = local
    ticket.service_day = local.date()
    ticket.save(update_fields=["slot_start", "service_day"])
    _event(
        ticket,
        action=A.RESCHEDULED,
        from_status=S.BOOKED,
        note=f"{old:%Y-%m-%d %H:%M} → {local:%Y-%m-%d %H:%M}",
    )
    return ticket


@transaction.atomic
def ticket_cancel(*, ticket: Ticket, actor=None, note: str = "") -> Ticket:
    """The citizen (by code) or an officer cancels a booking or a waiting ticket."""
    ticket = _lock(ticket)
    if (
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and not can_operate_counter(actor, ticket.location)
    ):
        raise PermissionDenied()
    _move(ticket, S.CANCELLED, action=A.CANCELLED, actor=actor, note=note)
    return ticket


# --- arrival -------------------------------------------------------------------------------------


@transaction.atomic
def ticket_walk_in(
    *, queue_service: QueueService, priority: str = "", actor=None, contact_phone: str = ""
) -> Ticket:
    """A walk-in takes a numbered ticket at the kiosk without booking."""
    if not queue_service.is_active or not queue_service.allow_walk_in:
        raise DomainError(_("Layanan ini tidak menerima antrean di tempat."), code="walk_in_closed")
    location = queue_service.location
    cal = calendar_for(unit=location)
    now = timezone.now()
    local_now = now.astimezone(cal.tz)
    if not cal.is_working_day(local_now.date()):
        raise DomainError(_("Lokasi ini tutup hari ini."), code="closed_today")
    if not cal.start <= local_now.time() < cal.end:
        raise DomainError(
            _("Di luar jam layanan (%(a)s–%(b)s). Silakan datang kembali pada jam layanan.")
            % {"a": cal.start.strftime("%H:%M"), "b": cal.end.strftime("%H:%M")},
            code="closed_now",
        )
    contact = _contact(contact_name="", contact_phone=contact_phone, contact_email="", nik="")
    ticket = Ticket(
        region_id=queue_service.region_id,
        location=location,
        queue_service=queue_service,
        service_day=now.astimezone(cal.tz).date(),
        status=S.WAITING,
        source=Ticket.Source.WALK_IN,
        priority=_check_priority(priority),
        checked_in_at=now,
        queue_key=now,
        contact_phone=contact["contact_phone"],
    )
    _assign_number(ticket)
    _insert_new(ticket)
    _event(ticket, action=A.ISSUED, from_status="", actor=actor, at=now)
    transaction.on_commit(lambda: _after_queue_change(queue_service.pk), robust=True)
    return ticket


@transaction.atomic
def ticket_check_in(*, ticket: Ticket, actor=None, priority: str | None = None) -> Ticket:
    """A booked citizen arrives: scanning the QR at the kiosk (or the officer) puts them in the queue."""
    ticket = _lock(ticket)
    if ticket.status != S.BOOKED:
        raise DomainError(_("Tiket ini sudah check-in atau tidak aktif."), code="not_booked")
    today = local_today(ticket.location)
    if ticket.service_day != today:
        raise DomainError(
            _("Pemesanan ini untuk tanggal %(d)s, bukan hari ini.")
            % {"d": ticket.service_day.strftime("%d-%m-%Y")},
            code="wrong_day",
        )
    now = timezone.now()
    late = settings_for(ticket.location).late_check_in_minutes
    on_time = ticket.slot_start is not None and now <= ticket.slot_start + dt.timedelta(
        minutes=late
    )
    ticket.queue_key = ticket.slot_start if on_time else now
    ticket.checked_in_at = now
    if priority is not None:
        ticket.priority = _check_priority(priority)
    _assign_number(ticket)
    _move(
        ticket,
        S.WAITING,
        action=A.CHECKED_IN,
        actor=actor,
        note="" if on_time else _("terlambat dari slot"),
        fields=["queue_key", "checked_in_at", "priority", "number", "sequence"],
        at=now,
    )
    return ticket


# --- counters --------------------------------------------------------------------------------------


def _counter_busy(counter: Counter) -> Ticket | None:
    return Ticket.objects.filter(counter=counter, status__in=(S.CALLED, S.SERVING)).first()


def waiting_for_counter(counter: Counter):
    """The tickets this counter may call, in fair order: priority first, then slot time / arrival."""
    return (
        Ticket.objects.filter(
            location_id=counter.location_id,
            status=S.WAITING,
            queue_service__in=counter.services.all(),
            service_day=local_today(counter.location),
        )
        .filter(Q(reserved_counter__isnull=True) | Q(reserved_counter=counter))
        .order_by(PRIORITY_FIRST, "queue_key", "id")
    )


@transaction.atomic
def counter_call_next(*, counter: Counter, actor) -> Ticket | None:
    """Call the next ticket for this counter; None when nobody waits. Never hands one ticket to two counters."""
    _require_operator(actor, counter.location)
    # Lock the counter's row: two clicks on one counter queue up here instead of each calling a
    # ticket (SKIP LOCKED below would hand them different tickets). Other counters are not blocked.
    counter = (
        Counter.objects.select_for_update(of=("self",))
        .select_related("location")
        .get(pk=counter.pk)
    )
    if not counter.is_open:
        raise DomainError(_("Loket ini sedang tutup."), code="counter_closed")
    busy = _counter_busy(counter)
    if busy is not None:
        raise DomainError(
            _("Selesaikan, lewati, atau alihkan tiket %(n)s dulu.") % {"n": busy.number},
            code="counter_busy",
        )
    candidates = waiting_for_counter(counter).select_for_update(skip_locked=True, of=("self",))
    ticket = candidates.first()
    if ticket is None:
        return None
    now = timezone.now()
    ticket.counter = counter
    ticket.called_at = now
    ticket.call_count = 1
    _move(
        ticket,
        S.CALLED,
        action=A.CALLED,
        actor=actor,
        counter=counter,
        fields=["counter", "called_at", "call_count"],
        at=now,
    )
    return ticket


def _staff_ticket(ticket: Ticket, actor) -> Ticket:
    ticket = _lock(ticket)
    _require_operator(actor, ticket.location)
    return ticket


def _counter_move(
    ticket: Ticket, to: str, *, action: str, actor, stamp: str = "", fields=(), note: str = ""
) -> Ticket:
    """A move made at the ticket's counter, stamping `stamp` (a timestamp field) with its moment."""
    now = timezone.now()
    changed = list(fields)
    if stamp:
        setattr(ticket, stamp, now)
        changed.append(stamp)
    _move(
        ticket,
        to,
        action=action,
        actor=actor,
        counter=ticket.counter,
        note=note,
        fields=changed,
        at=now,
    )
    return ticket


@transaction.atomic
def ticket_recall(*, ticket: Ticket, actor) -> Ticket:
    """Call the same ticket again (the citizen did not come to the counter yet)."""
    ticket = _staff_ticket(ticket, actor)
    ticket.call_count += 1
    return _counter_move(ticket, S.CALLED, action=A.RECALLED, actor=actor, fields=["call_count"])


@transaction.atomic
def ticket_start(*, ticket: Ticket, actor) -> Ticket:
    """The citizen is at the counter: service starts."""
    ticket = _staff_ticket(ticket, actor)
    return _counter_move(
        ticket, S.SERVING, action=A.SERVING, actor=actor, stamp="serving_started_at"
    )


@transaction.atomic
def ticket_finish(*, ticket: Ticket, actor, note: str = "") -> Ticket:
    """Service finished."""
    ticket = _staff_ticket(ticket, actor)
    return _counter_move(ticket, S.DONE, action=A.DONE, actor=actor, stamp="finished_at", note=note)


@transaction.atomic
def ticket_no_show(*, ticket: Ticket, actor) -> Ticket:
    """Skip a called ticket whose holder did not come, once the grace period has passed."""
    ticket = _staff_ticket(ticket, actor)
    if ticket.status == S.CALLED:
        grace = settings_for(ticket.location).no_show_grace_minutes
        ready = (ticket.called_at or timezone.now()) + dt.timedelta(minutes=grace)
        now = timezone.now()
        if now < ready:
            left = math.ceil((ready - now).total_seconds() / 60)
            raise DomainError(
                _("Tunggu %(m)s menit lagi sebelum melewati tiket ini (masa tunggu %(g)s menit).")
                % {"m": left, "g": grace},
                code="grace_period",
            )
    return _counter_move(ticket, S.NO_SHOW, action=A.NO_SHOW, actor=actor, stamp="finished_at")


@transaction.atomic
def ticket_transfer(
    *,
    ticket: Ticket,
    actor,
    to_queue_service: QueueService | None = None,
    to_counter: Counter | None = None,
    note: str = "",
) -> Ticket:
    """Send the citizen to another service and/or counter at the same location, keeping their place."""
    ticket = _staff_ticket(ticket, actor)
    if to_queue_service is None and to_counter is None:
        raise DomainError(_("Pilih layanan atau loket tujuan."), code="transfer_target_required")
    target_service = to_queue_service or ticket.queue_service
    if target_service.location_id != ticket.location_id or not target_service.is_active:
        raise DomainError(_("Layanan tujuan tidak ada di lokasi ini."), code="invalid_transfer")
    if to_counter is not None:
        if to_counter.location_id != ticket.location_id:
            raise DomainError(_("Loket tujuan tidak ada di lokasi ini."), code="invalid_transfer")
        if not to_counter.services.filter(pk=target_service.pk).exists():
            raise DomainError(
                _("Loket tujuan tidak melayani layanan itu."), code="invalid_transfer"
            )
    now = timezone.now()
    ticket.finished_at = now
    _move(
        ticket,
        S.TRANSFERRED,
        action=A.TRANSFERRED,
        actor=actor,
        counter=ticket.counter,
        note=note,
        fields=["finished_at"],
        at=now,
    )
    new = Ticket(
        region_id=ticket.region_id,
        location_id=ticket.location_id,
        queue_service=target_service,
        service_day=ticket.service_day,
        status=S.WAITING,
        source=Ticket.Source.TRANSFER,
        priority=ticket.priority,
        contact_name=ticket.contact_name,
        contact_phone=ticket.contact_phone,
        contact_email=ticket.contact_email,
        nik_hash=ticket.nik_hash,
        nik_masked=ticket.nik_masked,
        checked_in_at=now,
        queue_key=ticket.queue_key or now,
        reserved_counter=to_counter,
        transferred_from=ticket,
        slot_start=ticket.slot_start,
    )
    if target_service.pk == ticket.queue_service_id:
        new.number, new.sequence = ticket.number, ticket.sequence
    else:
        _assign_number(new)
    _insert_new(new)
    _event(
        new,
        action=A.TRANSFERRED,
        from_status="",
        actor=actor,
        counter=to_counter,
        note=_("dialihkan dari %(n)s") % {"n": ticket.number},
        at=now,
    )
    transaction.on_commit(lambda: _after_queue_change(target_service.pk), robust=True)
    return new


def ticket_get_by_code(code: str) -> Ticket:
    """The ticket a public code refers to, or NotFound."""
    code = (code or "").strip().upper()
    # A code is at most 16 letters and digits; anything else (a NUL byte PostgreSQL would refuse,
    # a pasted URL) cannot match, so it is not worth a query.
    ticket = (
        Ticket.objects.select_related("queue_service__service", "location", "counter")
        .filter(code=code)
        .first()
        if code.isascii() and code.isalnum() and len(code) <= 16
        else None
    )
    if ticket is None:
        raise NotFound(_("Tiket dengan kode itu tidak ditemukan."))
    return ticket
