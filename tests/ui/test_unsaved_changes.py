"""Every dialog that holds edits asks Save / Discard / Cancel when closed with changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.services.campaigns import agreements, deals

Answer = QMessageBox.StandardButton


def _one(db: Database, sql: str, *args: object) -> object:
    """The first value `sql` gives, read through the database's own engine (a file or a
    server alike); `?` marks each of `args`."""
    for number in range(len(args)):
        sql = sql.replace("?", f":a{number}", 1)
    with db.engine.connect() as conn:
        return conn.execute(text(sql), {f"a{n}": a for n, a in enumerate(args)}).scalar()


def _a_deal(db: Database) -> int:
    return int(_one(db, "SELECT min(id) FROM deal"))


def _a_person(db: Database) -> int:
    return int(_one(db, "SELECT min(id) FROM influencer WHERE deleted_at IS NULL"))


@dataclass(frozen=True)
class Case:
    """A dialog, an edit a user would make, and how to tell the edit was saved."""

    name: str
    make: Callable[[Database], QDialog]
    edit: Callable[[QDialog], None]
    saved: Callable[[Database], bool]


def _log(db: Database) -> QDialog:
    from infcrm.ui.dialogs.log_interaction_dialog import LogInteractionDialog

    return LogInteractionDialog(db, _a_person(db))


def _campaign(db: Database) -> QDialog:
    from infcrm.ui.dialogs.campaign_dialog import CampaignDialog

    return CampaignDialog(db)


def _deal(db: Database) -> QDialog:
    from infcrm.ui.dialogs.deal_dialog import DealDialog

    return DealDialog(db, _a_deal(db))


def _content(db: Database) -> QDialog:
    from infcrm.ui.dialogs.content_dialog import ContentDialog

    return ContentDialog(db, deals.get_deal(db, _a_deal(db)))


def _settings(db: Database) -> QDialog:
    from infcrm.ui.dialogs.settings_dialog import SettingsDialog

    return SettingsDialog(db)


def _stages(db: Database) -> QDialog:
    from infcrm.ui.dialogs.stages_dialog import StagesDialog

    return StagesDialog(db)


def _templates(db: Database) -> QDialog:
    from infcrm.ui.dialogs.template_editor_dialog import TemplateEditorDialog

    return TemplateEditorDialog(db)


def _agreement(db: Database) -> QDialog:
    from infcrm.ui.dialogs.agreement_dialog import AgreementDialog

    deal_id = int(
        _one(db, "SELECT min(id) FROM deal WHERE id NOT IN (SELECT deal_id FROM agreement)")
    )
    return AgreementDialog(db, deal_id)


def _reply(db: Database) -> QDialog:
    from infcrm.ui.dialogs.agreement_reply_dialog import AgreementReplyDialog

    deal_id = _a_deal(db)
    draft = agreements.compose(db, deal_id)
    agreements.mark_sent(db, draft.id)
    return AgreementReplyDialog(db, draft.id, "lena@example.com")


NOTE = "Loves the oat bars — send the new flavour"
CASES = [
    Case(
        "log interaction",
        _log,
        lambda d: d.summary.setPlainText(NOTE),
        lambda db: _one(db, "SELECT count(*) FROM interaction WHERE summary = ?", NOTE) == 1,
    ),
    Case(
        "campaign",
        _campaign,
        lambda d: d.name.setText("Autumn oats"),
        lambda db: _one(db, "SELECT count(*) FROM campaign WHERE name = 'Autumn oats'") == 1,
    ),
    Case(
        "deal",
        _deal,
        lambda d: d.usage.setText("Repost on our account for 3 months"),
        lambda db: (
            deals.get_deal(db, _a_deal(db)).usage_rights == "Repost on our account for 3 months"
        ),
    ),
    Case(
        "content",
        _content,
        lambda d: d.url.setText("https://www.instagram.com/p/oats1/"),
        lambda db: _one(db, "SELECT count(*) FROM content WHERE url LIKE '%oats1%'") == 1,
    ),
    Case(
        "settings",
        _settings,
        lambda d: d.outreach.sender.setText("Sunny Oats Team"),
        lambda db: agreements.sender_name(db) == "Sunny Oats Team",
    ),
    Case(
        "stages",
        _stages,
        lambda d: d.new_name.setText("Gifted"),
        lambda db: _one(db, "SELECT count(*) FROM stage WHERE name = 'Gifted'") == 1,
    ),
    Case(
        "template editor",
        _templates,
        lambda d: d.body.setPlainText(d.body.toPlainText() + "\nSee you soon!"),
        lambda db: (
            _one(db, "SELECT count(*) FROM agreement_template WHERE body LIKE '%See you soon!'")
            == 1
        ),
    ),
    Case(
        "agreement draft",
        _agreement,
        lambda d: d.editor.body.setPlainText(d.editor.body.toPlainText() + "\nCheers, Mia"),
        lambda db: _one(db, "SELECT count(*) FROM agreement WHERE body LIKE '%Cheers, Mia'") == 1,
    ),
    Case(
        "agreement reply",
        _reply,
        lambda d: d.reply.setPlainText("Yes, happy to do it! Lena"),
        lambda db: (
            _one(db, "SELECT count(*) FROM agreement WHERE reply_body LIKE 'Yes, happy%'") == 1
        ),
    ),
]


class Asked(list):
    """The questions asked; each is answered with `reply`."""

    reply = Answer.Cancel


@pytest.fixture
def answers(monkeypatch) -> Asked:
    asked = Asked()

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return asked.reply

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def _open(qtbot, case: Case, db: Database) -> QDialog:
    dialog = case.make(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_closing_untouched_does_not_ask(qtbot, demo_db, case, answers) -> None:
    dialog = _open(qtbot, case, demo_db)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert answers == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cancel_keeps_the_dialog_open_with_the_edit(qtbot, demo_db, case, answers) -> None:
    dialog = _open(qtbot, case, demo_db)
    case.edit(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc
    dialog.close()  # the window's close box
    dialog.reject()  # the Close / Cancel button
    assert len(answers) == 3
    assert dialog.isVisible()
    assert not case.saved(demo_db)
    assert dialog.has_unsaved_changes()
    answers.reply = Answer.Discard  # leave no dirty dialog behind for the next test
    dialog.close()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_discard_closes_without_saving(qtbot, demo_db, case, answers) -> None:
    dialog = _open(qtbot, case, demo_db)
    case.edit(dialog)
    answers.reply = Answer.Discard
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(answers) == 1
    assert not dialog.isVisible()
    assert not case.saved(demo_db)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_save_saves_and_closes(qtbot, demo_db, case, answers) -> None:
    dialog = _open(qtbot, case, demo_db)
    case.edit(dialog)
    answers.reply = Answer.Save
    dialog.close()
    assert len(answers) == 1
    assert case.saved(demo_db)
    assert not dialog.isVisible()


def test_the_deal_dialogs_close_asks_about_typed_incentives_and_content(
    qtbot, demo_db, answers
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from infcrm.ui.dialogs.deal_dialog import DealDialog

    deal_id = _a_deal(demo_db)
    before = deals.get_deal(demo_db, deal_id)
    dialog = DealDialog(demo_db, deal_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.incentives.add_line().description.setText("Spring box of granola")
    dialog.deliverables.add_line()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)

    answers.reply = Answer.Cancel
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert len(answers) == 1 and dialog.isVisible()  # the typed lines are still there

    answers.reply = Answer.Save
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    after = deals.get_deal(demo_db, deal_id)
    assert "Spring box of granola" in [i.description for i in after.incentives]
    assert len(after.deliverables) == len(before.deliverables) + 1
