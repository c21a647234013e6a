"""What a deal offers and asks for, in words and in money: cost, CPE and ROI without Qt or SQL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from infcrm.domain.campaign_enums import ContentFormat, DeliverableStatus, IncentiveKind
from infcrm.domain.money import Money, divide, totals_by_currency


@dataclass(frozen=True)
class IncentiveTerms:
    """One thing the influencer gets. `value` is per unit for products, in total otherwise."""

    kind: IncentiveKind
    description: str = ""
    quantity: int = 1
    value: Money | None = None
    promo_code: str | None = None
    commission_percent: Decimal | None = None

    @property
    def cost(self) -> Money | None:
        """What it costs us: retail value × quantity for products, the value for the rest.

        A commission costs a share of future sales, which is not known up front: no cost here.
        """
        if self.value is None or self.kind is IncentiveKind.COMMISSION:
            return None
        units = self.quantity if self.kind is IncentiveKind.PRODUCT else 1
        return Money(self.value.minor * units, self.value.currency)

    def sentence(self) -> str:
        """How the agreement email names it: "2 × Linen apron (worth €45.00 each)"."""
        what = self.description.strip()
        if self.kind is IncentiveKind.PRODUCT:
            count = f"{self.quantity} × " if self.quantity != 1 else ""
            worth = f" (worth {self.value} each)" if self.value else ""
            if self.quantity == 1 and self.value:
                worth = f" (worth {self.value})"
            return f"{count}{what or 'our product'}{worth}"
        if self.kind is IncentiveKind.FEE:
            fee = str(self.value) if self.value else "a fee"
            return f"a fee of {fee}" + (f" ({what})" if what else "")
        if self.kind is IncentiveKind.COMMISSION:
            parts = []
            if self.commission_percent is not None:
                parts.append(f"{_percent(self.commission_percent)} commission on sales")
            if self.promo_code:
                parts.append(f"your own promo code {self.promo_code}")
            text = " and ".join(parts) or "a commission on sales"
            return text + (f" ({what})" if what else "")
        label = "a service" if self.kind is IncentiveKind.SERVICE else "an experience"
        worth = f" (worth {self.value})" if self.value else ""
        return f"{what or label}{worth}"


@dataclass(frozen=True)
class DeliverableTerms:
    """Content the influencer promises: `count` × format on a platform, by a date."""

    platform: str  # the platform's label, e.g. "Instagram"
    format: ContentFormat
    count: int = 1
    due: date | None = None

    def sentence(self) -> str:
        """E.g. "2 Instagram reels by 14 March 2026"."""
        noun = self.format.label.lower()
        if self.count != 1:
            noun = _plural(noun)
        amount = "1" if self.count == 1 else str(self.count)
        by = f" by {long_date(self.due)}" if self.due else ""
        if self.format is ContentFormat.OTHER:
            pieces = "piece" if self.count == 1 else "pieces"
            return f"{amount} {pieces} of {self.platform} content{by}"
        return f"{amount} {self.platform} {noun}{by}"

    def status(self, delivered: int, today: date) -> DeliverableStatus:
        """Delivered once `delivered` posts cover the count; late after the due date."""
        if delivered >= self.count:
            return DeliverableStatus.DELIVERED
        if self.due is not None and today > self.due:
            return DeliverableStatus.LATE
        return DeliverableStatus.DUE


def delivery_totals(
    items: Iterable[tuple[DeliverableTerms, int]], today: date
) -> tuple[int, int, int]:
    """(pieces delivered, pieces promised, pieces late) over promised content and its posts.

    Counted in pieces: "3 stories" with one posted is 1 of 3, and 2 late once its date passed.
    """
    done = promised = late = 0
    for terms, posted in items:
        missing = max(terms.count - posted, 0)
        done += terms.count - missing
        promised += terms.count
        if terms.status(posted, today) is DeliverableStatus.LATE:
            late += missing
    return done, promised, late


def _plural(noun: str) -> str:
    """E.g. "story" → "stories", "post" → "posts"."""
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun if noun.endswith("s") else noun + "s"


def long_date(day: date) -> str:
    """E.g. "14 March 2026", the same in every locale so an agreement reads the same everywhere."""
    return f"{day.day} {day:%B %Y}"


def _percent(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return f"{text}%"


def listing(items: Sequence[str]) -> str:
    """E.g. "a, b and c"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def deal_cost(incentives: Iterable[IncentiveTerms]) -> dict[str, Money]:
    """The deal's cost per currency (fees plus the value of products, services, experiences)."""
    return totals_by_currency(c for c in (i.cost for i in incentives) if c is not None)


@dataclass(frozen=True)
class ContentFigures:
    """The results of one or more posts, added up."""

    posts: int = 0
    likes: int = 0
    comments: int = 0
    shares: int = 0
    saves: int = 0
    views: int = 0
    reach: int = 0
    clicks: int = 0
    conversions: int = 0

    @property
    def engagements(self) -> int:
        """Likes + comments + shares + saves."""
        return self.likes + self.comments + self.shares + self.saves

    def __add__(self, other: ContentFigures) -> ContentFigures:
        """Field-by-field sum."""
        return ContentFigures(
            *(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__)
        )

    def engagement_rate_per_post(self, followers: int | None) -> Decimal | None:
        """Average engagements per post ÷ followers (0.045 for 4.5%), or None without data."""
        if not self.posts or not followers:
            return None
        return Decimal(self.engagements) / self.posts / followers


def cost_per_engagement(cost: Money, engagements: int) -> Money | None:
    """Cost ÷ engagements, rounded to the minor unit; None with no engagements."""
    return divide(cost, engagements)


def return_on_investment(cost: Money, revenue: Money) -> Decimal | None:
    """(revenue − cost) ÷ cost, e.g. Decimal("1.5") for +150%; None when nothing was spent.

    Raises MixedCurrencies when the two are in different currencies: no silent conversion.
    """
    gain = revenue - cost
    if cost.minor <= 0:
        return None
    return (Decimal(gain.minor) / cost.minor).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
