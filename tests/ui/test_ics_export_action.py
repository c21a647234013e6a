"""File › Export follow-ups to calendar…: the .ics file a calendar app imports, read back."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from infcrm.files.ics_export import follow_up_uid
from infcrm.services.outreach import follow_up_lists
from infcrm.ui.main_window import MainWindow

ENTRY = "Export follow-ups to &calendar…"


def _action(window: MainWindow) -> QAction:
    return next(a for a in window.menus["file"].actions() if a.text() == ENTRY)


def test_exports_every_open_follow_up_to_an_ics_file(
    qtbot, main_window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "my follow-ups"  # no extension typed: .ics is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Calendar files (*.ics)")
    )
    action = _action(main_window)
    assert action.toolTip().startswith("Save the open follow-ups as an .ics file")
    action.trigger()
    written = tmp_path / "my follow-ups.ics"
    calendar = Calendar.from_ical(written.read_bytes())
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == follow_up_lists.count_open(main_window.db) > 0
    someone = next(r for r in follow_up_lists.iter_open(main_window.db) if r.due_time is None)
    [mine] = [e for e in events if str(e["uid"]) == follow_up_uid(someone)]
    assert str(mine["summary"]) == f"Follow up: {someone.influencer_name}"
    assert mine.decoded("dtstart") == someone.due_date
    assert "Exported" in main_window.statusBar().currentMessage()


def test_cancelling_the_file_dialog_writes_nothing(
    qtbot, main_window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    _action(main_window).trigger()
    assert list(tmp_path.glob("*.ics")) == []


def test_with_no_open_follow_ups_it_says_so_instead_of_asking_for_a_file(
    qtbot, db, monkeypatch
) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a))
    _action(window).trigger()
    assert asked == [] and "no open follow-ups" in told[0]
