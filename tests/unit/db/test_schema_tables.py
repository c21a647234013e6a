"""The newest revision's tables, written out for `infcrm check`, are the ones its migrations
make: a check of an up-to-date file compares with them instead of migrating a scratch file."""

from __future__ import annotations

from infcrm.db import schema, schema_tables
from infcrm.services.maintenance.maintenance import migrated_tables


def test_the_written_tables_are_those_the_migrations_make_at_the_newest_revision() -> None:
    head = schema.head_revision()
    made = migrated_tables(head)

    assert schema_tables.REVISION == head, (
        f"A migration was added: in infcrm/db/schema_tables.py write REVISION = {head!r} and "
        f"TABLES = {sorted(made)}"
    )
    assert schema_tables.TABLES == made, (
        f"The tables at {head} are {sorted(made)}: write them in infcrm/db/schema_tables.py"
    )
