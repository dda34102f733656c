"""Demo SKM: survey settings for every unit, and in Kabupaten Blitar the responses of citizens whose
complaints were answered, plus a few no-ticket responses at the MPP.

Responses only come from people the demo actually served, so no report shows more respondents than
people served. Queue responses are written by the queue history generator (`generate_queue_history`,
tanggap.demo.queue_history) together with the tickets they are about; this loader writes the complaint
responses: for a share of the demo reports that are answered or closed (ditanggapi/selesai), at most
one each, keyed like a real one (`source_key` = the HMAC of "complaint:<pk>", tanggap.surveys.
invitations) and dated on the day the report was answered. The MPP accepts surveys without a ticket:
a few of those are there too, flagged, as the real flow flags them (reports can leave them out).

Answers come from the shared demo distributions (tanggap.surveys.simulated), drawn per complaint from
a generator seeded by its tracking code, so every run draws the same. A response that exists is never
touched again, so a second load changes nothing. Responses left by earlier demo versions (made up
without any ticket or complaint behind them) are removed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from django.utils import timezone

from tanggap.complaints.models import Complaint
from tanggap.demo.complaint_history import CODE
from tanggap.demo.specs import RegionSpec, region_specs
from tanggap.demo.sync import Tally, sync_rows
from tanggap.org.models import Region, Unit
from tanggap.surveys import simulated
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.invitations import invitation_from_complaint
from tanggap.surveys.models import SurveyResponse, SurveySettings

REGION = "kab-blitar"
SEED = simulated.SEED
COMPLAINT_SHARE = 0.3  # of the answered reports, the share whose reporter answers the survey
SERVED_COMPLAINTS = (Complaint.Status.ANSWERED, Complaint.Status.CLOSED)
NO_TICKET_UNIT = "mpp"
NO_TICKET_MONTHS = 12
NO_TICKET_PER_MONTH = 3  # walk-up responses at the MPP's tablet, flagged
LEGACY_KEYS_PER_UNIT = 1000  # earlier demo versions numbered each unit's responses from 1


def demo_surveys_load(*, loaded: dict, tally: Tally, today: dt.date | None = None) -> None:
    """Survey settings for every demo unit; complaint and no-ticket responses in Kabupaten Blitar.

    `loaded` maps a region slug to the loader's LoadedRegion (region, units, ...)."""
    specs = {spec.slug: spec for spec in region_specs()}
    for slug, item in loaded.items():
        if slug in specs:
            _region_surveys(specs[slug], item.region, item.units, tally, today)


def _region_surveys(
    spec: RegionSpec, region: Region, units: dict[str, Unit], tally: Tally, today
) -> None:
    sync_rows(
        SurveySettings,
        [
            {
                "unit_id": unit.pk,
                "allow_without_ticket": slug == NO_TICKET_UNIT,
                "weighting": "official",
            }
            for slug, unit in units.items()
        ],
        key=("unit_id",),
        existing=SurveySettings.objects.filter(unit__region=region),
        tally=tally,
        create_only={"allow_without_ticket", "weighting"},  # the unit's own settings page owns them
    )
    if spec.slug != REGION:
        return
    _remove_legacy(region, units)
    today = today or timezone.localdate()
    drafts = _complaint_drafts(region)
    if NO_TICKET_UNIT in units:
        drafts += _no_ticket_drafts(region, units[NO_TICKET_UNIT], today)
    have = set(
        SurveyResponse.objects.filter(source_key__in=[d.source_key for d in drafts]).values_list(
            "source_key", flat=True
        )
    )
    missing = [d for d in drafts if d.source_key not in have]
    SurveyResponse.objects.bulk_create(missing, batch_size=500)
    tally.add(SurveyResponse._meta.label, created=len(missing))


def demo_complaints(region: Region):
    """The region's demo reports that a reporter can rate: answered or closed, by a unit."""
    return (
        Complaint.objects.filter(
            region=region,
            tracking_code__startswith=CODE.split("{")[0],
            status__in=SERVED_COMPLAINTS,
            unit__isnull=False,
        )
        .select_related("region", "unit", "service")
        .order_by("tracking_code")
    )


def _complaint_drafts(region: Region) -> list[SurveyResponse]:
    instrument = load_instrument()
    shifts: dict[str, dict[str, float]] = {}
    now = timezone.now()
    drafts = []
    for complaint in demo_complaints(region):
        invitation = invitation_from_complaint(complaint)
        rng = random.Random(f"{SEED}:complaint:{complaint.tracking_code}")  # noqa: S311 - demo data
        if not invitation.eligible or rng.random() >= COMPLAINT_SHARE:
            continue
        unit = invitation.unit
        if unit.slug not in shifts:
            shifts[unit.slug] = simulated.unit_shift(unit.slug, instrument.keys)
        answered = simulated.draw_respondent(rng, instrument.keys, shifts[unit.slug])
        answered["channel"] = SurveyResponse.Channel.WEB  # from the reporter's own page
        served_at = complaint.answered_at or complaint.closed_at
        drafts.append(
            SurveyResponse(
                region=invitation.region,
                unit=unit,
                location=invitation.location,
                service=invitation.service,
                instrument=instrument.name,
                source=invitation.source,
                source_key=invitation.source_key,
                is_flagged=False,
                served_on=invitation.served_on,
                submitted_at=simulated.submitted_after(
                    rng, served_at, answered["channel"], not_after=now
                ),
                **answered,
            )
        )
    return drafts


def _no_ticket_key(region: Region, unit: Unit, n: int) -> str:
    return hashlib.sha256(f"demo:{region.slug}:{unit.slug}:no-ticket:{n}".encode()).hexdigest()


def _no_ticket_drafts(region: Region, unit: Unit, today: dt.date) -> list[SurveyResponse]:
    """A few walk-up responses a month at the MPP, flagged like the real flow flags them."""
    rng = random.Random(f"{SEED}:no-ticket:{unit.slug}")  # noqa: S311 - demo data, reproducible
    instrument = load_instrument()
    shift = simulated.unit_shift(unit.slug, instrument.keys)
    drafts = []
    n = 0
    first = dt.date(today.year, today.month, 1)
    for back in range(NO_TICKET_MONTHS, 0, -1):
        month_index = first.year * 12 + first.month - 1 - (back - 1)
        start = dt.date(month_index // 12, month_index % 12 + 1, 1)
        for _ in range(rng.randint(NO_TICKET_PER_MONTH - 1, NO_TICKET_PER_MONTH + 1)):
            n += 1
            served_on = start + dt.timedelta(days=rng.randrange(28))
            answered = simulated.draw_respondent(rng, instrument.keys, shift)
            if served_on > today:
                continue
            answered["channel"] = SurveyResponse.Channel.KIOSK
            submitted = dt.datetime.combine(
                served_on, dt.time(8 + rng.randrange(7), rng.randrange(60)), tzinfo=dt.UTC
            ) - dt.timedelta(hours=7)  # office hours WIB
            drafts.append(
                SurveyResponse(
                    region=region,
                    unit=unit,
                    location=None,
                    service=None,
                    instrument=instrument.name,
                    source=SurveyResponse.Source.NONE,
                    source_key=_no_ticket_key(region, unit, n),
                    is_flagged=True,
                    served_on=served_on,
                    submitted_at=submitted,
                    **answered,
                )
            )
    return drafts


def _remove_legacy(region: Region, units: dict[str, Unit]) -> None:
    """Delete the responses earlier demo versions made up without anyone served behind them (keys
    SHA-256 of `demo:<region>:<unit>:<n>`), so a demo database reloaded with this version is true
    to its data. Deletes nothing on a database this version loaded."""
    answered = set(
        SurveyResponse.objects.filter(region=region)
        .order_by()
        .values_list("unit_id", flat=True)
        .distinct()
    )
    for unit in units.values():
        if unit.pk not in answered:
            continue
        keys = [
            hashlib.sha256(f"demo:{region.slug}:{unit.slug}:{n}".encode()).hexdigest()
            for n in range(1, LEGACY_KEYS_PER_UNIT + 1)
        ]
        for start in range(0, len(keys), 500):
            SurveyResponse.objects.filter(
                unit=unit, source_key__in=keys[start : start + 500]
            ).delete()
