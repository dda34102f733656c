"""Inovasi daerah's records (DOMAIN.md §4), one module per workflow:

- `ideas`: officials' ideas ("Blitar Cepat Tanggap"), supports, comments, the office's decision;
- `registry`: the year's index scheme as data, registered innovations, their evidence per indicator,
  the assessment against the five criteria, replications, index snapshots;
- `competition`: rounds (KIPP/KOVABLIK style) with categories, rubric, stages, proposals, jurors,
  conflicts, review assignments and scores;
- `library`: the P2B best-practice library and "replicate this" requests.

The rules come first as pure modules beside this package: `index.py`, `criteria.py`, `assignment.py`,
`aggregation.py`, `scheme.py`.
"""

from tanggap.innovation.models.common import WorkflowEvent
from tanggap.innovation.models.competition import (
    Category,
    Conflict,
    Juror,
    Proposal,
    ProposalEvent,
    Review,
    ReviewEvent,
    Round,
    RoundStage,
    RubricItem,
    Score,
)
from tanggap.innovation.models.ideas import Idea, IdeaComment, IdeaEvent, IdeaSupport
from tanggap.innovation.models.library import (
    Article,
    ReplicationRequest,
    ReplicationRequestEvent,
)
from tanggap.innovation.models.registry import (
    Assessment,
    AssessmentEvent,
    Evidence,
    IndexScheme,
    IndexSnapshot,
    Indicator,
    Innovation,
    InnovationEvent,
    Replication,
)

__all__ = [
    "Article",
    "Assessment",
    "AssessmentEvent",
    "Category",
    "Conflict",
    "Evidence",
    "Idea",
    "IdeaComment",
    "IdeaEvent",
    "IdeaSupport",
    "IndexScheme",
    "IndexSnapshot",
    "Indicator",
    "Innovation",
    "InnovationEvent",
    "Juror",
    "Proposal",
    "ProposalEvent",
    "Replication",
    "ReplicationRequest",
    "ReplicationRequestEvent",
    "Review",
    "ReviewEvent",
    "Round",
    "RoundStage",
    "RubricItem",
    "Score",
    "WorkflowEvent",
]
