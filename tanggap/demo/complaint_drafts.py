"""A demo report being written with its timeline (Draft), and writing the drafts in bulk.

The history generator (complaint_history.py) fills the drafts; write_drafts inserts the missing ones,
oldest first so that a merged report's target exists, with all their events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tanggap.complaints.models import Complaint, ComplaintEvent
from tanggap.demo.sync import Tally

V = ComplaintEvent.Visibility


@dataclass
class Draft:
    """One report being written, with its timeline."""

    complaint: Complaint
    events: list[ComplaintEvent] = field(default_factory=list)

    def event(
        self,
        action,
        at,
        *,
        frm="",
        to="",
        actor=None,
        reporter=False,
        message="",
        text_code="",
        params=None,
        visibility=V.PUBLIC,
    ):
        if reporter:
            label = "Pelapor"
        elif actor is not None:
            label = actor.get_full_name() or actor.get_username()
        else:
            label = "Sistem"
        self.events.append(
            ComplaintEvent(
                action=action,
                from_status=frm,
                to_status=to,
                actor=actor,
                actor_label=label,
                by_reporter=reporter,
                unit_id=self.complaint.unit_id,
                message=message,
                text_code=text_code,
                params=params or {},
                visibility=visibility,
                at=at,
            )
        )

    def move(self, to, action, at, **kwargs):
        self.event(action, at, frm=self.complaint.status, to=to, **kwargs)
        self.complaint.status = to


def write_drafts(drafts: list[Draft], tally: Tally) -> int:
    """Insert the missing reports (oldest first, so a merge target exists) and their events."""
    codes = [d.complaint.tracking_code for d in drafts]
    have = set(
        Complaint.objects.filter(tracking_code__in=codes).values_list("tracking_code", flat=True)
    )
    new = [d for d in drafts if d.complaint.tracking_code not in have]
    if not new:
        return 0
    by_code = {d.complaint.tracking_code: d for d in new}
    plain = [d.complaint for d in new if d.complaint.merged_into is None]
    merged = [d.complaint for d in new if d.complaint.merged_into is not None]
    Complaint.objects.bulk_create(plain, batch_size=500)
    saved = dict(
        Complaint.objects.filter(tracking_code__in=[c.tracking_code for c in plain]).values_list(
            "tracking_code", "id"
        )
    )
    merged_field = Complaint._meta.get_field("merged_into")
    for complaint in merged:
        target_code = complaint.merged_into.tracking_code
        merged_field.delete_cached_value(
            complaint
        )  # the draft's target object carries no pk everywhere
        complaint.merged_into_id = saved[target_code]
    Complaint.objects.bulk_create(merged, batch_size=500)
    ids = dict(
        Complaint.objects.filter(tracking_code__in=list(by_code)).values_list("tracking_code", "id")
    )
    events = []
    for code, draft in by_code.items():
        for event in draft.events:
            event.complaint_id = ids[code]
            events.append(event)
    ComplaintEvent.objects.bulk_create(events, batch_size=1000)
    tally.add(Complaint._meta.label, created=len(new))
    tally.add(ComplaintEvent._meta.label, created=len(events))
    return len(new)
