"""cheap timeline deletes: a follow-up's link to a deleted interaction is cleared by a trigger
that fires only when some follow-up has that link

Revision ID: 0017
Revises: 0016

`follow_up.interaction_id` was declared ON DELETE SET NULL. SQLite carries out such an action
as a small program run for every interaction deleted, whether or not any follow-up points at
it: undoing a bulk stage change of 100,000 people, which deletes the 100,000 timeline entries
it wrote, spent half a second there. The link is now a plain foreign key (a follow-up still
cannot point at an interaction that does not exist), and a trigger clears the links before an
interaction goes — its WHEN clause is one index lookup, and the update runs only for the few
interactions that have a follow-up. Whoever deletes an interaction sees what they saw before.

The table's definition is edited in place, as 0007 and 0010 did (writable_schema,
schema_version raised, the table checked before commit): a foreign key's action changes nothing
stored, and a copy of the table would lose its AUTOINCREMENT counter.
"""

from alembic import op

from infcrm.db import pg_ddl

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_LINK = "FOREIGN KEY(interaction_id) REFERENCES interaction (id)"
_SET_NULL = f"{_LINK} ON DELETE SET NULL"
TRIGGER = "follow_up_unlinked_before_interaction_deleted"
CREATE_TRIGGER = f"""
CREATE TRIGGER {TRIGGER}
BEFORE DELETE ON interaction
WHEN EXISTS (SELECT 1 FROM follow_up WHERE interaction_id = OLD.id)
BEGIN
    UPDATE follow_up SET interaction_id = NULL WHERE interaction_id = OLD.id;
END
"""


def _edit_follow_up(old: str, new: str) -> None:
    """Replace `old` by `new` in follow_up's stored CREATE statement."""
    conn = op.get_bind()
    (sql,) = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'follow_up'"
    ).one()
    if sql.count(old) != 1:
        raise RuntimeError(f"unexpected definition of table follow_up: {sql}")
    (version,) = conn.exec_driver_sql("PRAGMA schema_version").one()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        conn.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'follow_up'",
            (sql.replace(old, new),),
        )
        # Other connections and this one read the schema again.
        conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")
    # The one table edited (a whole-file check took a minute on 100,000 people; SQLite before
    # 3.33 ignores the name and checks everything, as 0007 and 0010 did).
    problems = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check(follow_up)")]
    if problems != ["ok"]:
        raise RuntimeError(f"editing follow_up damaged the schema: {problems[:5]}")


def upgrade() -> None:
    if pg_ddl.on_postgresql():
        return  # a server runs ON DELETE SET NULL set-wise, through the index, at no such cost
    _edit_follow_up(_SET_NULL, _LINK)
    op.execute(CREATE_TRIGGER)


def downgrade() -> None:
    if pg_ddl.on_postgresql():
        return
    op.execute(f"DROP TRIGGER {TRIGGER}")
    _edit_follow_up(_LINK, _SET_NULL)
