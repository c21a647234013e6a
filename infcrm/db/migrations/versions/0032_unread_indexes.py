"""unread indexes: three indexes of 0001 that no query reads any more go

Revision ID: 0032
Revises: 0031

Every insert and every save that changes the column pays for its indexes; these three serve
nothing:

- `ix_influencer_main_followers`: the list's sorts and follower filters read the living
  people's partial indexes (0025, 0028), the trash its own (`ix_influencer_deleted_at`).
  Its only reader was a count of everyone, which any other index of the table answers.
- `ix_influencer_country`: the country filter and the filter menu compare countries without
  regard to case (NOCASE, on a server the "NOCASE" collation), which an index in the
  column's own order cannot answer; no query compares the column itself.
- `ix_social_account_followers`: nothing filters or sorts accounts by their followers (the
  list reads the main account's figures from the influencer row).

The same holds on a server (its indexes bear the same names), so both drop them.
"""

from alembic import op

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

# (index, table, columns) as 0001 made them.
DROPPED = (
    ("ix_influencer_main_followers", "influencer", ["main_followers"]),
    ("ix_influencer_country", "influencer", ["country"]),
    ("ix_social_account_followers", "social_account", ["followers"]),
)


def upgrade() -> None:
    for name, table, _columns in DROPPED:
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, table, columns in DROPPED:
        op.create_index(name, table, columns, unique=False)
