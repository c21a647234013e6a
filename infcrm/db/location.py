"""Where a database is: a file (a path or sqlite:///…) or a PostgreSQL server's URL.

`--db`, INFCRM_DB and File › Open all give one of these texts; this module alone reads them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the start-up path reads --db before SQLAlchemy is needed
    from sqlalchemy.engine import URL

_SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
_FILE_SCHEME = "sqlite:///"


def is_server(where: Path | str) -> bool:
    """Whether `where` names a PostgreSQL server's database rather than a file."""
    return isinstance(where, str) and where.lower().startswith(_SERVER_SCHEMES)


def file_path(where: Path | str) -> Path:
    """The file `where` names: a plain path, or the path part of an sqlite:/// URL."""
    if isinstance(where, str) and where.lower().startswith(_FILE_SCHEME):
        return Path(where[len(_FILE_SCHEME) :])
    return Path(where)


def server_url(where: str) -> URL:
    """The SQLAlchemy URL of a server's database, with the psycopg 3 driver.

    The password, when the URL has none, comes from libpq's usual places (PGPASSWORD,
    ~/.pgpass); query options such as sslmode go to the driver as they are.
    """
    from sqlalchemy.engine import make_url

    url = make_url(where)
    return url.set(drivername="postgresql+psycopg")


def display_url(url: URL) -> str:
    """The URL to show the user: the scheme they type, and never a password."""
    # URL.set(password=None) keeps the password (None means "unchanged"), shown as ***.
    shown = url._replace(drivername="postgresql", password=None)
    # A trial's time limit (the connect dialog's) is not part of the address a user types.
    shown = shown.difference_update_query(["connect_timeout"])
    return shown.render_as_string(hide_password=True)


__all__ = ["display_url", "file_path", "is_server", "server_url"]
