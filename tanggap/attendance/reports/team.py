"""The superior's team today: who is present (and how late), not yet in, on leave or on dinas luar,
in a fixed number of queries whatever the size of the team."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tanggap.attendance.day_status import DayKind, DayStatus
from tanggap.attendance.models import LeaveType
from tanggap.attendance.reports.days import day_statuses
from tanggap.attendance.selectors import team_of
from tanggap.core.calendar import region_tz
from tanggap.org.models import Official

LEAVE_LABELS = dict(LeaveType.Code.choices)


@dataclass
class TeamRow:
    official: Official
    status: DayStatus

    @property
    def leave_label(self) -> str:
        return str(LEAVE_LABELS.get(self.status.leave_code, self.status.leave_code))


@dataclass
class TeamToday:
    day: dt.date
    rows: list[TeamRow]

    def count(self, kind: str) -> int:
        return sum(1 for row in self.rows if row.status.kind == kind)

    @property
    def present(self) -> int:
        return self.count(DayKind.PRESENT)

    @property
    def late(self) -> int:
        return sum(1 for r in self.rows if r.status.kind == DayKind.PRESENT and r.status.is_late)

    @property
    def not_in(self) -> int:
        return self.count(DayKind.ABSENT)

    @property
    def away(self) -> int:
        return self.count(DayKind.LEAVE) + self.count(DayKind.OFFICIAL_TRIP)


def team_today(official: Official, now: dt.datetime | None = None) -> TeamToday:
    """Today's status of each member of the official's team (the officials they are superior of)."""
    now = now or timezone.now()
    today = now.astimezone(region_tz(official.region)).date()
    members_qs = team_of(official)
    members = list(members_qs)
    rows = [
        TeamRow(member, days[0][1])
        for member, days in day_statuses(
            region=official.region,
            officials=members,
            officials_qs=members_qs.order_by(),
            first=today,
            last=today,
            today=today,
        )
    ]
    return TeamToday(today, rows)
