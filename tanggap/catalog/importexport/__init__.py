"""Import and export of service standards as CSV, XLSX or JSON: one row (object) per service, keyed by
the service code, with all 14 components. List fields are one item per line in CSV/XLSX cells.

Import is all-or-nothing: every row goes through the same services as the pages do (permissions,
adminduk rule, immutable enacted versions), each error is reported with its row number, and if any row
fails nothing is saved. A row enacts its standard only when its `enact` column says so and gives a
decree number and date, and only if the importing user may enact.
"""

from tanggap.catalog.importexport.formats import (
    COLUMNS,
    CONTENT_TYPES,
    FORMATS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportFileError,
    export_filename,
    export_records,
    export_standards,
    guess_format,
    read_rows,
)
from tanggap.catalog.importexport.importing import ImportReport, RowError, standards_import

__all__ = [
    "COLUMNS",
    "CONTENT_TYPES",
    "FORMATS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "ImportFileError",
    "ImportReport",
    "RowError",
    "export_filename",
    "export_records",
    "export_standards",
    "guess_format",
    "read_rows",
    "standards_import",
]
