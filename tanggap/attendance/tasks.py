"""Background work for attendance and leave (Huey discovers this module): opening the new year's leave.

Each task only calls a service. Huey's crontab runs in UTC: 00:05 UTC on 1 January is 07:05 WIB, after
the year has begun in every Indonesian time zone (WIT, WITA and WIB are ahead of UTC).
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from tanggap.attendance.services.leave import leave_years_open


@db_periodic_task(crontab(month="1", day="1", hour="0", minute="5"))
@lock_task("leave-years-open")
def open_leave_year() -> int:
    """On 1 January: write the year's annual-leave grant and carry-over for every active official."""
    return leave_years_open()
