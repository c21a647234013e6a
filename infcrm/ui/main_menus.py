"""The main window's menus: what each holds, in order, with shortcuts, tooltips and icons."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from infcrm.ui import icons, undo_commands, your_name
from infcrm.ui.data_safety import DataSafety
from infcrm.ui.database_menu import DatabaseMenu
from infcrm.ui.outreach_menu import OutreachMenu
from infcrm.ui.server_menu import ServerMenu
from infcrm.ui.views.screen import SCREENS, Command

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu


class MainMenus:
    """Builds the menu bar of `MainWindow`; the entries call the window's commands."""

    menus: dict[str, QMenu]

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
        undo, redo = undo_commands.stack_actions(self.undo_stack, self)
        # Every key the system binds (setShortcut would keep only the first: Ctrl+Y, not
        # Ctrl+Shift+Z, for Redo).
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        undo.setIcon(icons.icon("undo"))
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
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
            self.open_import_wizard,
            "Ctrl+I",
            "Bring influencers in from an Excel or CSV file, with a preview first",
            icon="import",
        )
        self.add_action(
            "file",
            "Import &orders…",
            self._on_import_orders,
            None,
            "Bring in your shop's order export (Shopify, WooCommerce, Etsy) to see what each "
            "creator sold",
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
        self.menus["file"].addSeparator()
        self.server_menu = ServerMenu(self)  # Connect to a server…, Move this database to a server…
        your_name.add_menu_entry(self)  # File › Your name…
        self.menus["file"].addSeparator()
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
        self.outreach_menu = OutreachMenu(self)  # Compose…, Outreach templates…
        self.menus["edit"].addSeparator()
        self.add_action(
            "file",
            "Export follow-ups to &calendar…",
            self._on_export_calendar,
            None,
            "Save the open follow-ups as an .ics file your calendar app imports",
            icon="calendar",
        )
