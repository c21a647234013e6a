"""The import wizard's last pages: what the import will do (stages, strictness), then done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from infcrm.files.import_apply import apply_plan, refusal_message, summarise
from infcrm.files.import_command import undo_words
from infcrm.files.import_plan import ImportPlan
from infcrm.services.changes import NOTHING, Changes
from infcrm.services.errors import ServerUnreachable
from infcrm.services.exchange.import_duplicates import import_note
from infcrm.services.outreach import pipeline, stage_edits
from infcrm.services.progress import Cancelled
from infcrm.ui import operations
from infcrm.ui.dialogs.import_wizard_common import ColumnsChanged, not_yet, wrapped_label
from infcrm.ui.import_undo import people_import_title, push_import

if TYPE_CHECKING:
    from infcrm.ui.dialogs.import_wizard import ImportWizard

LEAVE_EMPTY = "Leave empty (first stage)"
NEW_STAGE = object()  # the combo entry that adds the file's value as a stage of its own


def new_stage_name(value: str) -> str:
    """“maybe  later” → “Maybe later”: the name a stage made from a file's value gets."""
    text = " ".join(value.split())[: pipeline.STAGE_NAME_MAX]
    return text[:1].upper() + text[1:]


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count:,} people"


def headline(plan: ImportPlan) -> str:
    """“Import 996 people (4 rows need attention)”, or why nothing can be imported."""
    refusal = refusal_message(plan)
    if refusal:
        return "Nothing can be imported yet"
    writes = plan.writes
    text = f"Import {_people(writes)}"
    if plan.attention:
        rows = "1 row needs" if plan.attention == 1 else f"{plan.attention:,} rows need"
        text += f" ({rows} attention)"
    return text


class SummaryPage(QWizardPage):
    """Step 5: how many people will be imported, the stages understood, strictness; Import."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Check and import")
        self.setSubTitle("Nothing has been written yet. Import adds everything in one go.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.headline = QLabel()
        self.headline.setObjectName("importHeadline")
        self.headline.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.advice = wrapped_label("")
        self.strict = QCheckBox("Strict: import nothing if any row or cell has a problem")
        self.strict.toggled.connect(self._on_strict)
        self.stages_box = QGroupBox("Stages in the file")
        self.stages_form = QFormLayout(self.stages_box)
        self.stage_combos: dict[str, QComboBox] = {}
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.advice)
        layout.addWidget(self.strict)
        layout.addWidget(self.stages_box)
        layout.addWidget(self.details, 1)
        self.plan: ImportPlan | None = None

    def initializePage(self) -> None:
        """Check every row (in the background) and say what the import will do."""
        self.strict.blockSignals(True)
        self.strict.setChecked(self.w.strict)
        self.strict.blockSignals(False)
        self._check()

    def _on_strict(self, checked: bool) -> None:
        self.w.strict = checked
        self._check()

    def _check(self) -> None:
        try:
            self.plan = self.w.make_plan(limit=None)
        except Cancelled:
            self.plan = None
            self.headline.setText("Checking was cancelled")
            self.advice.setText("Go back and forward again to check the rows.")
            self.completeChanged.emit()
            return
        except ColumnsChanged as exc:
            self.plan = None
            self.headline.setText("The file changed")
            self.advice.setText(str(exc))
            self.details.clear()
            self.completeChanged.emit()
            return
        plan = self.plan
        summary = summarise(plan, dry_run=True)
        self.headline.setText(headline(plan))
        refusal = refusal_message(plan)
        if refusal:
            advice = not_yet(refusal)
            if plan.count("reject") and not plan.lacks_platform and not plan.strict:
                advice += (
                    " Fill in a name, email or handle in the file, or go Back and match the "
                    "column that holds one."
                )
        else:
            advice = summary.headline().replace("Would create", "Will create").rstrip(".") + "."
            advice += " Everything goes in at once; Edit › Undo last import takes it back."
            if plan.count("reject"):
                advice += (
                    " The rows not imported are saved beside the file, with why, to fix and "
                    "import again."
                )
        if plan.lacks_platform:  # the rows say what is missing; where to choose it is ours
            advice += " For rows with no platform, go Back to “Sheet and platform” and choose it."
        self.advice.setText(advice)
        writes = plan.writes
        self.setButtonText(
            QWizard.WizardButton.CommitButton, f"&Import {_people(writes)}" if writes else "&Import"
        )
        self._show_stages(plan)
        lines = list(summary.problems[:500]) + list(summary.notes)
        lines += list(summary.skipped_reasons[:500]) + list(summary.added_reasons[:500])
        self.details.setPlainText("\n".join(lines) or "Every row is ready.")
        self.completeChanged.emit()

    def _show_stages(self, plan: ImportPlan) -> None:
        """One line per stage value in the file, with the stage it becomes (the user may pick)."""
        while self.stages_form.rowCount():
            self.stages_form.removeRow(0)
        self.stage_combos = {}
        self.stages_form.addRow(
            wrapped_label(
                "Each status in the file becomes one of your stages. Pick another, or choose "
                "“New stage …” to add the file's word to your pipeline."
            )
        )
        for value, stage in plan.stages.items():
            combo = QComboBox()
            combo.addItem(LEAVE_EMPTY, None)
            for name, stage_id in plan.stage_ids.items():
                combo.addItem(name, stage_id)
            name = new_stage_name(value)
            if name.casefold() not in {n.casefold() for n in plan.stage_ids}:
                combo.addItem(f"New stage “{name}”", NEW_STAGE)
                combo.setItemData(
                    combo.count() - 1,
                    f"Add “{name}” to your pipeline (after the last open stage) and use it here",
                    Qt.ItemDataRole.ToolTipRole,
                )
            combo.setCurrentIndex(max(0, combo.findText(stage)) if stage else 0)
            combo.activated.connect(lambda _i, v=value, c=combo: self._on_stage(v, c))
            self.stages_form.addRow(f"“{value}” →", combo)
            self.stage_combos[value] = combo
        self.stages_box.setVisible(bool(plan.stages))

    def _on_stage(self, value: str, combo: QComboBox) -> None:
        chosen = combo.currentData()
        if chosen is NEW_STAGE:
            name = new_stage_name(value)
            added = operations.run(
                self,
                "New stage",
                lambda: stage_edits.add_alone(self.w.db, name),
                general=self.advice.setText,
            )
            if not added.ok or added.value is None:  # the name is taken (perhaps archived)
                combo.setCurrentIndex(0)
                return
            chosen = int(added.value.value)  # type: ignore[call-overload]
            # Undone with the import (or on its own if nothing is imported): see import_undo.
            self.w.added_stages.append((chosen, name, added.value.undo))
            self.w.forget_known()  # the plan reads the stages with the people
        self.w.stage_choices[value] = chosen
        self._check()

    def isComplete(self) -> bool:
        """Import only a plan that can be imported."""
        return self.plan is not None and refusal_message(self.plan) is None

    def validatePage(self) -> bool:
        """Back up, then write the import in the background; Cancel changes nothing."""
        plan = self.plan
        if plan is None or not self.isComplete():
            return False
        imported = operations.run_in_background(
            self,
            "Importing",
            lambda progress: apply_plan(self.w.db, plan, progress),
            # The copy, then who is there now, come before the first row's report: seconds at
            # 100,000 people that said only “Working…”.
            label="Saving a copy of your data, then importing…",
            changes=lambda summary: NOTHING if summary.refused else Changes(people=()),
            general=self.advice.setText,
        )
        if imported.cancelled:
            self.advice.setText("The import was cancelled; nothing was changed.")
        if isinstance(imported.error, ServerUnreachable):  # said for an import, not a form
            self.advice.setText(
                f"Nothing was imported: the server {imported.error.host} does not answer. "
                "The file and your choices stay here: import again with the button below once "
                "it is back."
            )
        if not imported.ok:
            return False
        summary = self.w.summary = imported.value
        if summary.refused:  # another import added the same people meanwhile
            self.advice.setText(summary.refused)
            return False
        push_import(
            self.w.db,
            summary.batch_id,
            people_import_title(summary.created, summary.updated),
            summary.file_name,
            Changes(people=()),
            [(stage_id, point) for stage_id, _name, point in self.w.added_stages],
        )
        self.w.added_stages = []
        return True


class DonePage(QWizardPage):
    """Step 6: what was imported, where the rows not imported went, and how to undo it."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Imported")
        self.setSubTitle("The people are in your list now.")
        self.text = wrapped_label("")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def nextId(self) -> int:
        """The last page: Finish closes the wizard (the restore page, numbered after this one,
        is reached only from the first page)."""
        return -1

    def initializePage(self) -> None:
        """Say what happened."""
        restored = self.w.restored
        if restored is not None:
            self.setTitle("Restored")
            self.setSubTitle("Everything from the export is in this database now.")
            self.text.setText(
                f"{restored.file_name}: restored {restored.describe()} from an infcrm export."
                "\n\nEdit › Undo last import removes it all again. A copy of your data was "
                "saved before the restore."
            )
            return
        summary = self.w.summary
        if summary is None:
            return
        marked = (
            f"Imported people are marked as found by import, from “{summary.file_name}”, so "
            "you can filter them. "
            if summary.created
            else ""
        )
        text = (
            f"{summary.file_name}: {summary.headline()}\n\n{marked}Edit › Undo last import "
            f"takes it back: {undo_words(summary)}. A copy of your data was saved before the "
            "import."
        )
        if summary.not_imported_path is not None:
            text += (
                f"\n\nThe rows not imported are in {summary.not_imported_path}, with why; fix "
                "them there and import that file again."
            )
        duplicates = import_note(summary.possible_duplicates)
        if duplicates:
            text += f"\n\n{duplicates}"
        self.text.setText(text)
