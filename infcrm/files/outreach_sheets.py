"""The Outreach and Follow-ups sheets of an "all sheets" .xlsx export."""

from __future__ import annotations

from infcrm.files.export_columns import ExportColumn, ExtraSheet
from infcrm.services.exchange import outreach_export_rows as rows

INTERACTION_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("id", "ID", "id", 8),
    ExportColumn("influencer", "Influencer", "text", 24),
    ExportColumn("influencer_id", "Influencer ID", "id", 9),
    ExportColumn("when", "When", "datetime", 17),
    ExportColumn("kind", "What", "text", 20),
    ExportColumn("from_stage", "From stage", "text", 14),
    ExportColumn("channel", "Channel", "text", 14),
    ExportColumn("direction", "Direction", "text", 18),
    ExportColumn("subject", "Subject", "text", 30),
    ExportColumn("summary", "Summary", "text", 50),
    ExportColumn("outcome", "Outcome", "text", 24),
    ExportColumn("campaign", "Campaign", "text", 20),
    ExportColumn("campaign_id", "Campaign ID", "id", 9),
    ExportColumn("has_email", "Email kept", "bool", 10),
)
FOLLOW_UP_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("influencer", "Influencer", "text", 24),
    ExportColumn("influencer_id", "Influencer ID", "id", 9),
    ExportColumn("due", "Due", "date", 11),
    ExportColumn("time", "Time", "text", 7),
    ExportColumn("note", "Note", "text", 40),
    ExportColumn("status", "Status", "text", 8),
    ExportColumn("done_at", "Done", "datetime", 17),
    ExportColumn("snoozed_from", "First due", "date", 11),
    ExportColumn("interaction_id", "From outreach ID", "id", 10),
)
OUTREACH_SHEETS: tuple[ExtraSheet, ...] = (
    ExtraSheet("Outreach", INTERACTION_COLUMNS, rows.interaction_values, rows.interaction_count),
    ExtraSheet("Follow-ups", FOLLOW_UP_COLUMNS, rows.follow_up_values, rows.follow_up_count),
)
