"""The detail panel: a read-only summary of the chosen influencer that keeps itself current."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from infcrm.db.engine import Database
from infcrm.services.maintenance import settings
from infcrm.services.people import influencers, merge
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.ui.events import events
from infcrm.ui.views.influencer_detail_panel import InfluencerDetailPanel


@pytest.fixture
def panel(qtbot, db: Database) -> InfluencerDetailPanel:
    widget = InfluencerDetailPanel(db)
    qtbot.addWidget(widget)
    widget.resize(420, 800)
    widget.show()
    return widget


def _lina(db: Database, **changes: object) -> int:
    data = InfluencerInput(
        display_name="ليلى 🌸 Lina",
        email="lina@example.com",
        other_emails="lina.work@example.com",
        city="Haifa",
        country="Israel",
        tags="vip, local",
        notes="שלום! Loves ceramics.",
        brand_fit="Calm, earthy colours.",
        rating=4,
        owner="Sam",
        found_via="referral",
        found_detail="from Mia",
        accounts=(
            AccountInput(
                platform="instagram",
                handle="lina.clay",
                followers="24k",
                avg_likes="600",
                avg_comments="20",
            ),
            AccountInput(platform="tiktok", handle="lina.clay", followers="3k"),
        ),
    )
    return influencers.create(db, InfluencerInput(**{**data.__dict__, **changes}))


def _texts(panel: InfluencerDetailPanel) -> str:
    return "\n".join(label.text() for label in panel.findChildren(QLabel) if label.isVisible())


def test_nobody_chosen_shows_a_hint(panel: InfluencerDetailPanel) -> None:
    panel.show_influencer(None)
    assert panel.pages.currentWidget() is panel.empty
    assert "Choose someone" in panel.empty.text()


def test_shows_the_person_their_contact_accounts_and_notes(
    panel: InfluencerDetailPanel, db: Database
) -> None:
    person_id = _lina(db)
    panel.show_influencer(person_id)
    assert panel.name.text() == "ليلى 🌸 Lina"  # emoji and right-to-left text intact
    assert panel.summary.text() == "Prospect · ★★★★☆ · Owner: Sam"
    assert panel.tags.text() == "Tags: local, vip"
    assert "href='mailto:lina@example.com'" in panel.email.text()
    assert "mailto:lina.work@example.com" in panel.other_emails.text()
    assert panel.place.text() == "Haifa, Israel"
    assert panel.found.text() == "Referral — from Mia"
    assert panel.notes.text() == "שלום! Loves ceramics."
    assert panel.brand_fit.text() == "Calm, earthy colours."
    assert not panel.warning.isVisible()
    shown = _texts(panel)
    assert "href='https://www.instagram.com/lina.clay/'" in shown
    assert "href='https://www.tiktok.com/@lina.clay'" in shown
    assert "24k followers" in shown
    assert "Micro · 2.6% — typical for Instagram micro" in shown
    assert "Followers: 24k today (first record)" in shown
    assert panel.history_layout.count() >= 1  # where the timeline goes
    assert panel.history_section.isVisible()


def test_a_channel_kept_by_its_old_link_shows_its_name_and_opens_that_link(
    panel: InfluencerDetailPanel, db: Database
) -> None:
    channel = AccountInput("youtube", "youtube.com/c/AnnaBakes", followers="12k")
    person_id = influencers.create(db, InfluencerInput(display_name="Anna", accounts=(channel,)))

    panel.show_influencer(person_id)

    shown = _texts(panel)
    assert "<a href='https://www.youtube.com/c/AnnaBakes'>AnnaBakes</a>" in shown
    assert "@annabakes" not in shown.lower()


def test_empty_fields_leave_no_blank_rows(panel: InfluencerDetailPanel, db: Database) -> None:
    person_id = influencers.create(db, InfluencerInput(display_name="Bare"))
    panel.show_influencer(person_id)
    assert not panel.tags.isVisible()
    assert not panel.email.isVisible()
    assert not panel.notes.isVisible() and not panel.notes_heading.isVisible()
    assert "No social accounts yet." in _texts(panel)


def test_do_not_contact_and_trash_are_called_out(
    panel: InfluencerDetailPanel, db: Database
) -> None:
    person_id = _lina(db, do_not_contact=True)
    influencers.trash(db, [person_id])
    panel.show_influencer(person_id)
    assert panel.warning.isVisible()
    assert "Do not contact" in panel.warning.text()
    assert panel.trashed.text().startswith("In the trash since ")


def test_refreshes_when_the_shown_person_changes(
    panel: InfluencerDetailPanel, db: Database
) -> None:
    person_id = _lina(db)
    other_id = influencers.create(db, InfluencerInput(display_name="Someone Else"))
    panel.show_influencer(person_id)
    data = influencers.get(db, person_id).to_input()
    influencers.update(db, person_id, InfluencerInput(**{**data.__dict__, "city": "Akko"}))
    events.influencers_changed.emit([other_id])  # not the one on show: nothing to do
    assert panel.place.text() == "Haifa, Israel"
    events.influencers_changed.emit([other_id, person_id])
    assert panel.place.text() == "Akko, Israel"


def test_a_forgotten_person_leaves_the_panel(panel: InfluencerDetailPanel, db: Database) -> None:
    person_id = _lina(db)
    panel.show_influencer(person_id)
    influencers.forget(db, [person_id])
    events.influencers_changed.emit([person_id])
    assert panel.pages.currentWidget() is panel.empty
    assert "no longer exists" in panel.empty.text()
    assert panel.influencer_id is None


def test_new_tier_thresholds_show_at_once(panel: InfluencerDetailPanel, db: Database) -> None:
    from infcrm.domain.metrics import TierThresholds

    panel.show_influencer(_lina(db))
    assert "Nano · " in _texts(panel)  # the 3k TikTok account
    settings.set_tier_thresholds(db, TierThresholds(2_000, 20_000, 1_000_000))
    events.settings_changed.emit()
    shown = _texts(panel)
    assert "Nano · " not in shown
    assert "Macro · 2.6% — high for Instagram macro" in shown


def test_edit_opens_the_form_and_the_panel_shows_the_saved_change(
    qtbot, panel: InfluencerDetailPanel, db: Database, monkeypatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)
    person_id = _lina(db)
    panel.show_influencer(person_id)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = panel.edit_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Edit — ليلى 🌸 Lina"
    dialog.city.setText("Jaffa")
    with qtbot.waitSignal(events.influencers_changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert panel.place.text() == "Jaffa, Israel"
    assert panel.edit_dialog is None


def test_demo_person_growth_line(qtbot, demo_db: Database) -> None:
    panel = InfluencerDetailPanel(demo_db)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_influencer(1)
    main = influencers.get(demo_db, 1).accounts[0]
    block = panel.findChild(QWidget, f"account_{main.id}")
    assert block is not None
    growth = [lbl.text() for lbl in block.findChildren(QLabel) if "→" in lbl.text()]
    assert growth and growth[0].startswith("Followers: ") and "today" in growth[0]


def test_filled_while_hidden_then_shown(qtbot, db: Database) -> None:
    panel = InfluencerDetailPanel(db)
    qtbot.addWidget(panel)
    panel.show_influencer(_lina(db))  # e.g. chosen before the screen is on show
    panel.show()
    assert "24k followers" in _texts(panel)


@pytest.mark.parametrize("width", [340, 260], ids=["as-opened", "narrowest"])
def test_the_history_buttons_fit_the_panel_without_scrolling_sideways(
    qtbot, db: Database, width: int
) -> None:
    """Log interaction…, Compose… and Add .eml… side by side needed 327 pixels: the panel,
    340 wide as it opens and 260 at its narrowest, scrolled sideways and cut its right edge."""
    from PySide6.QtWidgets import QPushButton, QScrollArea

    panel = InfluencerDetailPanel(db)
    qtbot.addWidget(panel)
    panel.resize(width, 500)  # a laptop's height: the panel scrolls down, its bar takes room
    panel.show()
    panel.show_influencer(_lina(db))
    qtbot.waitUntil(lambda: "24k followers" in _texts(panel))
    scroll = panel.pages.currentWidget()
    assert isinstance(scroll, QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()
    right = scroll.viewport().width()
    for button in (
        panel.timeline.log_button,
        panel.timeline.compose_button,
        panel.timeline.eml_button,
    ):
        assert isinstance(button, QPushButton) and button.isVisible()
        corner = button.mapTo(scroll.viewport(), button.rect().bottomRight())
        assert 0 <= corner.x() < right, button.text()  # whole, not cut by the panel's edge


def test_one_post_a_week_is_said_in_the_singular(
    panel: InfluencerDetailPanel, db: Database
) -> None:
    """The panel read “1 posts a week”."""
    once = AccountInput(platform="instagram", handle="lina.clay", posts_per_week="1")
    panel.show_influencer(_lina(db, accounts=(once,)))
    texts = _texts(panel)
    assert "1 post a week" in texts and "1 posts" not in texts
    twice = AccountInput(platform="instagram", handle="lina.clay2", posts_per_week="2.5")
    panel.show_influencer(_lina(db, display_name="Lina Two", accounts=(twice,)))
    assert "2.5 posts a week" in _texts(panel)


def test_a_closed_panel_reads_nothing_until_it_shows_again(qtbot, db: Database) -> None:
    """A window closed (another database opened, or a server's database gone) keeps its panel
    until Qt deletes it: changes meanwhile must not send it to a database it no longer shows —
    on a server that database may be gone, and every change then raised an error. Shown
    again, it catches up."""
    from sqlalchemy import event

    panel = InfluencerDetailPanel(db)
    qtbot.addWidget(panel)
    panel.show()
    person_id = _lina(db)
    panel.show_influencer(person_id)
    panel.close()
    data = influencers.get(db, person_id).to_input()
    influencers.update(db, person_id, InfluencerInput(**{**data.__dict__, "city": "Akko"}))
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        events.deals_changed.emit([1])
        events.campaigns_changed.emit([1])
        events.settings_changed.emit()
        events.influencers_changed.emit([person_id])
        events.interactions_changed.emit([person_id])
        events.follow_ups_changed.emit()
        assert statements == []
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    panel.show()
    qtbot.waitUntil(lambda: panel.place.text() == "Akko, Israel")


def test_the_names_a_merge_kept_show_as_other_names(
    panel: InfluencerDetailPanel, db: Database
) -> None:
    lina = _lina(db)
    other = influencers.create(db, InfluencerInput(display_name="Lina C.", city="Haifa"))
    panel.show_influencer(lina)
    assert "Other names" not in _captions(panel)

    done = merge.merge(db, lina, other)
    panel.show_influencer(lina)

    assert panel.other_names.isVisible() and panel.other_names.text() == "Lina C."
    assert "Other names" in _captions(panel)
    assert "merged into this person" in panel.other_names.toolTip()
    merge.undo_merge(db, done.undo)
    panel.show_influencer(lina)
    assert not panel.other_names.isVisible()


def _captions(panel: InfluencerDetailPanel) -> list[str]:
    """The captions of the contact rows shown."""
    form = panel.contact
    return [
        form.itemAt(row, form.ItemRole.LabelRole).widget().text()
        for row in range(form.rowCount())
        if form.itemAt(row, form.ItemRole.FieldRole).widget().isVisible()
    ]
