"""Every write to the catalogue: services, categories and their versioned standards.

Each function runs in one transaction, checks the actor's permission, refuses bad input with a
DomainError whose message a person can act on, and appends an audit row.
"""

from tanggap.catalog.services.catalogue import (
    category_create,
    service_archive,
    service_create,
    service_restore,
    service_update,
)
from tanggap.catalog.services.standards import (
    STANDARD_MACHINE,
    standard_draft_create,
    standard_enact,
    standard_transition,
    standard_update,
)
from tanggap.catalog.services.validation import (
    ADMINDUK_FREE_MESSAGE,
    clean_standard_changes,
    parse_cost,
    parse_decree_date,
)

__all__ = [
    "ADMINDUK_FREE_MESSAGE",
    "STANDARD_MACHINE",
    "category_create",
    "clean_standard_changes",
    "parse_cost",
    "parse_decree_date",
    "service_archive",
    "service_create",
    "service_restore",
    "service_update",
    "standard_draft_create",
    "standard_enact",
    "standard_transition",
    "standard_update",
]
