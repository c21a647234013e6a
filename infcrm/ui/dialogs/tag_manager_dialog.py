"""Edit › Tags…: every tag with its count of people; rename, merge, colour and delete.

Each button makes one change at once (nothing waits for a Save) and puts it on the undo
stack, so Ctrl+Z takes it back even after the dialog is closed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.changes import Changes
from infcrm.services.people import tags
from infcrm.services.people.bulk_types import BulkResult, people_count
from infcrm.services.people.tags import TagInfo
from infcrm.ui import operations, undo_commands
from infcrm.ui.events import events
from infcrm.ui.models.record_table_model import Column, Index, RecordTableModel, record_table
from infcrm.ui.question_box import ask_yes
from infcrm.ui.screen_fit import comfortable_size


class TagTableModel(RecordTableModel[TagInfo]):
    """Tags with a swatch of their colour beside the name."""

    def __init__(self, parent=None) -> None:
        super().__init__(
            [
                Column("Tag", lambda t: t.name),
                Column("People", lambda t: f"{t.people:,}", numeric=True),
                Column("Colour", lambda t: t.colour or "—"),
            ],
            parent,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The swatch (decoration of the first column), else what every record table shows."""
        if role == Qt.ItemDataRole.DecorationRole:
            if index.isValid() and index.column() == 0:
                colour = self.records[index.row()].colour
                return QColor(colour) if colour else None
            return None
        return super().data(index, role)


class TagManagerDialog(QDialog):
    """The tag manager (not modal: the list behind it refreshes as tags change)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Tags")
        comfortable_size(self, 520, 440)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Every tag and how many people carry it. Each change is one step that "
            "Edit › Undo (Ctrl+Z) takes back."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = TagTableModel(self)
        self.table = record_table(self.model)
        self.table.setAccessibleName("Tags")
        # The tag's name takes the room; count and colour are short (names were cut to “…”).
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.rename())
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        side = QVBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
            ("rename", "Rename…", "Give the tag another name on everyone", self.rename),
            ("merge", "Merge into…", "Give everyone with this tag another tag instead", self.merge),
            ("colour", "Colour…", "Choose the tag's colour", self.choose_colour),
            ("no_colour", "No colour", "Take the tag's colour away", self.clear_colour),
            ("delete", "Delete…", "Take the tag off everyone (the people stay)", self.delete),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            side.addWidget(button)
            self.buttons[key] = button
        side.addStretch(1)
        row.addLayout(side)
        layout.addLayout(row)
        self.empty = QLabel("No tags yet: add them on a person's form or with Edit › Edit people….")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.said = QLabel()  # what the last change did
        self.said.setWordWrap(True)
        layout.addWidget(self.said)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        # Undo from the main window changes tags too: the list follows.
        events.influencers_changed.connect(self._on_tags_changed)
        self.reload()

    def reload(self, keep: str | None = None) -> None:
        """Read the tags again, keeping `keep` (or the current tag) selected."""
        current = keep or (self.current().name if self.current() else None)
        self.model.set_records(tags.tag_list(self.db))
        self.empty.setVisible(not self.model.records)
        names = [t.name.casefold() for t in self.model.records]
        if names:
            wanted = current.casefold() if current else None
            self.table.selectRow(names.index(wanted) if wanted in names else 0)
        self._on_selection_changed()

    def _on_tags_changed(self, *_args: object) -> None:
        if self.isVisible():
            self.reload()

    def current(self) -> TagInfo | None:
        """The tag selected in the list."""
        return self.model.record(self.table.currentIndex().row())

    def _on_selection_changed(self, *_args: object) -> None:
        chosen = self.current()
        for key, button in self.buttons.items():
            button.setEnabled(chosen is not None and (key != "no_colour" or bool(chosen.colour)))
        self.buttons["merge"].setEnabled(chosen is not None and len(self.model.records) > 1)

    # Changes ------------------------------------------------------------------------------

    def _apply(self, change, keep: str | None = None) -> BulkResult | None:
        """Run one service change; on success push it on the undo stack and say what it did."""
        outcome = operations.run(self, "Tags", change)
        if not outcome.ok:
            self.reload(keep)  # a teammate may have renamed or removed the tag meanwhile
            return None
        result: BulkResult = outcome.value  # type: ignore[assignment]
        changes = Changes(people=result.changed)
        undo_commands.push(
            undo_commands.ChangeCommand(
                self.db, result.title, result.undo, lambda: operations.announce(changes)
            )
        )
        self.reload(keep)
        self.said.setText(f"{result.summary} Undo: Ctrl+Z.")
        return result

    def rename(self) -> None:
        """Ask for a new name for the selected tag."""
        chosen = self.current()
        if chosen is None:
            return
        name, ok = QInputDialog.getText(
            self, "Rename tag", f"New name for “{chosen.name}”:", text=chosen.name
        )
        if ok and name.strip() and name.strip() != chosen.name:
            self._apply(lambda: tags.rename_tag(self.db, chosen.name, name), keep=name.strip())

    def merge(self) -> None:
        """Ask which tag the selected one joins."""
        chosen = self.current()
        if chosen is None:
            return
        others = [t.name for t in self.model.records if t.name != chosen.name]
        target, ok = QInputDialog.getItem(
            self,
            "Merge tags",
            f"Everyone tagged “{chosen.name}” ({people_count(chosen.people)}) gets this tag "
            "instead:",
            others,
            0,
            False,
        )
        if ok and target:
            self._apply(lambda: tags.merge_tags(self.db, chosen.name, target), keep=target)

    def choose_colour(self) -> None:
        """Pick the selected tag's colour."""
        chosen = self.current()
        if chosen is None:
            return
        colour = QColorDialog.getColor(
            QColor(chosen.colour or "#3a7bd5"), self, f"Colour of “{chosen.name}”"
        )
        if colour.isValid():
            self._apply(lambda: tags.set_tag_colour(self.db, chosen.name, colour.name()))

    def clear_colour(self) -> None:
        """Take the selected tag's colour away."""
        chosen = self.current()
        if chosen is not None:
            self._apply(lambda: tags.set_tag_colour(self.db, chosen.name, None))

    def delete(self) -> None:
        """Take the selected tag off everyone, after asking."""
        chosen = self.current()
        if chosen is None:
            return
        if ask_yes(
            self,
            "Delete tag",
            f"Take “{chosen.name}” off {people_count(chosen.people)}? The people stay; "
            "Edit › Undo brings the tag back.",
        ):
            self._apply(lambda: tags.delete_tag(self.db, chosen.name))


__all__ = ["TagManagerDialog", "TagTableModel"]
