"""The "Not duplicates" sheet of an all-sheets export: pairs marked “not a duplicate”."""

from __future__ import annotations

from infcrm.files.export_columns import ExportColumn, ExtraSheet
from infcrm.services.exchange import pair_export_rows as rows

NOT_DUPLICATE_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("name", "Influencer", "text", 24),
    ExportColumn("influencer_id", "Influencer ID", "id", 9),
    ExportColumn("other", "Not the same as", "text", 24),
    ExportColumn("other_id", "Other influencer ID", "id", 9),
    ExportColumn("marked_at", "Marked", "datetime", 17),
)
NOT_DUPLICATE_SHEET = ExtraSheet(
    "Not duplicates", NOT_DUPLICATE_COLUMNS, rows.not_duplicate_values, rows.not_duplicate_count
)

__all__ = ["NOT_DUPLICATE_COLUMNS", "NOT_DUPLICATE_SHEET"]
