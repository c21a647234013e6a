"""What can be done to the people in the Influencers list: edit one or many, add them to a
campaign, write to them, move them to the trash or forget them, from the list's menu too."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint
from PySide6.QtWidgets import QDialog, QMenu

from infcrm.ui.undo_commands import TrashCommand, people
from infcrm.ui.views.trash_view import chosen_or_hint, forget_with_confirmation, show_status


class InfluencerActions:
    """The Influencers screen's actions (an InfluencersView part: it holds _db, _undo_stack,
    table, model, select_influencer, selected_influencer_ids and listed_influencer_ids)."""

    def edit_selected(self) -> None:
        """“Edit N people…” for the selection (or the whole list)."""
        from infcrm.ui.bulk_edit import edit_people

        edit_people(self, self._db, self.selected_influencer_ids(), self.listed_influencer_ids())

    def add_to_campaign(self) -> None:
        """Add the selected influencers to a campaign, asking which."""
        from infcrm.ui.dialogs.campaign_picker_dialog import add_to_campaign

        add_to_campaign(self, self._db, self.selected_influencer_ids())

    def add_influencer(self) -> None:
        """Open the form for a new influencer (Ctrl+N)."""
        self._open_editor(None)

    def edit_current(self) -> None:
        """Open the form for the influencer with the keyboard focus (Enter)."""
        influencer_id = self.table.current_id()
        if influencer_id is not None:
            self._open_editor(influencer_id)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open_editor(self.model.id_at(index.row()))

    def _open_editor(self, influencer_id: int | None) -> None:
        # Imported here: the form is only needed when someone opens it.
        from infcrm.ui.dialogs.influencer_dialog import InfluencerDialog

        dialog = InfluencerDialog(self._db, influencer_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
            # The dialog announced the change; the list reads it back in the background, so
            # the saved person is selected once it is in (a new one is not there yet).
            self.select_influencer(dialog.saved_id)

    def trash_selected(self) -> None:
        """Move the selected influencers to the trash (Del); Ctrl+Z brings them back."""
        ids, name = chosen_or_hint(self, self.table, "move to the trash")
        if not ids:
            return
        self._undo_stack.push(TrashCommand(self._db, ids, name))
        show_status(self, f"Moved {people(len(ids), name)} to the trash — Undo (Ctrl+Z)")

    def forget_selected(self) -> None:
        """Erase the selected influencers for good, after asking."""
        ids, name = chosen_or_hint(self, self.table, "forget")
        forget_with_confirmation(self, self._db, ids, self._undo_stack, name)

    def _on_table_menu(self, pos: QPoint) -> None:
        if not self.table.indexAt(pos).isValid():
            return
        menu = self.table_menu()
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def compose_to_selected(self) -> None:
        """Compose… a message from a template to every selected person."""
        from infcrm.ui.compose_sending import open_compose  # loaded when first used

        self.compose_dialog = open_compose(self.window(), self._db, self.table.selected_ids())

    def table_menu(self) -> QMenu:
        """The list's context menu."""
        menu = QMenu(self)
        menu.addAction("Edit…", self.edit_current)
        count = len(self.table.selected_ids())
        menu.addAction(
            f"Edit {count:,} people…" if count > 1 else "Edit people…", self.edit_selected
        )
        menu.addAction("Add to campaign…", self.add_to_campaign)
        menu.addAction("Compose…", self.compose_to_selected)
        menu.addAction("Move to trash", self.trash_selected)
        menu.addSeparator()
        menu.addAction("Forget…", self.forget_selected)
        return menu


__all__ = ["InfluencerActions"]
