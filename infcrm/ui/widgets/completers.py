"""Completion of text fields from the values already in use (countries, owners, tags)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


class ListCompleter(QCompleter):
    """Completes the last item of a comma-separated list (“vegan, lo” → “vegan, local”)."""

    def splitPath(self, path: str) -> list[str]:
        """Match only what follows the last comma."""
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        """Keep the items typed before the last comma and put the chosen one after them."""
        chosen = str(index.data())
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        head = typed.rsplit(",", 1)[0].strip() if "," in typed else ""
        return f"{head}, {chosen}" if head else chosen


def completer(values: tuple[str, ...], parent: QWidget, cls: type[QCompleter] = QCompleter):
    """A case-blind completer offering `values` that start with what is typed."""
    completer = cls(parent)
    completer.setModel(QStringListModel(list(values), completer))
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
    return completer


__all__ = ["ListCompleter", "completer"]
