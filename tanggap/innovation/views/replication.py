"""Replication requests of the user's units (sent and received) and one request with its history and the
buttons `REPLICATION_MACHINE.available_actions` allows the user."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tanggap.core.decorators import staff_view
from tanggap.core.forms import run_service
from tanggap.core.pages import paginate
from tanggap.innovation.forms.library import ReplicationActionForm
from tanggap.innovation.selectors import library as selectors
from tanggap.innovation.services import library as services
from tanggap.innovation.views.event_labels import REPLICATION_EVENT_LABELS, labelled
from tanggap.innovation.views.library import may_write_any
from tanggap.innovation.workflow import (
    ACCEPT,
    CANCEL,
    DECLINE,
    REPLICATED,
    REPLICATION_MACHINE,
)

ACTION_LABELS = {
    ACCEPT: gettext_lazy("Terima dan dampingi"),
    DECLINE: gettext_lazy("Tolak"),
    REPLICATED: gettext_lazy("Catat replikasi"),
    CANCEL: gettext_lazy("Batalkan permintaan"),
}
DONE = {
    ACCEPT: gettext_lazy("Permintaan diterima."),
    DECLINE: gettext_lazy("Permintaan ditolak."),
    REPLICATED: gettext_lazy("Replikasi dicatat di registri inovasi."),
    CANCEL: gettext_lazy("Permintaan dibatalkan."),
}


@staff_view(may_write_any)
@require_http_methods(["GET", "HEAD"])
def replication_requests(request: HttpRequest) -> HttpResponse:
    units = set(selectors.owned_units(request.user).values_list("pk", flat=True))
    page = paginate(request, selectors.replication_requests_for(request.user))
    rows = [(r, r.requesting_unit_id in units) for r in page]
    return render(
        request,
        "innovation/library/requests.html",
        {"page": page, "rows": rows},
    )


def _run(user, found, form) -> bool:
    action = form.cleaned_data["action"]
    note = form.cleaned_data.get("note") or ""
    if action in {ACCEPT, DECLINE}:
        ok, _r = run_service(
            form,
            services.replication_request_answer,
            user=user,
            request_id=found.pk,
            accept=action == ACCEPT,
            note=note,
        )
    elif action == REPLICATED:
        ok, _r = run_service(
            form,
            services.record_replication,
            user=user,
            request_id=found.pk,
            replicated_on=form.cleaned_data.get("replicated_on"),
            note=note,
        )
    elif action == CANCEL:
        ok, _r = run_service(
            form, services.replication_request_cancel, user=user, request_id=found.pk, note=note
        )
    else:
        form.add_error(None, _("Tindakan tidak dikenal."))
        ok = False
    return ok


@staff_view(may_write_any)
@require_http_methods(["GET", "HEAD", "POST"])
def replication_request(request: HttpRequest, replication_id: int) -> HttpResponse:
    found = selectors.replication_request_for(request.user, replication_id)
    form = ReplicationActionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and _run(request.user, found, form):
        messages.success(request, DONE[form.cleaned_data["action"]])
        return redirect("innovation:replication_request", replication_id=found.pk)
    actions = [
        (a, ACTION_LABELS.get(a, a))
        for a in REPLICATION_MACHINE.available_actions(found.status, request.user, found)
    ]
    return render(
        request,
        "innovation/library/request.html",
        {
            "req": found,
            "events": labelled(found.events.all(), REPLICATION_EVENT_LABELS),
            "actions": actions,
            "form": form,
            "REPLICATED": REPLICATED,
        },
        status=400 if request.method == "POST" else 200,
    )
