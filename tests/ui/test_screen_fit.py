"""A form never opens larger than the screen: its Save button is always within reach.

The New influencer form is 1000 pixels wide and Settings 760 high; on a small laptop screen
(1366 × 768 less the taskbar) their Save buttons opened below or beyond the screen's edge,
where no one can click them. The screen here is the offscreen one (800 × 800); a form is also
made larger than it, as a size kept from a bigger monitor would be.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QDialog, QPushButton

from infcrm.db.engine import Database
from infcrm.ui.dialogs.influencer_dialog import InfluencerDialog
from infcrm.ui.dialogs.settings_dialog import SettingsDialog
from infcrm.ui.dialogs.tag_manager_dialog import TagManagerDialog
from infcrm.ui.screen_fit import comfortable_size, screen_of


def _room(dialog: QDialog) -> QRect:
    return screen_of(dialog).availableGeometry()


def _on_screen(room: QRect, button: QPushButton) -> bool:
    corners = (button.rect().topLeft(), button.rect().bottomRight())
    return all(room.contains(button.mapToGlobal(QPoint(c))) for c in corners)


def _open(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_new_influencer_form_fits_a_screen_narrower_than_it(qtbot, db: Database) -> None:
    dialog = InfluencerDialog(db)
    room = _room(dialog)
    if room.width() >= 1000:
        pytest.skip("the screen is wide enough for the form's usual size")
    _open(qtbot, dialog)
    assert room.contains(dialog.frameGeometry()), (room, dialog.frameGeometry())
    assert _on_screen(room, dialog.save_button)


@pytest.mark.parametrize("form", [InfluencerDialog, SettingsDialog], ids=["person", "settings"])
def test_a_form_taller_or_wider_than_the_screen_opens_within_it(qtbot, db: Database, form) -> None:
    dialog = form(db)
    room = _room(dialog)
    comfortable_size(dialog, room.width() + 300, room.height() + 200)  # a big monitor's size
    _open(qtbot, dialog)
    assert room.contains(dialog.frameGeometry()), (room, dialog.frameGeometry())
    save = next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == "Save")
    assert _on_screen(room, save)


def test_a_form_that_fits_keeps_its_size(qtbot, db: Database) -> None:
    dialog = TagManagerDialog(db)  # 520 × 440, as it asks
    _open(qtbot, dialog)
    assert (dialog.width(), dialog.height()) == (520, 440)
    assert _room(dialog).contains(dialog.frameGeometry())


def test_a_small_dialog_still_opens_centred_over_the_window(qtbot, db: Database) -> None:
    """Moving a dialog onto the screen before Qt placed it left it in the screen's corner."""
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.setGeometry(100, 80, 600, 500)
    window.show()
    qtbot.waitExposed(window)
    dialog = SettingsDialog(db, window)
    comfortable_size(dialog, 300, 200)
    _open(qtbot, dialog)
    centre = dialog.frameGeometry().center() - window.frameGeometry().center()
    assert abs(centre.x()) <= 20 and abs(centre.y()) <= 40, centre


def test_opening_and_closing_forms_leaves_the_screen_to_the_next_window(
    qtbot, db: Database
) -> None:
    """Asking a form for its screen (QWidget.screen) filed the application's screen under the
    form in PySide, and deleting the form destroyed it: the next window or icon crashed."""
    import shiboken6
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    for form in (InfluencerDialog, SettingsDialog):
        dialog = _open(qtbot, form(db))
        dialog.close()
        shiboken6.delete(dialog)
    assert shiboken6.isValid(screen), "the application's screen was destroyed with a form"
    assert QGuiApplication.primaryScreen().availableGeometry().width() > 0
