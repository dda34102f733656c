"""Background work of performance (Huey discovers this module): each task only calls a service.

Huey's crontab runs in UTC: 18:40 UTC is 01:40 WIB, 02:40 WITA, 03:40 WIT, after the day's last service.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from tanggap.performance.services.autofill import skp_autofill_open


@db_periodic_task(crontab(hour="18", minute="40"))
@lock_task("skp-autofill")
def refresh_skp_autofill_nightly() -> int:
    """Every night: the current quarter's automatic SKP results of every open SKP, from the records."""
    return skp_autofill_open()
