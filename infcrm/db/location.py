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
    """The URL to show the user: the scheme they type, and never a password.

    Paths and names read as the file system and the user write them (“My certs”, “für”),
    not percent-encoded; only the few characters that would change the address's meaning
    are escaped, so the address shown, given to --db again, opens the same database.
    """
    return _spelled(_shown(url), _readable)


def libpq_url(url: URL) -> str:
    """The address as libpq reads it (pg_dump's and pg_restore's --dbname), without a
    password: every part percent-encoded, since libpq reads a “+” as itself, not a space."""
    return _spelled(_shown(url), _encoded)


def _shown(url: URL) -> URL:
    # URL.set(password=None) keeps the password (None means "unchanged"), shown as ***.
    shown = url._replace(drivername="postgresql", password=None)
    # A trial's time limit (the connect dialog's) is not part of the address a user types.
    return shown.difference_update_query(["connect_timeout"])


def _readable(text: str, special: str) -> str:
    """`text` with only `special`, “%” and invisible characters percent-encoded."""
    from urllib.parse import quote

    return "".join(
        quote(char, safe="") if char in special or char == "%" or _invisible(char) else char
        for char in text
    )


def _invisible(char: str) -> bool:
    return char != " " and (char.isspace() or not char.isprintable())


def _encoded(text: str, special: str) -> str:
    """`text` percent-encoded, but for the slashes of a path where they mean nothing."""
    from urllib.parse import quote

    return quote(text, safe="" if "/" in special else "/")


def _spelled(url: URL, escape) -> str:
    """postgresql://user@host:port/database?key=value…, each part written by `escape`
    (given the characters that would end that part or change its meaning)."""
    spelled = f"{url.drivername}://"
    if url.username is not None:
        spelled += escape(url.username, ":@/?#") + "@"
    if url.host is not None:
        spelled += f"[{url.host}]" if ":" in url.host else url.host
    if url.port is not None:
        spelled += f":{url.port}"
    if url.database is not None:
        spelled += "/" + escape(url.database, "/?#")
    if url.query:
        spelled += "?" + "&".join(
            f"{escape(key, '/&=+#')}={escape(value, '&+#')}"
            for key in sorted(url.query)
            for value in ([url.query[key]] if isinstance(url.query[key], str) else url.query[key])
        )
    return spelled


__all__ = ["display_url", "file_path", "is_server", "libpq_url", "server_url"]
