"""Every read of the surveys app, already scoped to what the reader may see.

Callers import from here; the modules below keep each part small: `taking` (what the questionnaire and
kiosk pages read: a unit's survey settings, answered sources, today's served tickets), `population`
(people served in a period), `ikm_reports` (a unit's IKM report, built from `report_parts`, with no
figure from fewer than k responses: tanggap.surveys.disclosure), `raw_answers` (its anonymous answer
rows), `comparison` (a region's units side by side), `public` (the public IKM figures) and
`report_access` (who may open which report).
"""

from tanggap.core.calendar import region_today
from tanggap.surveys.selectors.comparison import RegionComparison, UnitRow, region_ikm_comparison
from tanggap.surveys.selectors.ikm_reports import (
    PROFILE_TITLES,
    TREND_PERIODS,
    WEIGHTING_LABELS,
    ElementRow,
    IkmReport,
    TrendPoint,
    ikm_report,
)
from tanggap.surveys.selectors.population import SERVED_COMPLAINTS, served_population
from tanggap.surveys.selectors.public import (
    public_period,
    public_region_ikm,
    public_regions,
    public_unit,
    public_unit_ikm,
)
from tanggap.surveys.selectors.raw_answers import PROFILE_COLUMNS, RawAnswers, report_raw_answers
from tanggap.surveys.selectors.report_access import (
    report_filter_choices,
    report_region_for,
    report_regions_for,
    report_unit_for,
    report_units_for,
)
from tanggap.surveys.selectors.report_parts import COMMENT_LIMIT, CommentMonth, ProfileRow
from tanggap.surveys.selectors.taking import (
    kiosk_location_for,
    kiosk_ticket,
    served_today_without_survey,
    source_answered,
    survey_settings_for,
    survey_unit,
    unit_for_settings,
    unit_weighting,
)

__all__ = [
    "COMMENT_LIMIT",
    "PROFILE_COLUMNS",
    "PROFILE_TITLES",
    "SERVED_COMPLAINTS",
    "TREND_PERIODS",
    "WEIGHTING_LABELS",
    "CommentMonth",
    "ElementRow",
    "IkmReport",
    "ProfileRow",
    "RawAnswers",
    "RegionComparison",
    "TrendPoint",
    "UnitRow",
    "ikm_report",
    "kiosk_location_for",
    "kiosk_ticket",
    "public_period",
    "public_region_ikm",
    "public_regions",
    "public_unit",
    "public_unit_ikm",
    "region_ikm_comparison",
    "region_today",
    "report_filter_choices",
    "report_raw_answers",
    "report_region_for",
    "report_regions_for",
    "report_unit_for",
    "report_units_for",
    "served_population",
    "served_today_without_survey",
    "source_answered",
    "survey_settings_for",
    "survey_unit",
    "unit_for_settings",
    "unit_weighting",
]
