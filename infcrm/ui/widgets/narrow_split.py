"""A splitter whose first pane moves above the second when the window is too narrow for both.

The Campaigns screen keeps its list of campaigns beside the chosen one's table of deals; on a
small screen (1024 px) the table's columns would not fit beside the list, so the list goes on
top, a few rows high, and the table gets the whole width.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QSplitter, QWidget

_UNLIMITED = 16_777_215  # QWIDGETSIZE_MAX


class StackWhenNarrow(QObject):
    """Watches `host`: side by side when it is at least `needed()` wide, else stacked.

    `needed` is called at every resize of `host` or of any widget passed to `watch`, so it
    may measure widgets that are only laid out once shown. `side_width` caps the first pane
    beside the second; `stacked_height` is its first height above it (the user may drag).
    """

    def __init__(
        self,
        host: QWidget,
        splitter: QSplitter,
        needed: Callable[[], int],
        side_width: int,
        stacked_height: int,
    ) -> None:
        super().__init__(host)
        self._host, self._splitter, self._needed = host, splitter, needed
        self._side_width, self._stacked_height = side_width, stacked_height
        self._place(Qt.Orientation.Horizontal)
        host.installEventFilter(self)

    def watch(self, widget: QWidget) -> None:
        """Decide again when `widget` changes size (a table laid out at its first showing)."""
        widget.installEventFilter(self)

    def stacked(self) -> bool:
        """Whether the first pane is above the second."""
        return self._splitter.orientation() == Qt.Orientation.Vertical

    def update(self) -> None:
        """Side by side or stacked, for the host's width now."""
        wide = self._host.width() >= self._needed()
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if wanted != self._splitter.orientation():
            self._place(wanted)

    def _place(self, orientation: Qt.Orientation) -> None:
        splitter = self._splitter
        first = splitter.widget(0)
        splitter.setOrientation(orientation)
        # The first pane keeps its size as the window grows (stretch 0): the second takes it.
        if orientation == Qt.Orientation.Horizontal:
            first.setMaximumWidth(self._side_width)
            size, total = first.minimumWidth(), splitter.width()
            # Side by side, the panes' minimums add up; the window must still shrink to what
            # the panes need stacked (its resize then stacks them), or a window once wide
            # stays wider than a small screen even on another screen of the app.
            stacked = (splitter.widget(i) for i in range(splitter.count()))
            splitter.setMinimumWidth(max(w.minimumSizeHint().width() for w in stacked))
        else:
            first.setMaximumWidth(_UNLIMITED)
            size, total = self._stacked_height, splitter.height()
            splitter.setMinimumWidth(0)  # the panes' own minimums, one above the other
        splitter.setSizes([size, max(1, total - size - splitter.handleWidth())])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Resize:
            self.update()
        return False


__all__ = ["StackWhenNarrow"]
