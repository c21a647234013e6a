"""Pipeline stages: rename, reorder, add, archive (moving its people on) and restore."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.outreach import pipeline, stage_edits
from infcrm.services.outreach.outreach_types import BoardQuery
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import StageInfo
from infcrm.services.restore_points import Undoable
from infcrm.ui import operations, theme, undo_commands
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing
from infcrm.ui.operations import Outcome
from infcrm.ui.screen_fit import comfortable_size
from infcrm.ui.widgets.field_error import FieldError

_STAGE_ROLE = Qt.ItemDataRole.UserRole


def _people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


class StagesDialog(AsksBeforeClosing, QDialog):
    """Each change is saved at once (one action, one save) and every screen follows it."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Pipeline stages")
        self._counts: dict[int, int] = {}

        self.stage_list = QListWidget()
        self.stage_list.setObjectName("stage_list")
        self.stage_list.setAccessibleName("Stages in board order")
        self.stage_list.currentItemChanged.connect(self._on_stage_chosen)
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Show this stage one column earlier on the board")
        self.up_button.clicked.connect(lambda: self._on_move(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Show this stage one column later on the board")
        self.down_button.clicked.connect(lambda: self._on_move(1))
        self.order_error = FieldError(self.stage_list)
        self.note = QLabel()
        self.note.setObjectName("stages_note")
        self.note.setWordWrap(True)

        # Rename the chosen stage.
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Name of the chosen stage")
        self.name_edit.returnPressed.connect(self._on_rename)
        self.rename_button = QPushButton("Rename")
        self.rename_button.setToolTip("Give the chosen stage this name")
        self.rename_button.clicked.connect(self._on_rename)
        self.name_error = FieldError(self.name_edit)

        # Archive the chosen stage, moving its people on.
        self.move_to = QComboBox()
        self.move_to.setAccessibleName("Move its people to")
        self.move_to.setToolTip("Where the people in this stage go when it is archived")
        self.archive_button = QPushButton("Archive")
        self.archive_button.setToolTip("Hide this stage from the board (you can restore it)")
        self.archive_button.clicked.connect(self._on_archive)
        self.archive_error = FieldError(self.move_to)

        chosen = QGroupBox("Chosen stage")
        grid = QGridLayout(chosen)
        grid.addWidget(QLabel("Name"), 0, 0)
        grid.addWidget(self.name_edit, 0, 1)
        grid.addWidget(self.rename_button, 0, 2)
        grid.addWidget(self.name_error, 1, 1, 1, 2)
        grid.addWidget(QLabel("Move its people to"), 2, 0)
        grid.addWidget(self.move_to, 2, 1)
        grid.addWidget(self.archive_button, 2, 2)
        grid.addWidget(self.archive_error, 3, 1, 1, 2)
        grid.setColumnStretch(1, 1)

        # Add a stage.
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("Name of the new stage, like “Sample sent”")
        self.new_name.setAccessibleName("Name of the new stage")
        self.new_name.returnPressed.connect(self._on_add)
        self.new_closed = QCheckBox("Closed (the relationship ended, like “Declined”)")
        self.add_button = QPushButton("Add stage")
        self.add_button.setToolTip("Add the stage after the last open stage")
        self.add_button.clicked.connect(self._on_add)
        self.add_error = FieldError(self.new_name)
        adding = QGroupBox("New stage")
        add_layout = QGridLayout(adding)
        add_layout.addWidget(self.new_name, 0, 0)
        add_layout.addWidget(self.add_button, 0, 1)
        add_layout.addWidget(self.add_error, 1, 0, 1, 2)
        add_layout.addWidget(self.new_closed, 2, 0, 1, 2)

        # Archived stages.
        self.archived_list = QListWidget()
        self.archived_list.setObjectName("archived_list")
        self.archived_list.setAccessibleName("Archived stages")
        self.archived_list.setMaximumHeight(90)
        self.archived_list.currentItemChanged.connect(self._update_buttons)
        self.restore_button = QPushButton("Restore")
        self.restore_button.setToolTip("Put the archived stage back at the end of the board")
        self.restore_button.clicked.connect(self._on_restore)
        self.archived_hint = QLabel(
            "Stages you archived: hidden from the board and its menus. Restore one to put it "
            "back at the end of the board."
        )
        self.archived_hint.setWordWrap(True)
        theme.set_role(self.archived_hint, "secondary")
        # Shown from the first archived stage on: an empty box said nothing.
        self.archived_box = archived = QGroupBox("Archived stages")
        archived_layout = QGridLayout(archived)
        archived_layout.addWidget(self.archived_hint, 0, 0, 1, 2)
        archived_layout.addWidget(self.archived_list, 1, 0)
        archived_layout.addWidget(self.restore_button, 1, 1, Qt.AlignmentFlag.AlignTop)
        archived_layout.setColumnStretch(0, 1)

        order_buttons = QVBoxLayout()
        order_buttons.addWidget(self.up_button)
        order_buttons.addWidget(self.down_button)
        order_buttons.addStretch(1)
        lists = QHBoxLayout()
        lists.addWidget(self.stage_list, 1)
        lists.addLayout(order_buttons)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Stages in board order (changes are saved at once):"))
        layout.addLayout(lists, 1)
        layout.addWidget(self.order_error)
        layout.addWidget(chosen)
        layout.addWidget(adding)
        layout.addWidget(archived)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        comfortable_size(self, 560, 640)
        self.reload()

    # Contents -----------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the stages and how many people each holds; keep or set the chosen stage."""
        current = self.current_stage()
        wanted = select_id if select_id is not None else (current.id if current else None)
        columns = pipeline.board(self.db, BoardQuery(), per_column=0)
        self._counts = {c.stage.id: c.total for c in columns}
        every = influencers.stages(self.db, include_archived=True)
        self.stage_list.blockSignals(True)
        self.stage_list.clear()
        self.archived_list.clear()
        for stage in every:
            if stage.archived:
                item = QListWidgetItem(stage.name)
                item.setData(_STAGE_ROLE, stage)
                self.archived_list.addItem(item)
                continue
            closed = " (closed)" if stage.is_closed else ""
            item = QListWidgetItem(
                f"{stage.name}{closed} — {_people(self._counts.get(stage.id, 0))}"
            )
            item.setData(_STAGE_ROLE, stage)
            self.stage_list.addItem(item)
        self.stage_list.blockSignals(False)
        self.archived_box.setVisible(self.archived_list.count() > 0)
        rows = [
            self.stage_list.item(r).data(_STAGE_ROLE).id for r in range(self.stage_list.count())
        ]
        self.stage_list.setCurrentRow(rows.index(wanted) if wanted in rows else 0)
        self._on_stage_chosen()

    def current_stage(self) -> StageInfo | None:
        """The active stage chosen in the list."""
        item = self.stage_list.currentItem()
        return item.data(_STAGE_ROLE) if item is not None else None

    def active_stages(self) -> list[StageInfo]:
        """The active stages in board order, as listed."""
        return [self.stage_list.item(r).data(_STAGE_ROLE) for r in range(self.stage_list.count())]

    def _on_stage_chosen(self, *_args: object) -> None:
        stage = self.current_stage()
        for error in (self.name_error, self.archive_error, self.order_error):
            error.clear_error()
        self.name_edit.setText(stage.name if stage else "")
        self.move_to.clear()
        if stage is not None:
            held = self._counts.get(stage.id, 0)
            self.move_to.addItem("Choose a stage…" if held else "(nobody to move)", None)
            for other in self.active_stages():
                if other.id != stage.id:
                    self.move_to.addItem(other.name, other.id)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        row, count = self.stage_list.currentRow(), self.stage_list.count()
        chosen = row >= 0
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < count - 1)
        for widget in (self.rename_button, self.name_edit, self.archive_button, self.move_to):
            widget.setEnabled(chosen)
        self.restore_button.setEnabled(self.archived_list.currentItem() is not None)

    def _changed(self, select_id: int | None, note: str) -> None:
        """After a saved change (the operation told every screen): re-read, say what happened."""
        self.reload(select_id)
        self.note.setText(note)

    def _run(
        self,
        title: str,
        action: Callable[[], Undoable],
        step: str,
        error: FieldError | None = None,
    ) -> Outcome[Undoable]:
        """Run a stage action through the one operation path and, once it is made, put it on
        the undo stack as “Undo STEP”; its outcome."""
        outcome = operations.run(
            self,
            title,
            action,
            form=lambda errors: error.show_error(next(iter(errors.values()))) if error else None,
            general=error if error is not None else self.note.setText,
        )
        if outcome.ok:
            undo_commands.remember(self.db, step, outcome.value, self)
        return outcome

    # Closing ----------------------------------------------------------------------------

    unsaved_question = "You typed a stage name that is not applied yet. Apply it before closing?"

    def _pending(self) -> tuple[bool, bool]:
        """(a rename typed but not applied, a new stage named but not added)."""
        stage = self.current_stage()
        typed = self.name_edit.text().strip()
        return (
            stage is not None and typed not in ("", stage.name),
            bool(self.new_name.text().strip()),
        )

    def has_unsaved_changes(self) -> bool:
        """Whether a typed name would be lost by closing."""
        return any(self._pending())

    def save_changes(self) -> bool:
        """Apply the typed rename and add the named stage; False when one was refused."""
        rename, add = self._pending()
        if rename:
            self._on_rename()
        if add:
            self._on_add()
        return not self.has_unsaved_changes()

    # Actions ------------------------------------------------------------------------------

    def _on_rename(self) -> None:
        stage = self.current_stage()
        if stage is None:
            return
        name = self.name_edit.text()
        done = self._run(
            "Rename stage",
            lambda: stage_edits.rename(self.db, stage.id, name),
            f"renaming of the stage “{stage.name}” to “{name.strip()}”",
            self.name_error,
        )
        if not done.ok:
            self.name_edit.setFocus()
            return
        self._changed(stage.id, f"Renamed “{stage.name}” to “{self.name_edit.text().strip()}”.")

    def _on_move(self, step: int) -> None:
        stage = self.current_stage()
        order = [s.id for s in self.active_stages()]
        if stage is None:
            return
        place = order.index(stage.id)
        target = place + step
        if not 0 <= target < len(order):
            return
        order[place], order[target] = order[target], order[place]
        done = self._run(
            "Move stage",
            lambda: stage_edits.reorder(self.db, order),
            f"move of the stage “{stage.name}”",
            self.order_error,
        )
        if not done.ok:
            self.reload(stage.id)
            self.order_error.show_error(done.message or "")
            return
        self._changed(stage.id, "")

    def _on_add(self) -> None:
        typed, closed = self.new_name.text(), self.new_closed.isChecked()
        added = self._run(
            "Add stage",
            lambda: stage_edits.add(self.db, typed, closed),
            f"new stage “{typed.strip()}”",
            self.add_error,
        )
        if not added.ok:
            self.new_name.setFocus()
            return
        new_id = int(added.value.value)  # type: ignore[call-overload]
        name = self.new_name.text().strip()
        self.new_name.clear()
        self.new_closed.setChecked(False)
        self._changed(new_id, f"Added “{name}”.")

    def _on_archive(self) -> None:
        stage = self.current_stage()
        if stage is None:
            return
        move_to = self.move_to.currentData()
        archived = self._run(
            "Archive stage",
            lambda: stage_edits.archive(self.db, stage.id, move_to),
            f"archiving of the stage “{stage.name}”",
            self.archive_error,
        )
        if not archived.ok:
            self.move_to.setFocus()
            return
        note = f"Archived “{stage.name}”."
        moved = int(archived.value.value)  # type: ignore[call-overload]
        if moved:
            note += f" {_people(moved)} moved to “{self.move_to.currentText()}”."
        self._changed(move_to, note)

    def _on_restore(self) -> None:
        item = self.archived_list.currentItem()
        if item is None:
            return
        stage: StageInfo = item.data(_STAGE_ROLE)
        step = f"restore of the stage “{stage.name}”"
        if not self._run("Restore stage", lambda: stage_edits.restore(self.db, stage.id), step).ok:
            return
        self._changed(stage.id, f"Restored “{stage.name}” at the end of the board.")


__all__ = ["StagesDialog"]
