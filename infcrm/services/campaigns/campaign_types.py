"""Plain values that go in and out of the campaign services: campaigns, deals and their terms.

Money goes in as text typed by the user (checked by the service with domain.money) and comes
out as domain.money.Money; dates are calendar dates; instants are aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from infcrm.domain.money import Money
from infcrm.services.changes import NOTHING, Changes


@dataclass(frozen=True)
class CampaignInput:
    """A campaign as the form gives it; the service checks every field."""

    name: str
    brand: str | None = None
    goal: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    budget: object = None  # "1,500" or "1500.00" in `currency`; blank for none
    currency: str = "EUR"
    hashtags: str | None = None
    mentions: str | None = None
    brief: str | None = None
    status: object = "planned"  # a CampaignStatus, its value or its label
    # The version the form was made from (Campaign.version): a save over a newer one is
    # refused as an EditConflict. None saves whatever the campaign holds now.
    version: int | None = None


@dataclass(frozen=True)
class CampaignSummary:
    """A campaign as the list shows it."""

    id: int
    name: str
    brand: str | None
    status: str  # CampaignStatus value
    starts_on: date | None
    ends_on: date | None
    budget: Money | None
    currency: str
    influencers: int  # deals with people not in the trash


@dataclass(frozen=True)
class Campaign:
    """Every field of one campaign."""

    id: int
    name: str
    brand: str | None
    goal: str | None
    starts_on: date | None
    ends_on: date | None
    budget: Money | None
    currency: str
    hashtags: str | None
    mentions: str | None
    brief: str | None
    status: str
    version: int = 1  # raised by every change (db/record_versions.py)
    changed_by: str | None = None  # who saved it last (None before migration 0026)


@dataclass(frozen=True)
class IncentiveInput:
    """One incentive as the deal form gives it (`value` is per unit for products)."""

    kind: object  # IncentiveKind, its value or label
    description: str | None = None
    quantity: object = 1
    value: object = None  # text in `currency`
    currency: str = "EUR"
    promo_code: str | None = None
    commission_percent: object = None  # "10" or "12.5"
    shipping_status: object = None  # ShippingStatus for products
    carrier: str | None = None
    tracking_number: str | None = None
    shipped_on: date | None = None
    delivered_on: date | None = None


@dataclass(frozen=True)
class DeliverableInput:
    """One promised piece of content as the deal form gives it."""

    platform: object  # Platform, value or label
    format: object  # ContentFormat, value or label
    count: object = 1
    due_date: date | None = None


@dataclass(frozen=True)
class DealTermsInput:
    """Everything agreed for a deal; saving replaces the previous terms."""

    incentives: tuple[IncentiveInput, ...] = ()
    deliverables: tuple[DeliverableInput, ...] = ()
    usage_rights: str | None = None
    disclosure: object = None  # Disclosure, value or label; blank for none
    notes: str | None = None
    # The deal's version the form was made from (Deal.version): a save over a newer one is
    # refused as an EditConflict. None saves over whatever the deal holds now.
    version: int | None = None


@dataclass(frozen=True)
class Incentive:
    """A saved incentive."""

    id: int
    kind: str
    description: str | None
    quantity: int
    value: Money | None
    promo_code: str | None
    commission_percent: str | None  # "12.5"
    shipping_status: str | None
    carrier: str | None
    tracking_number: str | None
    shipped_on: date | None
    delivered_on: date | None
    cost: Money | None


@dataclass(frozen=True)
class Deliverable:
    """A saved deliverable and how much of it has arrived."""

    id: int
    platform: str
    format: str
    count: int
    due_date: date | None
    delivered: int  # posts recorded against it
    status: str  # DeliverableStatus value


@dataclass(frozen=True)
class ContentInput:
    """A delivered post and its results as the form gives them (counts accept "12.3k")."""

    platform: object
    posted_on: date
    url: str | None = None
    format: object = None
    deliverable_id: int | None = None
    likes: object = None
    comments: object = None
    shares: object = None
    saves: object = None
    views: object = None
    reach: object = None
    clicks: object = None
    conversions: object = None
    revenue: object = None  # text in `currency`
    currency: str = "EUR"


@dataclass(frozen=True)
class ContentItem:
    """A saved post with its results."""

    id: int
    deliverable_id: int | None
    url: str | None
    platform: str
    format: str | None
    posted_on: date
    likes: int | None
    comments: int | None
    shares: int | None
    saves: int | None
    views: int | None
    reach: int | None
    clicks: int | None
    conversions: int | None
    revenue: Money | None
    # The count of its saves a change must name (migration 0023), and who saved it last.
    version: int = 1
    changed_by: str | None = None

    @property
    def engagements(self) -> int:
        """Likes + comments + shares + saves."""
        return sum(v or 0 for v in (self.likes, self.comments, self.shares, self.saves))


@dataclass(frozen=True)
class PaymentInput:
    """A fee payment as the form gives it."""

    paid_on: date
    amount: object  # text in `currency`
    currency: str = "EUR"
    method: str | None = None
    reference: str | None = None


@dataclass(frozen=True)
class PaymentItem:
    """A saved payment."""

    id: int
    paid_on: date
    amount: Money
    method: str | None
    reference: str | None
    # The count of its saves a change must name (migration 0023); who recorded it and when
    # (aware UTC; None for payments recorded before names were kept), who changed it last.
    version: int = 1
    recorded_by: str | None = None
    recorded_at: datetime | None = None
    changed_by: str | None = None


@dataclass(frozen=True)
class DealSummary:
    """A row of a campaign's influencer table."""

    id: int
    influencer_id: int
    influencer_name: str
    handle: str | None
    platform: str | None
    incentive: str  # "Free product, Fee" — the kinds, in words
    cost: str  # "€120.00" or "€100.00 + $20.00"
    agreement: str  # AgreementStatus value of the newest version, or "" for none yet
    shipping: str  # "To ship", "Shipped", "Delivered" or ""
    deliverables_done: int  # promised pieces of content posted so far
    deliverables_total: int  # pieces promised ("3 stories" counts 3)
    late: int  # pieces past their due date and not posted
    owed: str  # fees still to pay, "" when nothing is owed
    promo_code: str = ""  # the code the shop's orders are matched by


@dataclass(frozen=True)
class Deal:
    """One influencer in one campaign with everything recorded about it."""

    id: int
    campaign_id: int
    campaign_name: str
    campaign_currency: str
    influencer_id: int
    influencer_name: str
    usage_rights: str | None
    disclosure: str | None
    notes: str | None
    incentives: tuple[Incentive, ...] = ()
    deliverables: tuple[Deliverable, ...] = ()
    content: tuple[ContentItem, ...] = ()
    payments: tuple[PaymentItem, ...] = ()
    fees: dict[str, Money] = field(default_factory=dict)
    paid: dict[str, Money] = field(default_factory=dict)
    owed: dict[str, Money] = field(default_factory=dict)
    version: int = 1  # raised by every change of its terms (db/record_versions.py)
    changed_by: str | None = None  # who saved it last (None before migration 0026)


@dataclass(frozen=True)
class InfluencerCampaign:
    """A campaign an influencer was part of, for their page."""

    campaign_id: int
    deal_id: int
    name: str
    status: str
    starts_on: date | None
    ends_on: date | None
    agreement: str  # AgreementStatus value of the newest version, or ""
    posts: int
    cost: str


@dataclass(frozen=True)
class AddResult:
    """What adding influencers to a campaign did."""

    added: int
    already_in: int
    changes: Changes = NOTHING
