"""One agreement version as a PDF on A4: the text as sent, its seal, and the reply as evidence."""

from __future__ import annotations

import html
import os
from datetime import datetime

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from infcrm.domain.campaign_enums import AgreementStatus
from infcrm.services.campaigns.agreement_types import AgreementVersion, when_text

MARGIN_MM = 20.0
RESOLUTION_DPI = 300
BODY_POINT_SIZE = 11


def _paragraphs(text: str) -> str:
    """Plain text as HTML that keeps every line break and run of spaces."""
    return f'<div style="white-space: pre-wrap;">{html.escape(text)}</div>'


def _row(label: str, value: str | None, *, value_html: str | None = None) -> str:
    if not value:
        return ""
    return (
        f'<tr><td style="color:#555; padding-right:12px;">{html.escape(label)}</td>'
        f"<td>{value_html or html.escape(value)}</td></tr>"
    )


def hash_html(digest: str) -> str:
    """The fingerprint in a small fixed-width font, split in two equal halves on two lines,
    so no page width ever wraps its last character onto a line of its own."""
    half = len(digest) // 2
    return (
        "<span style='font-family:monospace; font-size:small;'>"
        f"{html.escape(digest[:half])}<br/>{html.escape(digest[half:])}</span>"
    )


def _when(moment: datetime | None) -> str | None:
    return when_text(moment) if moment else None


def agreement_html(version: AgreementVersion, title: str) -> str:
    """The page as HTML: header, status, subject and body, then the reply when confirmed."""
    parts = [
        f"<h2 style='margin-bottom:2px;'>{html.escape(title)}</h2>",
        f"<p style='color:#555; margin-top:0;'>Agreement, version {version.version} · "
        f"{html.escape(version.status_label)}</p>",
        f"<p><b>{html.escape(version.status_sentence())}.</b></p>",
    ]
    if version.sent_at is not None:
        parts.append(
            "<table cellspacing='0' cellpadding='1'>"
            + _row("Sent on", _when(version.sent_at))
            + _row("SHA-256", version.text_sha256, value_html=hash_html(version.text_sha256 or ""))
            + "</table>"
            "<p style='color:#555; font-size:small;'>The SHA-256 is computed over the subject, "
            "an empty line and the text below, in UTF-8; any change to a single character "
            "gives a different value.</p>"
        )
    parts += [
        "<hr/>",
        f"<p><b>Subject:</b> {html.escape(version.subject)}</p>",
        _paragraphs(version.body),
    ]
    if version.status == AgreementStatus.CONFIRMED.value or version.reply_body:
        parts += [
            "<hr/>",
            "<h3>Their reply</h3>",
            "<table cellspacing='0' cellpadding='1'>"
            + _row("From", version.reply_sender)
            + _row("Date", _when(version.reply_date))
            + _row("Subject", version.reply_subject)
            + _row("Recorded on", _when(version.confirmed_at))
            + _row("Original email", "kept in infcrm" if version.has_reply_eml else None)
            + "</table><br/>",
            _paragraphs(version.reply_body or ""),
        ]
    return "\n".join(parts)


def save_agreement_pdf(path: str | os.PathLike[str], version: AgreementVersion, title: str) -> None:
    """Write `version` as an A4 PDF at `path`; raises OSError when the file cannot be written."""
    target = os.fspath(path)
    partial = target + ".partial"
    writer = QPdfWriter(partial)
    writer.setTitle(f"{title} — agreement v{version.version}")
    writer.setCreator("infcrm")
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    font = QFont()
    font.setPointSize(BODY_POINT_SIZE)
    document.setDefaultFont(font)
    # Measured on the writer itself, the layout needs no scaling from screen pixels.
    document.documentLayout().setPaintDevice(writer)
    document.setHtml(agreement_html(version, title))
    area = writer.pageLayout().paintRectPixels(RESOLUTION_DPI)
    document.setPageSize(QSizeF(area.width(), area.height()))
    document.print_(writer)
    del document  # before the writer it was measured on
    del writer  # ends the PDF and closes the file
    try:
        if not os.path.exists(partial) or os.path.getsize(partial) == 0:
            raise OSError(f"The PDF could not be written to {target}; check the folder.")
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


__all__ = ["agreement_html", "save_agreement_pdf"]
