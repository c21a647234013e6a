"""The app's yes/no questions: buttons named by what they do, Escape takes the cautious way."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from infcrm.db.backups import BackupInfo
from infcrm.ui import question_box
from infcrm.ui.dialogs import restore_dialog


def _answer(monkeypatch: pytest.MonkeyPatch, how: str) -> list[QMessageBox]:
    """Answer the next questions by clicking the named button or pressing Escape."""
    seen: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append(box)
        if how == "escape":  # what Qt clicks when Escape is pressed
            box.escapeButton().click()
        else:
            next(b for b in box.buttons() if b.text() == how).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


def test_the_named_button_says_yes_and_escape_says_no(qtbot, monkeypatch) -> None:
    seen = _answer(monkeypatch, "Open the server")
    assert question_box.ask(None, title="T", text="Which?", go="Open the server", stay="File")
    escaped = _answer(monkeypatch, "escape")
    assert not question_box.ask(None, title="T", text="Which?", go="Open the server", stay="File")
    assert escaped[0].clickedButton().text() == "File", "Escape is the cautious button"
    _answer(monkeypatch, "Cancel")
    assert not question_box.ask(None, title="T", text="Which?", go="Go on anyway")
    labels = sorted(b.text() for b in seen[0].buttons())
    assert labels == ["File", "Open the server"]


def test_a_risky_question_defaults_to_the_cautious_button(qtbot, monkeypatch) -> None:
    seen = _answer(monkeypatch, "escape")
    question_box.ask(None, title="T", text="Sure?", go="Go on anyway", go_is_default=False)
    assert seen[0].defaultButton().text() == "Cancel"


def test_the_damaged_file_question_offers_the_newest_backup(qtbot, monkeypatch) -> None:
    newest = BackupInfo(
        path=Path("crm-2026-11-30.sqlite"),
        made_at=datetime(2026, 11, 30, 9, 15, tzinfo=UTC).astimezone(),
        size=4096,
        influencer_count=12,
        schema_revision="0025",
        reason="daily",
    )
    seen = _answer(monkeypatch, "Restore that backup")
    assert restore_dialog.ask_to_restore(None, Path("crm.sqlite"), "page 3 is damaged", newest)
    box = seen[0]
    assert box.windowTitle() == "Your data file is damaged"
    assert "crm.sqlite" in box.text() and "page 3 is damaged" in box.detailedText()
    assert "Restore it?" in box.informativeText()
    _answer(monkeypatch, "Not now")
    assert not restore_dialog.ask_to_restore(None, Path("crm.sqlite"), "damaged", newest)


def test_with_no_backup_the_damaged_file_question_only_says_what_to_do(qtbot, monkeypatch) -> None:
    seen = _answer(monkeypatch, "Close")
    assert not restore_dialog.ask_to_restore(None, Path("crm.sqlite"), "damaged", None)
    assert "keep a copy of the file" in seen[0].informativeText()
