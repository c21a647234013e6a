"""Background jobs with a progress dialog and Cancel; the job never touches widgets.

A job is a plain function `job(progress: Progress) -> result` that may call
`progress.report(done, total, text)` (which raises `Cancelled` once the user pressed Cancel).
Services and files/ code take such a callable without knowing about Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class Cancelled(Exception):
    """The user pressed Cancel; the job stopped and undid what it had started."""


class Progress:
    """What a job calls to say how far it is; thread-safe, Qt-free."""

    def __init__(self, on_report: Callable[[int, int, str], None] | None = None) -> None:
        self._cancel = threading.Event()
        self._on_report = on_report

    def cancel(self) -> None:
        """Ask the job to stop at its next report."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once Cancel was pressed."""
        return self._cancel.is_set()

    def report(self, done: int, total: int, text: str = "") -> None:
        """Say how far the job is; raises Cancelled if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()
        if self._on_report is not None:
            self._on_report(done, total, text)


class _Runner(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object, object)  # result, error

    def __init__(self, job: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.job = job
        self.progress = Progress(lambda d, t, s: self.progressed.emit(d, t, s))

    def run(self) -> None:
        try:
            result = self.job(self.progress)
        except BaseException as exc:  # handed to the GUI thread, re-raised there
            self.finished.emit(None, exc)
        else:
            self.finished.emit(result, None)


class _Relay(QObject):
    """Receives a job's signals in the GUI thread and updates the dialog."""

    def __init__(self, dialog: QProgressDialog, loop: QEventLoop) -> None:
        super().__init__()
        self.dialog, self.loop = dialog, loop
        self.result: Any = None
        self.error: BaseException | None = None

    @Slot(int, int, str)
    def on_progress(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    @Slot(object, object)
    def on_finished(self, result: Any, error: BaseException | None) -> None:
        self.result, self.error = result, error
        self.loop.quit()


def run_with_progress(
    parent: QWidget | None,
    title: str,
    job: Callable[[Progress], Any],
    *,
    label: str = "Working…",
    cancellable: bool = True,
) -> Any:
    """Run `job` in a worker thread behind a modal progress dialog; return its result.

    Re-raises the job's exception in the caller (Cancelled when the user cancelled). The
    dialog appears only if the job takes longer than half a second, so quick jobs don't flash.
    """
    dialog = QProgressDialog(label, "Cancel" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    runner = _Runner(job)
    thread = QThread()
    runner.moveToThread(thread)
    loop = QEventLoop()
    # The relay lives in the GUI thread, so the worker's signals reach it queued: the dialog
    # is only ever touched from the GUI thread.
    relay = _Relay(dialog, loop)
    runner.progressed.connect(relay.on_progress)
    runner.finished.connect(relay.on_finished)
    dialog.canceled.connect(runner.progress.cancel)
    thread.started.connect(runner.run)
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    if relay.error is not None:
        raise relay.error
    return relay.result
