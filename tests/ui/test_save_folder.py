"""Save dialogs open where the user last saved, else in Documents — never the app's folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from infcrm.db.engine import Database
from infcrm.services.outreach import followups
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.dialogs.calendar_export import export_follow_ups_to_calendar
from infcrm.ui.dialogs.export_dialog import ExportDialog


@pytest.fixture
def documents() -> Path:
    folder = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_first_save_opens_in_documents_then_where_the_user_saved(
    qtbot, db: Database, documents: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = influencers.create(db, InfluencerInput(display_name="Mia Bakes"))
    followups.add_follow_up(db, person, date.today(), "Call")
    offered: list[str] = []
    chosen_folder = tmp_path / "shared" / "calendars"
    chosen_folder.mkdir(parents=True)

    def fake_save(_parent, _title, start, *_rest):
        offered.append(start)
        return str(chosen_folder / "follow-ups.ics"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    window = QWidget()
    qtbot.addWidget(window)
    assert export_follow_ups_to_calendar(window, db) == 1
    assert Path(offered[0]).parent == documents
    assert Path(offered[0]).parent != Path.cwd()

    # The next save, of any kind, opens where the last one went.
    dialog = ExportDialog(db, None, None)
    qtbot.addWidget(dialog)
    assert Path(dialog.path_edit.text()).parent == chosen_folder
    export_follow_ups_to_calendar(window, db)
    assert Path(offered[1]).parent == chosen_folder


def test_a_vanished_last_folder_falls_back_to_documents(
    qtbot, db: Database, documents: Path, tmp_path: Path
) -> None:
    from infcrm.ui.save_folder import remember_saved, save_folder

    gone = tmp_path / "usb-stick"
    gone.mkdir()
    remember_saved(gone / "list.xlsx")
    assert save_folder() == gone
    gone.rmdir()
    assert save_folder() == documents
