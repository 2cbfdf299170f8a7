"""Everything the user recorded, out as JSON or CSV, and a JSON export read back in.

``json_export`` writes the file ``psoas import`` reads and ``json_import`` reads it back, checking
every field of every record; ``csv_export`` writes a spreadsheet's view of the same records;
``layout`` is what writer and reader share; ``period`` is the days an export covers.
"""

from psoas_tui.core.transfer.csv_export import CSV_COLUMNS, export_csv
from psoas_tui.core.transfer.json_export import day_doc, entry_doc, export_json, response_doc
from psoas_tui.core.transfer.json_import import MAX_IMPORT_BYTES, read_export
from psoas_tui.core.transfer.layout import FORMAT, FORMAT_VERSION
from psoas_tui.core.transfer.period import Period, parse_period, select

__all__ = [
    "CSV_COLUMNS",
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_IMPORT_BYTES",
    "Period",
    "day_doc",
    "entry_doc",
    "export_csv",
    "export_json",
    "parse_period",
    "read_export",
    "response_doc",
    "select",
]
