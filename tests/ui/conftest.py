"""Fixtures for the Qt tests: QSettings under the test's own home, a main window on a real file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from infcrm.db.engine import Database


@pytest.fixture(autouse=True)
def _qt_settings(qapp, tmp_path) -> None:
    """Every test starts with empty QSettings (remembered columns, window size)."""
    QCoreApplication.setOrganizationName("infcrm-tests")
    QCoreApplication.setApplicationName("infcrm-tests")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings().clear()


@pytest.fixture
def main_window(qtbot, demo_db: Database):
    """The main window on the small demo database."""
    from infcrm.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    return window
