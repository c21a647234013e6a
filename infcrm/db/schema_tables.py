"""The tables of a database file at the newest schema revision, as its migrations make them.

`infcrm check` compares a file's tables with those of the revision it records. For the
newest revision they are written out here, so checking an up-to-date file does not run
every migration on a scratch file (that loads Alembic and SQLAlchemy: most of the check's
time). tests/unit/db/test_schema_tables.py runs the migrations and compares; for any other
revision, and once a new migration makes this one old, the check runs the migrations.
Virtual tables, their shadow tables and Alembic's own are left out, as the check leaves them.
"""

from __future__ import annotations

REVISION = "0036"
TABLES = frozenset(
    {
        "agreement",
        "agreement_template",
        "bulk_move",
        "campaign",
        "content",
        "deal",
        "deliverable",
        "follow_up",
        "import_batch",
        "import_batch_item",
        "incentive",
        "influencer",
        "influencer_photo",
        "influencer_tag",
        "interaction",
        "metric_snapshot",
        "not_duplicate",
        "outreach_template",
        "payment",
        "saved_view",
        "setting",
        "shop_order",
        "social_account",
        "stage",
        "tag",
    }
)
