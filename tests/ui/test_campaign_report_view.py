"""The campaign report screen: the table and its totals row, the chart, notes and empty states."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import delete, insert, select

from infcrm.db.campaign_models import Campaign, Content, Deal, Incentive
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, SocialAccount
from infcrm.domain.campaign_enums import CampaignStatus
from infcrm.services.campaigns.campaign_report import TOTAL_NAME, campaign_report
from infcrm.ui.events import events
from infcrm.ui.models.campaign_report_chart import chart_bars
from infcrm.ui.models.campaign_report_table_model import (
    COLUMNS,
    INFLUENCER_ID_ROLE,
    CampaignReportTableModel,
)
from infcrm.ui.theme_tokens import contrast_ratio
from infcrm.ui.views.campaign_report_view import (
    EMPTY_TEXT,
    MESSAGE_PAGE,
    NO_CAMPAIGN_TEXT,
    REPORT_PAGE,
    CampaignReportView,
)
from infcrm.ui.widgets.bar_chart import ROW_HEIGHT, Bar, BarChart

TODAY = date(2026, 5, 20)
COLUMN = {key: i for i, (key, _title, _tip) in enumerate(COLUMNS)}


def _campaign(db: Database, name: str) -> int:
    with db.transaction() as session:
        return session.execute(
            insert(Campaign).values(name=name, currency="EUR", status="active")
        ).inserted_primary_key[0]


def _deal(db: Database, campaign_id: int, name: str, followers: int, fee: tuple[int, str]) -> int:
    """An influencer with a main account and a fee in a campaign; returns the deal id."""
    with db.transaction() as session:
        added = session.execute(insert(Influencer).values(display_name=name))
        person = added.inserted_primary_key[0]
        session.execute(
            insert(SocialAccount).values(
                influencer_id=person,
                platform="instagram",
                handle=name.lower().replace(" ", "."),
                is_primary=True,
                followers=followers,
            )
        )
        deal = session.execute(
            insert(Deal).values(campaign_id=campaign_id, influencer_id=person)
        ).inserted_primary_key[0]
        session.execute(
            insert(Incentive).values(deal_id=deal, kind="fee", value_minor=fee[0], currency=fee[1])
        )
    return deal


def _post(db: Database, deal_id: int, **figures: object) -> None:
    with db.transaction() as session:
        session.execute(
            insert(Content).values(
                deal_id=deal_id,
                platform="instagram",
                posted_on=TODAY - timedelta(days=2),
                **figures,
            )
        )


@pytest.fixture
def mixed(db: Database) -> int:
    """A campaign paid in euros and in dollars."""
    campaign = _campaign(db, "Transatlantic")
    ana = _deal(db, campaign, "Ana Costa", 30_000, (10000, "EUR"))
    ruby = _deal(db, campaign, "Ruby Walsh", 15_000, (4000, "USD"))
    _post(db, ana, likes=500, reach=9000, revenue_minor=20000, currency="EUR")
    _post(db, ruby, likes=200, reach=12000, revenue_minor=6000, currency="USD")
    return campaign


def _view(qtbot, db: Database) -> CampaignReportView:
    view = CampaignReportView(db)
    view.today = TODAY
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    return view


def _cell(view: CampaignReportView, row: int, key: str, role=Qt.ItemDataRole.DisplayRole):
    return view.model.index(row, COLUMN[key]).data(role)


def _live_campaign(db: Database) -> int:
    with db.reader() as session:
        return session.execute(
            select(Campaign.id).where(Campaign.status == CampaignStatus.ACTIVE.value)
        ).scalar_one()


def test_the_table_model_is_a_sound_qt_model(qtmodeltester, demo_db: Database) -> None:
    model = CampaignReportTableModel()
    model.set_report(campaign_report(demo_db, _live_campaign(demo_db), date.today()))
    qtmodeltester.check(model)
    model.sort(COLUMN["engagements"], Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_the_report_loads_in_the_background_and_shows_every_influencer(
    qtbot, demo_db: Database
) -> None:
    view = _view(qtbot, demo_db)
    campaign = _live_campaign(demo_db)
    view.show_campaign(campaign)
    qtbot.waitUntil(lambda: not view.is_loading(), timeout=5000)
    report = campaign_report(demo_db, campaign, TODAY)
    assert view.pages.currentIndex() == REPORT_PAGE
    assert view.title.text() == report.name
    assert view.model.rowCount() == len(report.rows) + 1
    assert [_cell(view, r, "name") for r in range(len(report.rows))] == [
        r.name for r in report.rows
    ]
    assert view.figures.cost.number.text() == report.total.cost_text
    assert view.figures.engagements.number.text() == f"{report.total.engagements:,}"


def test_the_totals_row_is_last_bold_and_adds_up(qtbot, db: Database, mixed: int) -> None:
    view = _view(qtbot, db)
    view.show_campaign(mixed)
    view.refresh()
    last = view.model.rowCount() - 1
    assert _cell(view, last, "name") == TOTAL_NAME
    assert _cell(view, last, "posts") == "2"
    assert _cell(view, last, "engagements") == "700"
    assert _cell(view, last, "reach") == "21,000"
    # Two currencies: shown side by side, never converted, and no ROI or CPE.
    assert _cell(view, last, "cost") == "€100.00 + $40.00"
    assert _cell(view, last, "revenue") == "€200.00 + $60.00"
    assert _cell(view, last, "roi") == "—" and _cell(view, last, "cpe") == "—"
    assert "does not convert currencies" in _cell(view, last, "roi", Qt.ItemDataRole.ToolTipRole)
    assert _cell(view, last, "name", Qt.ItemDataRole.FontRole).bold()
    assert _cell(view, 0, "name", Qt.ItemDataRole.FontRole) is None
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert _cell(view, last, "reach", Qt.ItemDataRole.TextAlignmentRole) == right
    assert _cell(view, 0, "cost", Qt.ItemDataRole.TextAlignmentRole) == right
    # Each person is in one currency, so their own ROI stands: (200 − 100) ÷ 100.
    assert _cell(view, 0, "name") == "Ana Costa" and _cell(view, 0, "roi") == "+100%"
    assert view.figures.roi.number.text() == "—"
    assert view.notes.isVisible()
    assert view.notes.text().startswith("Costs are in EUR and USD; infcrm does not convert")


def test_sorting_keeps_the_totals_row_last(qtbot, db: Database, mixed: int) -> None:
    view = _view(qtbot, db)
    view.show_campaign(mixed)
    view.refresh()
    view.table.sortByColumn(COLUMN["reach"], Qt.SortOrder.DescendingOrder)
    assert [_cell(view, r, "name") for r in range(3)] == ["Ruby Walsh", "Ana Costa", TOTAL_NAME]
    view.table.sortByColumn(COLUMN["reach"], Qt.SortOrder.AscendingOrder)
    assert [_cell(view, r, "name") for r in range(3)] == ["Ana Costa", "Ruby Walsh", TOTAL_NAME]


def test_the_chart_shows_the_chosen_metric_biggest_first(qtbot, db: Database, mixed: int) -> None:
    view = _view(qtbot, db)
    view.show_campaign(mixed)
    view.refresh()
    assert [(b.label, b.value) for b in view.chart.bars()] == [
        ("Ana Costa", 500),
        ("Ruby Walsh", 200),
    ]
    view.metric_box.setCurrentIndex(view.metric_box.findData("reach"))
    assert [(b.label, b.text) for b in view.chart.bars()] == [
        ("Ruby Walsh", "12,000"),
        ("Ana Costa", "9,000"),
    ]
    # Revenue is drawn in one currency; the other is named rather than converted.
    view.metric_box.setCurrentIndex(view.metric_box.findData("revenue"))
    assert [(b.label, b.text) for b in view.chart.bars()] == [
        ("Ana Costa", "€200.00"),
        ("Ruby Walsh", "—"),
    ]
    assert not view.chart_caption.isHidden()
    assert "revenue in USD is listed in the table but not drawn" in view.chart_caption.text()


def test_clicking_a_row_or_a_bar_opens_the_influencer(qtbot, db: Database, mixed: int) -> None:
    view = _view(qtbot, db)
    view.show_campaign(mixed)
    view.refresh()
    person = view.model.index(0, 0).data(INFLUENCER_ID_ROLE)
    with qtbot.waitSignal(events.open_influencer) as opened:
        view.table.doubleClicked.emit(view.model.index(0, 0))
    assert opened.args == [person]
    with qtbot.waitSignal(events.open_influencer) as opened:
        view.chart.bar_clicked.emit(view.chart.bars()[1].key)
    assert opened.args == [view.chart.bars()[1].key]


def test_an_empty_campaign_says_what_to_do(qtbot, db: Database) -> None:
    view = _view(qtbot, db)
    view.show_campaign(_campaign(db, "Nothing yet"))
    qtbot.waitUntil(lambda: not view.is_loading(), timeout=5000)
    assert view.pages.currentIndex() == MESSAGE_PAGE
    assert EMPTY_TEXT in view.message.text() and "Nothing yet" in view.message.text()
    view.show_campaign(None)
    assert view.pages.currentIndex() == MESSAGE_PAGE
    assert view.message.text() == NO_CAMPAIGN_TEXT


def test_a_campaign_without_posts_shows_costs_and_hides_the_chart(qtbot, db: Database) -> None:
    campaign = _campaign(db, "Soon")
    _deal(db, campaign, "Mei Chen", 8_000, (5000, "EUR"))
    view = _view(qtbot, db)
    view.show_campaign(campaign)
    view.refresh()
    assert view.pages.currentIndex() == REPORT_PAGE
    assert "No posts recorded yet" in view.notes.text() and view.notes.isVisible()
    assert view.chart_part.isHidden()
    assert _cell(view, 1, "cost") == "€50.00"


def test_new_results_and_deleted_campaigns_show_up_by_themselves(
    qtbot, db: Database, mixed: int
) -> None:
    view = _view(qtbot, db)
    view.show_campaign(mixed)
    view.refresh()
    ana = view.model.row_data(0).deal_id
    _post(db, ana, likes=300, currency="EUR")
    events.deals_changed.emit([ana])
    qtbot.waitUntil(lambda: view.figures.engagements.number.text() == "1,000", timeout=5000)
    with db.transaction() as session:
        session.execute(delete(Campaign).where(Campaign.id == mixed))
    events.campaigns_changed.emit([mixed])
    qtbot.waitUntil(lambda: view.pages.currentIndex() == MESSAGE_PAGE, timeout=5000)
    assert view.message.text() == "This campaign no longer exists."


def test_chart_bars_for_a_report_without_revenue_have_no_caption(demo_db: Database) -> None:
    with demo_db.reader() as session:
        planned = session.execute(
            select(Campaign.id).where(Campaign.status == CampaignStatus.PLANNED.value)
        ).scalar_one()
    bars, caption = chart_bars(campaign_report(demo_db, planned, TODAY), "revenue")
    assert caption == "" and all(b.value == 0 for b in bars)


def test_a_click_on_a_bar_opens_that_influencer(qtbot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(500, chart.sizeHint().height())
    chart.set_bars([Bar("Mia Rossi", 1500, "1,500", key=7), Bar("Leo Berg", 350, "350", key=9)])
    chart.show()
    assert not chart.grab().isNull()  # paints without trouble
    with qtbot.waitSignal(chart.bar_clicked) as clicked:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(250, ROW_HEIGHT + 10))
    assert clicked.args == [9]
    assert chart.bar_rect(0).width() > 0


def test_the_totals_row_stays_in_view_while_the_rows_scroll(qtbot, demo_db: Database) -> None:
    view = _view(qtbot, demo_db)
    view.resize(1000, 520)  # a short window: the rows must scroll
    view.show_campaign(_live_campaign(demo_db))
    view.refresh()
    last = view.model.rowCount() - 1
    footer = view.totals.footer
    qtbot.waitUntil(lambda: view.table.verticalScrollBar().maximum() > 0)
    for end in (0, view.table.verticalScrollBar().maximum()):
        view.table.verticalScrollBar().setValue(end)
        assert footer.isVisible() and not footer.isRowHidden(last)
        assert footer.visualRect(view.model.index(last, COLUMN["name"])).isValid()
        assert view.table.isRowHidden(last)  # not twice
    assert _cell(view, last, "name") == TOTAL_NAME
    # Same widths as the rows above, so the figures line up.
    view.table.setColumnWidth(COLUMN["cost"], 140)
    assert footer.columnWidth(COLUMN["cost"]) == 140


def test_captions_are_quiet_but_readable(qtbot, demo_db: Database) -> None:
    from infcrm.ui import theme

    view = _view(qtbot, demo_db)
    view.show_campaign(_live_campaign(demo_db))
    view.refresh()
    for label in (view.subtitle, view.figures.cost.caption):
        assert label.isEnabled() and label.property("role") == "secondary"
    look = theme.current()
    assert contrast_ratio(look.colour("text_secondary"), look.colour("surface")) >= 4.5


def test_a_long_note_scrolls_instead_of_holding_the_window_tall(qtbot, db: Database) -> None:
    """Notes under the figures (a shop's orders, mixed currencies…) must not raise the screen's
    minimum height: on a 1024 × 640 screen the window has to fit, and the page scrolls instead.
    With room to spare the note is shown whole."""
    view = CampaignReportView(db)
    qtbot.addWidget(view)
    view.pages.setCurrentIndex(REPORT_PAGE)
    view.resize(900, 400)
    view.show()
    view.notes.hide()
    short = view.minimumSizeHint().height()
    view.notes.setText("\n".join(f"Note line {n}: orders counted from the shop" for n in range(6)))
    view.notes.show()
    assert view.minimumSizeHint().height() <= short
    view.resize(900, 1000)
    qtbot.wait(10)
    assert view.notes.height() >= view.notes.sizeHint().height()


def _rows_in_sight(view: CampaignReportView) -> int:
    """How many of the table's rows can be read whole without scrolling the page."""
    page_scroll = view.pages.currentWidget()
    seen = page_scroll.viewport().rect()
    table = view.table
    whole = 0
    for row in range(view.model.rowCount()):
        rect = table.visualRect(view.model.index(row, COLUMN["name"]))
        if not rect.isValid() or not table.viewport().rect().contains(rect):
            continue
        top = table.viewport().mapTo(page_scroll.viewport(), rect.topLeft())
        bottom = table.viewport().mapTo(page_scroll.viewport(), rect.bottomLeft())
        whole += seen.contains(top) and seen.contains(bottom)
    return whole


def test_a_small_laptop_window_shows_a_useful_number_of_rows(qtbot, main_window) -> None:
    """At 1024 × 640 the report's table gets the room: the summaries stay compact above it
    and the notes and the chart come under it."""
    main_window.resize(1024, 640)
    main_window.show()
    main_window.show_view("campaigns")
    screen = main_window.views["campaigns"]
    screen.select_campaign(_live_campaign(main_window.db))
    screen.tabs.setCurrentWidget(screen.report)
    report = screen.report
    qtbot.waitUntil(lambda: report.pages.currentIndex() == REPORT_PAGE and not report.is_loading())
    qtbot.wait(50)
    assert report.model.rowCount() > 8  # the demo's active campaign has more rows than fit
    assert _rows_in_sight(report) >= 6
