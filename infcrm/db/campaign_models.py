"""The campaign tables: campaigns, deals (an influencer in a campaign) and what hangs off a deal.

Money is stored as whole minor units (`*_minor`) beside an ISO currency code, never as a float.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from infcrm.db.authors import LONGEST, column_default
from infcrm.db.base import Base, utcnow
from infcrm.db.record_versions import version_column


class Campaign(Base):
    """A campaign: a brand or product promoted by several influencers over some dates."""

    __tablename__ = "campaign"
    __table_args__ = (
        CheckConstraint("budget_minor IS NULL OR budget_minor >= 0", name="budget_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    brand: Mapped[str | None] = mapped_column(String(200))
    goal: Mapped[str | None] = mapped_column(Text)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    budget_minor: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    hashtags: Mapped[str | None] = mapped_column(Text)
    mentions: Mapped[str | None] = mapped_column(Text)
    brief: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Who made and last changed the campaign (migration 0026; db/authors.py): NULL before.
    created_by: Mapped[str | None] = mapped_column(String(LONGEST), default=column_default)
    changed_by: Mapped[str | None] = mapped_column(
        String(LONGEST), default=column_default, onupdate=column_default
    )
    # Raised by every write (migration 0020; see Influencer.version).
    version: Mapped[int] = version_column("campaign")
    __mapper_args__: ClassVar[dict] = {"version_id_col": version}


class Deal(Base):
    """One influencer in one campaign, with the terms both sides agreed."""

    __tablename__ = "deal"
    __table_args__ = (UniqueConstraint("campaign_id", "influencer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    influencer_id: Mapped[int] = mapped_column(
        ForeignKey("influencer.id", ondelete="CASCADE"), index=True
    )
    usage_rights: Mapped[str | None] = mapped_column(Text)
    disclosure: Mapped[str | None] = mapped_column(String(30))
    notes: Mapped[str | None] = mapped_column(Text)
    # The code orders are matched by, as typed and as shops compare it (unique: migration 0012).
    promo_code: Mapped[str | None] = mapped_column(String(60))
    promo_key: Mapped[str | None] = mapped_column(String(60), unique=True)
    landing_url: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Who added and last changed the deal (migration 0026; db/authors.py): NULL before.
    created_by: Mapped[str | None] = mapped_column(String(LONGEST), default=column_default)
    changed_by: Mapped[str | None] = mapped_column(
        String(LONGEST), default=column_default, onupdate=column_default
    )
    # Raised by every write (migration 0020; see Influencer.version).
    version: Mapped[int] = version_column("deal")
    __mapper_args__: ClassVar[dict] = {"version_id_col": version}


class Incentive(Base):
    """One thing an influencer gets for a deal: product, service, experience, fee, commission."""

    __tablename__ = "incentive"
    __table_args__ = (
        CheckConstraint("value_minor IS NULL OR value_minor >= 0", name="value_not_negative"),
        CheckConstraint("quantity >= 1", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(String(300))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    value_minor: Mapped[int | None] = mapped_column(Integer)  # per unit for products
    currency: Mapped[str | None] = mapped_column(String(3))
    promo_code: Mapped[str | None] = mapped_column(String(60))
    commission_bp: Mapped[int | None] = mapped_column(Integer)  # basis points: 1050 = 10.5%
    shipping_status: Mapped[str | None] = mapped_column(String(20))
    carrier: Mapped[str | None] = mapped_column(String(100))
    tracking_number: Mapped[str | None] = mapped_column(String(100))
    shipped_on: Mapped[date | None] = mapped_column(Date)
    delivered_on: Mapped[date | None] = mapped_column(Date)


class Deliverable(Base):
    """Content an influencer promised: a count of a format on a platform, by a date."""

    __tablename__ = "deliverable"
    __table_args__ = (CheckConstraint("count >= 1", name="count_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    platform: Mapped[str] = mapped_column(String(20))
    format: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer, default=1)
    due_date: Mapped[date | None] = mapped_column(Date)


class Content(Base):
    """A delivered post with its results."""

    __tablename__ = "content"
    __table_args__ = (
        CheckConstraint("revenue_minor IS NULL OR revenue_minor >= 0", name="revenue_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    deliverable_id: Mapped[int | None] = mapped_column(
        ForeignKey("deliverable.id", ondelete="SET NULL"), index=True
    )
    url: Mapped[str | None] = mapped_column(String(2000))
    platform: Mapped[str] = mapped_column(String(20))
    format: Mapped[str | None] = mapped_column(String(20))
    posted_on: Mapped[date] = mapped_column(Date)
    likes: Mapped[int | None] = mapped_column(BigInteger)
    comments: Mapped[int | None] = mapped_column(BigInteger)
    shares: Mapped[int | None] = mapped_column(BigInteger)
    saves: Mapped[int | None] = mapped_column(BigInteger)
    views: Mapped[int | None] = mapped_column(BigInteger)
    reach: Mapped[int | None] = mapped_column(BigInteger)
    clicks: Mapped[int | None] = mapped_column(BigInteger)
    conversions: Mapped[int | None] = mapped_column(BigInteger)
    revenue_minor: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str | None] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Who recorded and last changed the post (migration 0023; db/authors.py): NULL before.
    created_by: Mapped[str | None] = mapped_column(String(LONGEST), default=column_default)
    changed_by: Mapped[str | None] = mapped_column(
        String(LONGEST), default=column_default, onupdate=column_default
    )
    # Raised by every write (migration 0023; see Influencer.version).
    version: Mapped[int] = version_column("content")
    __mapper_args__: ClassVar[dict] = {"version_id_col": version}


class Payment(Base):
    """A fee paid to an influencer."""

    __tablename__ = "payment"
    __table_args__ = (CheckConstraint("amount_minor > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    paid_on: Mapped[date] = mapped_column(Date)
    amount_minor: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str | None] = mapped_column(String(60))
    reference: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Who recorded and last changed the payment (migration 0023; db/authors.py): NULL before.
    created_by: Mapped[str | None] = mapped_column(String(LONGEST), default=column_default)
    changed_by: Mapped[str | None] = mapped_column(
        String(LONGEST), default=column_default, onupdate=column_default
    )
    # Raised by every write (migration 0023; see Influencer.version).
    version: Mapped[int] = version_column("payment")
    __mapper_args__: ClassVar[dict] = {"version_id_col": version}


class AgreementTemplate(Base):
    """An editable agreement email with {placeholders}."""

    __tablename__ = "agreement_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Agreement(Base):
    """One version of a deal's agreement email and, once confirmed, the reply that confirmed it.

    Once `sent_at` is set the subject, body, timestamp and hash can never change: a trigger
    (migration 0004) refuses the update even from outside the application.
    """

    __tablename__ = "agreement"
    __table_args__ = (UniqueConstraint("deal_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    text_sha256: Mapped[str | None] = mapped_column(String(64))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    reply_sender: Mapped[str | None] = mapped_column(String(254))
    reply_date: Mapped[datetime | None] = mapped_column(DateTime)
    reply_subject: Mapped[str | None] = mapped_column(String(300))
    reply_body: Mapped[str | None] = mapped_column(Text)
    reply_eml: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Who wrote and last changed the version (migration 0027; db/authors.py): NULL before.
    created_by: Mapped[str | None] = mapped_column(String(LONGEST), default=column_default)
    changed_by: Mapped[str | None] = mapped_column(
        String(LONGEST), default=column_default, onupdate=column_default
    )
    # How many times the row was written (migration 0021), so a draft saved from an older
    # reading is refused instead of overwriting; `version` above is its number in the deal's
    # history.
    edit_version: Mapped[int] = version_column("agreement")
    __mapper_args__: ClassVar[dict] = {"version_id_col": edit_version}
