"""An unexpected error is logged to the user's log folder and shown with its details."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication

from infcrm import paths
from infcrm.ui import error_report
from infcrm.ui.error_report import ErrorDialog


@pytest.fixture
def reporter(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    installed = error_report.install()
    yield installed
    for handler in list(error_report.log.handlers):
        handler.close()
        error_report.log.removeHandler(handler)
    if installed.dialog is not None:
        installed.dialog.close()


def _raise_in_a_slot() -> None:
    try:
        {}["campaign"]
    except KeyError:
        sys.excepthook(*sys.exc_info())


def test_an_error_is_logged_and_shown_with_copyable_details(qtbot, reporter) -> None:
    assert sys.excepthook is reporter
    _raise_in_a_slot()
    log_text = error_report.log_file().read_text(encoding="utf-8")
    assert "KeyError: 'campaign'" in log_text
    assert error_report.log_file().parent == paths.log_dir()
    dialog = reporter.dialog
    assert isinstance(dialog, ErrorDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert "KeyError: 'campaign'" in dialog.text.toPlainText()
    dialog.copy_button.click()
    assert "KeyError: 'campaign'" in QApplication.clipboard().text()
    assert dialog.isVisible()  # copying keeps it open
    dialog.grab().save(str(paths.log_dir() / "error-dialog.png"))


def test_a_background_thread_error_is_logged_without_a_dialog(qtbot, reporter) -> None:
    def fail() -> None:
        raise RuntimeError("disk went away")

    worker = threading.Thread(target=fail)
    worker.start()
    worker.join()
    assert "RuntimeError: disk went away" in error_report.log_file().read_text(encoding="utf-8")
    assert reporter.dialog is None


def test_the_log_rotates_instead_of_growing(reporter) -> None:
    for _ in range(3000):
        error_report.log.error("x" * 2000)
    logs = sorted(paths.log_dir().glob("infcrm.log*"))
    assert 2 <= len(logs) <= error_report.LOG_FILES + 1
    assert all(p.stat().st_size <= error_report.LOG_BYTES + 10_000 for p in logs)


def test_help_open_log_folder_opens_the_folder_the_log_is_written_to(
    qtbot, main_window, esc_user
) -> None:
    from infcrm.ui.error_report import log_file

    entry = next(
        a
        for a in main_window.menus["help"].actions()
        if a.text().replace("&", "") == "Open log folder"
    )
    entry.trigger()
    assert len(esc_user.opened) == 1
    assert esc_user.opened[0].rstrip("/").endswith(log_file().parent.as_posix())
    assert esc_user.errors.seen == []
