"""The 14 components of a Standar Pelayanan (PermenPANRB 15/2014) and the model fields behind them.

One list that forms, pages, import/export and the version diff all read, so the components are named
and ordered the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Component:
    """One component of the standard: its number, label, and the StandardVersion fields that hold it."""

    number: int
    key: str
    label: object  # a lazy translation
    fields: tuple[str, ...]
    public: bool


COMPONENTS: tuple[Component, ...] = (
    Component(1, "requirements", _("Persyaratan"), ("requirements",), True),
    Component(2, "procedure", _("Sistem, mekanisme, dan prosedur"), ("procedure",), True),
    Component(
        3,
        "duration",
        _("Jangka waktu pelayanan"),
        ("duration_value", "duration_unit", "duration_note"),
        True,
    ),
    Component(4, "cost", _("Biaya/tarif"), ("cost", "cost_note"), True),
    Component(5, "product", _("Produk pelayanan"), ("product",), True),
    Component(
        6,
        "complaint_handling",
        _("Penanganan pengaduan, saran, dan masukan"),
        ("complaint_handling",),
        True,
    ),
    Component(7, "legal_basis", _("Dasar hukum"), ("legal_basis",), False),
    Component(8, "facilities", _("Sarana, prasarana, dan/atau fasilitas"), ("facilities",), False),
    Component(9, "staff_competence", _("Kompetensi pelaksana"), ("staff_competence",), False),
    Component(
        10, "internal_supervision", _("Pengawasan internal"), ("internal_supervision",), False
    ),
    Component(11, "staff_count", _("Jumlah pelaksana"), ("staff_count",), False),
    Component(12, "service_guarantee", _("Jaminan pelayanan"), ("service_guarantee",), False),
    Component(
        13,
        "security_guarantee",
        _("Jaminan keamanan dan keselamatan pelayanan"),
        ("security_guarantee",),
        False,
    ),
    Component(
        14,
        "performance_evaluation",
        _("Evaluasi kinerja pelaksana"),
        ("performance_evaluation",),
        False,
    ),
)

# Every StandardVersion field a person edits, in component order.
STANDARD_FIELDS: tuple[str, ...] = tuple(f for c in COMPONENTS for f in c.fields)
# Fields stored as a JSON list of strings and edited as one item per line.
LIST_FIELDS: frozenset[str] = frozenset({"requirements", "procedure", "legal_basis"})
# Maximum lengths of the short text fields (the model's CharFields).
CHAR_LIMITS: dict[str, int] = {"duration_note": 300, "cost_note": 300}
# Upper bounds that catch typing mistakes (a 100 000-day service is a typo, not a standard).
MAX_DURATION_VALUE = 10_000
MAX_LIST_ITEMS = 200
MAX_TEXT_LENGTH = 20_000
