"""Who did what, on screen, for two teammates sharing a database: the History names authors,
the detail says who added and changed a person, follow-ups say who set them, and “Owned by
me” / “Mine only” narrow the lists to the user's own."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from infcrm.db.engine import Database
from infcrm.services.outreach import followups, interactions, pipeline
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import influencers, saved_views
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery
from infcrm.ui.dialogs.influencer_dialog import InfluencerDialog
from infcrm.ui.models.follow_up_table_model import COLUMN_KEYS
from infcrm.ui.views.followups_view import EMPTY_SECTION_PAGE, NO_FOLLOW_UPS_PAGE, FollowUpsView
from infcrm.ui.views.influencer_detail_panel import InfluencerDetailPanel
from infcrm.ui.views.influencers_view import InfluencersView
from infcrm.ui.widgets.follow_up_badge import FollowUpBadge

NOW = datetime.combine(date.today(), time(12, 0)).astimezone()
TODAY = NOW.date()


def _person(db: Database, name: str, owner: str | None = None) -> int:
    return influencers.create(db, InfluencerInput(display_name=name, owner=owner))


def _stage(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db) if s.name == name)


def _moved_to_agreed(qtbot, db: Database, person: int) -> tuple[InfluencerDetailPanel, list]:
    """Move `person` to Agreed, then show them: the panel and its History's lines."""
    pipeline.move_to_stage(db, person, _stage(db, "Agreed"))
    panel = InfluencerDetailPanel(db)
    qtbot.addWidget(panel)
    panel.show_influencer(person)
    model = panel.timeline.model
    return panel, [model.index(r).data() for r in range(model.rowCount())]


def test_the_history_and_the_detail_name_who_did_what(qtbot, db: Database) -> None:
    db.sign_as("Ana")
    lena = _person(db, "Lena")
    interactions.log_interaction(
        db, InteractionInput(lena, "email", "inbound", subject="Spring box", summary="Yes!")
    )
    db.sign_as("Ben")
    edited = replace(influencers.get(db, lena).to_input(), city="Lyon")
    influencers.update(db, lena, edited)
    panel, lines = _moved_to_agreed(qtbot, db, lena)
    assert lines[0].startswith("➜  Ben moved Lena from Prospect to Agreed\n")
    assert "by" not in lines[0].split("\n")[1]  # the title says it once
    email = next(line for line in lines if "Email from them: Spring box" in line)
    assert "  ·  by Ana  ·  Yes!" in email.split("\n")[1]
    today = f"{TODAY.day} {TODAY:%b}"
    assert panel.signed.text() == f"Added by Ana on {today}, last changed by Ben on {today}"
    assert not panel.signed.isHidden()


def test_rows_before_names_were_kept_say_nothing_about_authors(qtbot, db: Database) -> None:
    db.sign_as(None)
    lena = _person(db, "Lena")
    interactions.log_interaction(db, InteractionInput(lena, "email", "inbound", summary="Hi"))
    panel, lines = _moved_to_agreed(qtbot, db, lena)
    assert lines[0].startswith("➜  Moved from Prospect to Agreed\n")
    assert not any("by " in line or "None" in line for line in lines)
    assert panel.signed.text() == "" and panel.signed.isHidden()


def _shown_ids(view: FollowUpsView) -> set[int]:
    return {view.model.row_data(r).id for r in range(view.model.rowCount())}


def test_mine_only_narrows_the_follow_ups_and_each_says_who_set_it(qtbot, db: Database) -> None:
    lena, kofi, mia = _person(db, "Lena", "Ana"), _person(db, "Kofi", "Ben"), _person(db, "Mia")
    db.sign_as("Ben")
    on_lena = followups.add_follow_up(db, lena, TODAY)  # Ben's, on Ana's person
    on_kofi = followups.add_follow_up(db, kofi, TODAY)
    on_mia = followups.add_follow_up(db, mia, TODAY)
    db.sign_as("Ana")
    view = FollowUpsView(db, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    qtbot.waitUntil(lambda: not view.is_loading())
    view.show_section("today")
    assert _shown_ids(view) == {on_lena, on_kofi, on_mia}
    note = COLUMN_KEYS.index("note")
    assert {view.model.index(r, note).data() for r in range(3)} == {"by Ben"}

    view.mine_only.setChecked(True)  # Ana: only the one on her person Lena
    qtbot.waitUntil(lambda: not view.is_loading() and _shown_ids(view) == {on_lena})
    assert view.tabs.tabText(1) == "Today 1"

    db.sign_as("Cy")  # nothing of Cy's: the screen says why it is empty
    view.reload()
    assert view.pages.currentIndex() == EMPTY_SECTION_PAGE
    assert "untick “Mine only”" in view.empty_section.text()
    assert view.mine_only.isVisible()

    view.mine_only.setChecked(False)
    qtbot.waitUntil(lambda: not view.is_loading() and len(_shown_ids(view)) == 3)


def test_owned_by_me_narrows_the_list_and_a_saved_view_keeps_it(qtbot, db: Database) -> None:
    ana = {_person(db, "Lena", "Ana"), _person(db, "Mia", "Ana")}
    ben = {_person(db, "Kofi", "Ben")}
    _person(db, "Nobody's")
    db.sign_as("Ana")
    view = InfluencersView(db, QUndoStack())
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    qtbot.waitUntil(lambda: not view.is_loading())
    assert view.model.rowCount() == 4

    view.filters.owned_by_me.setChecked(True)
    qtbot.waitUntil(lambda: not view.model.loading and set(view.model.ids) == ana)
    assert view.filters.is_active()
    query = view.current_query()
    assert query.owned_by_me
    saved_views.create(db, "My people", query)

    view.filters.clear()
    qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() == 4)
    assert not view.filters.owned_by_me.isChecked()

    db.sign_as("Ben")  # the same saved view on Ben's computer: his people
    kept = saved_views.find(db, "My people")
    assert kept is not None
    view.apply_saved_view(kept.query, kept.columns)
    qtbot.waitUntil(lambda: not view.model.loading and set(view.model.ids) == ben)
    assert view.filters.owned_by_me.isChecked()
    assert view.model.data(view.model.index(0, 0), Qt.ItemDataRole.DisplayRole) is not None


def test_the_follow_ups_choice_is_kept_and_a_first_run_still_explains(qtbot, db: Database) -> None:
    first = FollowUpsView(db, clock=lambda: NOW)
    qtbot.addWidget(first)
    first.mine_only.setChecked(True)
    again = FollowUpsView(db, clock=lambda: NOW + timedelta(days=1))
    qtbot.addWidget(again)
    assert again.mine_only.isChecked()
    again.reload()  # no follow-ups at all: the page that says what they are, not “none of yours”
    assert again.pages.currentIndex() == NO_FOLLOW_UPS_PAGE
    assert ListQuery().owned_by_me is False


def test_a_signed_move_wrapping_onto_two_lines_keeps_its_date_at_every_width(
    qtbot, db: Database
) -> None:
    """“Alex moved Aino Diallo from Contacted to Agreed” got a row too short at some widths:
    it ended in “…” and its date was not drawn."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    from infcrm.ui.widgets.timeline_widget import TimelineWidget

    db.sign_as("Alex")
    person = _person(db, "Aino Diallo")
    pipeline.move_to_stage(db, person, _stage(db, "Contacted"))
    pipeline.move_to_stage(db, person, _stage(db, "Agreed"))
    db.sign_as("Sam")  # a teammate looks: Alex's moves are signed on screen
    timeline = TimelineWidget(db)
    qtbot.addWidget(timeline)
    timeline.set_influencer(person)
    timeline.show()
    view, model = timeline.list, timeline.model
    metrics = QFontMetrics(view.font())
    widths = set()
    for width in range(300, 420, 2):
        timeline.resize(width, 500)
        QApplication.processEvents()
        view.doItemsLayout()
        widths.add(view.viewport().width())
        for row in range(model.rowCount()):
            rect = view.visualRect(model.index(row))
            text = model.index(row).data()
            needed = metrics.boundingRect(
                QRect(0, 0, rect.width() - 8, 10_000), Qt.TextFlag.TextWordWrap, text
            ).height()
            assert needed <= rect.height(), (width, text)
    assert len(widths) > 30  # the widths where a title's last word moves to the next line


def test_the_sidebar_count_follows_mine_only(qtbot, db: Database) -> None:
    """With “Mine only” ticked the screen lists the user's own follow-ups; the sidebar's count
    beside it must count those, not everyone's."""
    lena, kofi = _person(db, "Lena", "Ana"), _person(db, "Kofi", "Ben")
    db.sign_as("Ben")
    followups.add_follow_up(db, lena, TODAY)  # on Ana's person: hers too
    followups.add_follow_up(db, kofi, TODAY)
    followups.add_follow_up(db, kofi, TODAY - timedelta(days=2))
    db.sign_as("Ana")
    sidebar = QListWidget()
    qtbot.addWidget(sidebar)
    item = QListWidgetItem("Follow-ups", sidebar)
    badge = FollowUpBadge(db, item, sidebar, clock=lambda: NOW)
    badge.refresh()
    assert item.text() == "Follow-ups\n2 due · 1 overdue"

    view = FollowUpsView(db, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.mine_only.setChecked(True)
    assert item.text() == "Follow-ups\n1 due"
    assert "your follow-ups" in item.toolTip() and "Mine only" in item.toolTip()

    view.mine_only.setChecked(False)
    assert item.text() == "Follow-ups\n2 due · 1 overdue"
    assert "Mine only" not in item.toolTip()


def test_the_edit_form_says_who_added_and_last_changed_the_person(qtbot, db: Database) -> None:
    db.sign_as("Ana")
    lena = _person(db, "Lena")
    db.sign_as("Ben")
    influencers.update(db, lena, replace(influencers.get(db, lena).to_input(), city="Lyon"))

    form = InfluencerDialog(db, lena)
    qtbot.addWidget(form)
    form.show()
    today = f"{TODAY.day} {TODAY:%b}"
    assert form.signed.text() == f"Added by Ana on {today}, last changed by Ben on {today}"
    assert form.signed.isVisible()

    new = InfluencerDialog(db)  # nobody added a new person yet
    qtbot.addWidget(new)
    new.show()
    assert new.signed.isHidden()


def test_a_file_kept_by_one_person_names_nobody_until_someone_else_writes(
    qtbot, db: Database
) -> None:
    """On a one-person file every line said “by root” (the computer's login name): noise to
    someone who knows they did everything themselves. Names show once they tell people apart."""
    from infcrm.ui.views.dashboard_view import DashboardView

    db.sign_as("root")
    lena = _person(db, "Lena")
    interactions.log_interaction(db, InteractionInput(lena, "email", "inbound", summary="Hi"))
    followups.add_follow_up(db, lena, TODAY, "Send the box")
    panel, lines = _moved_to_agreed(qtbot, db, lena)
    assert lines[0].startswith("➜  Moved from Prospect to Agreed\n")
    assert not any("root" in line for line in lines), lines
    assert panel.signed.text() == "" and panel.signed.isHidden()

    view = FollowUpsView(db, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.is_loading())
    view.show_section("today")
    note = COLUMN_KEYS.index("note")
    assert view.model.index(0, note).data() == "Send the box"

    dashboard = DashboardView(db, open_view=lambda _name: None)
    qtbot.addWidget(dashboard)
    dashboard.show()
    dashboard.refresh()
    qtbot.waitUntil(lambda: not dashboard.is_loading())
    recent = dashboard.recent_list.model()
    activity = [recent.index(r, 0).data() for r in range(recent.rowCount())]
    assert activity and not any("root" in line for line in activity), activity

    db.sign_as("Ben")  # a second person writes in the file: now names tell who did what
    interactions.log_interaction(db, InteractionInput(lena, "email", "outbound", summary="Sent"))
    panel.show_influencer(lena)
    model = panel.timeline.model
    lines = [model.index(r).data() for r in range(model.rowCount())]
    assert any("root moved Lena from Prospect to Agreed" in line for line in lines), lines
    assert any("by Ben" in line for line in lines)
    assert panel.signed.text().startswith("Added by root on ")
