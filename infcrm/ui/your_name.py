"""The user's name: asked once when a team database opens, kept in the app's settings, and
signed on everything this computer adds and changes (db/authors.py).

Which name signs, first found wins: --as NAME or INFCRM_USER (a choice made for this run),
the name the user gave (File › Your name…), the computer's login name. A file of one's own
never interrupts with the question: with nobody else writing, the login name is enough, and
the user can still give a name from the menu. A server's database is shared, so before its
window opens the user is asked once, with the computer's full name already filled in.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from infcrm.db import authors
from infcrm.db.engine import Database
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing

SETTING = "user/name"
_PURPOSE = (
    "Your teammates see this name beside what you add and change: the people you add, the "
    "messages you log, the follow-ups you set and the moves on the board. “Owned by me” and "
    "“Mine only” find the people whose Owner is this name, so write it as you write it there."
)


def stored_name() -> str | None:
    """The name the user gave, if they did (db/authors.py keeps it where the command line
    reads it too; one given before that, in Qt's settings, moves there on first read)."""
    name = authors.stored_name()
    if name is None:
        value = QSettings().value(SETTING)
        earlier = str(value).strip()[: authors.LONGEST] if value is not None else ""
        if earlier:
            authors.store_name(earlier)
            QSettings().remove(SETTING)
        name = earlier or None
    return name


def store_name(name: str) -> None:
    """Keep `name` for every later run, of the app and of the command line."""
    authors.store_name(name)


def name_to_sign() -> str | None:
    """The name changes are signed with now (see the module for the order)."""
    return authors.given_name() or stored_name() or authors.default_name()


def needs_asking(db: Database) -> bool:
    """True for a shared (server) database when no name was given in any way."""
    return not db.is_file and authors.given_name() is None and stored_name() is None


class YourNameDialog(AsksBeforeClosing, QDialog):
    """One line for the name, what it is for, Save and Cancel."""

    unsaved_question = "You typed a name. Save it before closing?"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your name")
        self.setObjectName("yourNameDialog")
        self.setMinimumWidth(440)
        intro = QLabel(_PURPOSE)
        intro.setWordWrap(True)
        self.name = QLineEdit(stored_name() or authors.full_name() or "")
        self.name.setObjectName("your_name")
        self.name.setMaxLength(authors.LONGEST)
        self.name.setPlaceholderText("e.g. Ana Souza")
        self.name.setAccessibleName("Your name")
        self.error = QLabel()
        self.error.setObjectName("your_name_error")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Your name</b>"))
        layout.addWidget(self.name)
        layout.addWidget(self.error)
        layout.addWidget(intro)
        layout.addWidget(buttons)
        self.name.setFocus()
        self.name.selectAll()
        self.mark_clean()

    def save_changes(self) -> bool:
        """Save as the Save button does (closing the dialog when the name is fine)."""
        self._on_save()
        return not self.isVisible()

    def _on_save(self) -> None:
        name = " ".join(self.name.text().split())
        if not name:
            self.error.setText("Write the name your teammates know you by, e.g. Ana Souza.")
            self.error.show()
            self.name.setFocus()
            return
        store_name(name)
        self.mark_clean()
        self.accept()


def sign(db: Database, *, ask: bool, parent: QWidget | None = None) -> str | None:
    """Sign `db`'s changes with the user's name, first asking for it once when `db` is shared
    and no name is known (`ask` False: never ask, as for a screenshot). Closing the question
    unsaved keeps the login name for this run and asks again next time."""
    if ask and needs_asking(db):
        YourNameDialog(parent).exec()
    name = name_to_sign()
    db.sign_as(name)
    return name


def edit_name(window: QWidget, db: Database) -> bool:
    """File › Your name…: change the name; later changes in this window are signed with it."""
    dialog = YourNameDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    db.sign_as(name_to_sign())
    status = getattr(window, "statusBar", None)
    if status is not None:
        overridden = authors.given_name()
        said = (
            f"Saved. This run still signs as {overridden} (given with --as or INFCRM_USER)."
            if overridden
            else f"Your changes are now signed “{stored_name()}”."
        )
        status().showMessage(said, 8000)
    return True


__all__ = [
    "SETTING",
    "YourNameDialog",
    "add_menu_entry",
    "edit_name",
    "name_to_sign",
    "needs_asking",
    "sign",
    "store_name",
    "stored_name",
]


def add_menu_entry(window) -> None:  # a MainWindow; its module imports this one
    """File › Your name…"""
    window.your_name_action = window.add_action(
        "file",
        "Your &name…",
        lambda: edit_name(window, window.db),
        None,
        "The name your teammates see beside what you add and change",
        "person",
    )
