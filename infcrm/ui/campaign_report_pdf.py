"""A campaign report on landscape A4 pages, as a PDF or on a printer, drawn by Qt's text engine.

The same columns and words as the report screen; the table's header row is repeated at the top
of every page, and amounts in several currencies stand one per line in their cell (infcrm never
converts). Qt draws every script and emoji with the system's fonts, which is why the command
line loads it (offscreen) for a PDF rather than using a second PDF library.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)

from infcrm.domain.money import Money
from infcrm.services.campaigns.post_orders import PostOrders
from infcrm.services.campaigns.report_types import CampaignReport, ReportRow, report_subtitle
from infcrm.ui.models.campaign_report_table_model import (
    NO_VALUE,
    NUMERIC,
    cell_text,
    shown_columns,
)
from infcrm.ui.report_columns import Measure, column_widths, handle_html, shortened_handle
from infcrm.ui.widgets.post_orders_chart import (
    CAPTION,
    empty_sentence,
    post_orders_image,
    post_title,
)

MARGIN_MM = 12.0
RESOLUTION_DPI = 300
BODY_POINT_SIZE = 8
_MONEY = ("cost", "revenue")
CELL_PADDING_PX = 10  # a cell's padding on both sides and its border, in CSS pixels
_app: QGuiApplication | None = None  # the command line's offscreen application, kept alive


def page_layout() -> QPageLayout:
    """Landscape A4 with narrow margins: room for every column at a readable size."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def _amounts(sums: dict[str, Money]) -> str:
    """One amount per line, so two currencies never run into each other."""
    return "<br/>".join(html.escape(str(sums[code])) for code in sorted(sums)) or NO_VALUE


def _cell(row: ReportRow, key: str) -> str:
    if key in _MONEY:
        return _amounts(row.cost if key == "cost" else row.revenue)
    if key == "account":
        return handle_html(cell_text(row, key))
    return html.escape(cell_text(row, key))


def _lines(row: ReportRow, key: str) -> list[str]:
    """A cell's lines as plain text (what `_cell` shows), to measure."""
    if key in _MONEY:
        sums = row.cost if key == "cost" else row.revenue
        return [str(sums[code]) for code in sorted(sums)] or [NO_VALUE]
    text = cell_text(row, key)
    return [shortened_handle(text)] if key == "account" else [text]


def _kind(key: str) -> str:
    if key == "account":
        return "handle"
    return "figure" if key in NUMERIC else "text"


def table_widths(report: CampaignReport, measure: Measure, available: float) -> list[float]:
    """Each shown column's share of the page width (see ui/report_columns.py)."""
    columns = shown_columns(report)
    rows = (*report.rows, report.total)
    cells = [
        [([title], True), *((_lines(row, key), row.is_total) for row in rows)]
        for key, title, _tip in columns
    ]
    return column_widths(cells, [_kind(key) for key, _t, _tip in columns], measure, available)


def chart_url(post: PostOrders) -> str:
    """The name the document knows a post's chart picture by."""
    return f"post-orders:{post.content_id}"


def _empty_sentences(report: CampaignReport) -> dict[int, str]:
    """Each post without orders near it: the sentence saying why, by post."""
    shop_deals = {row.deal_id for row in report.rows if row.from_shop}
    return {p.content_id: empty_sentence(shop_deals, p) for p in report.posts if not p.total}


def posts_html(report: CampaignReport, chart_width: int) -> str:
    """“Orders around each post”: per post, the picture of its title and chart (or the title
    and the sentence saying why there is none), two posts to a row."""
    if not report.posts:
        return ""
    empty = _empty_sentences(report)
    cells = []
    for post in report.posts:
        body = (
            f"<b>{html.escape(post_title(post))}</b><br/>"
            f"<span style='color:#555;'>{html.escape(empty[post.content_id])}</span>"
            if post.content_id in empty
            else f"<img src='{chart_url(post)}' width='{chart_width}'/>"  # the title is in it
        )
        cells.append(f"<td width='50%' valign='top' style='padding:4px 8px 10px 0;'>{body}</td>")
    rows = "".join(f"<tr>{''.join(cells[i : i + 2])}</tr>" for i in range(0, len(cells), 2))
    return (
        "<h3>Orders around each post</h3>"
        f"<p style='color:#555;'>{html.escape(CAPTION)}</p>"
        f"<table width='100%' cellspacing='0'>{rows}</table>"
    )


def report_html(
    report: CampaignReport, chart_width: int = 480, widths: Sequence[float] | None = None
) -> str:
    """The report as HTML: title, what the campaign is, the table (header in <thead>, so Qt
    repeats it on every page), the totals in bold, the notes, then the orders around each
    post (pictures `chart_width` wide, added to the document by `draw_report`). `widths`:
    each column's share of the table (`table_widths`), else Qt shares it out itself."""
    columns = shown_columns(report)
    aligns = ["right" if key in NUMERIC else "left" for key, _title, _tip in columns]
    sizes = [f" width='{100 * share:.2f}%'" for share in widths] if widths else [""] * len(aligns)
    head = "".join(
        f"<th align='{align}'{size} style='padding:3px 4px;'>{html.escape(title)}</th>"
        for (_key, title, _tip), align, size in zip(columns, aligns, sizes, strict=True)
    )
    body = []
    for row in (*report.rows, report.total):
        cells = "".join(
            f"<td align='{align}' valign='top' style='padding:2px 4px;'>"
            + (f"<b>{_cell(row, key)}</b>" if row.is_total else _cell(row, key))
            + "</td>"
            for (key, _title, _tip), align in zip(columns, aligns, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    notes = "".join(f"<p>{html.escape(note)}</p>" for note in report.notes)
    return (
        f"<h2 style='margin-bottom:2px;'>{html.escape(report.name)}</h2>"
        f"<p style='color:#555; margin-top:0;'>{html.escape(report_subtitle(report))}</p>"
        "<table width='100%' cellspacing='0' border='1' "
        "style='border-collapse:collapse; border-color:#bbb;'>"
        f"<thead><tr style='background-color:#eee;'>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
        f"{notes}"
        f"{posts_html(report, chart_width)}"
    )


def draw_report(device: QPagedPaintDevice, report: CampaignReport, resolution: int) -> None:
    """Lay the report out for `device`'s pages (landscape) and draw it there."""
    device.setPageLayout(page_layout())
    document = QTextDocument()
    font = QFont()
    font.setPointSize(BODY_POINT_SIZE)
    document.setDefaultFont(font)
    # Lines break between words only (Qt would also cut a narrow column's words anywhere).
    option = document.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    document.setDefaultTextOption(option)
    # Measured on the device itself, the layout needs no scaling from screen pixels.
    document.documentLayout().setPaintDevice(device)
    area = device.pageLayout().paintRectPixels(resolution)
    chart_width = int(area.width() * 0.47)
    empty = _empty_sentences(report)
    for post in report.posts:
        if post.content_id not in empty:
            picture = post_orders_image(post, chart_width, font)
            document.addResource(QTextDocument.ResourceType.ImageResource,
                                 QUrl(chart_url(post)), picture)  # fmt: skip
    metrics = QFontMetricsF(font, device)
    font.setBold(True)  # the header and the totals
    bold = QFontMetricsF(font, device)
    padding = CELL_PADDING_PX * device.logicalDpiX() / 96  # CSS pixels are 1/96 inch

    def measure(text: str, is_bold: bool) -> float:
        return (bold if is_bold else metrics).horizontalAdvance(text) + padding

    widths = table_widths(report, measure, area.width())
    # Qt's text layout scales pictures from 96 dots per inch to the device's own.
    chart_css = round(chart_width * 96 / device.logicalDpiX())
    document.setHtml(report_html(report, chart_css, widths))
    document.setPageSize(QSizeF(area.width(), area.height()))
    document.print_(device)


def save_report_pdf(path: str | os.PathLike[str], report: CampaignReport) -> None:
    """Write `report` as a PDF at `path`; raises OSError when nothing could be written."""
    target = os.fspath(path)
    writer = QPdfWriter(target)
    writer.setTitle(f"{report.name} — campaign report")
    writer.setCreator("infcrm")
    writer.setResolution(RESOLUTION_DPI)
    draw_report(writer, report, RESOLUTION_DPI)
    del writer  # ends the PDF and closes the file
    if not os.path.exists(target) or os.path.getsize(target) == 0:
        raise OSError(f"The PDF could not be written to {target}; check the folder.")


def save_report_pdf_offscreen(path: str | os.PathLike[str], report: CampaignReport) -> None:
    """`save_report_pdf` from the command line: Qt's fonts need an application, made
    offscreen so no display is needed."""
    global _app
    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["infcrm", "-platform", "offscreen"])
    save_report_pdf(path, report)


__all__ = [
    "draw_report",
    "page_layout",
    "report_html",
    "save_report_pdf",
    "save_report_pdf_offscreen",
    "table_widths",
]
