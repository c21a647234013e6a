"""Do-not-contact shows wherever the person appears and is asked about before contacting them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QMessageBox, QStyleOptionViewItem

from infcrm.db.engine import Database
from infcrm.services.campaigns import campaigns, deals
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.outreach import follow_up_lists, followups, history, pipeline
from infcrm.services.outreach.outreach_types import BoardQuery
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from infcrm.ui.dialogs.campaign_picker_dialog import CampaignPickerDialog, add_to_campaign
from infcrm.ui.dialogs.influencer_picker_dialog import InfluencerPickerDialog
from infcrm.ui.dialogs.log_interaction_dialog import LogInteractionDialog
from infcrm.ui.models.board_column_model import CARD_ROLE, BoardColumnModel
from infcrm.ui.models.follow_up_table_model import COLUMN_KEYS, FollowUpTableModel
from infcrm.ui.widgets.board_card_delegate import BoardCardDelegate


@pytest.fixture
def people(db: Database) -> tuple[int, int]:
    """Quinn, who asked not to be contacted, and Olga, who did not."""
    quinn = influencers.create(db, InfluencerInput(display_name="Quiet Quinn", do_not_contact=True))
    olga = influencers.create(db, InfluencerInput(display_name="Open Olga"))
    return quinn, olga


def _answer(monkeypatch: pytest.MonkeyPatch, go_on: bool) -> list[str]:
    """Answer the do-not-contact question as a user would; returns the questions asked."""
    asked: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        wanted = QMessageBox.ButtonRole.AcceptRole if go_on else QMessageBox.ButtonRole.RejectRole
        next(b for b in box.buttons() if box.buttonRole(b) == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return asked


def _card_image(card, model: BoardColumnModel) -> QImage:
    image = QImage(300, 90, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 300, 90)
    painter = QPainter(image)
    model.set_cards(model.stage, [card], 1)
    BoardCardDelegate().paint(painter, option, model.index(0, 0, QModelIndex()))
    painter.end()
    return image


def _has_red(image: QImage) -> bool:
    """A red sign on the card's first line (the avatar before it is never this red)."""
    return any(
        (c := image.pixelColor(x, y)).red() > 180 and c.green() < 100 and c.blue() < 100
        for x in range(0, 120)
        for y in range(0, 40)
    )


def test_board_cards_carry_the_sign(qapp, db: Database, people: tuple[int, int]) -> None:
    quinn, olga = people
    columns = pipeline.board(db, BoardQuery())
    cards = {c.id: c for column in columns for c in column.cards}
    assert cards[quinn].do_not_contact and not cards[olga].do_not_contact
    model = BoardColumnModel(db, columns[0].stage)
    model.set_cards(columns[0].stage, [cards[quinn]], 1)
    assert "do not contact" in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, 0), CARD_ROLE) is cards[quinn]
    assert _has_red(_card_image(cards[quinn], model))
    assert not _has_red(_card_image(cards[olga], model))


def test_follow_up_rows_carry_the_sign(qapp, db: Database, people: tuple[int, int]) -> None:
    quinn, olga = people
    today = date.today()
    for person in people:
        followups.add_follow_up(db, person, today, "Check in")
    model = FollowUpTableModel(db)
    model.set_section("today", follow_up_lists.buckets(db, today).today, today)
    name = COLUMN_KEYS.index("name")
    by_person = {model.row_data(r).influencer_id: r for r in range(model.rowCount())}
    quinn_cell = model.index(by_person[quinn], name)
    olga_cell = model.index(by_person[olga], name)
    assert not model.data(quinn_cell, Qt.ItemDataRole.DecorationRole).isNull()
    assert model.data(olga_cell, Qt.ItemDataRole.DecorationRole) is None
    assert "Do not contact" in model.data(quinn_cell, Qt.ItemDataRole.ToolTipRole)
    assert model.data(quinn_cell, Qt.ItemDataRole.AccessibleTextRole).endswith("do not contact")


def test_the_influencer_picker_marks_them(qtbot, db: Database, people: tuple[int, int]) -> None:
    dialog = InfluencerPickerDialog(db)
    qtbot.addWidget(dialog)
    texts = {dialog.list.item(r).text(): dialog.list.item(r) for r in range(dialog.list.count())}
    assert "Quiet Quinn  ·  Do not contact" in texts
    assert "Open Olga" in texts
    assert not texts["Quiet Quinn  ·  Do not contact"].icon().isNull()


def test_the_campaign_picker_says_how_many_are_marked(qtbot, db: Database) -> None:
    dialog = CampaignPickerDialog(db, 4, marked=2)
    qtbot.addWidget(dialog)
    assert not dialog.marked_note.isHidden()
    assert dialog.marked_note.text() == "⚠ 2 of them are marked “Do not contact”."
    clean = CampaignPickerDialog(db, 4)
    qtbot.addWidget(clean)
    assert clean.marked_note.isHidden()


def _log_dialog(qtbot, db: Database, person: int) -> LogInteractionDialog:
    dialog = LogInteractionDialog(db, person, today=date.today())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.when.setDateTime(dialog.when.dateTime().addSecs(-60))
    qtbot.keyClicks(dialog.subject, "Spring box")
    return dialog


def test_logging_outreach_to_them_asks_first(
    qtbot, db: Database, people: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    quinn, _olga = people
    asked = _answer(monkeypatch, go_on=False)
    dialog = _log_dialog(qtbot, db, quinn)
    dialog.outbound.setChecked(True)
    dialog.save_button.click()
    assert asked == ["This person is marked “Do not contact”: Quiet Quinn."]
    assert dialog.isVisible() and dialog.saved_id is None, "Cancel keeps what was typed"
    assert history.timeline(db, quinn) == [] or all(
        "Spring box" not in e.title for e in history.timeline(db, quinn)
    )
    asked = _answer(monkeypatch, go_on=True)
    dialog.save_button.click()
    assert dialog.saved_id is not None
    assert any("Spring box" in e.title for e in history.timeline(db, quinn))


def test_logging_their_reply_or_anyone_else_asks_nothing(
    qtbot, db: Database, people: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    quinn, olga = people
    asked = _answer(monkeypatch, go_on=False)
    reply = _log_dialog(qtbot, db, quinn)
    reply.inbound.setChecked(True)
    reply.save_button.click()
    other = _log_dialog(qtbot, db, olga)
    other.outbound.setChecked(True)
    other.save_button.click()
    assert asked == []
    assert reply.saved_id is not None and other.saved_id is not None


def test_adding_them_to_a_campaign_asks_first(
    qtbot, db: Database, people: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    quinn, olga = people
    campaign = campaigns.create_campaign(
        db, CampaignInput(name="Spring", starts_on=date.today() - timedelta(days=1))
    )

    def members() -> set[int]:
        return {d.influencer_id for d in deals.deal_summaries(db, campaign, date.today())}

    asked = _answer(monkeypatch, go_on=False)
    assert add_to_campaign(qtbot_parent(qtbot), db, [quinn, olga], campaign) == 0
    assert asked == ["1 of them is marked “Do not contact”: Quiet Quinn."]
    assert members() == set()
    _answer(monkeypatch, go_on=True)
    assert add_to_campaign(qtbot_parent(qtbot), db, [quinn, olga], campaign) == 2
    assert members() == {quinn, olga}


def qtbot_parent(qtbot):
    """A plain window to parent the question, as a screen would."""
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    return widget
