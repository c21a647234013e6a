"""The one template editor, as agreement templates and as outreach templates: each keeps its
own fields and words, and every save or delete is a step of Edit › Undo."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from infcrm.db.engine import Database
from infcrm.services.campaigns import agreement_templates
from infcrm.services.outreach import outreach_templates
from infcrm.ui.dialogs.outreach_templates_dialog import OutreachTemplatesDialog
from infcrm.ui.dialogs.template_editor_dialog import TemplateEditorDialog
from infcrm.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, open_window, db: Database) -> MainWindow:
    return open_window(db, view=None)


def _names(dialog) -> list[str]:
    return [dialog.template_list.item(i).text() for i in range(dialog.template_list.count())]


def test_each_kind_keeps_its_own_fields_and_words(qtbot, window: MainWindow) -> None:
    agreement = TemplateEditorDialog(window.db, window)
    outreach = OutreachTemplatesDialog(window.db, window)
    for dialog in (agreement, outreach):
        qtbot.addWidget(dialog)
    labels = [agreement.form.itemAt(i, agreement.form.ItemRole.LabelRole) for i in range(4)]
    assert [item.widget().text() for item in labels] == ["Name", "Subject", "Text", "Sign as"]
    assert "{sender_name}" in agreement.signing.toolTip()
    assert agreement.windowTitle() == "Agreement templates"
    assert "{incentive}" in agreement.placeholders.toPlainText()
    assert outreach.windowTitle() == "Outreach templates"
    assert "{signature}" in outreach.placeholders.toPlainText()
    assert "{incentive}" not in outreach.placeholders.toPlainText()
    outreach.kind.setCurrentIndex(outreach.kind.findData("dm"))
    assert not outreach.subject.isEnabled()  # a direct message has no subject
    assert _names(outreach) == ["First email  ·  Email", "First DM  ·  Direct message"]


def test_saving_an_agreement_template_is_undone_and_redone_from_the_edit_menu(
    qtbot, window: MainWindow, db: Database
) -> None:
    dialog = TemplateEditorDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_button.click()
    dialog.name.setText("Fair")
    dialog.body.setPlainText("Hi {first_name}, you get {incentive}.")
    dialog.save_button.click()
    assert _names(dialog) == ["Friendly (default)", "Fair"]
    assert window.undo_stack.undoText() == "change of the template “Fair”"
    window.undo_stack.undo()
    assert [t.name for t in agreement_templates.list_templates(db)] == ["Friendly (default)"]
    assert _names(dialog) == ["Friendly (default)"]  # the open editor follows
    window.undo_stack.redo()
    assert _names(dialog) == ["Friendly (default)", "Fair"]


def test_deleting_an_outreach_template_is_undone_with_its_text(
    qtbot, window: MainWindow, db: Database, monkeypatch
) -> None:
    dialog = OutreachTemplatesDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    before = outreach_templates.list_templates(db)
    dialog.template_list.setCurrentRow(1)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    dialog.delete_button.click()
    assert _names(dialog) == ["First email  ·  Email"]
    assert window.undo_stack.undoText() == "deletion of the template “First DM”"
    window.undo_stack.undo()
    assert outreach_templates.list_templates(db) == before  # same id, same text
    assert _names(dialog) == ["First email  ·  Email", "First DM  ·  Direct message"]


def test_a_signature_saved_with_a_template_is_undone_with_it(
    qtbot, window: MainWindow, db: Database
) -> None:
    from tests.table_dump import everything
    from tests.undo_screen import redo

    dialog = OutreachTemplatesDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    before = everything(db)
    dialog.signature.setPlainText("Lena\nCrumb & Co")
    dialog.body.setPlainText("Hi {first_name}, changed")
    dialog.save_button.click()
    assert window.undo_stack.count() == 1  # the signature and the template: one step
    assert outreach_templates.signature(db) == "Lena\nCrumb & Co"
    after = everything(db)

    window.undo_stack.undo()  # Edit › Undo while the dialog is open

    assert everything(db) == before
    assert dialog.signature.toPlainText() == ""  # the open dialog shows it as stored again
    assert not dialog.has_unsaved_changes()
    dialog.hide()
    redo(qtbot, window)  # Ctrl+Shift+Z in the window
    assert everything(db) == after


def test_the_signing_name_alone_is_a_step_of_its_own(qtbot, window: MainWindow, db) -> None:
    from infcrm.services.campaigns import agreements

    dialog = TemplateEditorDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.signing.setText("Lena")
    dialog.save_button.click()
    # The template on show was saved as it was; the step still names both.
    assert agreements.sender_name(db) == "Lena"
    window.undo_stack.undo()
    assert agreements.sender_name(db) == ""
    assert dialog.signing.text() == ""
