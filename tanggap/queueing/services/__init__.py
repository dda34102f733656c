"""Queue services: the ticket flow (tickets.py) and each location's queue configuration (config.py)."""

from tanggap.queueing.services.config import *  # noqa: F403
from tanggap.queueing.services.tickets import *  # noqa: F403
