"""Background jobs: results, errors and Cancel reach the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QThread, QTimer
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


def test_cyclic_garbage_is_collected_only_on_the_gui_thread(qtbot, qapp) -> None:
    import gc
    import weakref

    from PySide6.QtCore import QObject

    from infcrm.ui import gc_guard

    gc_guard.install(qapp)
    assert not gc.isenabled()
    held = QObject()
    held.me = held  # a cycle: only the collector frees it, and with it the C++ object
    ref = weakref.ref(held)
    del held

    def allocate() -> None:  # a background read allocating well past every threshold
        for _ in range(200_000):
            cycle: list = []
            cycle.append(cycle)

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert ref() is not None  # not collected on the background thread
    qtbot.waitUntil(lambda: ref() is None, timeout=5000)  # the GUI thread's timer did it


def test_a_background_answer_for_a_closed_screen_is_dropped(qtbot) -> None:
    import shiboken6
    from PySide6.QtWidgets import QWidget

    from infcrm.ui.models.latest_loader import LatestLoader

    screen = QWidget()
    loader = LatestLoader("closing", screen)
    go = threading.Event()
    loader.request(lambda: go.wait(5) and "answer")
    shiboken6.delete(screen)  # the screen closes while its read runs
    assert not shiboken6.isValid(loader)
    go.set()
    qtbot.wait(200)  # the answer arrives on the GUI thread and is dropped, without a crash


def test_the_progress_words_match_the_bar_when_reports_come_quickly(qtbot, qapp) -> None:
    # Setting a shown modal progress bar's value handles pending events, the next report
    # among them; words set after the value were the older report's: the bar at 8,000 said
    # “Checking row 7,001 of 100,000…”.
    from PySide6.QtCore import QEventLoop

    from infcrm.ui.workers import _Relay, gui_mailbox, post_to_gui

    gui_mailbox()
    dialog = QProgressDialog("Working…", "Cancel", 0, 0)
    qtbot.addWidget(dialog)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    relay = _Relay(dialog, QEventLoop())
    relay.on_progress(0, 100, "Checking row 1 of 100…")  # shows the dialog
    qtbot.waitUntil(dialog.isVisible)
    post_to_gui(lambda: relay.on_progress(20, 100, "Checking row 21 of 100…"))
    relay.on_progress(10, 100, "Checking row 11 of 100…")
    qtbot.waitUntil(lambda: dialog.value() == 20)
    assert dialog.labelText() == "Checking row 21 of 100…"
    dialog.close()
