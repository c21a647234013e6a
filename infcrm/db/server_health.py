"""What can go wrong in an infcrm database on a PostgreSQL server, looked at without changing it.

A server has no PRAGMA integrity_check: its pages are the server's to keep. What goes wrong
there is what a restore, another program or a hand-made statement leaves behind: search
tables out of step with the people, a trigger dropped or disabled, an extension gone, an id
sequence behind its table (the next save then fails on a taken id), an index left invalid by
an interrupted build. Each look is one function returning the problems it found, each problem
saying what to do; `repair` (server_repair.py) puts right what can be put right in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection

from infcrm.db import pg_ddl, pg_search

# The tables of the search index: counted apart from the data (as a file's FTS5 tables are).
SEARCH_TABLES = ("influencer_search", "influencer_part_search", "tag_search")
EXTENSIONS = ("unaccent", "pg_trgm")
# The command that puts right what `search_problems`, `sequence_problems`, `trigger_problems`
# and `index_problems` find (said with the database's address).
REPAIR_COMMAND = "infcrm check --repair --db {where}"
STALE_WORDS = "out-of-date entries in influencer_search"


@dataclass(frozen=True)
class Sequence:
    """An id sequence and the table whose ids it hands out."""

    table: str
    column: str
    name: str
    next_value: int  # what the next save will get
    highest: int  # the table's largest id (0 when empty)

    @property
    def behind(self) -> bool:
        return self.next_value <= self.highest


def tables(conn: Connection) -> list[str]:
    """The data tables (the search index and the version stamp left out), by name."""
    names = conn.exec_driver_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    ).scalars()
    return [n for n in names if n != "alembic_version" and n not in SEARCH_TABLES]


def counts(conn: Connection) -> dict[str, int]:
    """Rows per data table."""
    return {
        table: conn.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar_one()
        for table in tables(conn)
    }


def rows(conn: Connection, sql: str) -> list[tuple]:
    """The rows of a statement written alike for both backends."""
    return [tuple(row) for row in conn.exec_driver_sql(sql)]


def search_gaps(conn: Connection, *, full: bool) -> dict[str, int]:
    """How the search tables disagree with the people: {what: how many}, empty when in step.

    `full` also counts the stale entries (`stale_words`)."""
    found: dict[str, int] = {}
    for table in ("influencer_search", "influencer_part_search"):
        missing = conn.exec_driver_sql(
            f"SELECT count(*) FROM influencer i WHERE NOT EXISTS "
            f"(SELECT 1 FROM {table} s WHERE s.rowid = i.id)"
        ).scalar_one()
        extra = conn.exec_driver_sql(
            f"SELECT count(*) FROM {table} s WHERE NOT EXISTS "
            f"(SELECT 1 FROM influencer i WHERE i.id = s.rowid)"
        ).scalar_one()
        if missing:
            found[f"people missing from {table}"] = missing
        if extra:
            found[f"entries in {table} of no person"] = extra
    if full:
        stale = stale_words(conn)
        if stale:
            found[STALE_WORDS] = stale
    tags = conn.exec_driver_sql(
        "SELECT count(DISTINCT t.name) FROM influencer_tag t WHERE NOT EXISTS "
        "(SELECT 1 FROM tag_search s WHERE s.name = t.name)"
    ).scalar_one()
    if tags:
        found["tag names missing from tag_search"] = tags
    return found


def stale_words(conn: Connection, share: int = 0, shares: int = 1) -> int:
    """How many entries of influencer_search differ from the words a save would write,
    recomputed for every person (seconds for 100,000 people), or from their name and
    whether they are alive (migration 0033); among the people whose id leaves `share`
    divided by `shares`, so that several connections can share the work."""
    return conn.exec_driver_sql(
        f"SELECT count(*) FROM influencer i JOIN influencer_search s ON s.rowid = i.id "
        f"WHERE mod(i.id, {int(shares)}) = {int(share)} "
        f"AND ((s.name, s.alive) IS DISTINCT FROM (i.display_name, i.deleted_at IS NULL) "
        f"OR s.words IS DISTINCT FROM infcrm_words({pg_search.DOCUMENT_TEXT}))"
    ).scalar_one()


# A person's main account, copied onto the person by the main-account triggers (for sorting
# and filtering the list); NULLs when they have no main account.
_MAIN = ("platform", "handle", "followers", "avg_likes", "avg_comments")
_MAIN_OUT_OF_STEP = (
    "FROM influencer i LEFT JOIN social_account a ON a.influencer_id = i.id AND a.is_primary "
    f"WHERE ({', '.join('i.main_' + c for c in _MAIN)}) IS DISTINCT FROM "
    f"({', '.join('a.' + c for c in _MAIN)})"
)


def main_account_gaps(conn: Connection) -> int:
    """How many people show another main account than the one marked main (what a missing
    or disabled main-account trigger leaves behind)."""
    return conn.exec_driver_sql(f"SELECT count(*) {_MAIN_OUT_OF_STEP}").scalar_one()


def copy_main_accounts(conn: Connection) -> int:
    """Copy each person's main account onto them again where it differs; how many changed."""
    return conn.exec_driver_sql(
        f"UPDATE influencer SET ({', '.join('main_' + c for c in _MAIN)}) = "
        f"(SELECT {', '.join(_MAIN)} FROM social_account "
        " WHERE influencer_id = influencer.id AND is_primary) "
        f"WHERE id IN (SELECT i.id {_MAIN_OUT_OF_STEP})"
    ).rowcount


def missing_extensions(conn: Connection) -> list[str]:
    """The extensions search needs that the database lacks."""
    present = set(conn.exec_driver_sql("SELECT extname FROM pg_extension").scalars())
    return [name for name in EXTENSIONS if name not in present]


def trigger_states(conn: Connection) -> dict[str, str]:
    """{trigger: "missing" | "disabled"} for each of infcrm's triggers that is not working."""
    found = dict(
        conn.exec_driver_sql(
            "SELECT t.tgname, t.tgenabled FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace"
        ).all()
    )
    states = {}
    for name in pg_ddl.TRIGGERS:
        if name not in found:
            states[name] = "missing"
        elif found[name] == "D":
            states[name] = "disabled"
    return states


def sequences(conn: Connection) -> list[Sequence]:
    """Every id sequence of the data tables, with what it hands out next and its table's
    largest id."""
    owned = conn.exec_driver_sql(
        "SELECT c.relname, a.attname, s.relname FROM pg_class s "
        "JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass "
        "  AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
        "JOIN pg_class c ON c.oid = d.refobjid "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid "
        "WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace "
        "ORDER BY c.relname"
    ).all()
    found = []
    for table, column, name in owned:
        highest = conn.exec_driver_sql(f'SELECT max("{column}") FROM "{table}"').scalar() or 0
        # Read from the sequence itself: a copy's setval(…, false) leaves is_called false,
        # and the next id is then last_value itself (pg_sequences shows NULL for it).
        last, called = conn.exec_driver_sql(f'SELECT last_value, is_called FROM "{name}"').one()
        found.append(Sequence(table, column, name, last + 1 if called else last, highest))
    return found


def invalid_indexes(conn: Connection) -> list[str]:
    """Indexes the server no longer uses or keeps up to date (an interrupted build)."""
    return list(
        conn.exec_driver_sql(
            "SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace "
            "AND NOT (x.indisvalid AND x.indisready AND x.indislive) ORDER BY c.relname"
        ).scalars()
    )


def amcheck_refusal(conn: Connection) -> str | None:
    """Why PostgreSQL's amcheck cannot look at the indexes' structure here, or None.

    The check never installs it: only an administrator may (it is not a trusted extension),
    and granting a role its functions is the administrator's choice."""
    installed = conn.exec_driver_sql(
        "SELECT count(*) FROM pg_extension WHERE extname = 'amcheck'"
    ).scalar_one()
    if not installed:
        return "PostgreSQL's amcheck extension is not installed in this database"
    allowed = conn.exec_driver_sql(
        "SELECT has_function_privilege('bt_index_check(regclass, boolean)', 'EXECUTE')"
    ).scalar_one()
    return None if allowed else "your role may not run PostgreSQL's amcheck"


def btree_indexes(conn: Connection) -> list[str]:
    """The valid B-tree indexes, the largest first (what amcheck looks at)."""
    return list(
        conn.exec_driver_sql(
            "SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
            "JOIN pg_am m ON m.oid = c.relam WHERE m.amname = 'btree' AND x.indisvalid "
            "AND c.relnamespace = current_schema()::regnamespace "
            "ORDER BY pg_relation_size(c.oid) DESC, c.relname"
        ).scalars()
    )


def amcheck_index(conn: Connection, name: str) -> str | None:
    """amcheck's bt_index_check of one index and its table: what it found wrong, or None."""
    try:
        with conn.begin_nested():
            conn.exec_driver_sql(f"SELECT bt_index_check('\"{name}\"'::regclass, true)")
    except Exception as exc:  # amcheck raises on the first fault it finds in an index
        said = str(getattr(exc, "orig", exc)).splitlines()[0]
        return f"index {name}: {said}"
    return None


__all__ = [
    "EXTENSIONS",
    "REPAIR_COMMAND",
    "SEARCH_TABLES",
    "STALE_WORDS",
    "Sequence",
    "amcheck_index",
    "amcheck_refusal",
    "btree_indexes",
    "copy_main_accounts",
    "counts",
    "invalid_indexes",
    "main_account_gaps",
    "missing_extensions",
    "rows",
    "search_gaps",
    "sequences",
    "stale_words",
    "tables",
    "trigger_states",
]
