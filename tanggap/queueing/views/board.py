"""The display board on the waiting-room TV: who is called to which counter, refreshed every 3 seconds."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tanggap.core.calendar import calendar_for
from tanggap.core.decorators import public_view
from tanggap.queueing import selectors

POLL_SECONDS = 3


def _chime(request, location) -> bool:
    """?bunyi=1 or ?bunyi=0 overrides the location's setting (a TV without speakers, a quiet room)."""
    wanted = request.GET.get("bunyi")
    if wanted in ("0", "1"):
        return wanted == "1"
    return selectors.settings_for(location).display_chime


def _board_context(location) -> dict:
    board = selectors.board_for_location(location)
    called = board["called"]
    return {
        **board,
        "latest": called[0] if called else None,
        "others": called[1:],
        "tz": calendar_for(unit=location).tz,
        "now": timezone.now(),
        "poll_seconds": POLL_SECONDS,
    }


@require_GET
@public_view
def board(request: HttpRequest, location_id: int) -> HttpResponse:
    """The whole board page (dark, very large type, an optional chime on each new call)."""
    location = selectors.location_get_public(location_id)
    context = {**_board_context(location), "chime": _chime(request, location)}
    return render(request, "queueing/board.html", context)


@require_GET
@public_view
def board_live(request: HttpRequest, location_id: int) -> HttpResponse:
    """The board's changing part, fetched by htmx."""
    location = selectors.location_get_public(location_id)
    return render(request, "queueing/_board_live.html", _board_context(location))
