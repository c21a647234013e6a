"""Every file location infcrm uses, with the --db / INFCRM_DB overrides."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_log_path

from infcrm import APP_NAME
from infcrm.db import location

DB_ENV_VAR = "INFCRM_DB"
DB_FILENAME = "infcrm.sqlite"


def data_dir() -> Path:
    """The user's data folder for infcrm (created on demand)."""
    path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """The user's log folder for infcrm (created on demand)."""
    path = user_log_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(cli_value: str | os.PathLike[str] | None = None) -> Path | str:
    """The database: --db wins, then INFCRM_DB, then the file in the user data folder.

    A file (a path or sqlite:///…) comes back as its absolute Path; a server's database
    (postgresql://…) as the URL text, untouched.
    """
    chosen = cli_value or os.environ.get(DB_ENV_VAR)
    if chosen and location.is_server(str(chosen)):
        return str(chosen)
    if chosen:
        return location.file_path(str(chosen)).expanduser().resolve()
    return data_dir() / DB_FILENAME


def backup_dir(db_path: Path) -> Path:
    """Where backups of a database go: a `backups` folder beside the default database.

    A database chosen with --db keeps its backups beside itself, so a test or a second
    database never mixes its copies with the user's own.
    """
    folder = backup_dir_path(db_path)
    if not folder.is_dir():
        folder.parent.mkdir(parents=True, exist_ok=True)
        # Private from the first moment: the copies hold everything the database holds.
        folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def backup_dir_path(db_path: Path) -> Path:
    """The backups folder of `db_path`, without creating it."""
    if db_path.parent == user_data_path(APP_NAME, appauthor=False):
        return db_path.parent / "backups"
    return db_path.parent / f"{db_path.stem}-backups"


def resource_path(*parts: str) -> Path:
    """A file shipped with the app (icons, stylesheet, templates)."""
    return Path(__file__).resolve().parent.joinpath("resources", *parts)
