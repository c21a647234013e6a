"""The SQL that makes room for infcrm on a PostgreSQL server (`infcrm server-setup`).

Every person signs in as themselves; the tables belong to one group role that each of them
acts as in that database (`ALTER ROLE … IN DATABASE … SET role`), so whoever's infcrm upgrades
the database first, the others can still use and upgrade it. The script creates only what is
missing, so a teammate or a second database is added by running it again with their names.
No password is printed: the administrator sets each one with psql's \\password, so it never
sits in a file or in the shell's history.
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
    """The script to run as the server's administrator (psql < file, or pasted into psql).
    Run again with more users or another database, it adds only those."""
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
        "-- administrator. It makes only what is missing, so adding a person or a database",
        "-- later is the same command with their names; it stops at the first error:",
        f"--   {command} > infcrm-setup.sql",
        "--   sudo -u postgres psql -v ON_ERROR_STOP=1 < infcrm-setup.sql",
        "-- (on a hosted server, signed in as the administrator account the host gave you:",
        '--   psql "postgresql://ADMIN@HOST/postgres" -v ON_ERROR_STOP=1 < infcrm-setup.sql)',
        _unless_role(group, f"CREATE ROLE {group} NOLOGIN"),
        # A hosted server's administrator is no superuser: giving the team the database and
        # the schema, and acting as it below, needs membership of the team's role.
        "DO $$ BEGIN IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) "
        f"THEN GRANT {group} TO CURRENT_USER; END IF; END $$;",
    ]
    for user in users:
        lines += [
            _unless_role(user, f"CREATE ROLE {user} LOGIN"),
            f"GRANT {group} TO {user};",
        ]
    lines += [
        # CREATE DATABASE cannot run inside a DO block: psql runs the statement the query
        # gives (\gexec), and the query gives none when the database is there already.
        f"SELECT 'CREATE DATABASE {database} OWNER {group} ENCODING ''UTF8'' "
        f"TEMPLATE template0' WHERE NOT EXISTS "
        f"(SELECT FROM pg_database WHERE datname = '{database}') \\gexec",
        f"REVOKE ALL ON DATABASE {database} FROM PUBLIC;",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {group};",
        *(
            # In this database only: a person on two teams' databases acts as each team in
            # its own one. Tables their infcrm creates then belong to the team.
            f"ALTER ROLE {user} IN DATABASE {database} SET role = '{group}';"
            for user in users
        ),
        f"\\connect {database}",
        f"ALTER SCHEMA public OWNER TO {group};",
        # Created as the team (both are trusted extensions), so a restore that the team
        # runs from infcrm's backup may drop and recreate them.
        f"SET ROLE {group};",
        *(f"CREATE EXTENSION IF NOT EXISTS {name};" for name in EXTENSIONS),
        "RESET ROLE;",
        "-- Now give each new person a password: open sudo -u postgres psql (or psql as the",
        "-- hosted server's administrator) and type",
        "-- (psql asks for each password twice and sends it encrypted):",
        *(f"--   \\password {user}" for user in users),
        "-- and each connects with: infcrm --db postgresql://NAME@THIS-SERVER:5432/" + database,
    ]
    return "\n".join(lines)


def _unless_role(name: str, create: str) -> str:
    """`create` (a CREATE ROLE) run only when no role has that name yet."""
    return (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') "
        f"THEN {create}; END IF; END $$;"
    )


__all__ = ["EXTENSIONS", "setup_sql"]
