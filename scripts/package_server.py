"""A throw-away PostgreSQL server for the package test (scripts/test_package.sh).

    python scripts/package_server.py start   prints "URL FOLDER" of a new server and database
    python scripts/package_server.py stop FOLDER

It is the test suite's own server (tests/pg_server.py); the installed app is then pointed at it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import pg_server  # the tests' own module

DATABASE = "packaged"


def start() -> None:
    import psycopg

    why = pg_server.why_unavailable()
    if why:
        raise SystemExit(f"No server for the package test: {why}.")
    server = pg_server.start()
    admin = server.url().replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    print(admin.rsplit("/", 1)[0] + "/" + DATABASE, server.folder)


def stop(folder: str) -> None:
    found = pg_server.find_binaries()
    owner = "postgres" if pg_server.os.geteuid() == 0 else None
    server = pg_server.Server(Path(folder), 0, found, owner)
    server.stop()


if __name__ == "__main__":
    if sys.argv[1:2] == ["start"]:
        start()
    elif sys.argv[1:2] == ["stop"] and len(sys.argv) == 3:
        stop(sys.argv[2])
    else:
        raise SystemExit(__doc__)
