"""Orders read from a shop's export, each matched to the deal whose code or link brought it.

Money is whole minor units beside the order's currency. `revenue_minor` is what the order sold
after discounts and before shipping and taxes; `refunded_minor` is subtracted when reporting.
`counted` is false for cancelled or voided orders, which are kept so a later export that
repeats them adds nothing.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from infcrm.db.base import Base


class ShopOrder(Base):
    """One order of a shop (all its line items), as its export described it."""

    __tablename__ = "shop_order"
    __table_args__ = (UniqueConstraint("shop", "order_number"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )
    shop: Mapped[str] = mapped_column(String(20))
    order_number: Mapped[str] = mapped_column(String(100))
    placed_at: Mapped[datetime] = mapped_column(DateTime)
    currency: Mapped[str] = mapped_column(String(3))
    revenue_minor: Mapped[int] = mapped_column(Integer)
    discount_minor: Mapped[int] = mapped_column(Integer)
    refunded_minor: Mapped[int] = mapped_column(Integer)
    counted: Mapped[bool] = mapped_column(Boolean)
    code: Mapped[str | None] = mapped_column(String(200))
    utm_campaign: Mapped[str | None] = mapped_column(String(200))
    utm_content: Mapped[str | None] = mapped_column(String(200))
    deal_id: Mapped[int | None] = mapped_column(
        ForeignKey("deal.id", ondelete="SET NULL"), index=True
    )
    # An export without a currency (WooCommerce's): the amounts as the store wrote them, an
    # integer of `store_places` decimals, turned into the matched campaign's currency (above)
    # by `domain.store_amounts`; `store_mark` is the mark only a currency can explain.
    store_places: Mapped[int | None] = mapped_column(Integer)
    store_mark: Mapped[str | None] = mapped_column(String(1))
    store_revenue: Mapped[int | None] = mapped_column(Integer)
    store_discount: Mapped[int | None] = mapped_column(Integer)
    store_refunded: Mapped[int | None] = mapped_column(Integer)
