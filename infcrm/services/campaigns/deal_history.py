"""What happened in a person's deals, as lines of their History: agreements sent, confirmed
and re-issued, posts recorded and payments made (read from the deal tables, never copied)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from infcrm.db.campaign_models import Agreement, Campaign, Content, Deal, Payment
from infcrm.domain.dates import day_text
from infcrm.domain.enums import Platform
from infcrm.domain.money import Money
from infcrm.services.common import from_storage
from infcrm.services.outreach.outreach_types import ENTRY_DEAL, TimelineEntry

# Sorted with the other entries by (stored moment, tie-breaker, entry).
Dated = tuple[datetime, int, TimelineEntry]


def _entry(
    when: datetime, title: str, text: str, campaign_id: int, details: str = ""
) -> TimelineEntry:
    moment = from_storage(when)
    assert moment is not None
    full = "\n\n".join(part for part in (title, text, details) if part)
    return TimelineEntry(
        kind=ENTRY_DEAL, when=moment, title=title, text=text, full_text=full,
        campaign_id=campaign_id,
    )  # fmt: skip


def deal_entries(session: Session, influencer_id: int) -> list[Dated]:
    """The History lines of every deal of one influencer (any order)."""
    found: list[Dated] = []
    agreements = session.execute(
        select(Agreement, Campaign.name, Campaign.id)
        .join(Deal, Deal.id == Agreement.deal_id)
        .join(Campaign, Campaign.id == Deal.campaign_id)
        .where(Deal.influencer_id == influencer_id)
    ).all()
    for row, campaign, campaign_id in agreements:
        what = f"“{row.subject}”"
        if row.version > 1:
            title = f"New agreement version {row.version} for {campaign}"
            found.append((row.created_at, -row.id * 4, _entry(
                row.created_at, title, f"The terms changed; {what} is ready to send.", campaign_id
            )))  # fmt: skip
        if row.sent_at is not None:
            title = f"Agreement sent for {campaign} (version {row.version})"
            text = f"{what}; its text is frozen."
            sha = f"SHA-256 {row.text_sha256}" if row.text_sha256 else ""
            entry = _entry(row.sent_at, title, text, campaign_id, sha)
            found.append((row.sent_at, -row.id * 4 - 1, entry))
        if row.confirmed_at is not None:
            title = f"Agreement confirmed for {campaign} (version {row.version})"
            text = f"Reply from {row.reply_sender}" if row.reply_sender else "Their reply is kept."
            found.append(
                (
                    row.confirmed_at,
                    -row.id * 4 - 2,
                    _entry(row.confirmed_at, title, text, campaign_id),
                )
            )
    posts = session.execute(
        select(Content, Campaign.name, Campaign.id)
        .join(Deal, Deal.id == Content.deal_id)
        .join(Campaign, Campaign.id == Deal.campaign_id)
        .where(Deal.influencer_id == influencer_id)
    ).all()
    for post, campaign, campaign_id in posts:
        platform = (
            Platform(post.platform).label
            if post.platform in Platform._value2member_map_
            else post.platform
        )
        title = f"Post recorded for {campaign}: {platform}, posted {day_text(post.posted_on)}"
        found.append(
            (
                post.created_at,
                -post.id * 4 - 3,
                _entry(post.created_at, title, post.url or "", campaign_id),
            )
        )
    payments = session.execute(
        select(Payment, Campaign.name, Campaign.id)
        .join(Deal, Deal.id == Payment.deal_id)
        .join(Campaign, Campaign.id == Deal.campaign_id)
        .where(Deal.influencer_id == influencer_id)
    ).all()
    for payment, campaign, campaign_id in payments:
        amount = Money(payment.amount_minor, payment.currency)
        title = f"Payment of {amount} for {campaign}"
        text = f"Paid on {day_text(payment.paid_on)}" + (
            f" by {payment.method}" if payment.method else ""
        )
        found.append(
            (
                payment.created_at,
                -payment.id * 4,
                _entry(payment.created_at, title, text, campaign_id),
            )
        )
    return found


__all__ = ["deal_entries"]
