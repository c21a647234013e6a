"""What the main window's menu entries do: open a dialog, or hand the command to a screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from infcrm import __version__
from infcrm.ui.views.screen import Command

if TYPE_CHECKING:
    from infcrm.db.engine import Database


class MenuCommands:
    """The slots of `MainWindow`'s menu entries; each dialog is loaded when first used."""

    db: Database

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

    def _on_new_influencer(self) -> None:
        self.show_view("influencers")
        self._on_view_command(Command.NEW_INFLUENCER)

    def _on_export(self) -> None:
        from infcrm.ui.dialogs.export_dialog import ExportDialog  # loaded when first used

        ExportDialog.run_for(self, self.db)

    def open_import_wizard(self) -> None:
        """File › Import…, and every “Import…” that starts one (empty screens, Export)."""
        from infcrm.ui.dialogs.import_wizard import ImportWizard  # loaded when first used

        ImportWizard.run_for(self, self.db)

    def _on_import_orders(self) -> None:
        from infcrm.ui.dialogs.orders_import_dialog import OrdersImportDialog

        OrdersImportDialog.run_for(self, self.db)

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
            f"everything on this computer.<br><br>Your data: {self.db.url}",
        )
