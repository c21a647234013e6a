"""Errors are seen and kept: an unexpected error is written to a rotating log in the user's log
folder and shown in a dialog whose details can be copied for a bug report."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt, QThread, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infcrm import __version__, paths
from infcrm.ui.screen_fit import comfortable_size

LOG_NAME = "infcrm.log"
LOG_BYTES = 1_000_000  # five files of 1 MB: weeks of normal use, never a full disk
LOG_FILES = 5

log = logging.getLogger("infcrm")


def log_file() -> Path:
    """The current log file."""
    return paths.log_dir() / LOG_NAME


def start_logging() -> Path:
    """Write infcrm's log (warnings and errors) to the rotating file; returns its path."""
    target = log_file()
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        handler = RotatingFileHandler(
            target, maxBytes=LOG_BYTES, backupCount=LOG_FILES, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return target


def details_of(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    """The text a bug report needs: the version, the platform and the traceback."""
    trace = "".join(traceback.format_exception(kind, error, tb))
    return f"infcrm {__version__} on Python {sys.version.split()[0]}, {sys.platform}\n\n{trace}"


class ErrorDialog(QDialog):
    """Says an unexpected error happened, where it was logged, and copies the details."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.details = details
        message = QLabel(
            "<b>infcrm hit an unexpected error.</b><br>Your saved data is safe; what you were "
            "doing may not have finished. The details are also kept in the log file:<br>"
            f"{log_file()}"
        )
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy details")
        self.copy_button.setToolTip("Put the details on the clipboard for a bug report")
        self.copy_button.clicked.connect(self.copy_details)
        folder = QPushButton("Open log folder")
        folder.clicked.connect(open_log_folder)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        comfortable_size(self, 640, 360)

    def copy_details(self) -> None:
        """Put the details on the clipboard (the dialog stays open)."""
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")


class ErrorReporter:
    """The excepthook: log every unexpected error, and show it when on the GUI thread."""

    def __init__(self) -> None:
        self.dialog: ErrorDialog | None = None

    def __call__(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        details = details_of(kind, error, tb)
        log.error("Unexpected error\n%s", details)
        print(details, file=sys.stderr)
        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return  # only the GUI thread may show a dialog; the log has it
        if self.dialog is not None and self.dialog.isVisible():
            return  # one dialog at a time: a burst of errors must not bury the window
        if _server_gone(error):
            # Not a bug: the server stopped answering somewhere no message was planned. The
            # window's offline state says so in plain words; the log has the details.
            from infcrm.ui.events import events

            events.server_unreachable.emit("")
            return
        self.dialog = ErrorDialog(details, QApplication.activeWindow())
        self.dialog.open()

    def from_thread(self, args: threading.ExceptHookArgs) -> None:
        """threading.excepthook: an error in a background thread is logged."""
        if args.exc_value is not None:
            self(args.exc_type, args.exc_value, args.exc_traceback)


def _server_gone(error: BaseException) -> bool:
    from infcrm.db.connection_loss import is_connection_loss

    return is_connection_loss(error)


def install() -> ErrorReporter:
    """Log to the user's log folder and catch every unexpected error of the app."""
    start_logging()
    reporter = ErrorReporter()
    sys.excepthook = reporter
    threading.excepthook = reporter.from_thread
    return reporter


def open_log_folder() -> bool:
    """Show the log folder in the system's file manager (Help › Open log folder)."""
    folder = paths.log_dir()
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


__all__ = ["ErrorDialog", "ErrorReporter", "install", "log_file", "open_log_folder"]
