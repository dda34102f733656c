"""Reports from citizens (pengaduan, aspirasi, permintaan informasi) and everything that happens to them.

Every move of a report is a ComplaintEvent row (actor, time, note, who may see it): the public timeline,
the audit trail, and the source of every duration metric. Deadlines are computed once by the working
calendar and stored on the report; pauses (waiting for the reporter) push them back.

choices.py (kinds, channels, deadline units), region_setup.py (topics, routing rules, deadline policies,
responsive teams), complaint.py (the report, its steps, files and deadline notices), integrations.py
(Open311 clients, routing models).
"""

from tanggap.complaints.models.choices import (
    Channel,
    ComplaintType,
    DeadlineUnit,
    Maladministration,
)
from tanggap.complaints.models.complaint import Attachment, Complaint, ComplaintEvent, Escalation
from tanggap.complaints.models.integrations import Open311Client, RoutingModel
from tanggap.complaints.models.region_setup import (
    ComplaintCategory,
    RoutingRule,
    SlaPolicy,
    TeamMember,
    deadline_order_message,
    resolve_before_response,
)

__all__ = [
    "Attachment",
    "Channel",
    "Complaint",
    "ComplaintCategory",
    "ComplaintEvent",
    "ComplaintType",
    "DeadlineUnit",
    "Escalation",
    "Maladministration",
    "Open311Client",
    "RoutingModel",
    "RoutingRule",
    "SlaPolicy",
    "TeamMember",
    "deadline_order_message",
    "resolve_before_response",
]
