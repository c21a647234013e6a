"""A photo added to a person's page or removed from it is a step of Edit › Undo: Ctrl+Z shows
the face as it was (initials, or the photo before), Ctrl+Shift+Z does it again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from infcrm.db.engine import Database
from infcrm.services.people import influencers, photos
from infcrm.services.people.influencer_types import InfluencerInput
from tests.undo_screen import redo, undo


def test_a_new_photo_is_undone_and_redone_from_the_keyboard(
    qtbot, open_window, db: Database, tmp_path: Path
) -> None:
    ana = influencers.create(db, InfluencerInput(display_name="Ana Ruiz"))
    window = open_window(db)
    view = window.influencers_view()
    qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() == 1)
    view.table.select_ids([ana], ana)
    editor = view.detail.photo
    picture = tmp_path / "face.png"
    image = QImage(300, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("#00c000"))
    assert image.save(str(picture))

    assert editor.set_photo_from_file(picture)

    qtbot.waitUntil(editor.avatar.has_photo)
    assert window.undo_stack.undoText() == "new photo of “Ana Ruiz”"
    undo(qtbot, window)
    qtbot.waitUntil(lambda: not editor.avatar.has_photo())
    assert photos.photo(db, ana) is None
    redo(qtbot, window)
    qtbot.waitUntil(editor.avatar.has_photo)

    editor.remove_photo()
    qtbot.waitUntil(lambda: not editor.avatar.has_photo())
    assert window.undo_stack.undoText() == "removal of the photo of “Ana Ruiz”"
    undo(qtbot, window)
    qtbot.waitUntil(editor.avatar.has_photo)
