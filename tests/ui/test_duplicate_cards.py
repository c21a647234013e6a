"""Find duplicates' two cards side by side, whatever long unbreakable values they hold."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QScrollArea

from infcrm.db.engine import Database
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.ui.dialogs.duplicates_dialog import DuplicatesDialog

# 68 characters without a space or a hyphen: nowhere a line may break.
LONG_EMAIL = "maximilian.alexander.vonhohenbergschwarzenfeld@creatoragency.example"
# The same in capitals before the “@” (a domain is stored in small letters).
SHOUTED = "MAXIMILIAN.ALEXANDER.VONHOHENBERGSCHWARZENFELD@creatoragency.example"
INVISIBLE = "\u200b"


def _max_twice(db: Database) -> None:
    for email, platform, handle in (
        (LONG_EMAIL, "instagram", "max.hohenberg.official"),
        (SHOUTED, "tiktok", "maxhohenberg"),
    ):
        influencers.create(
            db,
            InfluencerInput(
                display_name="Maximilian von Hohenberg",
                email=email,
                accounts=(AccountInput(platform, handle),),
            ),
        )


@pytest.mark.parametrize("size", [(800, 500), (1024, 640)])
def test_a_long_email_wraps_inside_its_card_and_both_cards_show(
    qtbot, db: Database, size: tuple[int, int]
) -> None:
    from PySide6.QtGui import QUndoStack

    _max_twice(db)
    stack = QUndoStack()
    dialog = DuplicatesDialog(db, stack)
    qtbot.addWidget(dialog)
    dialog.resize(*size)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: len(dialog.groups) == 1)
    comparison = dialog.comparison
    scroll = comparison.findChild(QScrollArea)

    def fits() -> bool:
        room = scroll.viewport().width()
        return (
            scroll.horizontalScrollBar().maximum() == 0
            and scroll.widget().width() <= room
            and all(0 <= card.geometry().left() for card in comparison.sides)
            and all(card.geometry().right() <= room for card in comparison.sides)
        )

    qtbot.waitUntil(fits)
    # Nothing is cut off: each card shows the whole address, over more than one line if it
    # must, and so does the reason above them.
    for card, email in zip(comparison.sides, (LONG_EMAIL, SHOUTED), strict=True):
        assert card.isVisible()
        assert email in card.body.shown_text().replace(INVISIBLE, "")
        assert email in card.text()
        assert INVISIBLE not in card.text()
    assert LONG_EMAIL in comparison.reasons.shown_text().replace(INVISIBLE, "")
    dialog.close()


def test_copying_from_a_card_gives_the_address_as_it_is(qtbot, db: Database) -> None:
    from PySide6.QtGui import QUndoStack

    _max_twice(db)
    dialog = DuplicatesDialog(db, QUndoStack())
    qtbot.addWidget(dialog)
    dialog.resize(800, 500)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.groups) == 1)
    body = dialog.comparison.sides[0].body
    qtbot.waitUntil(lambda: INVISIBLE in body.shown_text())  # broken where it must be
    body.setFocus()
    body.setSelection(0, len(body.shown_text()))
    QGuiApplication.clipboard().clear()
    qtbot.keySequence(body, QKeySequence.StandardKey.Copy)
    copied = QGuiApplication.clipboard().text()
    assert LONG_EMAIL in copied and INVISIBLE not in copied
    assert copied.startswith("Instagram @max.hohenberg.official\n")
    assert Qt.TextInteractionFlag.TextSelectableByMouse & body.textInteractionFlags()
    dialog.close()
