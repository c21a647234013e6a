"""Keeping a screen up to date: reload at once while it is on show, else when it next shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class KeepFresh(QObject):
    """Watches a screen: data changes reload it if visible, or mark it stale until it shows.

    Connect the app-wide signals that concern the screen to `data_changed`; `reload` should
    read in the background when the reading can grow with the data.
    """

    def __init__(self, view: QWidget, reload: Callable[[], None], *, stale: bool = True) -> None:
        super().__init__(view)
        self._view = view
        self._reload = reload
        self.stale = stale
        view.installEventFilter(self)

    def data_changed(self, *_args: object) -> None:
        """Something the screen shows changed."""
        if self._view.isVisible():
            self.stale = False
            self._reload()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On show, catch up with what changed meanwhile (after the show has painted)."""
        # Only Qt's own state is read first: while Python collects a closed screen, this
        # object's attributes may already be gone though Qt still sends it the screen's events.
        if event.type() != QEvent.Type.Show or watched is not self.parent():
            return False
        if getattr(self, "stale", False):
            QTimer.singleShot(0, self.catch_up)
        return False

    def catch_up(self) -> None:
        """Reload now if something changed since the last reload."""
        if self.stale:
            self.stale = False
            self._reload()
