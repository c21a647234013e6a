"""The bars of the campaign report's chart: one per influencer, for the metric chosen."""

from __future__ import annotations

from infcrm.services.campaigns.report_types import CampaignReport
from infcrm.ui.models.campaign_report_table_model import money_text
from infcrm.ui.widgets.bar_chart import Bar

# What the chart can show, with the words used in its tooltips.
METRICS: tuple[tuple[str, str], ...] = (
    ("engagements", "Engagements"),
    ("reach", "Reach"),
    ("clicks", "Clicks"),
    ("conversions", "Conversions"),
    ("revenue", "Revenue"),
)


def chart_bars(report: CampaignReport, metric: str) -> tuple[list[Bar], str]:
    """The bars for `metric`, biggest first, and a caption for what the chart leaves out.

    Revenue is charted in one currency only (the campaign's own when it has revenue in it):
    infcrm never converts, so amounts in other currencies are named in the caption instead.
    """
    label = dict(METRICS)[metric].lower()
    bars: list[tuple[float, Bar]] = []
    caption = ""
    if metric == "revenue":
        codes = sorted({code for row in report.rows for code in row.revenue})
        currency = report.currency if report.currency in codes else (codes[0] if codes else "")
        others = [code for code in codes if code != currency]
        if others:
            caption = (
                f"Bars show revenue in {currency}; revenue in {', '.join(others)} is listed in "
                "the table but not drawn, as infcrm does not convert currencies."
            )
        for row in report.rows:
            amount = row.revenue.get(currency)
            value = amount.minor if amount is not None else 0
            text = money_text(amount) if amount is not None else "—"
            tip = f"{row.name}: revenue {row.revenue_text}. Click to open."
            bars.append((value, Bar(row.name, value, text, tip, row.influencer_id)))
    else:
        for row in report.rows:
            value = row.figure(metric)
            tip = f"{row.name}: {value:,} {label} from {row.posts:,} posts. Click to open."
            bars.append((value, Bar(row.name, value, f"{value:,}", tip, row.influencer_id)))
    bars.sort(key=lambda pair: (-pair[0], pair[1].label.casefold()))
    return [bar for _value, bar in bars], caption


__all__ = ["METRICS", "chart_bars"]
