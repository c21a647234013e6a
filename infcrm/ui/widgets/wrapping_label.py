"""A word-wrapped label that a long unbreakable value (a 60-character email) cannot widen.

Qt wraps a label's text only between words, so a word wider than the room made the label,
and everything beside it, that wide: in Find duplicates the second card went out of sight
behind a sideways scroll bar. Here a word wider than the label is made breakable anywhere
(a zero-width space between its letters, `wrapping_delegate.breakable`, as the list of
groups does), in what is shown only: `text()` and what is copied are the value as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from infcrm.ui.widgets.wrapping_delegate import BREAK, breakable

# However narrow, the label asks for room for this many average characters.
FEWEST_CHARACTERS = 8


class WrappingLabel(QLabel):
    """A plain-text, word-wrapped, selectable label whose too-long words break anywhere."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._whole = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setText(text)

    def setText(self, text: str) -> None:  # Qt's name
        """Show `text`, its words too wide for the label breakable."""
        self._whole = text
        self._refit()

    def clear(self) -> None:  # Qt's name
        self.setText("")

    def text(self) -> str:  # Qt's name
        """The text as given (without the breaks added to show it)."""
        return self._whole

    def shown_text(self) -> str:
        """The text as shown: long words with zero-width spaces between their letters."""
        return super().text()

    def _refit(self) -> None:
        # A few pixels to spare: Qt measures a wrap slightly wider than it paints it.
        room = self.contentsRect().width() - 2 * self.margin() - 4
        # Not laid out yet: whole, so the first layout measures the words as they are.
        shown = breakable(self._whole, self.fontMetrics(), room) if room > 0 else self._whole
        if shown != super().text():
            super().setText(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        self._refit()

    def minimumSizeHint(self) -> QSize:  # Qt's name
        """A few characters wide: a long word breaks rather than widen what holds it."""
        hint = super().minimumSizeHint()
        fewest = self.fontMetrics().averageCharWidth() * FEWEST_CHARACTERS
        return QSize(min(hint.width(), fewest), hint.height())

    def selected(self) -> str:
        """The selected text as it is, without the breaks added to show it (and its lines
        ending as the text's do, as Qt's own copy gives them)."""
        return self.selectedText().replace(BREAK, "").replace("\u2029", "\n")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        if event.matches(QKeySequence.StandardKey.Copy) and self.hasSelectedText():
            QGuiApplication.clipboard().setText(self.selected())
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # Qt's name
        """Copy and Select all, copying the text as it is."""
        menu = QMenu(self)
        copy = menu.addAction("Copy")
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(self.hasSelectedText())
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(self.selected()))
        select_all = menu.addAction("Select all")
        select_all.triggered.connect(lambda: self.setSelection(0, len(self.shown_text())))
        menu.exec(event.globalPos())


__all__ = ["WrappingLabel"]
