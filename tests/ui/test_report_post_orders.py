"""The report's orders around each post: a chart per post on screen and in the PDF, and the
sentence to read instead while the shop's orders are not imported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from infcrm.db.engine import Database
from infcrm.files.orders.order_reader import read_orders
from infcrm.services.campaigns import deal_results
from infcrm.services.campaigns.campaign_report import campaign_report
from infcrm.services.campaigns.campaign_types import ContentInput
from infcrm.services.exchange.orders_import import import_orders
from infcrm.ui.campaign_report_pdf import save_report_pdf
from infcrm.ui.views.campaign_report_view import REPORT_PAGE, CampaignReportView
from infcrm.ui.widgets.chart_paint import series_colours
from infcrm.ui.widgets.post_orders_chart import NO_ORDERS_TEXT, NONE_IN_VIEW_TEXT
from tests.order_setup import SHOPIFY, BakeOff, bake_off

TODAY = date(2026, 5, 20)


@pytest.fixture
def posted(db: Database) -> BakeOff:
    setup = bake_off(db)
    for deal_id, day in ((setup.lena, date(2026, 4, 6)), (setup.mia, date(2026, 5, 10))):
        deal_results.record_content(db, deal_id, ContentInput("instagram", day, format="reel"))
    return setup


def _import_shopify(db: Database) -> None:
    read = read_orders(SHOPIFY)
    import_orders(db, read.name, ("shopify", "Shopify"), read.orders, read.lines)


def _view(qtbot, db: Database, campaign: int) -> CampaignReportView:
    view = CampaignReportView(db)
    view.today = TODAY
    qtbot.addWidget(view)
    view.resize(1280, 1300)
    view.show()
    view.show_campaign(campaign)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == REPORT_PAGE, timeout=5000)
    view.splitter.setSizes([200, 1100])
    return view


def _has_colour(image, colour: QColor) -> bool:
    wanted = colour.rgb()
    return any(
        image.pixel(x, y) == wanted
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


def test_each_post_gets_a_chart_of_its_creators_orders_per_day(
    qtbot, db: Database, posted: BakeOff, tmp_path: Path
) -> None:
    _import_shopify(db)
    view = _view(qtbot, db, posted.campaign)
    lena, mia = view.post_orders.charts
    assert view.post_orders.isVisible()
    assert lena.has_chart() and "6 Apr (the post's day): 1" in lena.accessibleDescription()
    picture = lena.grab().toImage()
    picture.save(str(tmp_path / "lena.png"))
    orders_colour, post_colour = series_colours()
    assert _has_colour(picture, orders_colour) and _has_colour(picture, post_colour)
    # Mia's post is a month after her one order: she has shop orders, none near this post.
    assert not mia.has_chart() and mia.empty_text == NONE_IN_VIEW_TEXT
    tip_day = lena.day_at(lena.width() - 5)
    assert tip_day == 14


def test_without_shop_orders_each_post_says_how_to_bring_them(
    qtbot, db: Database, posted: BakeOff
) -> None:
    view = _view(qtbot, db, posted.campaign)
    charts = view.post_orders.charts
    assert len(charts) == 2 and not any(c.has_chart() for c in charts)
    assert {c.empty_text for c in charts} == {NO_ORDERS_TEXT}
    assert NO_ORDERS_TEXT.startswith("No shop orders for this post yet")
    assert "File › Import orders…" in NO_ORDERS_TEXT


def test_a_campaign_without_posts_shows_no_post_charts(qtbot, db: Database) -> None:
    setup = bake_off(db)
    view = _view(qtbot, db, setup.campaign)
    assert view.post_orders.charts == [] and not view.post_orders.isVisibleTo(view)


def test_the_pdf_draws_each_posts_chart_and_says_why_one_is_missing(
    db: Database, posted: BakeOff, tmp_path: Path, pdf_pages, qapp
) -> None:
    _import_shopify(db)
    report = campaign_report(db, posted.campaign, TODAY)
    target = tmp_path / "bake-off.pdf"
    save_report_pdf(target, report)
    text = " ".join(page[2] for page in pdf_pages(target))
    assert "Orders around each post" in text
    assert "Mia Cooks · Instagram reel · 10 May 2026 · 0 orders" in text
    assert "No shop orders through this creator's code or link" in text
    # Lena's chart is a picture (its title is drawn in it, so a page break never parts them).
    assert "Lena Bakes · Instagram reel" not in text
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(str(target))
    try:
        pictures = [
            o for page in document for o in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))
        ]
        assert len(pictures) == 1  # Lena's chart; Mia's post has the sentence instead
    finally:
        document.close()
