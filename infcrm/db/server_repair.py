"""Putting right, in place, what the check of a server's database found (server_health.py).

Each repair is derived from what the database itself holds: the search tables are made again
from the people, a sequence moves past its table's largest id, a missing trigger is made
again with the statement its migration ran, an invalid index is rebuilt. Nothing a user
typed is changed, so a repair never needs a backup to be undone. What cannot be put right
here (an extension gone, a trigger whose function is gone) is said with whom to ask.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from infcrm.db import pg_ddl, search_index, server_health


def rebuild_search(conn: Connection) -> bool:
    """Make every search entry again from the people, when any disagrees; whether it did."""
    if not server_health.search_gaps(conn, full=True):
        return False
    search_index.reindex(conn, None)
    return True


def advance_sequences(conn: Connection) -> list[str]:
    """Move every sequence that is behind its table past the table's largest id; the tables."""
    moved = []
    for sequence in server_health.sequences(conn):
        if sequence.behind:  # setval(…, true): the next nextval returns highest + 1
            conn.execute(
                text("SELECT setval(:s, :last)"), {"s": sequence.name, "last": sequence.highest}
            )
            moved.append(sequence.table)
    return moved


def restore_triggers(conn: Connection) -> tuple[list[str], list[str]]:
    """Make missing triggers again and switch disabled ones back on; (repaired, those that
    could not be). The main accounts a missing one left behind: `copy_main_accounts`."""
    repaired, failed = [], []
    for name, state in server_health.trigger_states(conn).items():
        table, make = pg_ddl.TRIGGERS[name]
        try:
            with conn.begin_nested():
                if state == "missing":
                    conn.exec_driver_sql(make)
                else:
                    conn.exec_driver_sql(f'ALTER TABLE "{table}" ENABLE TRIGGER "{name}"')
            repaired.append(name)
        except Exception:  # its function is gone too: only a restore brings it back
            failed.append(name)
    return repaired, failed


def rebuild_invalid_indexes(conn: Connection) -> list[str]:
    """REINDEX each index an interrupted build left invalid; their names."""
    names = server_health.invalid_indexes(conn)
    for name in names:
        conn.exec_driver_sql(f'REINDEX INDEX "{name}"')
    return names


__all__ = ["advance_sequences", "rebuild_invalid_indexes", "rebuild_search", "restore_triggers"]
