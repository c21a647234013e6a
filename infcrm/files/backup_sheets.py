"""Which columns of each all-sheets export sheet a restore reads, and into which stored field.

Headers come from the export's own column definitions, so renaming a column renames what the
restore looks for. Columns the export computes from others (tier, engagement band, cost, ROI,
"Posts delivered"…) are not listed: they follow from what is restored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from infcrm.domain.campaign_enums import (
    AgreementStatus,
    CampaignStatus,
    ContentFormat,
    Disclosure,
    IncentiveKind,
    ShippingStatus,
)
from infcrm.domain.enums import Channel, Direction, FoundVia, Platform
from infcrm.domain.outreach_template import KINDS
from infcrm.files import backup_cells as cells
from infcrm.files.campaign_sheets import CAMPAIGN_COLUMNS, CONTENT_COLUMNS, DEAL_COLUMNS
from infcrm.files.deal_sheets import (
    AGREEMENT_COLUMNS,
    DELIVERABLE_COLUMNS,
    INCENTIVE_COLUMNS,
    ORDER_COLUMNS,
    OUTREACH_TEMPLATE_COLUMNS,
    PAYMENT_COLUMNS,
    SAVED_VIEW_COLUMNS,
    SETTING_COLUMNS,
    STAGE_COLUMNS,
    TAG_COLUMNS,
    TEMPLATE_COLUMNS,
)
from infcrm.files.export_columns import ACCOUNT_COLUMNS, EXPORT_COLUMNS, ID_COLUMN, ExportColumn
from infcrm.files.history_sheet import HISTORY_COLUMNS
from infcrm.files.outreach_sheets import FOLLOW_UP_COLUMNS, INTERACTION_COLUMNS
from infcrm.files.pair_sheet import NOT_DUPLICATE_COLUMNS
from infcrm.services.exchange.outreach_export_rows import MESSAGE, MOVED_TO

Reader = Callable[[object], Any]


@dataclass(frozen=True)
class MoneyField:
    """An amount read with the currency of another column of the same row."""

    field: str
    header: str
    currency: str = "currency"
    currency_header: str = "Currency"


@dataclass(frozen=True)
class PartSheet:
    """One sheet a restore reads: its title and, per column key, (header, field, reader)."""

    title: str
    fields: Mapping[str, tuple[str, str, Reader]]
    money: tuple[MoneyField, ...] = field(default=())


def _sheet(
    title: str,
    columns: tuple[ExportColumn, ...],
    reads: Mapping[str, str | tuple[str, Reader] | None],
    money: tuple[str, ...] = (),
) -> PartSheet:
    """A PartSheet reading the columns `reads` names: None keeps the key as the field and
    reads by the column's kind, a text renames the field, a pair also gives the reader."""
    by_key = {c.key: c for c in columns}
    fields: dict[str, tuple[str, str, Reader]] = {}
    for key, how in reads.items():
        column = by_key[key]  # a KeyError here means a sheet lost a column it restores from
        if isinstance(how, tuple):
            name, reader = how
        else:
            name, reader = how or key, cells.READERS[column.kind]
        fields[key] = (column.header, name, reader)
    amounts = tuple(MoneyField(fields[key][1], fields[key][0]) for key in money)
    return PartSheet(title, fields, amounts)


def _order_currency(cell: object) -> str:
    """An order's currency; none ("") for a WooCommerce order no deal has taken yet."""
    return cells.currency(cell) or ""


def _choice(name: str, enum: Any) -> tuple[str, Reader]:
    return name, cells.choice(enum)


_TEXT = (
    "real_name", "other_names", "email", "other_emails", "phone", "country", "city", "language",
)  # fmt: skip
PART_SHEETS: dict[str, PartSheet] = {
    "stages": _sheet(
        "Stages", STAGE_COLUMNS, {"name": None, "closed": "is_closed", "archived": None}
    ),
    "settings": _sheet(
        "Settings", SETTING_COLUMNS, {"key": None, "value": ("value", cells.setting_value)}
    ),
    "templates": _sheet(
        "Agreement templates",
        TEMPLATE_COLUMNS,
        {"name": None, "subject": None, "body": None, "is_default": None},
    ),
    "outreach_templates": _sheet(
        "Outreach templates",
        OUTREACH_TEMPLATE_COLUMNS,
        {"name": None, "kind": ("kind", cells.label_of(KINDS)), "subject": None, "body": None},
    ),
    "tags": _sheet("Tag colours", TAG_COLUMNS, {"name": None, "colour": ("colour", cells.colour)}),
    "saved_views": _sheet(
        "Saved views",
        SAVED_VIEW_COLUMNS,
        {
            "name": None,
            "filters": ("query", cells.view_filters),
            "columns": ("columns", cells.tag_list),
        },
    ),
    "people": _sheet(
        "Influencers",
        (ID_COLUMN, *EXPORT_COLUMNS),
        {
            "id": None,
            "name": "display_name",
            **dict.fromkeys(_TEXT),
            "niches": None,
            "tags": ("tags", cells.tag_list),
            "stage": None,
            "owner": None,
            "rating": None,
            "do_not_contact": None,
            "found_via": _choice("found_via", FoundVia),
            "found_detail": None,
            "brand_fit": None,
            "notes": None,
            "created": "created_at",
            "updated": "updated_at",
        },
    ),
    "not_duplicates": _sheet(
        "Not duplicates",
        NOT_DUPLICATE_COLUMNS,
        {"influencer_id": None, "other_id": None, "marked_at": None},
    ),
    "accounts": _sheet(
        "Social accounts",
        ACCOUNT_COLUMNS,
        {
            "influencer_id": None,
            "platform": _choice("platform", Platform),
            "handle": None,
            "label": None,
            "url": None,
            "is_primary": None,
            "followers": None,
            "avg_likes": None,
            "avg_comments": None,
            "avg_views": None,
            "posts_per_week": None,
            "authenticity": None,
            "audience_countries": None,
            "audience_gender": None,
            "audience_age": None,
            "audience_notes": None,
        },
    ),
    "history": _sheet(
        "Follower history",
        HISTORY_COLUMNS,
        {
            "influencer_id": None,
            "platform": _choice("platform", Platform),
            "handle": None,
            "label": None,
            "taken_at": None,
            **dict.fromkeys(("followers", "avg_likes", "avg_comments", "avg_views")),
        },
    ),
    "campaigns": _sheet(
        "Campaigns",
        CAMPAIGN_COLUMNS,
        {
            "id": None,
            "name": None,
            "brand": None,
            "status": _choice("status", CampaignStatus),
            "starts_on": ("starts_on", cells.day),
            "ends_on": ("ends_on", cells.day),
            "budget": "budget_minor",
            "currency": ("currency", cells.currency),
            "goal": None,
            "brief": None,
            "hashtags": None,
            "mentions": None,
            "created": "created_at",
        },
        money=("budget",),
    ),
    "interactions": _sheet(
        "Outreach",
        INTERACTION_COLUMNS,
        {
            "id": None,
            "influencer_id": None,
            "when": "occurred_at",
            "kind": ("kind", cells.MessageOrStageChange(MOVED_TO, MESSAGE)),
            "from_stage": None,
            "channel": _choice("channel", Channel),
            "direction": _choice("direction", Direction),
            "subject": None,
            "summary": None,
            "outcome": None,
            "campaign_id": None,
        },
    ),
    "follow_ups": _sheet(
        "Follow-ups",
        FOLLOW_UP_COLUMNS,
        {
            "influencer_id": None,
            "due": "due_date",
            "time": ("due_time", cells.clock),
            "note": None,
            "status": ("status", cells.follow_up_status),
            "done_at": None,
            "snoozed_from": None,
            "interaction_id": None,
        },
    ),
    "deals": _sheet(
        "Deals",
        DEAL_COLUMNS,
        {
            "id": None,
            "campaign_id": None,
            "influencer_id": None,
            "usage_rights": None,
            "disclosure": _choice("disclosure", Disclosure),
            "notes": None,
            "deal_code": "promo_code",
            "landing_url": None,
        },
    ),
    "incentives": _sheet(
        "Incentives",
        INCENTIVE_COLUMNS,
        {
            "deal_id": None,
            "kind": _choice("kind", IncentiveKind),
            "description": None,
            "quantity": None,
            "value": "value_minor",
            "currency": ("currency", cells.currency),
            "promo_code": None,
            "commission": ("commission_bp", cells.fraction_to_basis_points),
            "shipping": _choice("shipping_status", ShippingStatus),
            "carrier": None,
            "tracking_number": None,
            "shipped_on": None,
            "delivered_on": None,
        },
        money=("value",),
    ),
    "deliverables": _sheet(
        "Deliverables",
        DELIVERABLE_COLUMNS,
        {
            "id": None,
            "deal_id": None,
            "platform": _choice("platform", Platform),
            "format": _choice("format", ContentFormat),
            "count": None,
            "due": "due_date",
        },
    ),
    "content": _sheet(
        "Content",
        CONTENT_COLUMNS,
        {
            "deal_id": None,
            "deliverable_id": None,
            "platform": _choice("platform", Platform),
            "format": _choice("format", ContentFormat),
            "posted_on": None,
            "url": None,
            **dict.fromkeys(
                ("likes", "comments", "shares", "saves", "views", "reach", "clicks", "conversions")
            ),
            "revenue": "revenue_minor",
            "currency": ("currency", cells.currency),
            "created": "created_at",
        },
        money=("revenue",),
    ),
    "payments": _sheet(
        "Payments",
        PAYMENT_COLUMNS,
        {
            "deal_id": None,
            "paid_on": None,
            "amount": "amount_minor",
            "currency": ("currency", cells.currency),
            "method": None,
            "reference": None,
            "created": "created_at",
        },
        money=("amount",),
    ),
    "agreements": _sheet(
        "Agreements",
        AGREEMENT_COLUMNS,
        {
            "deal_id": None,
            "version": None,
            "status": _choice("status", AgreementStatus),
            "subject": None,
            "body": None,
            "created": "created_at",
            "sent": "sent_at",
            "sha256": "text_sha256",
            "confirmed": "confirmed_at",
            "reply_sender": None,
            "reply_date": None,
            "reply_subject": None,
            "reply_body": None,
        },
    ),
    "orders": _sheet(
        "Shop orders",
        ORDER_COLUMNS,
        {
            "shop": None,
            "order_number": None,
            "placed_at": None,
            "currency": ("currency", _order_currency),
            "revenue": "revenue_minor",
            "discount": "discount_minor",
            "refunded": "refunded_minor",
            "counted": None,
            "code": None,
            "utm_campaign": None,
            "utm_content": None,
            "deal_id": None,
            "store_places": None,
            "store_mark": None,
            "store_revenue": None,
            "store_discount": None,
            "store_refunded": None,
        },
        money=("revenue", "discount", "refunded"),
    ),
}

__all__ = ["PART_SHEETS", "MoneyField", "PartSheet"]
