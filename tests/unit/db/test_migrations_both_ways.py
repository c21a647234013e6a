"""Every migration goes back down to the revision before it, on a file and on a server, and
the schema it leaves is the one that revision built going up.

Going down is how a database returns to an older infcrm (the Alembic command a developer or
an administrator runs); a step that fails half-way, or leaves a table, trigger or function of
the newer revision behind, breaks that older version's next upgrade.
"""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from infcrm.db import schema
from infcrm.db.engine import Database


def _shape(db: Database) -> dict[str, object]:
    """What a revision's schema consists of: tables with their columns, indexes, triggers and
    (on a server) the functions infcrm defines."""
    engine = db.engine
    engine.dispose()  # a fresh look: no cached reflection from an earlier revision
    seen = inspect(engine)
    tables = {
        name: sorted(column["name"] for column in seen.get_columns(name))
        for name in seen.get_table_names()
        if name != "alembic_version" and not name.startswith("sqlite_")
    }
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.execute(
                text("SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') "
                     "AND name NOT LIKE 'sqlite_%'")
            )  # fmt: skip
            parts = sorted(f"{kind} {name}" for kind, name in rows)
        else:
            rows = conn.execute(
                text("""SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
                UNION ALL SELECT 'function ' || p.proname FROM pg_proc p
                    JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = 'public' AND p.proname LIKE 'infcrm%'""")
            )
            parts = sorted(row[0] for row in rows)
    return {"tables": tables, "parts": parts}


def _move(db: Database, direction: str, revision: str) -> None:
    config = schema.alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, direction)(config, revision)


def test_each_revision_goes_down_to_the_one_before_and_back_up(demo_db: Database) -> None:
    db = demo_db  # a database in use: each step down also carries rows
    revisions = schema.known_revisions()
    going_down: dict[str, dict] = {revisions[-1]: _shape(db)}
    for older in reversed(["base", *revisions[:-1]]):
        _move(db, "downgrade", older)
        going_down[older] = _shape(db)
    assert going_down["base"]["tables"] == {}, "the first revision leaves nothing behind"

    for revision in revisions:
        _move(db, "upgrade", revision)
        assert _shape(db) == going_down[revision], (
            f"going down to {revision} left a different schema than going up to it"
        )
