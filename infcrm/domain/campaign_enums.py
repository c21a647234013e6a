"""Choices of the campaign side: campaign status, incentive kinds, shipping, formats, disclosure."""

from __future__ import annotations

from collections.abc import Iterable

from infcrm.domain.enums import LabelledEnum


class CampaignStatus(LabelledEnum):
    """Where a campaign is in its life."""

    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"

    @classmethod
    def _noun(cls) -> str:
        return "a campaign status"


class IncentiveKind(LabelledEnum):
    """What an influencer gets in return for their content."""

    PRODUCT = "product", "Free product"
    SERVICE = "service", "Service"
    EXPERIENCE = "experience", "Experience"
    FEE = "fee", "Fee"
    COMMISSION = "commission", "Commission / promo code"

    @classmethod
    def _noun(cls) -> str:
        return "a kind of incentive"


class ShippingStatus(LabelledEnum):
    """Where a free product is on its way to the influencer."""

    TO_SHIP = "to_ship", "To ship"
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"

    @classmethod
    def _noun(cls) -> str:
        return "a shipping status"

    @classmethod
    def least_advanced(cls, values: Iterable[str | None]) -> ShippingStatus | None:
        """Where a deal's products stand: "Shipped" while one of them is still on its way."""
        order = list(cls)
        known = [cls(v) for v in values if v in cls._value2member_map_]
        return min(known, key=order.index) if known else None


class ContentFormat(LabelledEnum):
    """The shape of a piece of content an influencer promises."""

    POST = "post", "Post"
    STORY = "story", "Story"
    REEL = "reel", "Reel"
    VIDEO = "video", "Video"
    SHORT = "short", "Short"
    LIVE = "live", "Live stream"
    BLOG_POST = "blog_post", "Blog post"
    OTHER = "other", "Other"

    @classmethod
    def _noun(cls) -> str:
        return "a content format"


class Disclosure(LabelledEnum):
    """How the influencer must say the content is sponsored."""

    AD_HASHTAG = "ad_hashtag", "#ad in the caption"
    PAID_PARTNERSHIP = "paid_partnership", "The platform's paid-partnership label"
    BOTH = "both", "#ad and the paid-partnership label"

    @classmethod
    def _noun(cls) -> str:
        return "a disclosure requirement"

    def sentence(self) -> str:
        """How the agreement email asks for it."""
        return {
            Disclosure.AD_HASHTAG: "please add #ad at the start of the caption",
            Disclosure.PAID_PARTNERSHIP: "please switch on the platform's paid-partnership label",
            Disclosure.BOTH: "please add #ad to the caption and switch on the paid-partnership "
            "label",
        }[self]


class AgreementStatus(LabelledEnum):
    """Where one version of an agreement email stands."""

    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent, awaiting reply"
    CONFIRMED = "confirmed", "Confirmed"
    SUPERSEDED = "superseded", "Replaced by a newer version"

    @classmethod
    def _noun(cls) -> str:
        return "an agreement status"


class DeliverableStatus(LabelledEnum):
    """Whether promised content has arrived (derived, never stored)."""

    DUE = "due", "Due"
    LATE = "late", "Late"
    DELIVERED = "delivered", "Delivered"
