"""The SQL that makes room for infcrm on a PostgreSQL server (`infcrm server-setup`).

Every person signs in as themselves; the tables belong to one group role that each of them
acts as (`ALTER ROLE … SET role`), so whoever's infcrm upgrades the database first, the others
can still use and upgrade it. No password is printed: the administrator sets each one with
psql's \\password, so it never sits in a file or in the shell's history.
"""

from __future__ import annotations

import re

# Plain lower-case names need no quoting anywhere (psql, URLs, ~/.pgpass).
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# Search needs these (diacritics folded, parts of words); both ship with PostgreSQL.
EXTENSIONS = ("unaccent", "pg_trgm")


def _checked(kind: str, name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(
            f"“{name}” cannot be a {kind} name here: use lower-case letters, digits and _ "
            "(starting with a letter), at most 63 characters."
        )
    return name


def setup_sql(database: str, users: list[str], group: str | None = None) -> str:
    """The script to run as the server's administrator (psql -f, or pasted into psql)."""
    database = _checked("database", database)
    users = [_checked("user", user) for user in dict.fromkeys(users)]
    given = group
    group = _checked("group", group or f"{database}_team")
    if group in users:
        raise ValueError(f"The group “{group}” must not also be a user's name.")
    # The very command that printed this, so the administrator can make the file again.
    command = " ".join(
        ["infcrm server-setup", f"--database {database}", *(f"--user {u}" for u in users)]
        + ([f"--group {group}"] if given else [])
    )
    lines = [
        "-- infcrm: a database for the team. Save this script, then run it as the server's",
        "-- administrator (it stops at the first error, so a second run changes nothing):",
        f"--   {command} > infcrm-setup.sql",
        "--   sudo -u postgres psql -v ON_ERROR_STOP=1 -f infcrm-setup.sql",
        f"CREATE ROLE {group} NOLOGIN;",
    ]
    for user in users:
        lines += [
            f"CREATE ROLE {user} LOGIN IN ROLE {group};",
            f"-- Tables {user}'s infcrm creates belong to {group}, so everyone can use them.",
            f"ALTER ROLE {user} SET role = '{group}';",
        ]
    lines += [
        f"CREATE DATABASE {database} OWNER {group} ENCODING 'UTF8' TEMPLATE template0;",
        f"REVOKE ALL ON DATABASE {database} FROM PUBLIC;",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {group};",
        f"\\connect {database}",
        f"ALTER SCHEMA public OWNER TO {group};",
        # Created as the team (both are trusted extensions), so a restore that the team
        # runs from infcrm's backup may drop and recreate them.
        f"SET ROLE {group};",
        *(f"CREATE EXTENSION IF NOT EXISTS {name};" for name in EXTENSIONS),
        "RESET ROLE;",
        "-- Now give each person a password: open sudo -u postgres psql and type",
        "-- (psql asks for each password twice and sends it encrypted):",
        *(f"--   \\password {user}" for user in users),
        "-- and each connects with: infcrm --db postgresql://NAME@THIS-SERVER:5432/" + database,
    ]
    return "\n".join(lines)


__all__ = ["EXTENSIONS", "setup_sql"]
