"""store amounts: a shop order without a currency keeps the amounts as the store wrote them

Revision ID: 0014
Revises: 0013

WooCommerce's export names no currency; its amounts are the store's own decimals until a deal,
and with it a campaign's currency, is known. They are kept beside the order (`store_places`
decimals, `store_mark` the mark only a currency can explain), so an order matched later, or
moved to another deal, is turned into that campaign's currency from what the store wrote.

Orders imported before this revision: those without a currency were stored in cents (read as
dollars), which keeps every amount of a 0- or 2-decimal store exactly; those already matched
keep their campaign currency's decimals.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# The decimals of currencies with other than two, as infcrm knew them at this revision.
_PLACES = {
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
    "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("shop_order", recreate="never") as batch:
        batch.add_column(sa.Column("store_places", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("store_mark", sa.String(length=1), nullable=True))
        batch.add_column(sa.Column("store_revenue", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("store_discount", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("store_refunded", sa.Integer(), nullable=True))
    places = " ".join(f"WHEN '{c}' THEN {n}" for c, n in _PLACES.items())
    op.execute(
        "UPDATE shop_order SET store_revenue = revenue_minor, store_discount = discount_minor, "
        "store_refunded = refunded_minor, "
        f"store_places = CASE currency WHEN '' THEN 2 {places} ELSE 2 END "
        "WHERE shop = 'woocommerce'"
    )


def downgrade() -> None:
    with op.batch_alter_table("shop_order") as batch:
        for name in ("store_refunded", "store_discount", "store_revenue", "store_mark",
                     "store_places"):  # fmt: skip
            batch.drop_column(name)
