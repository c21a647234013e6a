"""Save the influencer list's search, filters, sort and columns as a view, or rename a view."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.people import saved_views
from infcrm.services.people.influencer_types import ListQuery
from infcrm.services.people.saved_views import SavedView
from infcrm.services.restore_points import Undoable
from infcrm.ui import operations, theme, undo_commands
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.widgets.field_error import FieldError, with_error


def push_change(db: Database, title: str, done: Undoable) -> None:
    """One step of Edit › Undo for a saved-view change (operations.run has told the screens)."""
    undo_commands.push(
        undo_commands.ChangeCommand(
            db, title, done.undo, lambda: operations.announce(done.changes), announced=True
        )
    )


class SavedViewDialog(AsksBeforeClosing, QDialog):
    """A name for the list as it is now (`view` None), or a new name for `view`."""

    def __init__(
        self,
        db: Database,
        query: ListQuery,
        columns: tuple[str, ...],
        view: SavedView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.query = query
        self.columns = columns
        self.view = view
        self.saved_id: int | None = None
        self.setWindowTitle("Rename view" if view else "Save view")
        self.setMinimumWidth(480)
        self.errors: dict[str, FieldError] = {}
        self.name = QLineEdit(view.name if view else "")
        self.name.setObjectName("view_name")
        self.name.setMaxLength(saved_views.NAME_MAX + 20)  # room to see it is too long
        self.name.setPlaceholderText("e.g. Micro food creators in Germany, not contacted")
        self.name.setToolTip("How the view is listed in the sidebar")
        kept = QLabel(
            saved_views.describe(db, view.query, view.columns)
            if view
            else saved_views.describe(db, query, columns)
        )
        kept.setObjectName("view_description")
        kept.setWordWrap(True)
        theme.set_role(kept, "secondary")
        form = QFormLayout()
        form.addRow("Name", with_error("name", self.name, self.errors))
        form.addRow("Shows", kept)
        intro = QLabel(
            "A view keeps the list's search, filters, sort and columns under a name in the "
            "sidebar, with how many people it shows."
            if view is None
            else "The view keeps its search, filters, sort and columns."
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.name.setFocus()
        self.name.selectAll()
        self.mark_clean()

    def save_changes(self) -> bool:
        """Save as the Save button does (which closes the dialog when it worked)."""
        self._on_save()
        return not self.isVisible()

    def _on_save(self) -> None:
        self.errors["name"].clear_error()
        name, view = self.name.text(), self.view
        if view is None:
            outcome = operations.run(
                self,
                "Save view",
                lambda: saved_views.create(self.db, name, self.query, self.columns),
                form=self.errors,
                general=self.errors["name"],
            )
        else:
            outcome = operations.run(
                self,
                "Rename view",
                lambda: saved_views.rename(self.db, view.id, name),
                form=self.errors,
                general=self.errors["name"],
            )
        if not outcome.ok or outcome.value is None:
            return
        done = outcome.value
        shown = " ".join(name.split())
        title = (
            f"saving of view “{shown}”"
            if view is None
            else f"rename of view “{view.name}” to “{shown}”"
        )
        push_change(self.db, title, done)
        self.saved_id = int(done.value)  # type: ignore[arg-type]
        self.accept()


__all__ = ["SavedViewDialog", "push_change"]
