"""Background jobs with a progress dialog and Cancel; the job never touches widgets.

A job is a plain function `job(progress: Progress) -> result` that may call
`progress.report(done, total, text)` (which raises `Cancelled` once the user pressed Cancel).
Services and files/ code take it as a `services.progress.Progress` without knowing about Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from infcrm.services.progress import Cancelled

__all__ = ["Cancelled", "Progress", "gui_mailbox", "post_to_gui", "run_with_progress"]


class Progress:
    """What a job calls to say how far it is; thread-safe, Qt-free.

    It implements `services.progress.Progress`, the protocol services/ and files/ accept.
    """

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


class _GuiMailbox(QObject):
    """Runs callables on the GUI thread that worker threads hand it; it is never deleted.

    Workers never emit a signal of a screen's object: the screen may be deleted while the job
    runs, and emitting into a deleted object crashes. They post here instead, and the callable
    checks on the GUI thread whether its receiver is still alive.
    """

    posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, callback: Callable[[], None]) -> None:
        callback()


_mailbox: _GuiMailbox | None = None


def gui_mailbox() -> _GuiMailbox:
    """The one mailbox (made on first use, which must be on the GUI thread)."""
    global _mailbox
    if _mailbox is None:
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            raise RuntimeError("the GUI mailbox must be made on the GUI thread")
        _mailbox = _GuiMailbox()
    return _mailbox


def post_to_gui(callback: Callable[[], None]) -> None:
    """Run `callback` on the GUI thread soon; safe from any thread."""
    assert _mailbox is not None, "gui_mailbox() is made on the GUI thread before any worker"
    _mailbox.posted.emit(callback)


class _Relay(QObject):
    """Lives on the GUI thread and updates the dialog; only the GUI thread touches it."""

    def __init__(self, dialog: QProgressDialog, loop: QEventLoop) -> None:
        super().__init__()
        self.dialog, self.loop = dialog, loop
        self.result: Any = None
        self.error: BaseException | None = None
        self.finished = False

    def on_progress(self, done: int, total: int, text: str) -> None:
        if self.finished:
            return
        # Words first: setting a shown modal dialog's value handles pending events, a newer
        # report among them, whose words must not be overwritten by this older one's.
        if text:
            self.dialog.setLabelText(text)
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)

    def on_finished(self, result: Any, error: BaseException | None) -> None:
        self.result, self.error, self.finished = result, error, True
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
    loop = QEventLoop()
    relay = _Relay(dialog, loop)
    gui_mailbox()
    # The worker is a plain thread holding no Qt object: it posts its reports and its answer
    # to the GUI thread, where the relay (kept alive by this frame) shows them.
    progress = Progress(
        lambda d, t, s: post_to_gui(lambda: relay.on_progress(d, t, s)),
    )
    dialog.canceled.connect(progress.cancel)

    def work() -> None:
        try:
            result, error = job(progress), None
        except BaseException as exc:  # handed to the GUI thread, re-raised there
            result, error = None, exc
        post_to_gui(lambda: relay.on_finished(result, error))

    worker = threading.Thread(target=work, name=f"job: {title}", daemon=True)
    worker.start()
    while not relay.finished:
        loop.exec()
    worker.join()
    dialog.close()
    dialog.deleteLater()
    if relay.error is not None:
        raise relay.error
    return relay.result
