"""The line above the influencer list while a saved view is open: which view, what it names
that is gone (a stage archived, a tag no one carries), and its buttons."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from infcrm.ui import theme


class SavedViewBar(QFrame):
    """Hidden until a view opens; the window's saved-view actions answer its buttons."""

    fix_requested = Signal()  # keep the view without the parts it dropped
    update_requested = Signal()  # keep the list's search, filters, sort and columns in it
    close_requested = Signal()  # back to the whole list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saved_view_bar")
        theme.set_card(self)
        self.title = QLabel()
        self.title.setObjectName("saved_view_title")
        self.note = QLabel()
        self.note.setObjectName("saved_view_note")
        self.note.setWordWrap(True)
        theme.set_role(self.note, "secondary")
        self.fix_button = QPushButton("Fix view")
        self.fix_button.setToolTip(
            "Keep this view without its filters on what is gone (an archived stage, a deleted "
            "tag), so it shows who the rest of it finds"
        )
        self.update_button = QPushButton("Update view")
        self.update_button.setToolTip(
            "Keep the search, filters, sort and columns on show under this view's name"
        )
        self.close_button = QPushButton("Close view")
        self.close_button.setToolTip("Show everyone again (the view stays in the sidebar)")
        self.fix_button.clicked.connect(lambda _checked=False: self.fix_requested.emit())
        self.update_button.clicked.connect(lambda _checked=False: self.update_requested.emit())
        self.close_button.clicked.connect(lambda _checked=False: self.close_requested.emit())
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(self.title)
        words.addWidget(self.note)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 6, 4)
        row.addLayout(words, 1)
        row.addWidget(self.fix_button)
        row.addWidget(self.update_button)
        row.addWidget(self.close_button)
        self.hide()

    def show_view(self, name: str, dropped: str) -> None:
        """Say which view is open and, when it had to leave filters out, which."""
        self.title.setText(f"<b>Saved view:</b> {html.escape(name)}")
        self.note.setText(dropped)
        self.note.setVisible(bool(dropped))
        self.fix_button.setVisible(bool(dropped))
        self.update_button.setEnabled(False)
        self.show()

    def set_changed(self, changed: bool) -> None:
        """The user changed the search, filters, sort or columns since the view opened."""
        self.update_button.setEnabled(changed)
        if changed and not self.fix_button.isVisible():
            self.note.setText("You changed the list since opening this view.")
            self.note.show()
        elif not changed and not self.fix_button.isVisible():
            self.note.hide()


__all__ = ["SavedViewBar"]
