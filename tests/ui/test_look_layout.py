"""Layout details a user notices at a glance: the main action is the default button, fields
are wide enough for what they hold, and lists show their text whole."""

from __future__ import annotations

from dataclasses import fields

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.ui.dialogs.bulk_edit_dialog import BulkEditDialog
from infcrm.ui.dialogs.deal_dialog import DealDialog
from infcrm.ui.dialogs.influencer_dialog import InfluencerDialog
from infcrm.ui.icons import NETWORK_GLYPHS


def _first(db: Database, sql: str) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def _default_button(dialog) -> str:
    defaults = [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()]
    assert len(defaults) == 1, defaults
    return defaults[0]


def _product_deal(db: Database) -> int:
    return _first(db, "SELECT deal_id FROM incentive WHERE kind = 'product' ORDER BY id LIMIT 1")


def test_the_main_action_is_the_default_button_and_has_the_accent(qtbot, demo_db) -> None:
    """Enter saves or applies; it never cancels or adds an empty line, and the accent sits on
    the button Enter presses."""
    person = _first(demo_db, "SELECT id FROM influencer ORDER BY id LIMIT 1")
    for dialog, main in (
        (BulkEditDialog(demo_db, 3, 40), "Apply to 3 people"),
        (InfluencerDialog(demo_db, person), "Save"),
        (DealDialog(demo_db, _product_deal(demo_db)), "Save terms"),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        assert _default_button(dialog) == main
        dialog.mark_clean()
        dialog.close()


def test_a_product_line_reads_whole_in_the_deal_dialog(qtbot, demo_db) -> None:
    dialog = DealDialog(demo_db, _product_deal(demo_db))
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    line = next(li for li in dialog.incentives.lines if li.kind.currentData() == "product")
    metrics = line.fontMetrics()
    # A product's name has room (it was squeezed to “en tote” beside a wide kind list).
    assert line.description.width() >= metrics.horizontalAdvance("Canvas tote bag") + 12
    for field, sample in ((line.carrier, "Royal Mail"), (line.tracking, "JD7916427561")):
        assert field.width() >= metrics.horizontalAdvance(sample) + 12
    # The kind is as wide as its own name, not as the longest choice.
    longest = metrics.horizontalAdvance("Commission / promo code")
    assert line.kind.width() < longest
    line.kind.setCurrentIndex(line.kind.findData("commission"))
    assert line.kind.width() > longest
    dialog.mark_clean()


def test_every_column_title_of_the_deal_window_reads_whole(qtbot, demo_db, themed) -> None:
    """“Engagements” showed as “ngagements”: a title wider than the default column was cut."""
    dialog = DealDialog(demo_db, _product_deal(demo_db))
    qtbot.addWidget(dialog)
    dialog.resize(1024, 640)
    dialog.show()
    QApplication.processEvents()
    for table in (dialog.content_table, dialog.payment_table):
        header = table.horizontalHeader()
        for column in range(table.model().columnCount()):
            title = table.model().headerData(column, Qt.Orientation.Horizontal)
            assert header.sectionSize(column) >= header.sectionSizeHint(column), title
    dialog.mark_clean()


def _campaigns_screen(qtbot, db: Database, width: int = 1080):
    from infcrm.ui.views.campaigns_view import CampaignsView

    view = CampaignsView(db)
    qtbot.addWidget(view)
    view.resize(width, 760)  # 1080: beside the sidebar of a 1280×800 window
    view.show()
    view.refresh()
    QApplication.processEvents()
    return view


def test_campaign_rows_have_air_between_their_two_lines(qtbot, demo_db) -> None:
    view = _campaigns_screen(qtbot, demo_db)
    table = view.campaign_table
    two_lines = table.fontMetrics().lineSpacing() * 2
    assert table.model().rowCount() > 1
    for row in range(table.model().rowCount()):
        assert table.rowHeight(row) >= two_lines + 8


@pytest.mark.parametrize("screen", [1080, 1720])
def test_every_incentive_reads_whole_in_the_campaign_table(qtbot, demo_db, screen) -> None:
    """“Free product, Fee, Commission / promo code” wraps onto a second line; it is not cut.
    A kind breaks between its words only where the promo codes need the room (1280 px)."""
    from PySide6.QtCore import QRect, Qt

    from infcrm.ui.widgets.deal_table_layout import CELL_PADDING, INCENTIVE_COLUMN

    view = _campaigns_screen(qtbot, demo_db, screen)
    table = view.deal_table
    model = table.model()
    metrics = table.fontMetrics()
    width = table.columnWidth(INCENTIVE_COLUMN) - CELL_PADDING
    assert model.rowCount() > 3
    mixes = 0
    for row in range(model.rowCount()):
        incentive = model.index(row, INCENTIVE_COLUMN).data()
        mixes += "," in incentive
        needed = metrics.boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, incentive
        )
        assert table.rowHeight(row) >= needed.height(), incentive
        for kind in incentive.split(", "):
            if screen > 1500:  # a wide screen never breaks a kind
                assert metrics.horizontalAdvance(kind) <= width, kind
            for word in kind.split():  # nor any screen a word
                assert metrics.horizontalAdvance(word) <= width, kind
    assert mixes  # the demo's first campaign gives some people several incentives


def test_each_account_shows_its_own_logo_and_room_around_main_account(qtbot, demo_db) -> None:
    from infcrm.ui.widgets.account_editor import AccountEditor

    person = _first(
        demo_db,
        "SELECT influencer_id FROM social_account GROUP BY influencer_id "
        "HAVING count(DISTINCT platform) > 1 ORDER BY influencer_id LIMIT 1",
    )
    dialog = InfluencerDialog(demo_db, person)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.tabs.setCurrentIndex(1)
    dialog.show()
    QApplication.processEvents()
    editors = dialog.findChildren(AccountEditor)
    assert len({e.current_platform() for e in editors}) > 1
    for editor in editors:
        # The handle field's logo is this account's network (it showed the first one's).
        logo = NETWORK_GLYPHS[editor.current_platform().value]
        assert editor.handle_logo.icon().name() == logo
        radio, remove = editor.main_radio.geometry(), editor.remove_button.geometry()
        assert not radio.adjusted(-4, -4, 4, 4).intersects(remove)  # the label touched it
        assert radio.width() >= editor.main_radio.sizeHint().width()
    dialog.mark_clean()


def test_the_dashboards_count_tiles_share_one_frame(qtbot, demo_db, themed) -> None:
    """“Interactions, last 7 days” opens nothing, yet it is a tile like the others: it had no
    border at all beside three framed ones."""
    from PySide6.QtGui import QColor

    from infcrm.ui.theme_tokens import tokens
    from infcrm.ui.views.dashboard_view import DashboardView

    themed.apply(QApplication.instance(), "light")
    view = DashboardView(demo_db, open_view=lambda _name: None)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    tiles = (view.tile_today, view.tile_overdue, view.tile_week, view.tile_people)
    edges = set()
    for tile in tiles:
        image = tile.grab().toImage()
        edges.add(QColor(image.pixel(0, image.height() // 2)).name())
    assert edges == {tokens("light").colour("border")}


def test_a_role_given_to_a_label_on_show_restyles_it_at_once(qapp, themed, qtbot) -> None:
    """Roles set before the first show are read at the first polish (styled once); a label
    already on screen is polished again so the new role shows."""
    from PySide6.QtWidgets import QLabel

    themed.apply(qapp, "light")
    label = QLabel("Campaigns")
    qtbot.addWidget(label)
    label.show()
    before = label.sizeHint().height()
    themed.set_role(label, "headline")
    assert label.sizeHint().height() > before * 1.2


def test_wrapped_deal_rows_have_air_above_and_below_their_lines(qtbot, demo_db) -> None:
    """A deal whose incentive or agreement takes two lines filled its row to the grid lines."""
    from PySide6.QtCore import QRect, Qt

    from infcrm.ui.widgets.deal_table_layout import CELL_PADDING

    view = _campaigns_screen(qtbot, demo_db)
    table = view.deal_table
    model, metrics = table.model(), table.fontMetrics()
    wrapped = 0
    for row in range(model.rowCount()):
        tallest = max(
            metrics.boundingRect(
                QRect(0, 0, table.columnWidth(c) - CELL_PADDING, 10_000),
                Qt.TextFlag.TextWordWrap,
                str(model.index(row, c).data() or ""),
            ).height()
            for c in range(model.columnCount())
        )
        if tallest > metrics.lineSpacing():
            wrapped += 1
            assert table.rowHeight(row) >= tallest + 8, row
    assert wrapped  # the demo's first campaign mixes incentives


def test_a_deal_cell_wraps_only_between_its_phrases() -> None:
    """“2 of 3 · 1 late” wrapped as “2 of 3 · 1” over “late”, “Sent, awaiting reply” as
    “Sent, awaiting” over “reply”: each may break only where its phrases meet."""
    from infcrm.services.campaigns.campaign_types import DealSummary
    from infcrm.ui.models.campaign_columns import DEAL_COLUMNS

    blank = {f.name: None for f in fields(DealSummary)}
    mix = "Free product, Commission / promo code"
    deal = DealSummary(**{**blank, "deliverables_done": 2, "deliverables_total": 3, "late": 1,
                          "agreement": "sent", "incentive": mix})  # fmt: skip
    shown = {c.title: c.text(deal) for c in DEAL_COLUMNS}
    assert shown["Delivered"].split(" ") == ["2\u00a0of\u00a03\u00a0·", "1\u00a0late"]
    assert shown["Agreement"].split(" ") == ["Sent,", "awaiting\u00a0reply"]
    assert shown["Incentive"].split(" ") == [
        "Free\u00a0product,",
        "Commission\u00a0/",
        "promo\u00a0code",
    ]


def test_a_campaigns_status_and_dates_wrap_only_after_the_status() -> None:
    from datetime import date

    from infcrm.services.campaigns.campaign_types import CampaignSummary
    from infcrm.ui.models.campaign_columns import CAMPAIGN_COLUMNS

    blank = {f.name: None for f in fields(CampaignSummary)}
    year = date.today().year
    dates = {"starts_on": date(year, 5, 24), "ends_on": date(year, 7, 8)}
    campaign = CampaignSummary(
        **{**blank, "name": "Cosy Candle Nights", "status": "completed", **dates}
    )
    name, second = CAMPAIGN_COLUMNS[0].text(campaign).split("\n")
    assert name == "Cosy Candle Nights"  # “Completed · 24 May – 8” over “Jul” before
    assert second.split(" ") == ["Completed\u00a0·", "24\u00a0May\u00a0–\u2060\u00a08\u00a0Jul"]
