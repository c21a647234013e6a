"""ids never reused (AUTOINCREMENT) and every path to a sent agreement's text closed

Revision ID: 0007
Revises: 0006

SQLite cannot ALTER a column to AUTOINCREMENT. An id declared `INTEGER PRIMARY KEY` is the
row's own key either way, so the tables' stored rows and indexes are already right; only their
definitions change. They are edited in place the way SQLite documents for changes that leave
the stored data as it is (writable_schema, schema_version raised, integrity_check before commit),
rather than copying each table: a copy would need foreign keys switched off, which SQLite only
allows outside the one transaction every upgrade runs in, and would drop the tables' triggers.
"""

import re

from alembic import op

from infcrm.db import pg_ddl

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Every table with a surrogate id, parents before children.
TABLES = (
    "stage",
    "influencer",
    "social_account",
    "metric_snapshot",
    "interaction",
    "follow_up",
    "import_batch",
    "import_batch_item",
    "agreement_template",
    "campaign",
    "deal",
    "incentive",
    "deliverable",
    "content",
    "payment",
    "agreement",
)

# A sent agreement is evidence. Besides its text (0004's agreement_text_frozen) none of these
# may happen to it: replaced by an INSERT OR REPLACE (REPLACE deletes without firing DELETE
# triggers), moved to another deal or version, put back to draft, deleted while its deal exists
# (deleting the deal or the person, i.e. "forget", takes it along), or its confirming reply edited.
SENT_AGREEMENT_TRIGGERS = {
    "agreement_sent_not_replaced": """
CREATE TRIGGER agreement_sent_not_replaced
BEFORE INSERT ON agreement
WHEN EXISTS (
    SELECT 1 FROM agreement AS a WHERE a.sent_at IS NOT NULL
    AND (a.id = NEW.id OR (a.deal_id = NEW.deal_id AND a.version = NEW.version)))
BEGIN
    SELECT RAISE(ABORT, 'a sent agreement cannot be replaced');
END
""",
    "agreement_sent_not_moved": """
CREATE TRIGGER agreement_sent_not_moved
BEFORE UPDATE OF id, deal_id, version, status ON agreement
WHEN (OLD.sent_at IS NOT NULL AND (
        NEW.id IS NOT OLD.id OR NEW.deal_id IS NOT OLD.deal_id
        OR NEW.version IS NOT OLD.version OR NEW.status = 'draft'))
    OR EXISTS (
        SELECT 1 FROM agreement AS a WHERE a.sent_at IS NOT NULL AND a.id IS NOT OLD.id
        AND (a.id = NEW.id OR (a.deal_id = NEW.deal_id AND a.version = NEW.version)))
BEGIN
    SELECT RAISE(ABORT, 'a sent agreement cannot go back to draft or be moved');
END
""",
    "agreement_sent_not_deleted": """
CREATE TRIGGER agreement_sent_not_deleted
BEFORE DELETE ON agreement
WHEN OLD.sent_at IS NOT NULL AND EXISTS (SELECT 1 FROM deal WHERE deal.id = OLD.deal_id)
BEGIN
    SELECT RAISE(ABORT, 'a sent agreement is kept as long as its deal');
END
""",
    "agreement_reply_frozen": """
CREATE TRIGGER agreement_reply_frozen
BEFORE UPDATE OF confirmed_at, reply_sender, reply_date, reply_subject, reply_body, reply_eml
ON agreement
WHEN OLD.confirmed_at IS NOT NULL AND (
    NEW.confirmed_at IS NOT OLD.confirmed_at OR NEW.reply_sender IS NOT OLD.reply_sender
    OR NEW.reply_date IS NOT OLD.reply_date OR NEW.reply_subject IS NOT OLD.reply_subject
    OR NEW.reply_body IS NOT OLD.reply_body OR NEW.reply_eml IS NOT OLD.reply_eml)
BEGIN
    SELECT RAISE(ABORT, 'the confirming reply of an agreement is frozen');
END
""",
}


def _with_autoincrement(sql: str, table: str, on: bool) -> str:
    """The table's CREATE statement with its id declared AUTOINCREMENT (or back without)."""
    pk = f"pk_{table}"
    inline = f"id INTEGER NOT NULL CONSTRAINT {pk} PRIMARY KEY AUTOINCREMENT"
    if on:
        new, found = re.subn(rf",\s*CONSTRAINT {pk} PRIMARY KEY \(id\)(?=\s*[,)])", "", sql)
        new, column = re.subn(r"(?<=\s)id INTEGER NOT NULL(?=\s*,)", inline, new)
    else:
        new, found = re.subn(r"\)\s*$", f",\n\tCONSTRAINT {pk} PRIMARY KEY (id)\n)", sql)
        new, column = re.subn(re.escape(inline), "id INTEGER NOT NULL", new)
    if found != 1 or column != 1:
        raise RuntimeError(f"unexpected definition of table {table}: {sql}")
    return new


def _set_autoincrement(autoincrement: bool) -> None:
    """Declare every table's id AUTOINCREMENT (or not) by editing its stored definition."""
    conn = op.get_bind()
    # AUTOINCREMENT needs sqlite_sequence, which SQLite makes with the first such table.
    conn.exec_driver_sql(
        "CREATE TABLE _makes_sqlite_sequence (id INTEGER PRIMARY KEY AUTOINCREMENT)"
    )
    conn.exec_driver_sql("DROP TABLE _makes_sqlite_sequence")
    (version,) = conn.exec_driver_sql("PRAGMA schema_version").one()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        for table in TABLES:
            (sql,) = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
            ).one()
            conn.exec_driver_sql(
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                (_with_autoincrement(sql, table, autoincrement), table),
            )
        # Other connections and this one read the schema again.
        conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")
    problems = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise RuntimeError(f"declaring ids AUTOINCREMENT damaged the schema: {problems[:5]}")


def upgrade() -> None:
    if pg_ddl.on_postgresql():
        pg_ddl.run(pg_ddl.REVISION_0007)
        return
    _set_autoincrement(True)
    # The next id of each table starts after the highest in use. A person forgotten before this
    # upgrade may still be named by an import's history: the next new person skips that id too.
    for table in TABLES:
        highest = f"(SELECT coalesce(max(id), 0) FROM {table})"
        if table == "influencer":
            highest = (
                f"max({highest}, (SELECT coalesce(max(influencer_id), 0) FROM import_batch_item))"
            )
        op.execute(f"INSERT INTO sqlite_sequence (name, seq) VALUES ('{table}', {highest})")
    for sql in SENT_AGREEMENT_TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    if pg_ddl.on_postgresql():
        pg_ddl.run(pg_ddl.DOWN_0007)
        return
    for name in SENT_AGREEMENT_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DELETE FROM sqlite_sequence WHERE name IN {tuple(TABLES)}")
    _set_autoincrement(False)
