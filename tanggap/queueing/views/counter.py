"""The front-desk officer's counter screen: call, recall, serve, finish, skip, transfer, check in.

Every action is a POST; htmx swaps the screen's main panel with the answer, and without JavaScript the
page reloads with the outcome as a message. Actions on the current ticket name it (its code), so a
double click or a stale screen never acts on a ticket the officer did not see.
"""

from __future__ import annotations

import datetime as dt
import math

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.calendar import calendar_for
from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError, NotFound
from tanggap.core.pages import is_htmx
from tanggap.queueing import selectors, services
from tanggap.queueing.forms import CodeForm, TransferForm
from tanggap.queueing.models import Counter, Ticket
from tanggap.queueing.permissions import can_operate_counter
from tanggap.queueing.views import _reads as reads

S = Ticket.Status


def _counter(request, counter_id: int) -> Counter:
    counter = get_object_or_404(Counter.objects.select_related("location__region"), pk=counter_id)
    if not can_operate_counter(request.user, counter.location):
        raise HttpForbidden
    return counter


def _grace(current: Ticket | None, location) -> dict:
    """When the called ticket may be skipped as a no-show, and how long that still is."""
    if current is None or current.status != S.CALLED or current.called_at is None:
        return {"no_show_ready": True, "no_show_not_ready": False}
    grace = services.settings_for(location).no_show_grace_minutes
    ready_at = current.called_at + dt.timedelta(minutes=grace)
    left = max(math.ceil((ready_at - timezone.now()).total_seconds()), 0)
    return {
        "no_show_ready": left == 0,
        "no_show_not_ready": left > 0,
        "no_show_ready_at": ready_at,
        "no_show_seconds_left": left,
        "no_show_minutes_left": (left + 59) // 60,
        "grace_minutes": grace,
    }


def _main_context(counter: Counter, *, notes=(), transfer_form=None, code_form=None) -> dict:
    screen = selectors.counter_screen(counter)
    return {
        **screen,
        **_grace(screen["current"], counter.location),
        "location": counter.location,
        "closed": not counter.is_open,
        "tz": calendar_for(unit=counter.location).tz,
        "transfer_form": transfer_form or TransferForm(counter=counter),
        "code_form": code_form or CodeForm(),
        "notes": notes,
    }


@require_GET
@staff_view(is_staff_member)
def counter_picker(request: HttpRequest) -> HttpResponse:
    """The counters at the officer's locations, to choose the one they sit at."""
    counters = list(reads.counters_operable_by(request.user))
    if not counters and not reads.locations_configurable_by(request.user).exists():
        raise HttpForbidden
    return render(request, "queueing/counter_picker.html", {"counters": counters})


@require_GET
@staff_view(is_staff_member)
def counter(request: HttpRequest, counter_id: int) -> HttpResponse:
    """The counter screen: the current ticket with its actions and the waiting list."""
    found = _counter(request, counter_id)
    return render(request, "queueing/counter.html", _main_context(found))


@require_GET
@staff_view(is_staff_member)
def counter_waiting(request: HttpRequest, counter_id: int) -> HttpResponse:
    """The waiting list alone, refreshed by htmx every few seconds."""
    found = _counter(request, counter_id)
    return render(request, "queueing/_counter_waiting.html", _main_context(found))


def _current_ticket(counter: Counter, code: str) -> Ticket:
    """The ticket named by the form, which must be the one this counter is calling or serving."""
    ticket = (
        Ticket.objects.select_related("queue_service", "location")
        .filter(
            code=(code or "").strip().upper()[:16],
            counter=counter,
            status__in=(S.CALLED, S.SERVING),
        )
        .first()
    )
    if ticket is None:
        raise DomainError(
            _("Tiket itu sudah tidak aktif di loket ini. Layar diperbarui."), code="stale_ticket"
        )
    return ticket


def _check_in(request, counter: Counter):
    form = CodeForm(request.POST)
    if not form.is_valid():
        return None, form
    try:
        ticket = reads.ticket_by_code(form.cleaned_data["code"])
    except NotFound:
        form.add_error("code", _("Kode itu tidak ditemukan."))
        return None, form
    if ticket.location_id != counter.location_id:
        form.add_error(
            "code",
            _("Pemesanan ini untuk %(place)s, bukan lokasi ini.") % {"place": ticket.location.name},
        )
        return None, form
    try:
        ticket = services.ticket_check_in(ticket=ticket, actor=request.user)
    except DomainError as exc:
        form.add_error("code", str(exc.message))
        return None, form
    text = _("%(code)s check-in: nomor %(n)s.") % {"code": ticket.code, "n": ticket.number}
    return text, CodeForm()


def _transfer(request, counter: Counter):
    form = TransferForm(request.POST, counter=counter)
    if not form.is_valid():
        return None, form
    ticket = _current_ticket(counter, request.POST.get("ticket", ""))
    new = services.ticket_transfer(
        ticket=ticket,
        actor=request.user,
        to_queue_service=form.cleaned_data["to_queue_service"],
        to_counter=form.cleaned_data["to_counter"],
        note=form.cleaned_data["note"],
    )
    return _("%(n)s dialihkan.") % {"n": new.number}, TransferForm(counter=counter)


ACTIONS = (
    "panggil",
    "panggil-ulang",
    "mulai",
    "selesai",
    "tidak-hadir",
    "alihkan",
    "check-in",
    "buka",
    "tutup",
)


def _run(request, counter: Counter, action: str):
    """Carry out one action; (message, level, transfer form, code form)."""
    user = request.user
    transfer_form = code_form = None
    if action == "panggil":
        ticket = services.counter_call_next(counter=counter, actor=user)
        if ticket is None:
            return _("Tidak ada warga yang menunggu."), messages.INFO, None, None
        return _("Memanggil %(n)s.") % {"n": ticket.number}, messages.SUCCESS, None, None
    if action == "check-in":
        text, code_form = _check_in(request, counter)
        return text, messages.SUCCESS, None, code_form
    if action == "alihkan":
        text, transfer_form = _transfer(request, counter)
        return text, messages.SUCCESS, transfer_form, None
    if action in ("buka", "tutup"):
        services.counter_set_open(actor=user, counter=counter, is_open=action == "buka")
        counter.refresh_from_db(fields=["is_open"])
        text = _("Loket dibuka.") if counter.is_open else _("Loket ditutup.")
        return text, messages.SUCCESS, None, None
    ticket = _current_ticket(counter, request.POST.get("ticket", ""))
    if action == "panggil-ulang":
        ticket = services.ticket_recall(ticket=ticket, actor=user)
        text = _("Memanggil ulang %(n)s.")
    elif action == "mulai":
        ticket = services.ticket_start(ticket=ticket, actor=user)
        text = _("Melayani %(n)s.")
    elif action == "selesai":
        ticket = services.ticket_finish(ticket=ticket, actor=user)
        text = _("%(n)s selesai dilayani.")
    else:  # tidak-hadir
        ticket = services.ticket_no_show(ticket=ticket, actor=user)
        text = _("%(n)s ditandai tidak hadir.")
    return text % {"n": ticket.number}, messages.SUCCESS, transfer_form, code_form


@require_POST
@staff_view(is_staff_member)
def counter_action(request: HttpRequest, counter_id: int, action: str) -> HttpResponse:
    """One officer action; the answer is the refreshed panel (htmx) or the page with a message."""
    if action not in ACTIONS:
        raise Http404()
    found = _counter(request, counter_id)
    try:
        text, level, transfer_form, code_form = _run(request, found, action)
    except DomainError as exc:
        if exc.status == 403:
            raise HttpForbidden(str(exc.message)) from None
        text, level, transfer_form, code_form = str(exc.message), messages.ERROR, None, None
    found.refresh_from_db(fields=["is_open"])
    failed = text is None or level == messages.ERROR
    if is_htmx(request):
        notes = [(level if text else messages.ERROR, text or _("Periksa isian yang ditandai."))]
        context = _main_context(
            found, notes=notes, transfer_form=transfer_form, code_form=code_form
        )
        # htmx swaps 2xx answers only; a refusal is still a panel to show, with a 200.
        return render(request, "queueing/_counter_main.html", context)
    if failed and (transfer_form is not None or code_form is not None):
        context = _main_context(
            found,
            notes=[(messages.ERROR, _("Periksa isian yang ditandai."))],
            transfer_form=transfer_form,
            code_form=code_form,
        )
        return render(request, "queueing/counter.html", context, status=400)
    messages.add_message(request, level, text)
    return redirect("queueing:counter", counter_id=found.pk)
