"""Where a team's database is: server, port, database, user, password and encryption.

Used by File › Connect to a server… and File › Move this database to a server…. The
connection is tried before the dialog closes, and a failure says what to check; the password
goes to the system's keyring (services/maintenance/server_connection.py), never to settings.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import StorageError
from infcrm.services.maintenance import server_connection
from infcrm.services.maintenance.server_connection import Connected, ServerAddress
from infcrm.ui.dialogs.server_certificates import CertificateRows
from infcrm.ui.dialogs.unsaved_changes import AsksBeforeClosing

_SSL_LABELS = {
    "prefer": "Encrypt when the server can (prefer)",
    "require": "Always encrypt (require)",
    "verify-full": "Encrypt and check the server's certificate (verify-full)",
    "disable": "Never encrypt — only on a trusted network (disable)",
    # Not offered, but kept when an address names them.
    "verify-ca": "Encrypt and check the certificate, not the server's name (verify-ca)",
    "allow": "Encrypt only when the server insists (allow)",
}


class ServerDialog(AsksBeforeClosing, QDialog):
    """Ask for a server's address and sign-in; `connected` is set once it answered."""

    unsaved_question = "You typed a server's details. Connect before closing?"

    def __init__(self, parent: QWidget | None = None, *, action: str = "Connect") -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{action} — a database on a server")
        self.setMinimumWidth(520)
        self.connected: Connected | None = None
        intro = QLabel(
            "A team shares one database on a PostgreSQL server. Your administrator gives you "
            "these details (infcrm server-setup prints what they need to set up)."
            + (
                " Everything in this file is copied into that database, which must be empty; "
                "the file stays as it is."
                if action == "Move"
                else ""
            )
        )
        intro.setWordWrap(True)
        self.host = QLineEdit()
        self.host.setObjectName("server_host")
        self.host.setPlaceholderText("e.g. db.myshop.example or 192.168.1.20")
        self.port = QSpinBox()
        self.port.setObjectName("server_port")
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit()
        self.database.setObjectName("server_database")
        self.database.setPlaceholderText("e.g. crm")
        self.user = QLineEdit()
        self.user.setObjectName("server_user")
        self.password = QLineEdit()
        self.password.setObjectName("server_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("leave empty to use ~/.pgpass")
        self.ssl = QComboBox()
        self.ssl.setObjectName("server_ssl")
        for mode in server_connection.SSL_MODES:
            self.ssl.addItem(_SSL_LABELS[mode], mode)
        kept = (
            "The password is kept in your system's keyring, never in a file."
            if server_connection.keyring_available()
            else "This computer has no keyring: the password is kept until infcrm closes."
        )
        form = QFormLayout()
        form.addRow("&Server:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User name:", self.user)
        form.addRow("Pass&word:", self.password)
        kept_label = QLabel(kept)
        kept_label.setWordWrap(True)  # the certificate rows' longer labels narrow the column
        form.addRow("", kept_label)
        form.addRow("&Encryption:", self.ssl)
        self.certificates = CertificateRows(form, self)
        # The address's other settings (options, hostaddr…), kept as they are.
        self._settings: tuple = ()
        self.settings = QLabel()
        self.settings.setObjectName("server_settings")
        self.settings.setWordWrap(True)
        self.settings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Also used:", self.settings)
        form.setRowVisible(self.settings, False)
        self._form = form
        self.message = QLabel()
        self.message.setObjectName("server_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.test_button = QPushButton("&Test connection")
        self.test_button.clicked.connect(self.test_connection)
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.ok_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.save_changes)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._moving = action == "Move"
        for edit in (self.host, self.database, self.user, self.password):
            edit.textEdited.connect(self._details_edited)
        for edit in self.certificates.edits.values():
            edit.textChanged.connect(self._details_edited)
        self.port.valueChanged.connect(self._details_edited)
        self.ssl.currentIndexChanged.connect(self._details_edited)
        self.ssl.currentIndexChanged.connect(
            lambda: self.certificates.follow_mode(self.ssl.currentData())
        )
        self.certificates.follow_mode(self.ssl.currentData())
        self.mark_clean()

    def address(self) -> ServerAddress:
        files = {
            name: server_connection.file_path(typed)
            for name, typed in self.certificates.paths().items()
        }
        return ServerAddress(
            self.host.text(), self.port.value(), self.database.text(), self.user.text(),
            self.ssl.currentData(), self._settings, **files,
        )  # fmt: skip

    def fill_from(self, url: str) -> None:
        """Fill the fields from a postgresql:// address (its password, if any, is left out),
        its certificate files in their rows; its other settings are shown under them and kept."""
        address = server_connection.address_of(url)
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user)
        if self.ssl.findData(address.sslmode) < 0:  # a mode the list does not offer
            self.ssl.addItem(_SSL_LABELS[address.sslmode], address.sslmode)
        self.ssl.setCurrentIndex(max(0, self.ssl.findData(address.sslmode)))
        self.certificates.fill(address.files(), address.sslmode)
        self._settings = address.settings
        self.settings.setText(
            f"{address.settings_text()} — from the address, kept when you connect."
        )
        self._form.setRowVisible(self.settings, bool(address.settings))
        self.password.setFocus()
        self.mark_clean()

    def test_connection(self) -> Connected | None:
        """Try the details now; the answer (or what to check) shows under the form."""
        self.connected = None
        address = self.address()
        missing = address.missing()
        if missing:
            self.message.setText(missing)
            return None
        unusable = address.file_problem()
        if unusable:  # said before trying: libpq's words would not name the row
            name, problem = unusable
            self.message.setText(problem)
            self.certificates.show_row_of(name)
            return None
        self.message.setText("Connecting…")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            connected = server_connection.connect(address, self.password.text())
        except StorageError as error:
            self.message.setText(str(error))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        if self._moving:
            refusal = self._move_refusal(connected.url)
            if refusal:  # said here, before anything is copied, with the details still typed
                self.message.setText(refusal)
                self.ok_button.setEnabled(False)
                return None
        self.message.setText(connected.sentence())
        self.connected = connected
        return connected

    def _move_refusal(self, url: str) -> str | None:
        from infcrm.services.maintenance import database_copy  # storage layer: on use only

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return database_copy.move_refusal(url)
        except StorageError as error:
            return str(error)
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _details_edited(self) -> None:
        """Other details may name an empty database: Move may be tried again."""
        self.ok_button.setEnabled(True)

    def save_changes(self) -> bool:
        """Connect; close only when the server answered."""
        self.connected = self.test_connection()
        if self.connected is None:
            return False
        self.mark_clean()
        self.accept()
        return True


def ask_again(parent: QWidget | None, url: str) -> str | None:
    """The Connect dialog filled in from `url`, saying why it did not open (tried once more
    so the words point to its own fields); the URL it then connected to, or None."""
    dialog = ServerDialog(parent, action="Connect")
    dialog.fill_from(url)
    dialog.test_connection()
    if dialog.connected is not None:  # tried again above: it answers now
        return dialog.connected.url
    if dialog.exec() != ServerDialog.DialogCode.Accepted or dialog.connected is None:
        return None
    return dialog.connected.url


__all__ = ["ServerDialog", "ask_again"]
