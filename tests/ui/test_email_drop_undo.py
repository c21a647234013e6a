"""Emails dropped on a person's history are one step of Edit › Undo: Ctrl+Z takes back the
logged emails with the stage move they made (Prospect → Contacted), Ctrl+Shift+Z logs them
again with the same ids."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from infcrm.db.engine import Database
from infcrm.services.outreach import history
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from tests.table_dump import everything
from tests.undo_screen import redo, undo


def _eml(folder: Path, name: str, subject: str) -> Path:
    message = EmailMessage()
    message["From"] = "shop@ourbrand.example"
    message["To"] = "mia@example.com"
    message["Subject"] = subject
    message["Date"] = "Tue, 03 Nov 2026 10:15:00 +0100"
    message.set_content("Hi Mia,\nwould you like to try our spring box?\n")
    path = folder / name
    path.write_bytes(bytes(message))
    return path


def _drop(timeline, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    timeline.dropEvent(
        QDropEvent(
            QPointF(20, 20),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )


def _rows(timeline) -> list[str]:
    return [timeline.model.index(r, 0).data() for r in range(timeline.model.rowCount())]


def test_dropped_emails_and_their_stage_move_are_undone_and_redone(
    qtbot, open_window, db: Database, tmp_path: Path
) -> None:
    prospect = next(s for s in influencers.stages(db) if s.name == "Prospect")
    mia = influencers.create(
        db, InfluencerInput(display_name="Mia Bakes", email="mia@example.com", stage_id=prospect.id)
    )
    window = open_window(db)
    view = window.views["influencers"]
    qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() == 1)
    view.select_influencer(mia)
    timeline = view.detail.timeline

    def stage_shown() -> str:
        return view.model.index(0, view.model.column_of("stage")).data()

    assert _rows(timeline) == [] and stage_shown() == "Prospect"
    before = everything(db)

    _drop(timeline, _eml(tmp_path, "a.eml", "Spring box"), _eml(tmp_path, "b.eml", "Reminder"))

    assert timeline.message.text() == "Logged 2 emails."
    assert window.undo_stack.undoText() == "logging of 2 emails"
    assert window.undo_stack.count() == 1
    qtbot.waitUntil(lambda: stage_shown() == "Contacted")
    assert sum("Spring box" in row or "Reminder" in row for row in _rows(timeline)) == 2
    after = everything(db)

    undo(qtbot, window)

    assert everything(db) == before
    assert history.timeline(db, mia) == []
    qtbot.waitUntil(lambda: _rows(timeline) == [] and stage_shown() == "Prospect")
    assert not timeline.message.isVisible()  # “Logged 2 emails.” no longer holds

    redo(qtbot, window)

    assert everything(db) == after  # the same ids, the original files kept verbatim
    qtbot.waitUntil(lambda: stage_shown() == "Contacted" and len(_rows(timeline)) == 3)


def test_one_dropped_email_is_named_by_its_subject(
    qtbot, open_window, db: Database, tmp_path: Path
) -> None:
    mia = influencers.create(db, InfluencerInput(display_name="Mia", email="mia@example.com"))
    window = open_window(db)
    view = window.influencers_view()
    qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() == 1)
    view.select_influencer(mia)
    _drop(view.detail.timeline, _eml(tmp_path, "a.eml", "Spring box"))
    assert window.undo_stack.undoText() == "logging of the email “Spring box”"
