"""The parts an IKM report is built from: answer rows and their index, the respondent profile, the
comments grouped by month, and the response counts that decide what a report may show.

Every figure goes through tanggap.surveys.disclosure here, so what leaves the selectors may be shown.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from tanggap.surveys import disclosure
from tanggap.surveys.ikm import IkmResult, compute_ikm
from tanggap.surveys.models import SurveyResponse
from tanggap.surveys.periods import MONTH, Period, period_containing

COMMENT_LIMIT = 30
AGE_GROUPS = (
    (0, 24, "≤ 24"),
    (25, 34, "25–34"),
    (35, 44, "35–44"),
    (45, 54, "45–54"),
    (55, 200, "≥ 55"),
)


@dataclass(frozen=True)
class ProfileRow:
    """One line of a profile table; `count` and `percent` are None when hidden, `marker` says how."""

    label: str
    count: int | None
    percent: Decimal | None
    marker: str | Promise = ""


@dataclass(frozen=True)
class CommentMonth:
    """The comments of one month, in alphabetical order (their order would tell who wrote last)."""

    month: Period
    texts: tuple[str, ...]


def answer_rows(answers_list: Iterable[dict], keys: tuple[str, ...]) -> list[list[int]]:
    """Answer dicts to lists in element order; a response missing an element is left out."""
    rows: list[list[int]] = []
    for answers in answers_list:
        if not isinstance(answers, dict):
            continue
        row = [answers.get(key) for key in keys]
        if all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 4 for v in row):
            rows.append([int(v) for v in row if v is not None])
    return rows


def ikm_of(rows: list[list[int]], weighting: str) -> IkmResult | None:
    """The IKM of answer rows; None when there are none."""
    return compute_ikm(rows, weighting=weighting) if rows else None


def age_band(age: int) -> str:
    """The age group a respondent's age falls in ("25–34")."""
    for low, high, label in AGE_GROUPS:
        if low <= age <= high:
            return label
    return AGE_GROUPS[-1][2]


def _percent(count: int, total: int) -> Decimal:
    return (Decimal(100 * count) / Decimal(total)).quantize(Decimal("0.1")) if total else Decimal(0)


def _table(choices, counts: Counter, total: int, k: int) -> list[ProfileRow]:
    """Every choice listed; cells from fewer than k respondents (empty ones too) hidden, and one more
    when the hidden ones could be computed from the total."""
    values = [counts[value] for value, _label in choices]
    hidden = disclosure.hidden_cells(values, k)
    return [
        ProfileRow(str(label), None, None, disclosure.marker(hidden[index], k))
        if index in hidden
        else ProfileRow(str(label), value, _percent(value, total))
        for index, ((_value, label), value) in enumerate(zip(choices, values, strict=True))
    ]


def profile(rows: list[tuple], k: int) -> dict[str, list[ProfileRow]]:
    """Counts per sex, age group, education and occupation of (sex, age, education, occupation) rows."""
    total = len(rows)
    return {
        "sex": _table(SurveyResponse.Sex.choices, Counter(r[0] for r in rows), total, k),
        "age": _table(
            [(label, _("%(range)s tahun") % {"range": label}) for _low, _high, label in AGE_GROUPS],
            Counter(age_band(r[1]) for r in rows),
            total,
            k,
        ),
        "education": _table(
            SurveyResponse.Education.choices, Counter(r[2] for r in rows), total, k
        ),
        "occupation": _table(
            SurveyResponse.Occupation.choices, Counter(r[3] for r in rows), total, k
        ),
    }


class GroupCounts:
    """How many responses the whole unit (or region) has per day, service and location: what decides
    whether a report narrowed to a service, a location and a period may be shown (one query)."""

    def __init__(self, scope, start: dt.date, end: dt.date):
        self.days = list(
            scope.filter(served_on__gte=start, served_on__lte=end)
            .values_list("served_on", "service_id", "location_id")
            .annotate(n=Count("id"))
            .order_by()
        )

    def cells(self, start: dt.date, end: dt.date) -> Counter:
        cells: Counter = Counter()
        for day, service_id, location_id, n in self.days:
            if start <= day <= end:
                cells[(service_id, location_id)] += n
        return cells

    def hidden(self, start: dt.date, end: dt.date, *, service, location, k: int) -> str:
        """Why the group (service, location: a record or None) from `start` to `end` stays hidden."""
        return disclosure.group_hidden(
            self.cells(start, end),
            service=getattr(service, "pk", None),
            location=getattr(location, "pk", None),
            k=k,
        )


def months_of(period: Period) -> list[Period]:
    """The months of a period, oldest first."""
    months = [period_containing(MONTH, period.start)]
    while months[-1].end < period.end:
        following = months[-1].end + dt.timedelta(days=1)
        months.append(period_containing(MONTH, following))
    return months


def comments_by_month(
    group, period: Period, counts: GroupCounts, *, service, location, k: int
) -> list[CommentMonth]:
    """The group's comments, newest month first, without their dates; only from months whose own
    report would be shown, so that no comment can be traced to a month with fewer than k respondents."""
    shown = [
        month
        for month in months_of(period)
        if not counts.hidden(
            max(month.start, period.start),
            min(month.end, period.end),
            service=service,
            location=location,
            k=k,
        )
    ]
    if not shown:
        return []
    within = Q()
    for month in shown:
        within |= Q(served_on__gte=max(month.start, period.start), served_on__lte=month.end)
    texts: dict[Period, list[str]] = defaultdict(list)
    for served_on, text in (
        group.filter(within, served_on__lte=period.end)
        .exclude(comment="")
        .order_by("-submitted_at", "-id")
        .values_list("served_on", "comment")[:COMMENT_LIMIT]
    ):
        texts[period_containing(MONTH, served_on)].append(text)
    return [
        CommentMonth(month, tuple(sorted(texts[month], key=str.casefold)))
        for month in reversed(shown)
        if texts[month]
    ]
