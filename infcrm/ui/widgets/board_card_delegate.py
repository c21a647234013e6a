"""Paints a compact pipeline card: avatar, name, the main network's logo, followers and tier,
and the next follow-up (the handle and tier are in the card's tooltip).

A do-not-contact person's card carries the same red sign as the list, before the name.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from infcrm.domain.dates import near_day_text
from infcrm.domain.numbers import format_count
from infcrm.services.outreach.outreach_types import BoardCard
from infcrm.ui import theme
from infcrm.ui.models.board_column_model import CARD_ROLE, PHOTO_ROLE, shown_handle
from infcrm.ui.models.influencer_columns import do_not_contact_icon
from infcrm.ui.widgets.avatar import paint_avatar
from infcrm.ui.widgets.platform_logo import platform_icon

PADDING = 6
GAP = 4  # space between two cards
LINE_SPACING = 2
RADIUS = 6.0
# A board paints a hundred cards at once: enum arithmetic done once, not per card.
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WAITING_TEXT = "Waiting"  # for their reply: the card's tooltip says it in full


def card_height(font: QFont) -> int:
    """The height of every card in `font`: two lines of text beside the avatar."""
    return 2 * PADDING + 2 * QFontMetrics(font).height() + LINE_SPACING + GAP


def reach_text(card: BoardCard) -> str:
    """The card's followers, else its handle (“@lena.bakes”: someone added with only a
    profile link); “No account yet” only when the person has no account at all."""
    if card.followers is not None:
        return format_count(card.followers)
    if card.handle:
        return shown_handle(card.handle, card.platform)
    # A platform means an account, with or without a handle (a channel known by its name).
    return "" if card.platform else "No account yet"


def short_follow_up_text(due: date, today: date) -> str:
    """The next follow-up on a card: “Today”, else the interface's date near today (“3 Nov”,
    “5 Jan”; a date half a year or more away keeps its year). Red when past."""
    return "Today" if due == today else near_day_text(due, today)


class BoardCardDelegate(QStyledItemDelegate):
    """Draws one card per row; `quiet` greys cards of closed stages, `today` decides overdue."""

    def __init__(self, parent: QWidget | None = None, *, quiet: bool = False) -> None:
        super().__init__(parent)
        self.quiet = quiet
        self.today = date.today()
        self._font_cache: dict[str, tuple[QFontMetrics, QFont, QFontMetrics]] = {}

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Every card has the same height: two lines of text beside the avatar."""
        return QSize(max(option.rect.width(), 160), card_height(option.font))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw the card in `option.rect`."""
        card = index.data(CARD_ROLE)
        if not isinstance(card, BoardCard):
            super().paint(painter, option, index)
            return
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(option.rect.adjusted(1, GAP // 2, -1, -GAP // 2 - 1))
        background = palette.color(
            QPalette.ColorRole.Window if self.quiet else QPalette.ColorRole.Base
        )
        border = palette.color(QPalette.ColorRole.Mid)
        if selected:
            background = palette.color(QPalette.ColorRole.Highlight)
            background.setAlpha(60)
            border = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(border)
        painter.setBrush(background)
        painter.drawRoundedRect(box, RADIUS, RADIUS)
        if focused and selected:
            pen = painter.pen()
            pen.setWidth(2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), RADIUS, RADIUS)

        text_colour = palette.color(QPalette.ColorRole.Text)
        soft = palette.color(QPalette.ColorRole.PlaceholderText)
        if self.quiet:
            text_colour = soft
        inner = box.toRect().adjusted(PADDING, PADDING, -PADDING, -PADDING)
        metrics, bold, bold_metrics = self._fonts(option.font)
        line = metrics.height()
        side = round(line * 1.7)
        paint_avatar(
            painter, QRect(inner.left(), inner.top(), side, side), card.name, index.data(PHOTO_ROLE)
        )
        inner.setLeft(inner.left() + side + 8)

        # Line 1: the name in bold, and the “waiting” marker at the right.
        name_rect = QRect(inner.left(), inner.top(), inner.width(), line)
        if card.waiting:
            # The word when the name leaves room for it, else an amber dot (the tooltip and
            # the screen reader's text say “waiting for a reply” in full).
            room = name_rect.width() - bold_metrics.horizontalAdvance(card.name)
            badge = self._paint_badge(painter, option.font, name_rect, dot=room < 80)
            name_rect.setRight(badge.left() - 6)
        if card.do_not_contact:
            sign_side = min(line, 16)
            sign = QRect(
                name_rect.left(), name_rect.top() + (line - sign_side) // 2, sign_side, sign_side
            )
            do_not_contact_icon().paint(painter, sign)
            name_rect.setLeft(sign.right() + 5)
        painter.setFont(bold)
        painter.setPen(text_colour)
        name = bold_metrics.elidedText(card.name, Qt.TextElideMode.ElideRight, name_rect.width())
        painter.drawText(name_rect, _LEFT, name)

        # Line 2: the network's logo, followers and tier; the next follow-up at the right.
        painter.setFont(option.font)
        second = QRect(inner.left(), inner.top() + line + LINE_SPACING, inner.width(), line)
        logo = platform_icon(card.platform) if card.platform else None
        if logo is not None:
            logo_side = min(line, 16)
            logo.paint(
                painter,
                QRect(second.left(), second.top() + (line - logo_side) // 2, logo_side, logo_side),
            )
            second.setLeft(second.left() + logo_side + 5)
        reach = reach_text(card)
        if card.next_follow_up is not None:
            due_text = short_follow_up_text(card.next_follow_up, self.today)
            overdue = card.next_follow_up < self.today
            if overdue and not self.quiet:
                painter.setPen(QColor(theme.current().colour("danger")))
            else:
                painter.setPen(text_colour)
            due_width = min(metrics.horizontalAdvance(due_text), second.width())
            painter.drawText(
                second,
                _RIGHT,
                metrics.elidedText(due_text, Qt.TextElideMode.ElideRight, second.width()),
            )
            second.setRight(second.right() - due_width - 8)
        painter.setPen(soft)
        painter.drawText(
            second,
            _LEFT,
            metrics.elidedText(reach, Qt.TextElideMode.ElideRight, max(second.width(), 0)),
        )
        painter.restore()

    def _fonts(self, font: QFont) -> tuple[QFontMetrics, QFont, QFontMetrics]:
        """The card's metrics, bold font and its metrics, made once per font (a board paints
        a hundred cards at a time)."""
        key = font.key()
        cached = self._font_cache.get(key)
        if cached is None:
            bold = QFont(font)
            bold.setBold(True)
            cached = (QFontMetrics(font), bold, QFontMetrics(bold))
            self._font_cache = {key: cached}
        return cached

    def _paint_badge(
        self, painter: QPainter, font: QFont, line: QRect, *, dot: bool = False
    ) -> QRect:
        """The amber “Waiting” pill (or dot) at the right of `line`; the rect it took."""
        if dot:
            diameter = 8
            rect = QRect(
                line.right() - diameter, line.top() + (line.height() - diameter) // 2, 8, 8
            )
            painter.setPen(Qt.PenStyle.NoPen)
            look = theme.current()
            painter.setBrush(QColor(look.colour("text_disabled" if self.quiet else "warning")))
            painter.drawEllipse(rect)
            return rect
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.85, 6.0))
        metrics = QFontMetrics(small)
        width = metrics.horizontalAdvance(WAITING_TEXT) + 12
        rect = QRect(line.right() - width, line.top() + 1, width, line.height() - 2)
        # The theme's warning pair (AA contrast in light and dark); quiet columns in grey.
        fill, ink = ("hover", "text_secondary") if self.quiet else ("warning_soft", "warning")
        fill, ink = theme.current().colour(fill), theme.current().colour(ink)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(QRectF(rect), rect.height() / 2, rect.height() / 2)
        painter.setPen(QColor(ink))
        painter.setFont(small)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, WAITING_TEXT)
        return rect


__all__ = ["BoardCardDelegate", "card_height", "reach_text", "short_follow_up_text"]
