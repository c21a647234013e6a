"""The Campaigns, Deals and Content sheets of an "all sheets" .xlsx export: columns and rows.

Amounts are written as numbers in their currency's format; totals get one column per currency
("Cost (EUR)", "Cost (USD)"), since infcrm never converts; dates are dates, rates and
ROI percentages, and names, notes and hashtags are user text, stored as text cells only.
"""

from __future__ import annotations

from infcrm.files.export_columns import ExportColumn, ExtraSheet
from infcrm.services.exchange import campaign_export_rows as rows

CAMPAIGN_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("id", "ID", "id", 8),
    ExportColumn("name", "Campaign", "text", 28),
    ExportColumn("brand", "Brand or product", "text", 24),
    ExportColumn("status", "Status", "text", 11),
    ExportColumn("starts_on", "Starts", "date", 11),
    ExportColumn("ends_on", "Ends", "date", 11),
    ExportColumn("budget", "Budget", "money", 14),
    ExportColumn("currency", "Currency", "text", 9),
    ExportColumn("influencers", "Influencers", "int", 10),
    ExportColumn("posts", "Posts", "int", 8),
    ExportColumn("cost", "Cost", "money_sums", 16),
    ExportColumn("engagements", "Engagements", "int", 12),
    ExportColumn("engagement_rate", "Engagement rate per post", "percent", 12),
    ExportColumn("cost_per_engagement", "Cost per engagement", "money", 12),
    ExportColumn("reach", "Reach", "int", 12),
    ExportColumn("clicks", "Clicks", "int", 10),
    ExportColumn("conversions", "Conversions", "int", 11),
    ExportColumn("revenue", "Revenue", "money_sums", 16),
    ExportColumn("roi", "ROI", "percent", 9),
    ExportColumn("goal", "Goal", "text", 36),
    ExportColumn("brief", "Brief", "text", 36),
    ExportColumn("hashtags", "Hashtags", "text", 28),
    ExportColumn("mentions", "Mentions", "text", 18),
    ExportColumn("created", "Added", "datetime", 17),
)

DEAL_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("id", "ID", "id", 8),
    ExportColumn("campaign", "Campaign", "text", 24),
    ExportColumn("campaign_id", "Campaign ID", "id", 9),
    ExportColumn("influencer", "Influencer", "text", 24),
    ExportColumn("influencer_id", "Influencer ID", "id", 9),
    ExportColumn("handle", "Handle", "text", 18),
    ExportColumn("platform", "Platform", "text", 12),
    ExportColumn("incentives", "Incentives", "text", 44),
    ExportColumn("promo_codes", "Promo code", "text", 12),
    ExportColumn("tracking_link", "Tracking link", "text", 40),
    ExportColumn("cost", "Cost", "money_sums", 14),
    ExportColumn("fees", "Fees", "money_sums", 12),
    ExportColumn("paid", "Paid", "money_sums", 12),
    ExportColumn("owed", "Owed", "money_sums", 12),
    ExportColumn("shipping", "Shipping", "text", 11),
    ExportColumn("agreement", "Agreement", "text", 20),
    ExportColumn("agreement_sent", "Agreement sent", "datetime", 17),
    ExportColumn("deliverables", "Deliverables", "text", 40),
    ExportColumn("promised", "Posts promised", "int", 10),
    ExportColumn("delivered", "Posts delivered", "int", 10),
    ExportColumn("late", "Posts late", "int", 8),
    ExportColumn("next_due", "Next due", "date", 11),
    ExportColumn("posts", "Posts", "int", 8),
    ExportColumn("engagements", "Engagements", "int", 12),
    ExportColumn("revenue", "Revenue", "money_sums", 14),
    ExportColumn("roi", "ROI", "percent", 9),
    ExportColumn("usage_rights", "Usage rights", "text", 36),
    ExportColumn("disclosure", "Disclosure", "text", 24),
    ExportColumn("notes", "Notes", "text", 36),
    ExportColumn("deal_code", "Deal's own code", "text", 14),
    ExportColumn("landing_url", "Landing page", "text", 40),
)

CONTENT_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("campaign", "Campaign", "text", 24),
    ExportColumn("influencer", "Influencer", "text", 24),
    ExportColumn("deal_id", "Deal ID", "id", 8),
    ExportColumn("deliverable_id", "Deliverable ID", "id", 10),
    ExportColumn("platform", "Platform", "text", 12),
    ExportColumn("format", "Format", "text", 11),
    ExportColumn("posted_on", "Posted", "date", 11),
    ExportColumn("url", "Link", "url", 40),
    ExportColumn("likes", "Likes", "int", 10),
    ExportColumn("comments", "Comments", "int", 10),
    ExportColumn("shares", "Shares", "int", 9),
    ExportColumn("saves", "Saves", "int", 9),
    ExportColumn("views", "Views", "int", 11),
    ExportColumn("reach", "Reach", "int", 11),
    ExportColumn("clicks", "Clicks", "int", 9),
    ExportColumn("conversions", "Conversions", "int", 11),
    ExportColumn("engagements", "Engagements", "int", 12),
    ExportColumn("revenue", "Revenue", "money", 13),
    ExportColumn("currency", "Currency", "text", 9),
    ExportColumn("created", "Added", "datetime", 17),
)

CAMPAIGN_SHEETS: tuple[ExtraSheet, ...] = (
    ExtraSheet(
        "Campaigns", CAMPAIGN_COLUMNS, rows.campaign_values, rows.campaign_count, rows.currencies
    ),
    ExtraSheet("Deals", DEAL_COLUMNS, rows.deal_values, rows.deal_count, rows.currencies),
    ExtraSheet("Content", CONTENT_COLUMNS, rows.content_values, rows.content_count),
)


__all__ = ["CAMPAIGN_COLUMNS", "CAMPAIGN_SHEETS", "CONTENT_COLUMNS", "DEAL_COLUMNS"]
