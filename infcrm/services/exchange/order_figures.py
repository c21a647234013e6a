"""The figures of an imported shop order that a later export can change (a refund, a
cancellation), written in one place for the import that updates them and the undo that puts
the earlier ones back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import bindparam, update
from sqlalchemy.engine import Connection

from infcrm.db.order_models import ShopOrder

FIGURE_COLUMNS = (
    ShopOrder.revenue_minor,
    ShopOrder.discount_minor,
    ShopOrder.refunded_minor,
    ShopOrder.counted,
    ShopOrder.store_revenue,
    ShopOrder.store_discount,
    ShopOrder.store_refunded,
)


def put_figures(conn: Connection, figures: Mapping[int, Sequence]) -> None:
    """Give each order (by id) its figures, in the order of FIGURE_COLUMNS."""
    if not figures:
        return
    names = [c.key for c in FIGURE_COLUMNS]
    conn.execute(
        update(ShopOrder)
        .where(ShopOrder.id == bindparam("order"))
        .values({name: bindparam(f"v_{name}") for name in names}),
        [
            {"order": order_id, **{f"v_{n}": v for n, v in zip(names, values, strict=True)}}
            for order_id, values in figures.items()
        ],
    )


__all__ = ["FIGURE_COLUMNS", "put_figures"]
