"""The main window: a sidebar of screens, the screen itself, menus and the undo stack."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.ui import icons, undo_commands
from infcrm.ui.events import events
from infcrm.ui.main_menus import MainMenus
from infcrm.ui.menu_commands import MenuCommands
from infcrm.ui.reminders import Reminders
from infcrm.ui.saved_views_menu import SavedViewActions
from infcrm.ui.server_refresh import ServerRefresh
from infcrm.ui.views.saved_views_panel import fit_to_rows
from infcrm.ui.views.screen import SCREENS, Command, Screen
from infcrm.ui.widgets.follow_up_badge import FollowUpBadge

if TYPE_CHECKING:
    from infcrm.ui.views.influencers_view import InfluencersView


class _Screens(dict):
    """The screens by key; one missing is built on first use."""

    def __init__(self, build: Callable[[str], Screen]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> Screen:
        view = self._build(key)
        self[key] = view
        return view


def _learn_names_tell(db: Database) -> None:
    """Read `db.names_tell` once; a file gone or closed meanwhile is asked again when shown."""
    with suppress(sqlite3.Error, OSError):
        db.names_tell  # noqa: B018 (read for the answer it keeps)


class MainWindow(MainMenus, MenuCommands, QMainWindow):
    """infcrm's one window."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        # Whether names tell people apart reads every signed row (0.15–0.2 s of CPU at 100,000
        # people): learnt in the background before the first person is shown.
        threading.Thread(target=_learn_names_tell, args=(db,), daemon=True).start()
        self.undo_stack = undo_commands.UndoStack(self)
        undo_commands.use_stack(self.undo_stack)  # every screen and dialog pushes onto it
        self._undo_index = 0
        # After Ctrl+Z the status bar must not keep offering to undo what was just undone.
        self.undo_stack.indexChanged.connect(self._on_undo_index_changed)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(200)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setAccessibleName("Screens")
        self.stack = QStackedWidget()
        self._builders = self._view_builders()
        # A screen is built the first time it is shown or asked for, so start-up builds (and
        # styles) only what the first painted window shows.
        self.views: dict[str, Screen] = _Screens(self._build_view)
        self._wiring: dict[str, list[Callable[[Screen], object]]] = {}
        self._sidebar_items: dict[str, QListWidgetItem] = {}
        for key, label, purpose in SCREENS:
            item = QListWidgetItem(icons.icon(key), label)
            item.setToolTip(purpose)
            item.setSizeHint(QSize(160, 34))
            self.sidebar.addItem(item)
            self._sidebar_items[key] = item
        self.sidebar.currentRowChanged.connect(self._on_screen_chosen)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        side.addWidget(self.sidebar)
        row.addLayout(side)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        # Saved views of the list, under the screens (and View › Save view…).
        self.saved_views = SavedViewActions(self)
        fit_to_rows(self.sidebar)
        side.addWidget(self.saved_views.panel, 1)
        self.sidebar.itemPressed.connect(lambda _item: self.saved_views.screen_chosen())
        self.statusBar()
        # The sidebar says how many follow-ups are due today and overdue.
        self.follow_up_badge = FollowUpBadge(db, self._sidebar_items["followups"], self)
        self.reminders = Reminders(self)  # tells when a follow-up falls due while infcrm runs
        # On a server, other users' changes refresh the screens (ui/server_refresh.py).
        self.server_refresh = ServerRefresh(self, db)
        events.open_influencer.connect(self._on_open_influencer)
        events.open_campaign.connect(self._on_open_campaign)
        self._restore_geometry()
        # The first screen reads its data in the background so the window paints at once.
        self.show_view(self.start_view())

    # Screens ------------------------------------------------------------------------------

    def when_built(self, key: str, wire: Callable[[Screen], object]) -> None:
        """Call `wire(screen)` once screen `key` exists: now if it is built, else when it is."""
        if key in self.views:
            wire(self.views[key])
        else:
            self._wiring.setdefault(key, []).append(wire)

    def _build_view(self, key: str) -> Screen:
        view = self._builders[key]()
        for wire in self._wiring.pop(key, []):
            wire(view)
        # Added as built, so the stack's order is not the sidebar's: screens are found by widget.
        self.stack.addWidget(view)
        return view

    def _view_builders(self) -> dict[str, Callable[[], Screen]]:
        # Each screen's module is imported when the screen is first built: start-up imports
        # only the one it opens on (the others and what they import cost ~0.5 s).
        def dashboard() -> Screen:
            from infcrm.ui.views.dashboard_view import DashboardView

            return DashboardView(
                self.db,
                open_view=self.show_view,
                add_influencer=self._on_new_influencer,
                import_file=self.open_import_wizard,
            )

        def pipeline() -> Screen:
            from infcrm.ui.views.pipeline_view import PipelineView

            return PipelineView(self.db)

        def influencers() -> Screen:
            from infcrm.ui.views.influencers_view import InfluencersView

            return InfluencersView(self.db, self.undo_stack)

        def followups() -> Screen:
            from infcrm.ui.views.followups_view import FollowUpsView

            return FollowUpsView(self.db)

        def campaigns() -> Screen:
            from infcrm.ui.views.campaigns_view import CampaignsView

            return CampaignsView(self.db)

        def trash() -> Screen:
            from infcrm.ui.views.trash_view import TrashView

            return TrashView(self.db, self.undo_stack)

        return {
            "dashboard": dashboard,
            "pipeline": pipeline,
            "influencers": influencers,
            "followups": followups,
            "campaigns": campaigns,
            "trash": trash,
        }

    def start_view(self) -> str:
        """The Dashboard once there are people to follow up with, else the list to fill."""
        from infcrm.services.maintenance import first_paint

        return "dashboard" if first_paint.has_people(self.db) else "influencers"

    def show_view(self, key: str) -> None:
        """Bring screen `key` to the front and select it in the sidebar."""
        keys = [k for k, _label, _purpose in SCREENS]
        self.sidebar.setCurrentRow(keys.index(key))

    def current_view_key(self) -> str:
        """The key of the screen on show."""
        current = self.stack.currentWidget()
        return next(key for key, view in self.views.items() if view is current)

    def current_view(self) -> Screen:
        """The screen on show."""
        return self.views[self.current_view_key()]

    def _on_screen_chosen(self, row: int) -> None:
        if row < 0:
            return
        view = self.views[SCREENS[row][0]]
        self.stack.setCurrentWidget(view)
        # Each screen catches up without blocking: what grows with the data reads off-thread.
        view.show_screen()

    def _closed(self) -> bool:
        """Shown once and closed since: it lives until Qt deletes it, and leaves app-wide
        requests (open this person, this campaign) to the window that is open."""
        shown = self.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
        return shown and self.isHidden()

    def _on_open_influencer(self, influencer_id: int) -> None:
        """Show the Influencers screen with this person selected."""
        if self._closed():
            return
        self.show_view("influencers")
        self.influencers_view().select_influencer(influencer_id)

    def _on_open_campaign(self, campaign_id: int) -> None:
        """Show the Campaigns screen with this campaign chosen."""
        from infcrm.ui.views.campaigns_view import CampaignsView

        if self._closed():
            return
        self.show_view("campaigns")
        view = self.views["campaigns"]
        assert isinstance(view, CampaignsView)
        view.select_campaign(campaign_id)

    def influencers_view(self) -> InfluencersView:
        """The Influencers screen."""
        from infcrm.ui.views.influencers_view import InfluencersView

        view = self.views["influencers"]
        assert isinstance(view, InfluencersView)
        return view

    def _on_view_command(self, command: Command) -> None:
        """Run a command on the screen on show, or on the Influencers screen."""
        if self.current_view().run_command(command):
            return
        # Find and New from a screen without a list go to the influencer list.
        if command not in (Command.FIND, Command.NEW_INFLUENCER):
            self.statusBar().showMessage("Open the Influencers screen to do that.", 5000)
            return
        self.show_view("influencers")
        self.current_view().run_command(command)

    def _on_undo_index_changed(self, index: int) -> None:
        undone = index < self._undo_index
        self._undo_index = index
        bar = self.statusBar()
        if undone:
            bar.showMessage(f"Undone: {self.undo_stack.text(index)}", 5000)
        elif self.undo_stack.redoing:
            bar.showMessage(f"Redone: {self.undo_stack.text(index - 1)}", 5000)
        elif bar.currentMessage().startswith("Undone: "):
            bar.clearMessage()  # a new change: what was undone before is old news

    # Window state -------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the window's size and place for next time."""
        undo_commands.release_stack(self.undo_stack)
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)


__all__ = ["SCREENS", "MainWindow", "Qt"]
