"""A list with a panel beside it that opens when something is chosen and remembers its width."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QSplitter, QWidget

# Leaves the list's default columns whole beside it at 1280 px.
DEFAULT_PANEL_WIDTH = 340
MIN_LIST_WIDTH = 320


class SidePanelSplitter(QSplitter):
    """`main` takes the whole width until `open_panel()`; the user drags the divider to size
    the panel (remembered under `settings_key`) and closes it with `close_panel()`."""

    def __init__(self, main: QWidget, panel: QWidget, settings_key: str) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self._key = f"{settings_key}/panel_width"
        self.addWidget(main)
        self.addWidget(panel)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        self.setCollapsible(0, False)
        self.setCollapsible(1, False)
        main.setMinimumWidth(MIN_LIST_WIDTH)
        panel.hide()
        self.splitterMoved.connect(self._remember)

    @property
    def panel(self) -> QWidget:
        """The widget that opens beside the list."""
        widget = self.widget(1)
        assert widget is not None
        return widget

    def panel_open(self) -> bool:
        """True while the panel is on show (even if the window itself is hidden)."""
        return self.panel.isVisibleTo(self)

    def remembered_width(self) -> int:
        """The panel's width as the user last left it (a sensible default at first)."""
        value = QSettings().value(self._key)
        try:
            return max(int(str(value)), self.panel.minimumWidth())
        except (TypeError, ValueError):
            return DEFAULT_PANEL_WIDTH

    def open_panel(self) -> None:
        """Show the panel at its remembered width, the list keeping the rest."""
        if self.panel_open():
            return
        self.panel.show()
        total = max(self.width(), MIN_LIST_WIDTH + self.panel.minimumWidth())
        width = min(self.remembered_width(), total - MIN_LIST_WIDTH)
        self.setSizes([total - width - self.handleWidth(), width])

    def close_panel(self) -> None:
        """Give the list the whole width again."""
        self.panel.hide()

    def _remember(self, *_args: object) -> None:
        if self.panel_open():
            QSettings().setValue(self._key, self.sizes()[1])


__all__ = ["DEFAULT_PANEL_WIDTH", "SidePanelSplitter"]
