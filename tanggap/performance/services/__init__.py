"""Every write of the performance app (callers import from here)."""

from tanggap.performance.services.agreements import (
    agreement_create,
    agreement_sign,
    indicator_add,
    realisation_record,
)

__all__ = ["agreement_create", "agreement_sign", "indicator_add", "realisation_record"]
