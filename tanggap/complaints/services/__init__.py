"""Complaint services: filing (filing.py) and the workflow's transitions (workflow.py)."""

from tanggap.complaints.services.filing import *  # noqa: F403
from tanggap.complaints.services.workflow import *  # noqa: F403
