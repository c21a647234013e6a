"""Fixtures for the Qt tests: QSettings under the test's own home, a main window on a real file."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from infcrm.db.engine import Database

if TYPE_CHECKING:
    from infcrm.ui.main_window import MainWindow

# Screens read in the background; on a quiet machine the answer comes in well under a second,
# but on a shared, loaded one it came after pytest-qt's default 5 s (the board's filter and the
# dashboard's tile tests failed about once in five runs of the UI suite). Waiting longer costs
# nothing when all is well: waitUntil returns as soon as its condition holds.
PATIENCE_MS = 30_000
_wait_until = QtBot.waitUntil


def _patient_wait_until(self, callback, *, timeout: int = PATIENCE_MS) -> None:
    _wait_until(self, callback, timeout=max(timeout, PATIENCE_MS))


QtBot.waitUntil = _patient_wait_until


@pytest.fixture(autouse=True)
def _qt_settings(qapp, tmp_path) -> None:
    """Every test starts with empty QSettings (remembered columns, window size); garbage is
    collected on the GUI thread as in the app."""
    from infcrm.ui import gc_guard

    gc_guard.install(qapp)
    QCoreApplication.setOrganizationName("infcrm-tests")
    QCoreApplication.setApplicationName("infcrm-tests")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings().clear()


_MODIFIER_KEYS = (
    (Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Shift),
    (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Control),
    (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_Alt),
    (Qt.KeyboardModifier.MetaModifier, Qt.Key.Key_Meta),
)


def release_held_keys() -> None:
    """Let go of any modifier key Qt still believes is held down.

    A simulated Ctrl+Shift+S whose shortcut opens a dialog leaves Qt thinking Shift is still
    down. The next test's ``selectRow(0)`` then reads as a Shift-click from a stale anchor and
    selects nothing: the campaign and follow-up tests failed only when they happened to run
    after such a test in the same worker."""
    held = QGuiApplication.keyboardModifiers()
    if held == Qt.KeyboardModifier.NoModifier:
        return
    target = QWidget()
    for modifier, key in _MODIFIER_KEYS:
        if held & modifier:
            QTest.keyRelease(target, key, Qt.KeyboardModifier.NoModifier)
    target.deleteLater()


@pytest.fixture(autouse=True)
def _no_keys_held(qapp) -> Iterator[None]:
    """Every test starts and ends with no key held down, whatever the test before it did."""
    release_held_keys()
    yield
    release_held_keys()


_REAL_QUESTION = QMessageBox.question


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """A dialog a test left open with edits is discarded when pytest-qt closes it at teardown,
    instead of waiting forever for an answer to "Save your changes?"."""
    QMessageBox.question = staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    try:
        return (yield)
    finally:
        QMessageBox.question = _REAL_QUESTION


@pytest.fixture
def main_window(qtbot, demo_db: Database):
    """The main window on the small demo database."""
    from infcrm.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def open_window(qtbot) -> Callable[..., MainWindow]:
    """Opens the main window on a database as a user meets it: 1280 × 800, shown, on `view`
    (the Influencers screen unless told; None keeps the screen it starts on), once that
    screen's first background read has answered."""
    from infcrm.ui.main_window import MainWindow

    def open_on(
        db: Database, view: str | None = "influencers", size: tuple[int, int] = (1280, 800)
    ) -> MainWindow:
        window = MainWindow(db)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        if view is not None:
            window.show_view(view)
        qtbot.waitUntil(lambda: not window.current_view().is_loading())
        return window

    return open_on


class EscapePresser(QObject):
    """Presses Esc on whatever modal dialog or popup menu is open, as a user would."""

    def __init__(self) -> None:
        super().__init__()
        self.pressed = 0
        self._timer = QTimer(self)
        self._timer.setInterval(15)
        self._timer.timeout.connect(self._press)

    def start(self) -> None:
        """Begin watching for dialogs (the timer also fires inside a dialog's own exec())."""
        self._timer.start()

    def stop(self) -> None:
        """Stop watching."""
        self._timer.stop()

    def _press(self) -> None:
        target: QWidget | None = (
            QApplication.activePopupWidget() or QApplication.activeModalWidget()
        )
        if target is not None:
            self.pressed += 1
            QTest.keyClick(target, Qt.Key.Key_Escape)


def close_open_dialogs() -> None:
    """Esc on every dialog still on show (those opened with open(), which do not block)."""
    for _round in range(5):
        shown = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
        ]
        if not shown:
            return
        for dialog in shown:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
        QApplication.processEvents()


class ExceptionsSeen:
    """Collects every exception that reaches sys.excepthook (a slot's error in a real app)."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        import traceback

        self.seen.append("".join(traceback.format_exception(kind, error, tb)))


@dataclass
class EscUser:
    """A user who presses Esc on every dialog; what reached sys.excepthook; links opened."""

    presser: EscapePresser
    errors: ExceptionsSeen
    opened: list[str]


@pytest.fixture
def esc_user(monkeypatch) -> Iterator[EscUser]:
    """Esc answers every dialog; exceptions are kept; links and folders are not opened."""
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString()) or True)
    )
    errors = ExceptionsSeen()
    monkeypatch.setattr(sys, "excepthook", errors)
    presser = EscapePresser()
    presser.start()
    try:
        yield EscUser(presser, errors, opened)
    finally:
        close_open_dialogs()
        presser.stop()


@pytest.fixture
def themed(qapp):
    """The app with infcrm's look installed; afterwards Qt's plain look returns, so other
    tests see the palette they were written against."""
    from PySide6.QtGui import QGuiApplication, QPalette

    from infcrm.ui import theme

    theme.install(qapp)
    yield theme
    QGuiApplication.styleHints().colorSchemeChanged.disconnect(theme._on_system_scheme_changed)
    theme._state["forced"] = None
    theme._state["installed"] = False
    qapp.setStyleSheet("")
    qapp.setPalette(QPalette())
    theme._state["scheme"] = "light"
