"""The outbox page for system administrators: background work not delivered yet, with its errors."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tanggap.core.decorators import staff_view
from tanggap.core.pages import paginate
from tanggap.core.selectors import can_watch_outbox, outbox_summary, outbox_unsent_visible_to


@require_GET
@staff_view(can_watch_outbox)
def outbox(request: HttpRequest) -> HttpResponse:
    """Messages waiting for delivery (oldest first): attempts, next attempt and the last error."""
    return render(
        request,
        "core/outbox.html",
        {
            "summary": outbox_summary(user=request.user),
            "page": paginate(request, outbox_unsent_visible_to(user=request.user), 50),
        },
    )
