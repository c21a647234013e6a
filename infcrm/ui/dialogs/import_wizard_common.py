"""What the import wizard's pages share: how a refusal is worded before anything was tried,
the error of a file whose columns changed, and a wrapped label."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from infcrm.files.import_apply import NOTHING_IMPORTABLE

COLUMNS_CHANGED = (
    "The file changed on disk, and its columns are not the ones you matched. Go Back to match "
    "them again."
)


def not_yet(refusal: str) -> str:
    """A refusal as the wizard says it, before anything was tried (“can”, not “could”)."""
    return refusal.replace(NOTHING_IMPORTABLE, "No row can be imported").replace(
        "Nothing was imported", "This file cannot be imported yet"
    )


class ColumnsChanged(Exception):
    """The file was read again and its columns differ from those the mapping was chosen for:
    a mapping is by position, so it would put values in the wrong fields."""


def wrapped_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


__all__ = ["COLUMNS_CHANGED", "ColumnsChanged", "not_yet", "wrapped_label"]
