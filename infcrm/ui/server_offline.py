"""The window's offline state: a note in the status bar while the server does not answer.

Shown when a save or a screen's read finds the server gone (`events.server_unreachable`) or
the change listener is cut off; cleared when the listener is connected again — the moment
saves work again and every screen reloads (ui/server_refresh.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from infcrm.db.connection_loss import offline_message


class OfflineNote(QLabel):
    """The status bar's permanent note; hidden while the server answers."""

    def __init__(self, window: QMainWindow, host: str) -> None:
        super().__init__(window)
        self._host = host
        self.setObjectName("offlineNote")
        self.setStyleSheet(
            "QLabel { color: palette(highlighted-text); background: #b3261e; "
            "padding: 2px 8px; border-radius: 3px; }"
        )
        self.setText(f"Offline: the server {host} does not answer")
        self.setToolTip(offline_message(host))
        window.statusBar().addPermanentWidget(self)
        self.hide()

    @property
    def offline(self) -> bool:
        """Whether the window shows the server as not answering."""
        return not self.isHidden()

    def went_offline(self, host: str | None = None) -> None:
        """The server stopped answering; the status bar says so until it is back."""
        if host and host != self._host:
            return  # another window's server
        if self.isHidden():
            self.show()
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(offline_message(self._host), 10_000)

    def back_online(self) -> None:
        """The server answers again."""
        if not self.isHidden():
            self.hide()
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(f"The server {self._host} answers again.", 5000)


__all__ = ["OfflineNote"]
