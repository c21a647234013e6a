"""The main window: a sidebar of screens, the screen itself, menus and the undo stack."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from infcrm import __version__
from infcrm.db.engine import Database
from infcrm.ui import icons, undo_commands
from infcrm.ui.data_safety import DataSafety
from infcrm.ui.database_menu import DatabaseMenu
from infcrm.ui.events import events
from infcrm.ui.views.screen import Command, Screen
from infcrm.ui.widgets.follow_up_badge import FollowUpBadge

if TYPE_CHECKING:
    from infcrm.ui.views.influencers_view import InfluencersView

# (key, sidebar label, what the screen is for) in sidebar order.
SCREENS: tuple[tuple[str, str, str], ...] = (
    ("dashboard", "Dashboard", "Who to follow up with today, and where every relationship stands."),
    ("influencers", "Influencers", "Everyone you work with, searchable and filterable."),
    ("pipeline", "Pipeline", "Every relationship as a card on a board, one column per stage."),
    ("followups", "Follow-ups", "Who to chase: overdue, today, this week and later."),
    ("campaigns", "Campaigns", "What was offered, agreed, delivered and what it returned."),
    ("trash", "Trash", "Influencers you deleted, ready to restore."),
)


class _Screens(dict):
    """The screens by key; one missing is built on first use."""

    def __init__(self, build: Callable[[str], Screen]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> Screen:
        view = self._build(key)
        self[key] = view
        return view


class MainWindow(QMainWindow):
    """infcrm's one window."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
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
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.statusBar()
        # The sidebar says how many follow-ups are due today and overdue.
        self.follow_up_badge = FollowUpBadge(db, self._sidebar_items["followups"], self)
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
        from infcrm.ui.views.campaigns_view import CampaignsView
        from infcrm.ui.views.dashboard_view import DashboardView
        from infcrm.ui.views.followups_view import FollowUpsView
        from infcrm.ui.views.influencers_view import InfluencersView
        from infcrm.ui.views.pipeline_view import PipelineView
        from infcrm.ui.views.trash_view import TrashView

        return {
            "dashboard": lambda: DashboardView(
                self.db,
                open_view=self.show_view,
                add_influencer=self._on_new_influencer,
                import_file=self._on_import,
            ),
            "pipeline": lambda: PipelineView(self.db),
            "influencers": lambda: InfluencersView(self.db, self.undo_stack),
            "followups": lambda: FollowUpsView(self.db),
            "campaigns": lambda: CampaignsView(self.db),
            "trash": lambda: TrashView(self.db, self.undo_stack),
        }

    def start_view(self) -> str:
        """The Dashboard once there are people to follow up with, else the list to fill."""
        from infcrm.services.people import influencer_list

        return "dashboard" if influencer_list.count(self.db) else "influencers"

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

    # Menus --------------------------------------------------------------------------------

    def add_action(
        self,
        menu_name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        icon: str | None = None,
    ) -> QAction:
        """Add a menu entry with its shortcut, tooltip (every action has both) and icon."""
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(icons.icon(icon))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.setStatusTip(action.toolTip())
        action.triggered.connect(slot)
        self.menus[menu_name].addAction(action)
        self.addAction(action)  # shortcuts work whatever has focus
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus = {
            name: bar.addMenu(title)
            for name, title in (
                ("file", "&File"),
                ("edit", "&Edit"),
                ("view", "&View"),
                ("help", "&Help"),
            )
        }
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setIcon(icons.icon("undo"))
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        redo.setIcon(icons.icon("redo"))
        self.menus["edit"].addActions([undo, redo])
        self.menus["edit"].addSeparator()
        self._add_influencer_actions()
        self._add_outreach_actions()
        self.add_action(
            "edit",
            "&Edit people…",
            self._on_bulk_edit,
            "Ctrl+Shift+E",
            "Change the stage, owner, rating, tags, niches or campaign of every selected "
            "person at once, or log the same interaction (one step to undo)",
            icon="edit",
        )
        self.add_action(
            "edit",
            "Add to &campaign…",
            self._on_add_to_campaign,
            "Ctrl+Shift+C",
            "Add the selected influencers to a campaign",
            icon="campaign-add",
        )
        self.add_action(
            "edit",
            "Find &duplicates…",
            self._on_find_duplicates,
            None,
            "Find people who are in the list twice, compare them and merge them (undoable)",
            icon="duplicates",
        )
        self.menus["edit"].addSeparator()
        for number, (key, label, purpose) in enumerate(SCREENS, start=1):
            # partial, not a lambda with a default: triggered passes `checked` positionally.
            self.add_action(
                "view", label, partial(self.show_view, key), f"Ctrl+{number}", purpose, key
            )
        self.menus["file"].addSeparator()
        self.add_action(
            "file",
            "&Export…",
            self._on_export,
            "Ctrl+E",
            "Save the influencers on screen, or everyone, as an Excel or CSV file",
            icon="export",
        )
        self.add_action(
            "file",
            "&Import…",
            self._on_import,
            "Ctrl+I",
            "Bring influencers in from an Excel or CSV file, with a preview first",
            icon="import",
        )
        self.add_action(
            "edit",
            "Undo last &import…",
            self._on_undo_import,
            None,
            "Remove the people the last import added and restore those it changed",
            icon="undo",
        )
        self.menus["file"].addSeparator()
        # File › Back up now, File › Restore from backup…, Help › Where is my data?
        self.data_safety = DataSafety(self)
        self.menus["file"].addSeparator()
        self.menus["edit"].addSeparator()
        self.add_action(
            "edit",
            "Ta&gs…",
            self._on_tags,
            None,
            "Every tag with its number of people: rename, merge, colour or delete (undoable)",
            icon="tag",
        )
        self.add_action(
            "edit",
            "Pipeline &stages…",
            self._on_stages,
            None,
            "Rename, reorder, add or archive the stages of the pipeline board",
            icon="stages",
        )
        settings_action = self.add_action(
            "edit",
            "&Settings…",
            self._on_settings,
            "Ctrl+,",
            "Follower tiers and engagement benchmarks",
            icon="settings",
        )
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)  # the app menu on macOS
        self.database_menu = DatabaseMenu(self)  # New/Open database, Open recent, sample data
        self.add_action(
            "file", "&Quit", self.close, QKeySequence.StandardKey.Quit, "Quit infcrm", "quit"
        )
        self.add_action(
            "help",
            "&Keyboard shortcuts",
            self._on_shortcuts,
            QKeySequence.StandardKey.HelpContents,
            "Every keyboard shortcut, read from the menus themselves",
            icon="keyboard",
        )
        self.add_action(
            "help",
            "Open &log folder",
            self._on_open_log_folder,
            None,
            "Show the folder with infcrm's log, for a bug report",
            icon="log-folder",
        )
        self.add_action(
            "help", "&About infcrm", self._on_about, None, "Version and data file", "about"
        )

    def _add_influencer_actions(self) -> None:
        self.add_action(
            "file",
            "&New influencer…",
            self._on_new_influencer,
            QKeySequence.StandardKey.New,
            "Add an influencer by hand",
            icon="add-person",
        )
        self.add_action(
            "edit",
            "&Find",
            partial(self._on_view_command, Command.FIND),
            QKeySequence.StandardKey.Find,
            "Search the list on show",
            icon="search",
        )
        self.add_action(
            "edit",
            "Move to &trash",
            partial(self._on_view_command, Command.TRASH),
            QKeySequence.StandardKey.Delete,
            "Move the selected influencers to the trash (Undo brings them back)",
            icon="trash",
        )
        self.add_action(
            "edit",
            "&Forget…",
            partial(self._on_view_command, Command.FORGET),
            None,
            "Erase the selected influencers and all their history for good",
            icon="forget",
        )
        self.menus["edit"].addSeparator()

    def _add_outreach_actions(self) -> None:
        self.add_action(
            "edit",
            "&Log interaction…",
            self._on_log_interaction,
            "Ctrl+L",
            "Log an email, DM, call or meeting with the selected influencer, and set a follow-up",
            icon="log",
        )
        self.menus["edit"].addSeparator()
        self.add_action(
            "file",
            "Export follow-ups to &calendar…",
            self._on_export_calendar,
            None,
            "Save the open follow-ups as an .ics file your calendar app imports",
            icon="calendar",
        )

    def _on_log_interaction(self) -> None:
        from infcrm.ui.dialogs.log_interaction_dialog import LogInteractionDialog

        dialog = LogInteractionDialog(self.db, self.current_view().selected_influencer_id(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.log_dialog = dialog
        dialog.open()

    def _on_add_to_campaign(self) -> None:
        from infcrm.ui.dialogs.campaign_picker_dialog import add_to_campaign

        chosen = self.current_view().selected_influencer_ids()
        if not chosen:
            self.statusBar().showMessage(
                "Select influencers in the list or on the board to add them to a campaign.", 5000
            )
            return
        add_to_campaign(self, self.db, chosen)

    def _on_bulk_edit(self) -> None:
        from infcrm.ui.bulk_edit import edit_people  # loaded when first used

        view = self.current_view()
        edit_people(self, self.db, view.selected_influencer_ids(), view.listed_influencer_ids())

    def _on_export_calendar(self) -> None:
        from infcrm.ui.dialogs.calendar_export import export_follow_ups_to_calendar

        export_follow_ups_to_calendar(self, self.db)

    def _on_open_influencer(self, influencer_id: int) -> None:
        """Show the Influencers screen with this person selected."""
        self.show_view("influencers")
        self.influencers_view().select_influencer(influencer_id)

    def _on_open_campaign(self, campaign_id: int) -> None:
        """Show the Campaigns screen with this campaign chosen."""
        from infcrm.ui.views.campaigns_view import CampaignsView

        self.show_view("campaigns")
        view = self.views["campaigns"]
        assert isinstance(view, CampaignsView)
        view.select_campaign(campaign_id)

    def _on_new_influencer(self) -> None:
        self.show_view("influencers")
        self._on_view_command(Command.NEW_INFLUENCER)

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

    def _on_export(self) -> None:
        from infcrm.ui.dialogs.export_dialog import ExportDialog  # loaded when first used

        ExportDialog.run_for(self, self.db)

    def _on_import(self) -> None:
        from infcrm.ui.dialogs.import_wizard import ImportWizard  # loaded when first used

        ImportWizard.run_for(self, self.db)

    def _on_undo_import(self) -> None:
        from infcrm.ui.dialogs.undo_import import undo_last_import  # loaded when first used

        undo_last_import(self, self.db)

    def _on_find_duplicates(self) -> None:
        from infcrm.ui.dialogs.duplicates_dialog import DuplicatesDialog  # loaded when first used

        dialog = DuplicatesDialog(self.db, self.undo_stack, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.duplicates_dialog = dialog
        dialog.open()

    def _on_stages(self) -> None:
        from infcrm.ui.dialogs.stages_dialog import StagesDialog  # loaded when first used

        dialog = StagesDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.stages_dialog = dialog
        dialog.open()

    def _on_tags(self) -> None:
        from infcrm.ui.dialogs.tag_manager_dialog import TagManagerDialog  # loaded when first used

        dialog = TagManagerDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.tags_dialog = dialog
        dialog.open()

    def _on_settings(self) -> None:
        from infcrm.ui.dialogs.settings_dialog import SettingsDialog  # loaded when first used

        dialog = SettingsDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings_dialog = dialog
        dialog.open()

    def _on_open_log_folder(self) -> None:
        from infcrm.ui.error_report import open_log_folder

        if not open_log_folder():
            from infcrm.ui.error_report import log_file

            self.statusBar().showMessage(f"The log is in {log_file().parent}", 10000)

    def _on_shortcuts(self) -> None:
        from infcrm.ui.dialogs.shortcuts_dialog import ShortcutsDialog  # loaded when first used

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_dialog = dialog
        dialog.open()

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            "About infcrm",
            f"<b>infcrm {__version__}</b><br>A CRM for influencer relationships that keeps "
            f"everything on this computer.<br><br>Your data: {self.db.path}",
        )

    def _on_undo_index_changed(self, index: int) -> None:
        undone = index < self._undo_index
        self._undo_index = index
        if undone:
            self.statusBar().showMessage(f"Undone: {self.undo_stack.text(index)}", 5000)

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
