"""Helpers for the IKM report tests: responses written straight into the model."""

from __future__ import annotations

import datetime as dt
from itertools import count

from django.utils import timezone

from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.models import SurveyResponse

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
