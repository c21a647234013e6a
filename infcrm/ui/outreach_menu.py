"""Edit › Compose… and Edit › Outreach templates…: writing to many people from a template."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

if TYPE_CHECKING:
    from infcrm.ui.dialogs.compose_dialog import ComposeDialog
    from infcrm.ui.main_window import MainWindow

COMPOSE_SHORTCUT = "Ctrl+Shift+M"


class OutreachMenu(QObject):
    """The window's Compose and Outreach templates entries."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.compose_dialog: ComposeDialog | None = None
        self.compose_action = window.add_action(
            "edit",
            "Co&mpose…",
            self.compose,
            COMPOSE_SHORTCUT,
            "Write to the selected people from a template: an email each, or a direct message "
            "to copy, logged with a follow-up (one step to undo)",
            icon="send",
        )
        self.templates_action = window.add_action(
            "edit",
            "Outreach &templates…",
            self.edit_templates,
            None,
            "The emails and direct messages Compose starts from, and your signature",
            icon="edit",
        )

    def compose(self) -> None:
        """Compose for the people chosen on the screen on show (list, board or person page)."""
        from infcrm.ui.compose_sending import open_compose  # loaded when first used

        ids = self.window.current_view().selected_influencer_ids()
        self.compose_dialog = open_compose(self.window, self.window.db, ids)

    def edit_templates(self) -> None:
        """Open the outreach template manager."""
        from infcrm.ui.dialogs.outreach_templates_dialog import OutreachTemplatesDialog

        dialog = OutreachTemplatesDialog(self.window.db, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.templates_dialog = dialog
        dialog.open()


__all__ = ["COMPOSE_SHORTCUT", "OutreachMenu"]
