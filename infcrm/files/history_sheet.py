"""The "Follower history" sheet of an all-sheets export: each account's recorded figures.

Its columns are the Social accounts sheet's own (same headers, same kinds), so the account a
row belongs to reads the same on both sheets, plus the moment the figures were recorded.
"""

from __future__ import annotations

from infcrm.files.export_columns import ACCOUNT_COLUMNS, ExportColumn, ExtraSheet
from infcrm.services.exchange import history_export_rows as rows

_ACCOUNT = {c.key: c for c in ACCOUNT_COLUMNS}
HISTORY_COLUMNS: tuple[ExportColumn, ...] = tuple(
    ExportColumn("taken_at", "Recorded", "datetime", 17) if key == "taken_at" else _ACCOUNT[key]
    for key in rows.HISTORY_KEYS
)
HISTORY_SHEET = ExtraSheet(
    "Follower history", HISTORY_COLUMNS, rows.history_values, rows.history_count
)

__all__ = ["HISTORY_COLUMNS", "HISTORY_SHEET"]
