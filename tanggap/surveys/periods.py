"""Report periods of the SKM: a month, a quarter (triwulan), a semester or a year.

A period is whole days from `start` to `end` inclusive (dates in the region's own calendar). It is read
from GET parameters, either compact (`?periode=2026-T3`, `2026-S1`, `2026-05`, `2026`) or as the form
sends it (`?jenis=triwulan&tahun=2026&ke=3`); bad input raises `PeriodError` with a message a person can
act on. Trends walk back through `previous()`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MONTH, QUARTER, SEMESTER, YEAR = "bulan", "triwulan", "semester", "tahun"
KINDS = (MONTH, QUARTER, SEMESTER, YEAR)
KIND_LABELS = {
    MONTH: gettext_lazy("Bulan"),
    QUARTER: gettext_lazy("Triwulan"),
    SEMESTER: gettext_lazy("Semester"),
    YEAR: gettext_lazy("Tahun"),
}
MONTHS_PER = {MONTH: 1, QUARTER: 3, SEMESTER: 6, YEAR: 12}
CODES = {QUARTER: "T", SEMESTER: "S"}
ROMAN = ("I", "II", "III", "IV", "V", "VI")
FIRST_YEAR = 2000
COMPACT = re.compile(r"^(?P<year>\d{4})(?:-(?P<code>[TS])?(?P<index>\d{1,2}))?$")


class PeriodError(ValueError):
    """The period asked for does not exist or is not allowed; the message says why."""


@dataclass(frozen=True)
class Period:
    """One report period: `index` is the month (1–12), quarter (1–4) or semester (1–2); 1 for a year.

    `until` cuts a period short (year to date); such a period is labelled with its last day."""

    kind: str
    year: int
    index: int = 1
    until: dt.date | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise PeriodError(
                _("Jenis periode tidak dikenal: pilih bulan, triwulan, semester atau tahun.")
            )
        if not 1 <= self.index <= 12 // MONTHS_PER[self.kind]:
            raise PeriodError(self._index_message())

    def _index_message(self) -> str:
        return {
            MONTH: _("Bulan harus 1 sampai 12."),
            QUARTER: _("Triwulan harus 1 sampai 4."),
            SEMESTER: _("Semester harus 1 atau 2."),
            YEAR: _("Periode tahunan tidak memakai nomor."),
        }[self.kind]

    @property
    def first_month(self) -> int:
        return (self.index - 1) * MONTHS_PER[self.kind] + 1

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def full_end(self) -> dt.date:
        last = self.first_month + MONTHS_PER[self.kind] - 1
        following = dt.date(self.year + (last == 12), last % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @property
    def end(self) -> dt.date:
        return min(self.until, self.full_end) if self.until else self.full_end

    @property
    def label(self) -> str:
        """In the user's language: "Mei 2026", "Triwulan III 2026", "Semester I 2026", "Tahun 2026"."""
        if self.kind == MONTH:
            text = f"{MONTHS[self.index]} {self.year}"
        elif self.kind == YEAR:
            text = _("Tahun %(year)s") % {"year": self.year}
        else:
            text = f"{KIND_LABELS[self.kind]} {ROMAN[self.index - 1]} {self.year}"
        if self.until and self.until < self.full_end:
            text = _("%(period)s (s.d. %(day)s %(month)s)") % {
                "period": text,
                "day": self.until.day,
                "month": MONTHS[self.until.month],
            }
        return text

    @property
    def short_label(self) -> str:
        """For chart axes: "Mei 26", "T3 2026", "S1 2026", "2026"."""
        if self.kind == MONTH:
            return f"{str(MONTHS[self.index])[:3]} {self.year % 100:02d}"
        if self.kind == YEAR:
            return str(self.year)
        return f"{CODES[self.kind]}{self.index} {self.year}"

    @property
    def code(self) -> str:
        """The compact form `?periode=` takes."""
        if self.kind == MONTH:
            return f"{self.year}-{self.index:02d}"
        if self.kind == YEAR:
            return str(self.year)
        return f"{self.year}-{CODES[self.kind]}{self.index}"

    def previous(self) -> Period:
        """The period of the same kind just before this one (always whole)."""
        if self.index > 1:
            return Period(self.kind, self.year, self.index - 1)
        return Period(self.kind, self.year - 1, 12 // MONTHS_PER[self.kind])

    def trend(self, count: int = 4) -> list[Period]:
        """The last `count` periods ending with this one, oldest first."""
        found = [self]
        while len(found) < count:
            found.append(found[-1].previous())
        return found[::-1]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def bounds(self, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
        """The period as moments in `tz`: from midnight of its first day to midnight after its last."""
        first = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return first, after


def period_containing(kind: str, day: dt.date) -> Period:
    """The period of `kind` that holds `day`."""
    if kind not in KINDS:
        raise PeriodError(
            _("Jenis periode tidak dikenal: pilih bulan, triwulan, semester atau tahun.")
        )
    return Period(kind, day.year, (day.month - 1) // MONTHS_PER[kind] + 1)


def latest_full_quarter(today: dt.date) -> Period:
    """The last quarter that has ended by `today`."""
    return period_containing(QUARTER, today).previous()


def year_to_date(today: dt.date) -> Period:
    return Period(YEAR, today.year, 1, until=today)


def _whole(text: str, message: str) -> int:
    text = (text or "").strip()
    if not text.isdigit():
        raise PeriodError(message)
    return int(text)


def parse_period(
    params: Mapping[str, str], *, today: dt.date, default: Period | None = None
) -> Period:
    """The period in GET parameters (see the module docstring); `default` when none is given.

    A period that has not started yet is refused; the running period is allowed (it ends today)."""
    compact = (params.get("periode") or "").strip()
    kind = (params.get("jenis") or "").strip()
    if compact:
        match = COMPACT.match(compact.upper())
        if match is None:
            raise PeriodError(
                _(
                    "Periode tidak dikenali: tulis 2026, 2026-05 (bulan), 2026-T3 (triwulan) atau 2026-S1."
                )
            )
        year = int(match["year"])
        if match["index"] is None:
            period_kind, index = YEAR, 1
        else:
            period_kind = {"T": QUARTER, "S": SEMESTER, None: MONTH}[match["code"]]
            index = int(match["index"])
    elif kind:
        if kind not in KINDS:
            raise PeriodError(
                _("Jenis periode tidak dikenal: pilih bulan, triwulan, semester atau tahun.")
            )
        period_kind = kind
        year = _whole(params.get("tahun", ""), _("Tulis tahun dengan empat angka, misalnya 2026."))
        index = (
            1
            if kind == YEAR
            else _whole(params.get("ke", ""), _("Pilih bulan, triwulan atau semester ke berapa."))
        )
    else:
        if default is None:
            raise PeriodError(_("Pilih periode laporan."))
        return default
    if not FIRST_YEAR <= year <= today.year:
        raise PeriodError(
            _("Tahun harus antara %(first)s dan %(last)s.")
            % {"first": FIRST_YEAR, "last": today.year}
        )
    period = Period(period_kind, year, index)
    if period.start > today:
        raise PeriodError(_("Periode %(label)s belum dimulai.") % {"label": period.label})
    return period
