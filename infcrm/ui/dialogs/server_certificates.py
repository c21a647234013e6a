"""The Connect dialog's certificate rows: the server's CA certificate, and a client
certificate with its key, each a path with a Choose… button.

The CA row shows when the encryption checks the server's certificate (or a file is named);
the client pair waits behind a “Client certificate…” button unless the address names one,
so the common case, with no certificates, keeps a short form.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from infcrm.services.maintenance.server_connection import CERTIFICATE_FILES

# Modes that check the server's certificate against its authority's.
_VERIFYING = ("verify-full", "verify-ca")
_PLACEHOLDERS = {
    "sslrootcert": "e.g. ca-certificate.crt, from your host",
    "sslcert": "e.g. postgresql.crt",
    "sslkey": "e.g. postgresql.key",
}
_TIPS = {
    "sslrootcert": "The certificate of the authority that signed the server's, from your host "
    "or administrator. Left empty: ~/.postgresql/root.crt",
    "sslcert": "Your own certificate, for a server that signs people in by certificate. "
    "Left empty: ~/.postgresql/postgresql.crt",
    "sslkey": "The private key of your certificate (readable by you only). "
    "Left empty: ~/.postgresql/postgresql.key",
}
_MNEMONICS = {"sslrootcert": "C&A certificate:", "sslcert": "Client ce&rtificate:",
              "sslkey": "Client &key:"}  # fmt: skip
_FILTERS = {
    "sslrootcert": "Certificates (*.crt *.pem *.cer);;All files (*)",
    "sslcert": "Certificates (*.crt *.pem *.cer);;All files (*)",
    "sslkey": "Private keys (*.key *.pem);;All files (*)",
}


class CertificateRows:
    """Adds the three file rows to the dialog's form; `edits` holds each path's field by
    setting (sslrootcert, sslcert, sslkey)."""

    def __init__(self, form: QFormLayout, parent: QWidget) -> None:
        self._form = form
        self._parent = parent
        self.edits: dict[str, QLineEdit] = {}
        self._rows: dict[str, QWidget] = {}
        for name, label in CERTIFICATE_FILES.items():
            if name == "sslcert":
                self.client_button = QPushButton("&Client certificate…")
                self.client_button.setObjectName("server_client_certificate")
                self.client_button.setToolTip(
                    "Only when the server asks for a certificate of your own (cert sign-in)"
                )
                self.client_button.clicked.connect(lambda: self.show_client_rows(True))
                form.addRow("", self._left(self.client_button))
            self._rows[name] = self._file_row(name, label)
        self.show_client_rows(False)

    def _file_row(self, name: str, label: str) -> QWidget:
        edit = QLineEdit()
        edit.setObjectName(f"server_{name}")
        edit.setPlaceholderText(_PLACEHOLDERS[name])
        edit.setToolTip(_TIPS[name])
        edit.setClearButtonEnabled(True)
        choose = QPushButton("Choose…")
        choose.setObjectName(f"server_{name}_choose")
        choose.clicked.connect(lambda: self._choose(name, label))
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(edit, 1)
        line.addWidget(choose)
        self.edits[name] = edit
        caption = QLabel(_MNEMONICS[name])
        caption.setBuddy(edit)
        self._form.addRow(caption, row)
        return row

    @staticmethod
    def _left(button: QPushButton) -> QWidget:
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(button)
        line.addStretch(1)
        return holder

    def _choose(self, name: str, label: str) -> None:
        typed = self.edits[name].text().strip()
        start = os.path.dirname(os.path.expanduser(typed)) if typed else os.path.expanduser("~")
        chosen, _filter = QFileDialog.getOpenFileName(
            self._parent, f"Choose the {label} file", start, _FILTERS[name]
        )
        if chosen:
            self.edits[name].setText(chosen)

    def fill(self, files: dict[str, str], sslmode: str) -> None:
        """The address's files in their rows (empty rows for the others)."""
        for name, edit in self.edits.items():
            edit.setText(files.get(name, ""))
        self.show_client_rows(bool(files.get("sslcert") or files.get("sslkey")))
        self.follow_mode(sslmode)

    def paths(self) -> dict[str, str]:
        """Each row's text by setting, as typed."""
        return {name: edit.text() for name, edit in self.edits.items()}

    def follow_mode(self, sslmode: str) -> None:
        """The CA row where it matters: a mode that checks the server, or a file named."""
        named = bool(self.edits["sslrootcert"].text().strip())
        self._form.setRowVisible(self._rows["sslrootcert"], sslmode in _VERIFYING or named)

    def show_client_rows(self, shown: bool = True) -> None:
        """The client certificate and key rows, in place of the button that opens them."""
        self._form.setRowVisible(self.client_button.parentWidget(), not shown)
        for name in ("sslcert", "sslkey"):
            self._form.setRowVisible(self._rows[name], shown)
        if shown and self._parent.isVisible():
            self.edits["sslcert"].setFocus()

    def show_row_of(self, name: str) -> None:
        """Make the row of `name` visible and put the cursor in it (a message names it)."""
        if name in ("sslcert", "sslkey"):
            self.show_client_rows()
        self._form.setRowVisible(self._rows[name], True)
        self.edits[name].setFocus()
        self.edits[name].selectAll()


__all__ = ["CertificateRows"]
