"""Complaint services: every write to a report goes through one of these.

filing.py (a report from any channel), workflow.py (the transition table with who may take each action,
the row lock and the one move function), verify.py (the verifier's decisions), handling.py (the unit's
work), reporter.py (the reporter's replies, rating and reopening), team.py (responsive teams),
escalation.py (deadline warnings and escalations), notices.py (who hears about each step),
policies.py (a region's deadline policies), attachments.py (files checked by tanggap.core.uploads within the
complaint limits, then stored), routing.py (retraining the routing models),
audit_trail.py and checks.py (the audit row of a
move; the checks of a service's arguments). Background work is queued by name
(tanggap.core.background): no service imports the tasks module.
"""

from tanggap.complaints.codes import new_secret, new_tracking_code, secret_digest, secret_matches
from tanggap.complaints.services.attachments import (
    attachment_add,
    attachment_check,
    attachment_store,
)
from tanggap.complaints.services.escalation import *  # noqa: F403
from tanggap.complaints.services.filing import *  # noqa: F403
from tanggap.complaints.services.handling import *  # noqa: F403
from tanggap.complaints.services.notices import event_notify, inspectorate_for
from tanggap.complaints.services.policies import *  # noqa: F403
from tanggap.complaints.services.reporter import *  # noqa: F403
from tanggap.complaints.services.routing import *  # noqa: F403
from tanggap.complaints.services.team import *  # noqa: F403
from tanggap.complaints.services.verify import *  # noqa: F403
from tanggap.complaints.services.workflow import *  # noqa: F403

__all__ = [  # noqa: F405 - the names the star imports bring
    "COMPLAINT_MACHINE",
    "attachment_add",
    "attachment_check",
    "attachment_store",
    "complaint_answer",
    "complaint_archive",
    "complaint_assign",
    "complaint_close",
    "complaint_close_expired",
    "complaint_event_add",
    "complaint_file",
    "complaint_file_with_attachments",
    "complaint_merge",
    "complaint_note",
    "complaint_rate",
    "complaint_redispatch",
    "complaint_reopen",
    "complaint_reporter_reply",
    "complaint_request_info",
    "complaint_take",
    "complaint_transfer_out",
    "complaint_transition",
    "complaint_verify_dispatch",
    "escalation_sweep",
    "event_notify",
    "inspectorate_for",
    "new_secret",
    "new_tracking_code",
    "routing_model_retrain",
    "routing_models_retrain",
    "routing_retrain_request",
    "notify_after_commit",
    "secret_digest",
    "secret_matches",
    "sla_policy_save",
    "team_member_add",
    "team_member_remove",
]
