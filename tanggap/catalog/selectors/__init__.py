"""Every read of the catalogue: the public catalogue (published services only) and the staff view
(scoped to what the user may manage). Each list is built in a fixed number of queries.

Callers import from here; the modules below keep each part small: `public` (published services and their
standards), `browsing` (regions, categories, agencies, locations, MPP, the home page's summary), `staff`
(what a user may manage, enact and export) and `version_diff` (two versions compared line by line).
"""

from tanggap.catalog.selectors.browsing import (
    BoothView,
    agency_list_public,
    category_list_public,
    home_summary,
    location_list_public,
    mpp_get_public,
    mpp_list_public,
    region_get_public,
    region_list_public,
)
from tanggap.catalog.selectors.public import (
    PUBLISHED,
    enacted_standard,
    published_services,
    service_get_public,
    service_list_public,
    standard_version_public,
    standard_versions_public,
)
from tanggap.catalog.selectors.staff import (
    export_region_for,
    export_unit_for,
    exportable_regions,
    exportable_units,
    import_region_for,
    importable_regions,
    manageable_units,
    service_get_for_api,
    service_get_for_staff,
    service_list_manageable_by,
    services_for_export,
    standard_draft,
    standard_version_for_staff,
    standard_versions_for_staff,
)
from tanggap.catalog.selectors.version_diff import ComponentDiff, DiffLine, standard_diff

__all__ = [
    "PUBLISHED",
    "BoothView",
    "ComponentDiff",
    "DiffLine",
    "agency_list_public",
    "category_list_public",
    "enacted_standard",
    "export_region_for",
    "export_unit_for",
    "exportable_regions",
    "exportable_units",
    "home_summary",
    "import_region_for",
    "importable_regions",
    "location_list_public",
    "manageable_units",
    "mpp_get_public",
    "mpp_list_public",
    "published_services",
    "region_get_public",
    "region_list_public",
    "service_get_for_api",
    "service_get_for_staff",
    "service_get_public",
    "service_list_manageable_by",
    "service_list_public",
    "services_for_export",
    "standard_diff",
    "standard_draft",
    "standard_version_for_staff",
    "standard_version_public",
    "standard_versions_for_staff",
    "standard_versions_public",
]
