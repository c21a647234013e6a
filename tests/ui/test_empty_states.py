"""Every screen with nothing to show says in one sentence what it is for, and offers the one
button that starts it (the trash has nothing to start, so only its sentence)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from infcrm.db.engine import Database

# The same button on three screens opens the same form, so it reads the same on each (“…”:
# a form follows, nothing is added yet).
STARTS = {
    "dashboard": "Add your first influencer…",
    "influencers": "Add your first influencer…",
    "pipeline": "Add your first influencer…",
    "followups": "Log an interaction…",
    "campaigns": "New campaign…",
    "trash": None,
}


@pytest.fixture
def window(qtbot, open_window, db: Database):
    window = open_window(db)
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("key", list(STARTS))
def test_an_empty_screen_says_what_it_is_for_and_how_to_start(qtbot, window, key: str) -> None:
    window.show_view(key)
    view = window.views[key]
    qtbot.waitUntil(lambda: not view.is_loading(), timeout=10_000)

    def messages() -> list[QLabel]:
        return [
            w
            for w in view.findChildren(QLabel)
            if w.objectName() in ("empty_text", "welcome_text") and w.isVisible()
        ]

    qtbot.waitUntil(lambda: len(messages()) == 1, timeout=5_000)
    texts = messages()
    sentence = re.sub(r"<h2>.*?</h2>|<[^>]+>", "", texts[0].text()).strip()
    assert sentence and len(re.findall(r"[.!?](\s|$)", sentence)) == 1, sentence
    primary = [b for b in view.findChildren(QPushButton) if b.isVisible() and b.property("primary")]
    if STARTS[key] is None:
        assert primary == []
    else:
        assert [b.text() for b in primary] == [STARTS[key]]
