"""shop orders: a deal's promo code and landing page, and the orders a shop's export brought

Revision ID: 0012
Revises: 0011

`deal.promo_key` is the code as shops compare it (capitals, no spaces), unique so two deals
can never claim one code. A shop order is kept once per (shop, order number) however many
overlapping exports are imported; it belongs to the import that first brought it, so undoing
that import removes it (ON DELETE CASCADE).
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deal", recreate="never") as batch:
        batch.add_column(sa.Column("promo_code", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("promo_key", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("landing_url", sa.String(length=2000), nullable=True))
    op.create_index("uq_deal_promo_key", "deal", ["promo_key"], unique=True)
    op.create_table(
        "shop_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("shop", sa.String(length=20), nullable=False),
        sa.Column("order_number", sa.String(length=100), nullable=False),
        sa.Column("placed_at", sa.DateTime(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("revenue_minor", sa.Integer(), nullable=False),
        sa.Column("discount_minor", sa.Integer(), nullable=False),
        sa.Column("refunded_minor", sa.Integer(), nullable=False),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.Column("code", sa.String(length=200), nullable=True),
        sa.Column("utm_campaign", sa.String(length=200), nullable=True),
        sa.Column("utm_content", sa.String(length=200), nullable=True),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["import_batch.id"],
            name=op.f("fk_shop_order_batch_id_import_batch"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_shop_order_deal_id_deal"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shop_order")),
        sa.UniqueConstraint("shop", "order_number", name=op.f("uq_shop_order_shop")),
        sqlite_autoincrement=True,
    )  # fmt: skip
    op.create_index("ix_shop_order_deal_id", "shop_order", ["deal_id"])
    op.create_index("ix_shop_order_batch_id", "shop_order", ["batch_id"])


def downgrade() -> None:
    op.drop_table("shop_order")
    op.drop_index("uq_deal_promo_key", table_name="deal")
    # In place: a copy of the table (batch mode) would break the agreement triggers naming it.
    for column in ("landing_url", "promo_key", "promo_code"):
        op.execute(f"ALTER TABLE deal DROP COLUMN {column}")
