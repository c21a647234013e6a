"""Where save dialogs open: the folder the user last saved to, else their Documents folder.

Never the app's own folder or the directory it was started from: a file saved there is hard to
find again and may be lost with an update.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

LAST_FOLDER_KEY = "files/last_save_folder"
# Characters no file name may hold on one system or another.
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def save_folder() -> Path:
    """The folder a save dialog should open in."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (QSettings().value(LAST_FOLDER_KEY, "", str), documents):
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def suggested_path(file_name: str) -> str:
    """`file_name` in the folder a save dialog should open in, as the dialog wants it."""
    return str(save_folder() / file_name)


def remember_saved(path: Path) -> None:
    """Remember the folder of a file just saved, for the next save dialog."""
    QSettings().setValue(LAST_FOLDER_KEY, str(Path(path).parent))


def file_name_from(text: str) -> str:
    """`text` as a file name: characters a name cannot hold become "_", ends trimmed."""
    return _UNSAFE_IN_NAMES.sub("_", text).strip(" .")
