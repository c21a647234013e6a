"""The Incentives, Deliverables, Payments, Agreements, Shop orders, Stages, Settings, Agreement
templates, Outreach templates, Tag colours and Saved views sheets of an all-sheets .xlsx
export: each deal's terms one row each, the shop's orders, and what the pipeline, the settings,
the templates and the views were, so the workbook restores everything
(`files/backup_reader.py` reads them back).
"""

from __future__ import annotations

from infcrm.files.export_columns import ExportColumn, ExtraSheet
from infcrm.services.exchange import deal_export_rows as deals
from infcrm.services.exchange import setup_export_rows as setup
from infcrm.services.exchange import view_export_rows as views

_DEAL = (
    ExportColumn("deal_id", "Deal ID", "id", 8),
    ExportColumn("campaign", "Campaign", "text", 24),
    ExportColumn("influencer", "Influencer", "text", 24),
)

INCENTIVE_COLUMNS: tuple[ExportColumn, ...] = (
    *_DEAL,
    ExportColumn("kind", "Kind", "text", 16),
    ExportColumn("description", "Description", "text", 30),
    ExportColumn("quantity", "Quantity", "int", 9),
    ExportColumn("value", "Value each", "money", 13),
    ExportColumn("currency", "Currency", "text", 9),
    ExportColumn("promo_code", "Promo code", "text", 12),
    ExportColumn("commission", "Commission", "percent2", 11),  # basis points: exact
    ExportColumn("shipping", "Shipping", "text", 11),
    ExportColumn("carrier", "Carrier", "text", 14),
    ExportColumn("tracking_number", "Tracking number", "text", 20),
    ExportColumn("shipped_on", "Shipped", "date", 11),
    ExportColumn("delivered_on", "Delivered", "date", 11),
)
DELIVERABLE_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("id", "ID", "id", 8),
    *_DEAL,
    ExportColumn("platform", "Platform", "text", 12),
    ExportColumn("format", "Format", "text", 11),
    ExportColumn("count", "Count", "int", 8),
    ExportColumn("due", "Due", "date", 11),
)
PAYMENT_COLUMNS: tuple[ExportColumn, ...] = (
    *_DEAL,
    ExportColumn("paid_on", "Paid on", "date", 11),
    ExportColumn("amount", "Amount", "money", 13),
    ExportColumn("currency", "Currency", "text", 9),
    ExportColumn("method", "Method", "text", 14),
    ExportColumn("reference", "Reference", "text", 20),
    ExportColumn("created", "Added", "datetime", 17),
)
AGREEMENT_COLUMNS: tuple[ExportColumn, ...] = (
    *_DEAL,
    ExportColumn("version", "Version", "int", 8),
    ExportColumn("status", "Status", "text", 18),
    ExportColumn("subject", "Subject", "text", 30),
    ExportColumn("body", "Text", "text", 60),
    ExportColumn("created", "Written", "datetime", 17),
    ExportColumn("sent", "Sent", "datetime", 17),
    ExportColumn("sha256", "SHA-256 of the sent text", "text", 20),
    ExportColumn("confirmed", "Confirmed", "datetime", 17),
    ExportColumn("reply_sender", "Reply from", "text", 24),
    ExportColumn("reply_date", "Reply date", "datetime", 17),
    ExportColumn("reply_subject", "Reply subject", "text", 30),
    ExportColumn("reply_body", "Reply text", "text", 60),
)
ORDER_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("shop", "Shop", "text", 12),
    ExportColumn("order_number", "Order", "text", 14),
    ExportColumn("placed_at", "Placed", "datetime", 17),
    ExportColumn("currency", "Currency", "text", 9),
    ExportColumn("revenue", "Total", "money", 13),
    ExportColumn("discount", "Discount", "money", 12),
    ExportColumn("refunded", "Refunded", "money", 12),
    ExportColumn("counted", "Counted", "bool", 9),
    ExportColumn("code", "Codes used", "text", 16),
    ExportColumn("utm_campaign", "utm_campaign", "text", 18),
    ExportColumn("utm_content", "utm_content", "text", 18),
    ExportColumn("deal_id", "Deal ID", "id", 8),
    ExportColumn("campaign", "Campaign", "text", 24),
    ExportColumn("influencer", "Influencer", "text", 24),
    # WooCommerce names no currency: its amounts as the store wrote them, so an order whose code
    # no deal holds yet comes back ready to count once a deal gets the code.
    ExportColumn("store_places", "Store decimals", "int", 9),
    ExportColumn("store_mark", "Store mark", "text", 7),
    ExportColumn("store_revenue", "Store total", "int", 12),
    ExportColumn("store_discount", "Store discount", "int", 12),
    ExportColumn("store_refunded", "Store refunded", "int", 12),
)
STAGE_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("name", "Stage", "text", 20),
    ExportColumn("closed", "Closed", "bool", 9),
    ExportColumn("archived", "Archived", "bool", 9),
)
SETTING_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("key", "Setting", "text", 22),
    ExportColumn("value", "Value", "text", 60),
)
TEMPLATE_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("name", "Template", "text", 22),
    ExportColumn("subject", "Subject", "text", 40),
    ExportColumn("body", "Text", "text", 80),
    ExportColumn("is_default", "Default", "bool", 9),
)
OUTREACH_TEMPLATE_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("name", "Template", "text", 22),
    ExportColumn("kind", "Kind", "text", 14),
    ExportColumn("subject", "Subject", "text", 40),
    ExportColumn("body", "Text", "text", 80),
)
SAVED_VIEW_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("name", "View", "text", 28),
    ExportColumn("shows", "Shows", "text", 50),  # in words; restored from the next two
    ExportColumn("filters", "Search, filters and sort", "text", 50),
    ExportColumn("columns", "Columns", "text", 40),
)
TAG_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("name", "Tag", "text", 22),
    ExportColumn("colour", "Colour", "text", 10),
)

DEAL_TERM_SHEETS: tuple[ExtraSheet, ...] = (
    ExtraSheet("Incentives", INCENTIVE_COLUMNS, deals.incentive_values, deals.incentive_count),
    ExtraSheet(
        "Deliverables", DELIVERABLE_COLUMNS, deals.deliverable_values, deals.deliverable_count
    ),
)
DEAL_RECORD_SHEETS: tuple[ExtraSheet, ...] = (
    ExtraSheet("Payments", PAYMENT_COLUMNS, deals.payment_values, deals.payment_count),
    ExtraSheet("Agreements", AGREEMENT_COLUMNS, deals.agreement_values, deals.agreement_count),
    ExtraSheet("Shop orders", ORDER_COLUMNS, deals.order_values, deals.order_count),
)
SETUP_SHEETS: tuple[ExtraSheet, ...] = (
    ExtraSheet("Stages", STAGE_COLUMNS, setup.stage_values, setup.stage_count),
    ExtraSheet("Settings", SETTING_COLUMNS, setup.setting_values, setup.setting_count),
    ExtraSheet(
        "Agreement templates", TEMPLATE_COLUMNS, setup.template_values, setup.template_count
    ),
    ExtraSheet(
        "Outreach templates",
        OUTREACH_TEMPLATE_COLUMNS,
        views.outreach_template_values,
        views.outreach_template_count,
    ),
    ExtraSheet("Tag colours", TAG_COLUMNS, setup.tag_values, setup.tag_count),
    ExtraSheet("Saved views", SAVED_VIEW_COLUMNS, views.saved_view_values, views.saved_view_count),
)

__all__ = [
    "AGREEMENT_COLUMNS",
    "DEAL_RECORD_SHEETS",
    "DEAL_TERM_SHEETS",
    "DELIVERABLE_COLUMNS",
    "INCENTIVE_COLUMNS",
    "ORDER_COLUMNS",
    "OUTREACH_TEMPLATE_COLUMNS",
    "PAYMENT_COLUMNS",
    "SAVED_VIEW_COLUMNS",
    "SETTING_COLUMNS",
    "SETUP_SHEETS",
    "STAGE_COLUMNS",
    "TAG_COLUMNS",
    "TEMPLATE_COLUMNS",
]
