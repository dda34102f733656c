"""The demo reports' history: each report drawn from the seed and taken through the workflow with past
timestamps (the services stamp `now`), then written in bulk. Used by tanggap.demo.complaints.

The rules followed are the workflow's own: staff act in working hours; verify and dispatch, then the
response and resolve deadlines count from dispatch on the handling unit's calendar (a re-dispatch keeps
them); a reopen clears the answer and restarts the resolve clock; a rating closes the report; an unrated
answer closes by itself after the reporter's response window. A step that would fall after `anchor`
(the hour of the load) is not taken, so recent reports are still new, under way or overdue.

Each report is a Draft (complaint_drafts.py), written in bulk by write_drafts.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils.text import slugify

from tanggap.complaints.models import (
    Channel,
    Complaint,
    ComplaintEvent,
    ComplaintType,
    DeadlineUnit,
    RoutingRule,
    SlaPolicy,
)
from tanggap.core.calendar import WorkingCalendar, calendar_for
from tanggap.demo.complaint_drafts import Draft
from tanggap.demo.specs import read_json
from tanggap.org.models import Unit

SEED = 20260101
COUNT = 900
DAYS = 150
CODE = "LPR-DEMO{:04d}"
S = Complaint.Status
V = ComplaintEvent.Visibility
CHANNELS = [
    (Channel.WEB, 52),
    (Channel.WHATSAPP, 16),
    (Channel.PHONE, 8),
    (Channel.COUNTER, 6),
    (Channel.LETTER, 3),
    (Channel.MEDIA, 10),
    (Channel.API, 5),
]
RATINGS_ON_TIME = [5, 5, 5, 4, 4, 4, 4, 3, 3, 2]
RATINGS_LATE = [4, 3, 3, 3, 2, 2, 2, 1, 1, 5]


def material() -> dict:
    """The text material and configuration in data/complaints.json."""
    return read_json("complaints.json")


class HistoryGenerator:
    """Writes COUNT reports of the region from the seed, relative to `anchor`."""

    def __init__(
        self,
        *,
        region,
        units,
        categories,
        kecamatan,
        villages,
        kecamatan_units,
        team,
        verifier,
        anchor,
    ):
        self.rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
        self.region = region
        self.units = units
        self.categories = categories
        self.kecamatan = kecamatan  # list of Area, in code order
        self.villages = villages  # kecamatan id → its villages
        self.kecamatan_units = kecamatan_units
        self.team = team
        self.verifier = verifier
        self.anchor = anchor
        self.material = material()
        self.topics = list(self.material["topics"].items())
        self.calendars: dict[int | None, WorkingCalendar] = {}
        self.policies = list(SlaPolicy.objects.filter(region=region))
        self.rules = {
            (r.category_id, r.area_id): r.unit_id for r in RoutingRule.objects.filter(region=region)
        }
        names = read_json("names.json")
        self.given = names["male_given"] + names["female_given"]
        self.family = names["male_family"] + names["female_family"]
        self.recent_by_place: dict[tuple, list[Draft]] = {}

    # helpers
    def calendar(self, unit: Unit | None) -> WorkingCalendar:
        key = unit.pk if unit else None
        if key not in self.calendars:
            self.calendars[key] = calendar_for(region=self.region, unit=unit)
        return self.calendars[key]

    def policy(self, category, report_type) -> SlaPolicy:
        best, rank = None, -1
        for p in self.policies:
            if p.category_id not in (None, getattr(category, "pk", None)):
                continue
            if p.report_type not in ("", report_type):
                continue
            r = (2 if p.category_id else 0) + (1 if p.report_type else 0)
            if r > rank:
                best, rank = p, r
        from tanggap.complaints.sla import DEFAULT_POLICY

        return best or DEFAULT_POLICY

    def due(self, start, value, unit_name, cal) -> dt.datetime:
        if unit_name == DeadlineUnit.WORKING_DAYS:
            return cal.add_working_days(start, value)
        if unit_name == DeadlineUnit.WORKING_HOURS:
            return cal.add_working_hours(start, value)
        return cal.add_clock_hours(start, value)

    def office(self, at, hours, cal) -> dt.datetime:
        """`hours` working hours after `at` (staff act in office hours)."""
        return cal.add_working_hours(at, hours)

    def past(self, moment) -> bool:
        return moment < self.anchor

    def fill(self, text, *, kec, desa, day=None):
        return text.format(
            kec=kec.name,
            desa=desa.name if desa else kec.name,
            n=self.rng.randint(2, 9),
            weeks=self.rng.randint(2, 8),
            day=day or "",
        )

    def filed_at(self, index: int) -> dt.datetime:
        """Spread over DAYS days, oldest first, mostly in the day and on weekdays."""
        tz = self.calendar(None).tz
        back = DAYS * (COUNT - index) / COUNT + self.rng.uniform(-0.4, 0.4)
        day = (self.anchor - dt.timedelta(days=max(back, 0.05))).astimezone(tz).date()
        if day.weekday() >= 5 and self.rng.random() < 0.5:
            day -= dt.timedelta(days=day.weekday() - 4)
        moment = dt.datetime.combine(day, dt.time(6), tzinfo=tz) + dt.timedelta(
            minutes=self.rng.randint(0, 15 * 60)
        )
        return min(moment, self.anchor - dt.timedelta(minutes=self.rng.randint(5, 600)))

    def reporter(self) -> str:
        return f"{self.rng.choice(self.given)} {self.rng.choice(self.family)}"

    # one report
    def draft(self, index: int) -> Draft:
        rng = self.rng
        key, topic = rng.choices(self.topics, weights=[t["weight"] for _, t in self.topics])[0]
        kec = rng.choice(self.kecamatan)
        villages = self.villages.get(kec.pk, [])
        desa = rng.choice(villages) if villages and rng.random() < 0.8 else None
        aspiration = topic["aspirations"] and rng.random() < 0.12
        report_type = topic.get("type") or (
            ComplaintType.ASPIRATION if aspiration else ComplaintType.COMPLAINT
        )
        title = self.fill(
            rng.choice(topic["aspirations"] if aspiration else topic["titles"]), kec=kec, desa=desa
        )
        description = self.fill(rng.choice(topic["texts"]), kec=kec, desa=desa)
        if aspiration:
            description = f"{title}. {description}"
        roll = rng.random()  # citizens pick the right category most of the time
        if roll < 0.72:
            category = self.categories[topic["category"]]
        elif roll < 0.86:
            category = None
        elif roll < 0.93:
            category = self.categories["lainnya"]
        else:
            category = self.categories[rng.choice(list(self.categories))]
        channel = rng.choices([c for c, _ in CHANNELS], weights=[w for _, w in CHANNELS])[0]
        created = self.filed_at(index)
        anonymous = rng.random() < 0.1
        confidential = key == "pungli" or rng.random() < 0.07
        complaint = Complaint(
            region=self.region,
            tracking_code=CODE.format(index + 1),
            secret_hash="demo-tidak-dapat-dilacak",  # no secret opens a demo report's page
            report_type=report_type,
            channel=channel,
            title=title[:200],
            description=description,
            category=category,
            kecamatan=kec,
            desa=desa,
            source_url=(
                rng.choice(self.material["media_sources"]).format(
                    slug=f"{slugify(title)[:60]}-{index + 1}"
                )
                if channel == Channel.MEDIA
                else ""
            ),
            is_confidential=confidential,
            is_anonymous=anonymous,
            reporter_name="" if anonymous or channel == Channel.MEDIA else self.reporter(),
            reporter_phone=""
            if channel in (Channel.MEDIA, Channel.LETTER)
            else f"628{rng.randint(11, 99)}{rng.randint(1000000, 9999999)}",
            status=S.NEW,
            created_at=created,
        )
        policy = self.policy(category, report_type)
        complaint.sla_policy = policy if policy.pk else None
        complaint.verify_due_at = self.due(
            created, policy.verify_value, policy.verify_unit, self.calendar(None)
        )
        draft = Draft(complaint)
        recorded_by = None if channel in (Channel.WEB, Channel.API) else self.verifier
        draft.event(
            "filed",
            created,
            to=S.NEW,
            actor=recorded_by,
            reporter=recorded_by is None,
            text_code="filed",
            params={"channel": channel},
        )
        self.workflow(draft, key, topic, policy, kec, desa)
        place = (key, kec.pk)
        self.recent_by_place.setdefault(place, []).append(draft)
        return draft

    def target_unit(self, topic, category, kec) -> Unit | None:
        if topic["unit"] == "@kecamatan":
            return self.kecamatan_units.get(kec.pk)
        unit = self.units.get(topic["unit"])
        if (
            topic["unit"] == "dinkes"
        ):  # the region's rules send health reports to the local puskesmas
            rule = self.rules.get((self.categories["kesehatan"].pk, kec.pk))
            if rule:
                return next((u for u in self.units.values() if u.pk == rule), unit)
        return unit

    def workflow(self, draft: Draft, key, topic, policy, kec, desa) -> None:
        rng, c = self.rng, draft.complaint
        region_cal = self.calendar(None)
        fate = rng.random()
        decided = self.office(
            c.created_at,
            rng.uniform(1, 20) if rng.random() < 0.86 else rng.uniform(24, 44),
            region_cal,
        )
        if not self.past(decided):
            return  # still waiting for verification (overdue when its 3 working days have passed)
        if fate < 0.04:
            c.closing_reason = rng.choice(self.material["archive_reasons"])
            draft.move(
                S.ARCHIVED, "archived", decided, actor=self.verifier, text_code="archived",
                params={"reason": c.closing_reason},
            )  # fmt: skip
            return
        if fate < 0.06:
            destination = rng.choice(self.material["transfers"])
            c.closing_reason = f"Dialihkan ke {destination}"
            c.verified_at = decided
            draft.move(
                S.TRANSFERRED, "transferred", decided, actor=self.verifier,
                text_code="transferred", params={"dest": destination},
            )  # fmt: skip
            return
        if fate < 0.08:
            earlier = [
                d for d in self.recent_by_place.get((key, kec.pk), [])
                if d.complaint.status not in (S.ARCHIVED, S.TRANSFERRED, S.MERGED)
                and c.created_at - d.complaint.created_at < dt.timedelta(days=10)
            ]  # fmt: skip
            if earlier:
                target = earlier[-1].complaint
                c.merged_into = target  # saved after the target (it is older)
                c.closing_reason = f"Duplikat dari {target.tracking_code}"
                c.verified_at = decided
                draft.move(S.MERGED, "merged", decided, actor=self.verifier, text_code="merged")
                return
        if fate > 0.985 and self.anchor - decided < dt.timedelta(days=6):
            c.paused_at, c.status_before_pause = decided, S.NEW
            draft.move(
                S.NEEDS_INFO, "info_requested", decided, actor=self.verifier, visibility=V.REPORTER,
                message="Mohon sebutkan lokasi yang lebih rinci (nama dusun, RT/RW atau patokan).",
            )  # fmt: skip
            return
        unit = self.target_unit(topic, c.category, kec)
        if unit is None:
            return
        wrong = rng.random() < 0.05 and key != "desa"
        first_unit = (
            self.units[rng.choice(["dinsos", "dpupr", "dukcapil", "dlh"])] if wrong else unit
        )
        if first_unit.pk == unit.pk:
            wrong = False
        c.unit, c.verified_at, c.dispatched_at = first_unit, decided, decided
        cal = self.calendar(unit)
        c.response_due_at = self.due(decided, policy.response_value, policy.response_unit, cal)
        c.resolve_due_at = self.due(decided, policy.resolve_value, policy.resolve_unit, cal)
        draft.move(S.DISPATCHED, "dispatched", decided, actor=self.verifier,
                   text_code="dispatched", params={"unit": first_unit.name})  # fmt: skip
        at = decided
        if wrong:
            at = self.office(at, rng.uniform(2, 16), cal)
            if not self.past(at):
                return
            c.unit = unit  # the deadlines stay: the reporter's clock does not restart
            draft.move(S.DISPATCHED, "redispatched", at, actor=self.verifier, visibility=V.INTERNAL,
                       text_code="redispatched_from",
                       params={"old": first_unit.name, "unit": unit.name})  # fmt: skip
        members = self.team.get(unit.pk) or []
        if not members:
            return
        handler = rng.choice(members)
        at = self.office(at, rng.uniform(0.3, 6), cal)
        if not self.past(at):
            return
        c.assignee = handler
        draft.move(S.IN_PROGRESS, "assigned", at, actor=members[0],
                   text_code="team_handles", params={"unit": unit.name})  # fmt: skip
        slow = rng.random() < 0.22
        if rng.random() < 0.7:
            noted = self.office(
                at, rng.uniform(0.5, 10) if rng.random() < 0.9 else rng.uniform(40, 60), cal
            )
            if not self.past(noted):
                return
            c.first_response_at = noted
            draft.event("note", noted, actor=handler, visibility=V.REPORTER,
                        message=rng.choice(self.material["first_responses"]))  # fmt: skip
            at = noted
        answered = self.office(at, rng.uniform(24, 70) if slow else rng.uniform(1, 18), cal)
        if not self.past(answered):
            return  # still being handled: overdue once the resolve deadline passes
        self.answer(draft, answered, handler, topic, kec, desa)
        # The reporter's verdict: reopen, rate (which closes), or let the window close it.
        window = dt.timedelta(days=(c.sla_policy or policy).reporter_response_days)
        late = c.answered_at > c.resolve_due_at
        if rng.random() < (0.16 if late else 0.05):
            reopened = answered + dt.timedelta(hours=rng.uniform(6, 120))
            if not self.past(reopened):
                return
            c.reopen_count += 1
            c.answered_at = None
            c.resolve_due_at = self.due(reopened, policy.resolve_value, policy.resolve_unit, cal)
            draft.move(S.IN_PROGRESS, "reopened", reopened, reporter=True,
                       message="Masalah belum selesai, kondisi di lapangan masih sama.")  # fmt: skip
            answered = self.office(reopened, rng.uniform(2, 30), cal)
            if not self.past(answered):
                return
            self.answer(draft, answered, handler, topic, kec, desa)
            late = True
        if rng.random() < 0.58:
            rated = answered + dt.timedelta(hours=rng.uniform(1, 150))
            if not self.past(rated):
                return
            c.rating = rng.choice(RATINGS_LATE if late or c.reopen_count else RATINGS_ON_TIME)
            c.rated_at = c.closed_at = rated
            draft.move(S.CLOSED, "rated", rated, reporter=True,
                       text_code="rated_closed", params={"n": c.rating})  # fmt: skip
            return
        closes = answered + window
        if self.past(closes):
            c.closed_at = closes
            draft.move(S.CLOSED, "closed", closes, text_code="closed_expired")

    def answer(self, draft: Draft, at, handler, topic, kec, desa) -> None:
        c = draft.complaint
        c.answered_at = at
        c.first_response_at = c.first_response_at or at
        day = at.astimezone(self.calendar(None).tz).strftime("%d-%m-%Y")
        message = self.fill(self.rng.choice(topic["answers"]), kec=kec, desa=desa, day=day)
        draft.move(S.ANSWERED, "answered", at, actor=handler, message=message)
