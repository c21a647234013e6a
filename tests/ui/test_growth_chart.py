"""Growth on a person's page: followers and engagement over time, from the metric snapshots
kept each time the figures change; a sentence instead of a chart until there are two days."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.ui.views.influencer_detail_panel import InfluencerDetailPanel
from infcrm.ui.widgets.chart_paint import series_colours
from infcrm.ui.widgets.growth_chart import EMPTY_TEXT, GrowthChart

# (when, followers, avg likes, avg comments): three months of a growing account.
HISTORY = (
    (datetime(2026, 3, 2, 10), 10_000, 300, 20),
    (datetime(2026, 4, 1, 10), 12_000, 330, 30),
    (datetime(2026, 4, 1, 16), 12_500, 400, 25),  # the same day again: the later one counts
    (datetime(2026, 5, 4, 10), 16_000, 560, 40),
)


def _with_history(db: Database) -> tuple[int, int, int]:
    """Mia with an Instagram account of four records and a TikTok account of one."""
    person = influencers.create(
        db,
        InfluencerInput(
            display_name="Mia Bakes",
            accounts=(
                AccountInput("instagram", "mia.bakes", is_primary=True, followers=1),
                AccountInput("tiktok", "mia.bakes", followers=2_000),
            ),
        ),
    )
    instagram, tiktok = (a.id for a in influencers.get(db, person).accounts)
    # Bound by name, so the same statements run on a file and on a server (whose driver
    # takes no "?" placeholders).
    with db.transaction() as session:
        session.execute(
            text("DELETE FROM metric_snapshot WHERE account_id = :account"), {"account": instagram}
        )
        session.execute(
            text(
                "INSERT INTO metric_snapshot (account_id, taken_at, followers, avg_likes, "
                "avg_comments) VALUES (:account, :taken_at, :followers, :likes, :comments)"
            ),
            [
                {
                    "account": instagram,
                    "taken_at": when,
                    "followers": followers,
                    "likes": likes,
                    "comments": comments,
                }
                for when, followers, likes, comments in HISTORY
            ],
        )
    return person, instagram, tiktok


@pytest.fixture
def panel(qtbot, db: Database) -> InfluencerDetailPanel:
    widget = InfluencerDetailPanel(db)
    qtbot.addWidget(widget)
    widget.resize(440, 900)
    widget.show()
    return widget


def _chart(panel: InfluencerDetailPanel, account_id: int) -> GrowthChart:
    chart = panel.findChild(GrowthChart, f"growth_{account_id}")
    assert chart is not None
    return chart


def test_the_chart_gets_one_point_per_day_with_followers_and_engagement(
    qtbot, db: Database, panel: InfluencerDetailPanel
) -> None:
    person, instagram, _tiktok = _with_history(db)
    panel.show_influencer(person)
    chart = _chart(panel, instagram)
    assert chart.has_chart()
    points = [(p.day, p.followers, round(p.engagement * 100, 2)) for p in chart.points()]
    assert points == [
        (date(2026, 3, 2), 10_000, 3.2),  # (300 + 20) / 10,000
        (date(2026, 4, 1), 12_500, 3.4),  # the day's last record: (400 + 25) / 12,500
        (date(2026, 5, 4), 16_000, 3.75),
    ]
    assert "4 May 2026: 16k followers, 3.8% engagement" in chart.accessibleDescription()
    first_day = chart.point_at(chart.rect().topLeft())
    last_day = chart.point_at(chart.rect().topRight())
    assert (first_day.day, last_day.day) == (date(2026, 3, 2), date(2026, 5, 4))


def test_an_account_with_one_record_says_when_its_chart_will_show(
    qtbot, db: Database, panel: InfluencerDetailPanel
) -> None:
    person, instagram, tiktok = _with_history(db)
    panel.show_influencer(person)
    empty = _chart(panel, tiktok)
    assert not empty.has_chart() and len(empty.points()) == 1
    assert empty.accessibleDescription() == EMPTY_TEXT
    assert empty.sizeHint().height() < _chart(panel, instagram).sizeHint().height()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chart_draws_both_lines_in_the_dashboards_colours(
    qtbot, qapp, db: Database, panel: InfluencerDetailPanel, themed, scheme: str, tmp_path: Path
) -> None:
    themed.apply(qapp, scheme)
    person, instagram, _tiktok = _with_history(db)
    panel.show_influencer(person)
    chart = _chart(panel, instagram)
    qtbot.waitUntil(lambda: chart.isVisible() and chart.width() > 200)
    shot = tmp_path / f"growth-{scheme}.png"
    assert chart.grab().save(str(shot))
    image = QImage(str(shot))
    seen = {
        QColor(image.pixel(x, y)).name()
        for x in range(image.width())
        for y in range(image.height())
    }
    followers, engagement = (c.name() for c in series_colours())
    assert followers in seen and engagement in seen
