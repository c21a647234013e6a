"""A person's face on their page, with Add / Change / Remove photo.

The chosen file is read by Qt, made small (256 px at most) and saved as a JPEG (PNG when it
has transparency) before it is stored, so the database never holds a whole camera file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.people import photos
from infcrm.ui import operations, undo_commands
from infcrm.ui.widgets.avatar import Avatar

PICTURE_FILTER = "Pictures (*.png *.jpg *.jpeg *.webp *.bmp *.gif);;All files (*)"


class UnreadablePicture(ValueError):
    """The file is not a picture Qt can read."""


def small_picture(path: Path) -> bytes:
    """The picture at `path`, scaled to fit `photos.PHOTO_SIDE`, as JPEG (PNG if transparent)."""
    image = QImage(str(path))
    if image.isNull():
        raise UnreadablePicture(
            f"“{path.name}” is not a picture infcrm can read. Choose a PNG or JPEG photo."
        )
    side = photos.PHOTO_SIDE
    if image.width() > side or image.height() > side:
        image = image.scaled(
            side,
            side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if image.hasAlphaChannel():
        image.save(buffer, "PNG")
    else:
        image.save(buffer, "JPEG", 88)
    return bytes(data.data())


class PhotoEditor(QWidget):
    """The avatar of the person on show and a button to add, change or remove their photo."""

    def __init__(self, db: Database, size: int = 56, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.influencer_id: int | None = None
        self.avatar = Avatar(size)
        self.button = QToolButton()
        self.button.setObjectName("photo_button")
        self.button.setAutoRaise(True)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.choose_action = self.menu.addAction("Add a photo…", self.choose_photo)
        self.remove_action = self.menu.addAction("Remove the photo", self.remove_photo)
        self.button.setMenu(self.menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)

    def set_person(self, influencer_id: int, name: str) -> None:
        """Show this person's photo (or initials) and offer what fits."""
        self.influencer_id = influencer_id
        photo = photos.photo(self.db, influencer_id)
        self.avatar.set_person(name, photo)
        has_photo = photo is not None
        self.button.setText("Photo")
        self.button.setToolTip("Change or remove the photo" if has_photo else "Add a photo")
        self.choose_action.setText("Choose another photo…" if has_photo else "Add a photo…")
        self.remove_action.setVisible(has_photo)

    def choose_photo(self) -> None:
        """Ask for a picture file and keep it as the photo."""
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Choose a photo", str(Path.home()), PICTURE_FILTER
        )
        if chosen:
            self.set_photo_from_file(Path(chosen))

    def set_photo_from_file(self, path: Path) -> bool:
        """Keep the picture at `path` as the photo; says why not and changes nothing if it
        cannot be read."""
        if self.influencer_id is None:
            return False
        person = self.influencer_id
        done = operations.run(
            self,
            "Add a photo",
            lambda: photos.set_photo(self.db, person, small_picture(path)),
            also_expected=(UnreadablePicture, OSError),
        )
        if done.ok:
            undo_commands.remember(self.db, f"new photo of {self._name()}", done.value)
        return done.ok

    def remove_photo(self) -> None:
        """Remove the photo: the initials show again."""
        person = self.influencer_id
        if person is not None:
            done = operations.run(
                self, "Remove the photo", lambda: photos.remove_photo(self.db, person)
            )
            if done.ok and done.value.value:
                undo_commands.remember(
                    self.db, f"removal of the photo of {self._name()}", done.value
                )

    def _name(self) -> str:
        """“Ana Ruiz” for the step's name (the person's name as saved)."""
        from infcrm.services.people import influencers

        return f"“{influencers.get(self.db, self.influencer_id).display_name}”"


__all__ = ["PhotoEditor", "UnreadablePicture", "small_picture"]
