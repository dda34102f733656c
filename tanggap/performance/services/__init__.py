"""Every write of the performance app (callers import from here)."""

from tanggap.performance.services.agreements import (
    agreement_create,
    agreement_sign,
    indicator_add,
    realisation_record,
)
from tanggap.performance.services.autofill import skp_autofill_open, skp_autofill_quarter
from tanggap.performance.services.skp import (
    skp_create,
    skp_quarter_review_write,
    skp_rate_year_end,
    skp_result_add,
)
from tanggap.performance.services.unit_rating import unit_rating_set

__all__ = [
    "agreement_create",
    "agreement_sign",
    "indicator_add",
    "realisation_record",
    "skp_autofill_open",
    "skp_autofill_quarter",
    "skp_create",
    "skp_quarter_review_write",
    "skp_rate_year_end",
    "skp_result_add",
    "unit_rating_set",
]
