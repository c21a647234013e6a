"""Files moved to a server are remembered as moved, so opening one later says where it went.

After File › Move this database to a server… the file stays as it was: opening it again
(from Open recent, or because it was the last database open) would let a user work on an old
copy while the team works on the server. The file's path is kept with the server's address
(never a password) and the day of the move; opening the file then asks which to open.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from infcrm.ui import question_box

MOVED_KEY = "files/moved_to_server"


def mark_moved(path: Path, url: str, day: dt.date | None = None) -> None:
    """Remember that the file at `path` was moved to the server database `url`."""
    moved = _all()
    moved[str(Path(path).resolve())] = f"{(day or dt.date.today()).isoformat()} {url}"
    # One "path<TAB>day url" line each: QSettings keeps lists of text on every platform.
    QSettings().setValue(MOVED_KEY, [f"{p}\t{kept}" for p, kept in moved.items()])


def mark_moved_from_command(path: Path, url: str) -> None:
    """`mark_moved` for `infcrm copy`, which has no QApplication."""
    _settings_of_the_app()
    mark_moved(path, url)


def moved_to_from_command(path: Path) -> tuple[str, dt.date] | None:
    """`moved_to` for a command, which has no QApplication."""
    _settings_of_the_app()
    return moved_to(path)


def _settings_of_the_app() -> None:
    """Without a QApplication, QSettings must be told the app's names, which its settings
    hang on. No window is made, only QSettings read or written."""
    from PySide6.QtCore import QCoreApplication

    from infcrm import APP_NAME

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)


def moved_to(path: Path) -> tuple[str, dt.date] | None:
    """The server and the day the file at `path` was moved there, or None."""
    kept = _all().get(str(Path(path).resolve()))
    if not kept:
        return None
    day, _, url = str(kept).partition(" ")
    try:
        return url, dt.date.fromisoformat(day)
    except ValueError:
        return None


def ask_which(parent: QWidget | None, path: Path, url: str, day: dt.date) -> str | None:
    """Ask whether to open the server (returns `url`) or the file anyway (returns None)."""
    server = question_box.ask(
        parent,
        title="This database was moved",
        text=(
            f"“{Path(path).name}” was moved to {url} on {day:%d %B %Y}. The team works there "
            "now; changes made in the file would not reach the server."
        ),
        go="Open the server",
        stay="Open the file anyway",
    )
    return url if server else None


def _all() -> dict[str, str]:
    stored = QSettings().value(MOVED_KEY, [], list) or []
    return dict(line.split("\t", 1) for line in map(str, stored) if "\t" in line)


__all__ = [
    "MOVED_KEY",
    "ask_which",
    "mark_moved",
    "mark_moved_from_command",
    "moved_to",
    "moved_to_from_command",
]
