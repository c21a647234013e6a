"""an account known only by its name: handle may be empty, a label names the account

Revision ID: 0010
Revises: 0009

A YouTube channel listed only as “Like Nastya”, or a list of names with follower counts, has
figures but no handle. Those figures are kept on an account whose handle is NULL and whose
label is the name. SQLite treats NULLs as distinct in UNIQUE (platform, handle), so two such
accounts are never taken for the same one.

SQLite cannot ALTER a column to drop NOT NULL. As 0007 did, the stored definition is edited in
place (writable_schema, schema_version raised, integrity_check before commit): loosening a
constraint leaves every stored row and index as it is, and the table's triggers — those that
keep the main account's figures on `influencer` — stay. A copy of the table would drop them.
"""

from alembic import op

from infcrm.db import pg_ddl

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_STRICT = "handle VARCHAR(200) NOT NULL,"
_LOOSE = "handle VARCHAR(200),"
# An account is someone's: a handle, or at least the name it is known by.
_CHECK = (
    "CONSTRAINT ck_social_account_handle_or_label CHECK (handle IS NOT NULL OR label IS NOT NULL)"
)


def _edit_definition(edit) -> None:
    """Replace social_account's stored CREATE statement with `edit(sql)`."""
    conn = op.get_bind()
    (sql,) = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'social_account'"
    ).one()
    new = edit(sql)
    (version,) = conn.exec_driver_sql("PRAGMA schema_version").one()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        conn.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'social_account'",
            (new,),
        )
        # Other connections and this one read the schema again.
        conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")
    problems = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise RuntimeError(f"editing social_account damaged the schema: {problems[:5]}")


def _loosen(sql: str) -> str:
    if sql.count(_STRICT) != 1 or not sql.rstrip().endswith(")"):
        raise RuntimeError(f"unexpected definition of table social_account: {sql}")
    body = sql.replace(_STRICT, _LOOSE).rstrip()[:-1].rstrip()
    return f"{body}, \n\t{_CHECK}\n)"


def _tighten(sql: str) -> str:
    if sql.count(_LOOSE) != 1 or _CHECK not in sql:
        raise RuntimeError(f"unexpected definition of table social_account: {sql}")
    return sql.replace(f", \n\t{_CHECK}", "").replace(_LOOSE, _STRICT)


def upgrade() -> None:
    if pg_ddl.on_postgresql():
        pg_ddl.run(pg_ddl.REVISION_0010)
        return
    op.execute("ALTER TABLE social_account ADD COLUMN label VARCHAR(200)")
    _edit_definition(_loosen)


def downgrade() -> None:
    if pg_ddl.on_postgresql():
        pg_ddl.run(pg_ddl.DOWN_0010)
        return
    # An account without a handle has nothing to stand on in the older schema.
    op.execute("DELETE FROM social_account WHERE handle IS NULL")
    _edit_definition(_tighten)
    op.execute("ALTER TABLE social_account DROP COLUMN label")
