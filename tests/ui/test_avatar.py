"""Avatars: initials on a colour of the person's own, or their photo, drawn small and cheaply."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from infcrm.ui.widgets.avatar import (
    Avatar,
    avatar_pixmap,
    colour_for,
    initials,
)


def _png(colour: str, size: int = 64) -> bytes:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def test_initials_read_like_a_name() -> None:
    assert initials("Mia Rossi") == "MR"
    assert initials("Anna Maria de Souza") == "AS"
    assert initials("@mia.bakes") == "MB"
    assert initials("karim") == "K"
    assert initials("  ") == "?"
    # Handles as lists give them: an underscore or a symbol in front is not the person's
    # first letter (“_haewon22” showed “?”).
    assert initials("_haewon22") == "H"
    assert initials("__lena_bakes") == "LB"
    assert initials("✿ Kids Diana Show") == "KS"


def test_each_person_keeps_their_colour(qapp) -> None:
    assert colour_for("Mia Rossi") == colour_for("Mia Rossi ")
    colours = {colour_for(f"Person {n}").name() for n in range(60)}
    assert len(colours) >= 5  # people are told apart at a glance


def test_a_photo_is_shown_round_in_place_of_initials(qapp) -> None:
    photo = avatar_pixmap("Mia Rossi", 40, _png("#00ff00")).toImage()
    centre = photo.pixelColor(20, 20)
    assert centre.green() > 200 and centre.red() < 50
    assert photo.pixelColor(0, 0).alpha() == 0  # the corners are cut: a round face
    initials_only = avatar_pixmap("Mia Rossi", 40).toImage()
    assert initials_only.pixelColor(6, 20).name() == colour_for("Mia Rossi").name()
    # A file that is not a picture falls back to the initials instead of a blank.
    broken = avatar_pixmap("Mia Rossi", 40, b"not a picture").toImage()
    assert broken.pixelColor(6, 20).name() == colour_for("Mia Rossi").name()


def test_the_widget_says_whose_face_it_shows(qtbot) -> None:
    avatar = Avatar(48)
    qtbot.addWidget(avatar)
    avatar.set_person("Mia Rossi")
    assert not avatar.has_photo() and avatar.accessibleName() == "Initials of Mia Rossi"
    avatar.set_person("Mia Rossi", _png("#ff0000"))
    assert avatar.has_photo() and avatar.accessibleName() == "Photo of Mia Rossi"
    image = avatar.grab().toImage()
    assert image.pixelColor(24, 24).red() > 200


def test_every_row_of_the_list_shows_the_persons_avatar(qtbot, demo_db) -> None:
    from PySide6.QtGui import QUndoStack

    from infcrm.ui.views.influencers_view import InfluencersView

    view = InfluencersView(demo_db, QUndoStack())
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() > 0)
    image = view.table.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    for row in range(3):
        name = view.model.row_data(row).display_name
        rect = view.table.visualRect(view.model.index(row, 0))
        # A few pixels in from the avatar's left edge, on its middle line.
        x, y = int((rect.left() + 6) * ratio), int(rect.center().y() * ratio)
        assert image.pixelColor(x, y).name() == colour_for(name).name(), name


def test_a_photo_added_on_the_persons_page_shows_in_the_list_until_removed(
    qtbot, demo_db, tmp_path, monkeypatch
) -> None:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMessageBox

    from infcrm.services.people import photos
    from infcrm.ui.views.influencers_view import InfluencersView

    view = InfluencersView(demo_db, QUndoStack())
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() > 0)
    person = view.model.row_data(0)
    view.table.select_ids([person.id], person.id)
    editor = view.detail.photo
    assert not editor.avatar.has_photo() and not editor.remove_action.isVisible()

    picture = tmp_path / "face.png"
    big = QImage(900, 600, QImage.Format.Format_RGB32)
    big.fill(QColor("#00c000"))
    assert big.save(str(picture))
    assert editor.set_photo_from_file(picture)
    stored = photos.photo(demo_db, person.id)
    assert stored is not None and len(stored) < photos.MAX_PHOTO_BYTES
    assert max(QImage.fromData(stored).width(), QImage.fromData(stored).height()) == 256
    qtbot.waitUntil(lambda: editor.avatar.has_photo())
    assert editor.remove_action.isVisible()

    def green_in_row() -> bool:
        qtbot.waitUntil(lambda: not view.model.loading)
        image = view.table.viewport().grab().toImage()
        rect = view.table.visualRect(view.model.index(view.model.row_of(person.id), 0))
        ratio = image.devicePixelRatio()
        colour = image.pixelColor(int((rect.left() + 12) * ratio), int(rect.center().y() * ratio))
        return colour.green() > 150 and colour.red() < 80

    qtbot.waitUntil(green_in_row)

    # A file that is not a picture: said so, and the photo stays.
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    not_a_picture = tmp_path / "notes.png"
    not_a_picture.write_text("hello")
    assert not editor.set_photo_from_file(not_a_picture)
    assert "not a picture" in warned[0] and photos.photo(demo_db, person.id) == stored

    editor.remove_action.trigger()
    assert photos.photo(demo_db, person.id) is None
    qtbot.waitUntil(lambda: not editor.avatar.has_photo())
    qtbot.waitUntil(lambda: not green_in_row())


def test_cards_on_the_board_carry_the_photo(qtbot, demo_db) -> None:
    from infcrm.services.people import photos
    from infcrm.ui.models.board_column_model import PHOTO_ROLE
    from infcrm.ui.views.pipeline_view import PipelineView

    board = PipelineView(demo_db, per_column=5)
    qtbot.addWidget(board)
    board.refresh()
    column = next(c for c in board.columns.values() if c.model.rowCount())
    person = column.model.card(0).id
    assert column.model.index(0, 0).data(PHOTO_ROLE) is None
    photos.set_photo(demo_db, person, _png("#00c000"))
    board.refresh()
    assert column.model.index(0, 0).data(PHOTO_ROLE) == photos.photo(demo_db, person)


def test_a_name_cell_as_wide_as_it_asks_shows_the_name_whole(qtbot) -> None:
    """The list's avatar sits before the name: a column sized to the delegate's hint must show
    the name whole (it asked for less room than the avatar takes, so “Jade Lindqvist” ended
    in “Lindqv…” in a column sized to it)."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from infcrm.ui.widgets.name_delegate import NameDelegate

    model = QStandardItemModel(0, 2)
    for name in ("Jade Lindqvist", "Yuki Andersen", "Al"):
        model.appendRow([QStandardItem(name), QStandardItem("")])
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.setShowGrid(False)
    table.setItemDelegateForColumn(0, NameDelegate(table))
    table.resize(700, 200)
    table.show()
    qtbot.waitExposed(table)

    def cells(width: int) -> list[QImage]:
        table.setColumnWidth(0, width)
        shot = table.viewport().grab().toImage()
        ratio = shot.devicePixelRatio()
        asked = table.sizeHintForColumn(0)
        return [
            shot.copy(0, int(table.rowViewportPosition(row) * ratio), int(asked * ratio),
                      int(table.rowHeight(row) * ratio))
            for row in range(model.rowCount())
        ]  # fmt: skip

    asked = table.sizeHintForColumn(0)
    assert cells(asked) == cells(asked + 200)  # nothing was cut to make room
