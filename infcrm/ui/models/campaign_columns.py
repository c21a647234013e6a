"""The columns of the campaign screens' tables: campaigns, deals, posts and payments."""

from __future__ import annotations

import re
from datetime import date

from infcrm.domain.campaign_enums import AgreementStatus, CampaignStatus, ContentFormat
from infcrm.domain.dates import day_text
from infcrm.domain.enums import Platform
from infcrm.services.campaigns.campaign_types import (
    CampaignSummary,
    ContentItem,
    DealSummary,
    PaymentItem,
)
from infcrm.ui.models.record_table_model import Column


def _day(day: date, year: bool = True) -> str:
    return f"{day.day} {day:%b %Y}" if year else f"{day.day} {day:%b}"


def campaign_dates(start: date | None, end: date | None, *, short: bool = False) -> str:
    """Like "1 Mar – 1 May 2026": the year once when both are in it (`short`: none this year)."""
    if short and start and end and start.year == end.year == date.today().year:
        return f"{_day(start, False)} – {_day(end, False)}"
    if start and end:
        return f"{_day(start, start.year != end.year)} – {_day(end)}"
    if start:
        return f"from {_day(start)}"
    return f"until {_day(end)}" if end else ""


def campaign_line(c: CampaignSummary) -> str:
    """The campaign's whole name, then its status and dates on a second line (the list wraps
    rather than cutting a name short)."""
    when = campaign_dates(c.starts_on, c.ends_on, short=True)
    second = CampaignStatus(c.status).label + (f" · {when}" if when else "")
    return f"{c.name}\n{phrases_kept_whole(second)}"  # “8 / Jul” split a date


CAMPAIGN_COLUMNS: tuple[Column[CampaignSummary], ...] = (
    Column(
        "Campaign",
        campaign_line,
        tooltip=lambda c: (
            " · ".join(p for p in (c.brand, campaign_dates(c.starts_on, c.ends_on)) if p) or c.name
        ),
    ),
    Column("People", lambda c: f"{c.influencers:,}", numeric=True),
)


NO_BREAK = "\u00a0"  # a space the table never wraps at
# Unicode lets a line break after a dash even before a no-break space: a word joiner holds
# “24 May – 8 Jul” together.
DASH_KEPT = f"{NO_BREAK}–\u2060{NO_BREAK}"
_PHRASE_ENDS = re.compile(r"(, | / | · )")


def phrases_kept_whole(text: str) -> str:
    """`text` with its spaces made non-breaking but after a “,”, “/” or “·”: a deal's cell
    wraps as “Commission /” over “promo code”, “Sent,” over “awaiting reply”, “2 of 3 ·”
    over “1 late”, never inside one of those phrases."""
    parts = _PHRASE_ENDS.split(text)
    return "".join(
        (part if part == ", " else NO_BREAK + part.lstrip())
        if odd
        else part.replace(" – ", DASH_KEPT).replace(" ", NO_BREAK)
        for odd, part in ((i % 2 == 1, p) for i, p in enumerate(parts))
    )


def _agreement(d: DealSummary) -> str:
    return (
        phrases_kept_whole(AgreementStatus(d.agreement).label) if d.agreement else "Not written yet"
    )


def _content(d: DealSummary) -> str:
    if not d.deliverables_total:
        return "—"
    late = f" · {d.late} late" if d.late else ""
    return phrases_kept_whole(f"{d.deliverables_done} of {d.deliverables_total}{late}")


DEAL_COLUMNS: tuple[Column[DealSummary], ...] = (
    Column("Influencer", lambda d: d.influencer_name,
           tooltip=lambda d: f"{d.handle} on {d.platform}" if d.handle else d.influencer_name),
    Column("Incentive", lambda d: phrases_kept_whole(d.incentive or "Not set yet")),
    Column("Cost", lambda d: d.cost, numeric=True,
           header_tip="Fees plus the retail value of products, services and experiences"),
    Column("Agreement", _agreement, warn=lambda d: d.agreement in ("", "draft")),
    Column("Shipping", lambda d: d.shipping),
    Column("Delivered", _content, warn=lambda d: d.late > 0,
           header_tip="Promised content delivered so far; late = past its due date"),
    Column("Fees owed", lambda d: d.owed, numeric=True, warn=lambda d: bool(d.owed)),
    Column("Code", lambda d: d.promo_code, tooltip=lambda d: d.promo_code,
           header_tip="The promo code the shop's orders are matched by"),
)  # fmt: skip


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


CONTENT_COLUMNS: tuple[Column[ContentItem], ...] = (
    Column("Posted", lambda c: day_text(c.posted_on)),
    Column("Platform", lambda c: Platform(c.platform).label),
    Column("Format", lambda c: ContentFormat(c.format).label if c.format else ""),
    Column("Engagements", lambda c: f"{c.engagements:,}", numeric=True,
           header_tip="Likes + comments + shares + saves"),
    Column("Reach", lambda c: _count(c.reach), numeric=True),
    Column("Clicks", lambda c: _count(c.clicks), numeric=True),
    Column("Conversions", lambda c: _count(c.conversions), numeric=True),
    Column("Revenue", lambda c: str(c.revenue) if c.revenue else "", numeric=True),
    Column("Link", lambda c: c.url or "", tooltip=lambda c: c.url or ""),
)  # fmt: skip
PAYMENT_COLUMNS: tuple[Column[PaymentItem], ...] = (
    Column("Paid on", lambda p: day_text(p.paid_on)),
    Column("Amount", lambda p: str(p.amount), numeric=True),
    Column("Method", lambda p: p.method or ""),
    Column("Reference", lambda p: p.reference or ""),
)
