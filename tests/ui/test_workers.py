"""Background jobs: results, errors and Cancel reach the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from infcrm.ui.workers import Cancelled, Progress, run_with_progress


def test_the_result_comes_back_and_the_job_ran_off_the_gui_thread(qapp) -> None:
    seen = {}

    def job(progress: Progress) -> int:
        seen["thread"] = threading.get_ident()
        for i in range(5):
            progress.report(i + 1, 5, f"Step {i + 1}")
        return 42

    assert run_with_progress(None, "Test", job) == 42
    assert seen["thread"] != threading.get_ident()


def test_an_error_in_the_job_is_raised_in_the_caller(qapp) -> None:
    def job(_progress: Progress) -> None:
        raise ValueError("row 3, column B: “abc” is not a number")

    with pytest.raises(ValueError, match="row 3"):
        run_with_progress(None, "Test", job)


def test_cancel_stops_the_job_at_its_next_report(qapp) -> None:
    started = threading.Event()
    steps = []

    def job(progress: Progress) -> None:
        started.set()
        for i in range(10_000):
            progress.report(i, 10_000)
            steps.append(i)
            QThread.msleep(2)

    def press_cancel() -> None:
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.windowTitle() == "Cancel test"
        ]
        if started.is_set() and dialogs:
            for dialog in dialogs:
                dialog.findChild(QPushButton).click()  # what the user's click does
        else:
            QTimer.singleShot(20, press_cancel)

    QTimer.singleShot(20, press_cancel)
    with pytest.raises(Cancelled):
        run_with_progress(None, "Cancel test", job)
    assert 0 < len(steps) < 10_000
