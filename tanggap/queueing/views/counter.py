"""The front-desk officer's counter screen: call, recall, serve, finish, skip, transfer, check in.

Every action is a POST; htmx swaps the screen's main panel with the answer, and without JavaScript the
page reloads with the outcome as a message. Actions on the current ticket name it (its code), so a
double click or a stale screen never acts on a ticket the officer did not see. Which buttons the panel
shows comes from the ticket's transition table, the same one the services enforce.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.calendar import calendar_for
from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError, NotFound
from tanggap.core.pages import is_htmx
from tanggap.queueing import selectors, services, workflow
from tanggap.queueing.forms import CodeForm, TransferForm
from tanggap.queueing.models import Counter, Ticket
from tanggap.queueing.workflow import TICKET_MACHINE

# The counter screen's addresses for the moves of the current ticket: /loket/<id>/<slug>/.
TICKET_MOVES = {
    "panggil-ulang": workflow.RECALL,
    "mulai": workflow.START,
    "selesai": workflow.FINISH,
    "tidak-hadir": workflow.NO_SHOW,
}
ACTIONS = ("panggil", *TICKET_MOVES, "alihkan", "check-in", "buka", "tutup")


def _grace_context(current: Ticket | None) -> dict:
    """When the called ticket may be skipped as a no-show, and how long that still is."""
    if current is None:
        return {"no_show_ready": True, "no_show_not_ready": False}
    grace = selectors.no_show_grace(current)
    if grace.ready_at is None:
        return {"no_show_ready": True, "no_show_not_ready": False}
    return {
        "no_show_ready": grace.ready,
        "no_show_not_ready": not grace.ready,
        "no_show_ready_at": grace.ready_at,
        "no_show_seconds_left": grace.seconds_left,
        "no_show_minutes_left": grace.minutes_left,
        "grace_minutes": grace.grace_minutes,
    }


def _main_context(user, counter: Counter, *, notes=(), transfer_form=None, code_form=None) -> dict:
    screen = selectors.counter_screen(counter)
    current = screen["current"]
    moves = (
        TICKET_MACHINE.available_actions(current.status, user, counter.location) if current else []
    )
    return {
        **screen,
        **_grace_context(current),
        "moves": moves,
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
    counters = list(selectors.counters_operable_by(request.user))
    if not counters and not selectors.locations_configurable_by(request.user).exists():
        raise HttpForbidden
    return render(request, "queueing/counter_picker.html", {"counters": counters})


@require_GET
@staff_view(is_staff_member)
def counter(request: HttpRequest, counter_id: int) -> HttpResponse:
    """The counter screen: the current ticket with its actions and the waiting list."""
    found = selectors.counter_get_for_operator(user=request.user, counter_id=counter_id)
    return render(request, "queueing/counter.html", _main_context(request.user, found))


@require_GET
@staff_view(is_staff_member)
def counter_waiting(request: HttpRequest, counter_id: int) -> HttpResponse:
    """The waiting list alone, refreshed by htmx every few seconds."""
    found = selectors.counter_get_for_operator(user=request.user, counter_id=counter_id)
    return render(request, "queueing/_counter_waiting.html", _main_context(request.user, found))


def _check_in(request, counter: Counter):
    form = CodeForm(request.POST)
    if not form.is_valid():
        return None, form
    try:
        ticket = selectors.ticket_by_code(form.cleaned_data["code"])
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
    ticket = selectors.counter_current_ticket(counter, request.POST.get("ticket"))
    new = services.ticket_transfer(
        ticket=ticket,
        actor=request.user,
        to_queue_service=form.cleaned_data["to_queue_service"],
        to_counter=form.cleaned_data["to_counter"],
        note=form.cleaned_data["note"],
    )
    return _("%(n)s dialihkan.") % {"n": new.number}, TransferForm(counter=counter)


def _move_current(request, counter: Counter, slug: str) -> str:
    """One move of the ticket this counter is calling or serving; the message to show."""
    user = request.user
    ticket = selectors.counter_current_ticket(counter, request.POST.get("ticket"))
    move = TICKET_MOVES[slug]
    if move == workflow.RECALL:
        ticket = services.ticket_recall(ticket=ticket, actor=user)
        text = _("Memanggil ulang %(n)s.")
    elif move == workflow.START:
        ticket = services.ticket_start(ticket=ticket, actor=user)
        text = _("Melayani %(n)s.")
    elif move == workflow.FINISH:
        ticket = services.ticket_finish(ticket=ticket, actor=user)
        text = _("%(n)s selesai dilayani.")
    else:
        ticket = services.ticket_no_show(ticket=ticket, actor=user)
        text = _("%(n)s ditandai tidak hadir.")
    return text % {"n": ticket.number}


def _run(request, counter: Counter, action: str):
    """Carry out one action; (message, level, transfer form, code form)."""
    user = request.user
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
    return _move_current(request, counter, action), messages.SUCCESS, None, None


@require_POST
@staff_view(is_staff_member)
def counter_action(request: HttpRequest, counter_id: int, action: str) -> HttpResponse:
    """One officer action; the answer is the refreshed panel (htmx) or the page with a message."""
    if action not in ACTIONS:
        raise Http404()
    found = selectors.counter_get_for_operator(user=request.user, counter_id=counter_id)
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
            request.user, found, notes=notes, transfer_form=transfer_form, code_form=code_form
        )
        # htmx swaps 2xx answers only; a refusal is still a panel to show, with a 200.
        return render(request, "queueing/_counter_main.html", context)
    if failed and (transfer_form is not None or code_form is not None):
        context = _main_context(
            request.user,
            found,
            notes=[(messages.ERROR, _("Periksa isian yang ditandai."))],
            transfer_form=transfer_form,
            code_form=code_form,
        )
        return render(request, "queueing/counter.html", context, status=400)
    messages.add_message(request, level, text)
    return redirect("queueing:counter", counter_id=found.pk)
