"""The timeline: saved emails dropped or chosen, malformed files refused, other people offered."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from infcrm.db.engine import Database
from infcrm.services.outreach import history
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.widgets.timeline_widget import TimelineWidget


def _person(db: Database, name: str, email: str) -> int:
    contacted = next(s.id for s in influencers.stages(db) if s.name == "Contacted")
    return influencers.create(
        db, InfluencerInput(display_name=name, email=email, stage_id=contacted)
    )


def _eml(folder: Path, sender: str, to: str, name: str = "reply.eml") -> Path:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = "Re: Our collab"
    message["Date"] = "Tue, 03 Nov 2026 10:15:00 +0100"
    message.set_content("Hi!\nThe parcel arrived, thank you. Posting on Friday.\n")
    path = folder / name
    path.write_bytes(bytes(message))
    return path


@pytest.fixture
def timeline(qtbot, db: Database) -> TimelineWidget:
    widget = TimelineWidget(db)
    qtbot.addWidget(widget)
    widget.resize(460, 600)
    widget.show()
    return widget


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _rows(widget: TimelineWidget) -> list[str]:
    return [widget.model.index(r, 0).data() for r in range(widget.model.rowCount())]


def test_a_dropped_email_lands_in_the_timeline_kept_verbatim(
    timeline: TimelineWidget, db: Database, tmp_path: Path
) -> None:
    mia = _person(db, "Mia Bakes", "mia@example.com")
    timeline.set_influencer(mia)
    path = _eml(tmp_path, "Mia <mia@example.com>", "shop@ourbrand.example")
    mime = _mime(path)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(20, 20), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    timeline.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(20, 20), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    timeline.dropEvent(drop)
    [row] = _rows(timeline)
    assert row.startswith("✉  Email from them: Re: Our collab")
    assert "The parcel arrived" in row and "original email kept" in row
    assert timeline.message.text() == "Logged 1 email."
    [entry] = history.timeline(db, mia)
    assert history.source_email(db, entry.interaction_id) == path.read_bytes()
    # Clicking the entry opens the whole text.
    timeline.list.setCurrentIndex(timeline.model.index(0, 0))
    assert timeline.full_text.isVisible()
    assert "Posting on Friday." in timeline.full_text.toPlainText()


def test_other_files_are_not_accepted_for_dropping(
    timeline: TimelineWidget, db: Database, tmp_path: Path
) -> None:
    timeline.set_influencer(_person(db, "Mia Bakes", "mia@example.com"))
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG")
    mime = _mime(picture)  # held here: the event does not own it
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    timeline.dragEnterEvent(enter)
    assert not enter.isAccepted()


def test_a_malformed_file_says_why_and_logs_nothing(
    timeline: TimelineWidget, db: Database, tmp_path: Path
) -> None:
    mia = _person(db, "Mia Bakes", "mia@example.com")
    timeline.set_influencer(mia)
    bad = tmp_path / "notes.eml"
    bad.write_bytes(b"just some text\nwith no headers at all\n")
    assert timeline.add_eml_files([bad]) == 0
    assert timeline.message.isVisible()
    said = timeline.message.text()
    assert "“notes.eml”" in said and "no sender" in said and "Nothing was logged" in said
    assert history.timeline(db, mia) == []
    assert timeline.empty.isVisibleTo(timeline)


def test_an_email_of_someone_else_is_offered_to_them(
    timeline: TimelineWidget, db: Database, tmp_path: Path, monkeypatch
) -> None:
    mia = _person(db, "Mia Bakes", "mia@example.com")
    anna = _person(db, "Anna Knits", "anna@example.org")
    timeline.set_influencer(mia)
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    path = _eml(tmp_path, "anna@example.org", "shop@ourbrand.example")
    assert timeline.add_eml_files([path]) == 1
    assert "Anna Knits, not Mia Bakes" in asked[0]
    assert history.timeline(db, mia) == []
    assert [e.title for e in history.timeline(db, anna)] == ["Email from them: Re: Our collab"]
    assert "Anna Knits" in timeline.message.text()


def test_the_add_button_logs_chosen_files_and_cancel_logs_nothing(
    timeline: TimelineWidget, db: Database, tmp_path: Path, monkeypatch
) -> None:
    mia = _person(db, "Mia Bakes", "mia@example.com")
    timeline.set_influencer(mia)
    first = _eml(tmp_path, "shop@ourbrand.example", "mia@example.com", "a.eml")
    second = _eml(tmp_path, "mia@example.com", "shop@ourbrand.example", "b.eml")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a: ([], ""))
    timeline.eml_button.click()
    assert history.timeline(db, mia) == []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a: ([str(first), str(second)], ""))
    timeline.eml_button.click()
    assert timeline.message.text() == "Logged 2 emails."
    titles = sorted(row.splitlines()[0] for row in _rows(timeline))
    assert titles == ["✉  Email from them: Re: Our collab", "✉  Email to them: Re: Our collab"]


def test_an_email_with_raw_8bit_headers_is_logged_readably(
    timeline: TimelineWidget, db: Database, tmp_path: Path
) -> None:
    mia = _person(db, "Mia Bakes", "mia@example.com")
    timeline.set_influencer(mia)
    path = tmp_path / "8bit.eml"
    path.write_bytes(
        b"From: Mia M\xfcller <mia@example.com>\r\nTo: shop@example.org\r\n"
        b"Subject: Gr\xc3\xbc\xc3\x9fe \xff\r\n\r\nDanke sch\xf6n\r\n"
    )
    assert timeline.add_eml_files([path]) == 1
    assert [e.title for e in history.timeline(db, mia)] == ["Email from them: Grüße ÿ"]


def test_an_email_file_over_25_mb_is_refused_in_words(
    timeline: TimelineWidget, db: Database, tmp_path: Path
) -> None:
    mia = _person(db, "Mia Bakes", "mia@example.com")
    timeline.set_influencer(mia)
    path = tmp_path / "huge.eml"
    with path.open("wb") as out:
        out.write(b"From: mia@example.com\r\n\r\n")
        out.truncate(26 * 1024 * 1024)
    assert timeline.add_eml_files([path]) == 0
    assert "up to 25 MB" in timeline.message.text()
    assert history.timeline(db, mia) == []
