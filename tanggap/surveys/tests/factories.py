"""Test data of the survey tests: responses written straight into the model (for the IKM reports), the
answers and profile of a valid questionnaire, and a ticket served at a counter (for taking surveys)."""

from __future__ import annotations

import datetime as dt
from itertools import count
from zoneinfo import ZoneInfo

from django.utils import timezone

from tanggap.queueing import services as queue
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.models import SurveyResponse

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)

GOOD_ANSWERS = {
    "persyaratan": 4,
    "prosedur": 3,
    "waktu": 3,
    "biaya": 4,
    "produk": 3,
    "kompetensi": 4,
    "perilaku": 4,
    "pengaduan": 2,
    "sarana": 3,
}
PROFILE = {"sex": "P", "age": 34, "education": "sma", "occupation": "wirausaha"}

_serial = count(1)


def answers(*values: int) -> dict[str, int]:
    """Nine answers in element order U1..U9; one value repeats for all nine."""
    keys = load_instrument().keys
    if len(values) == 1:
        values = values * len(keys)
    return dict(zip(keys, values, strict=True))


def respond(
    unit, served_on: dt.date, values, *, comment="", flagged=False, **extra
) -> SurveyResponse:
    """One response of `unit` served on `served_on`; `values` is one score or nine."""
    scores = answers(*values) if isinstance(values, tuple | list) else answers(values)
    data = {
        "region": unit.region,
        "unit": unit,
        "answers": scores,
        "source": SurveyResponse.Source.NONE if flagged else SurveyResponse.Source.TICKET,
        "source_key": None if flagged else f"test:{next(_serial)}",
        "is_flagged": flagged,
        "sex": "P",
        "age": 30,
        "education": "sma",
        "occupation": "swasta",
        "comment": comment,
        "served_on": served_on,
        "submitted_at": timezone.now(),
    }
    data.update(extra)
    return SurveyResponse.objects.create(**data)


def serve(queue_service, counter, officer, *, finish=True):
    """A walk-in ticket called, served and (by default) finished at the counter."""
    ticket = queue.ticket_walk_in(queue_service=queue_service)
    called = queue.counter_call_next(counter=counter, actor=officer)
    assert called.pk == ticket.pk
    queue.ticket_start(ticket=called, actor=officer)
    if finish:
        queue.ticket_finish(ticket=called, actor=officer)
    called.refresh_from_db()
    return called
