"""One pipeline column's cards as a list model, with drag and drop between stages."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from infcrm.db.engine import Database
from infcrm.domain.dates import long_day_text
from infcrm.domain.enums import Platform, Tier, label_of
from infcrm.domain.numbers import format_count
from infcrm.services.outreach.outreach_types import BoardCard
from infcrm.services.people.influencer_types import StageInfo

CARD_MIME_TYPE = "application/x-infcrm-board-cards"
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PHOTO_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex
# Asked for every card painted: combined once (enum arithmetic is slow in Python).
_COLUMN_FLAGS = Qt.ItemFlag.ItemIsDropEnabled
_CARD_FLAGS = (
    _COLUMN_FLAGS
    | Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)


def platform_label(value: str | None) -> str:
    """The platform's name as people write it (“Instagram”), or the stored text."""
    if not value:
        return ""
    try:
        return Platform(value).label
    except ValueError:
        return value


def shown_handle(handle: str, platform: str | None) -> str:
    """“@mia.bakes” for a social account; a blog's address without its https://."""
    if platform == Platform.OTHER.value or "://" in handle:
        return handle.split("://", 1)[-1].rstrip("/")
    return f"@{handle.lstrip('@')}"


def card_summary(card: BoardCard) -> str:
    """The card in one line of words, for tooltips and screen readers."""
    parts = [card.name]
    if card.handle:
        parts.append(
            f"{shown_handle(card.handle, card.platform)} on {platform_label(card.platform)}"
        )
    if card.followers is not None:
        tier = f" ({label_of(Tier, card.tier)})" if card.tier else ""
        parts.append(f"{format_count(card.followers)} followers{tier}")
    if card.next_follow_up:
        parts.append(f"follow up on {long_day_text(card.next_follow_up)}")
    if card.waiting:
        parts.append("waiting for a reply")
    if card.do_not_contact:
        parts.append("do not contact")
    return ", ".join(parts)


def move_cards(
    db: Database, influencer_ids: Sequence[int], stage_id: int, where: QObject | None = None
) -> str | None:
    """Move these people to a stage as one undoable step, then tell every screen (and the
    status bar of `where`'s window); an error sentence, or None."""
    from infcrm.ui.bulk_edit import move_people  # the dialogs it imports load on first drag

    return move_people(db, influencer_ids, stage_id, where)


class BoardColumnModel(QAbstractListModel):
    """The first cards of one stage (more arrive with `append_cards`); drops move people here."""

    # An error sentence after a refused move, for the view to show.
    move_failed = Signal(str)

    def __init__(self, db: Database, stage: StageInfo, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self.stage = stage
        self.total = 0
        self._cards: list[BoardCard] = []
        self._photos: dict[int, bytes] = {}  # the photos of those cards' people who have one

    # Contents -----------------------------------------------------------------------------

    def set_cards(
        self,
        stage: StageInfo,
        cards: Sequence[BoardCard],
        total: int,
        faces: Mapping[int, bytes] | None = None,
    ) -> None:
        """Show these cards (the first of `total` in the stage, after the board's filters),
        with the photos read alongside them."""
        self.beginResetModel()
        self.stage = stage
        self._cards = list(cards)
        self.total = total
        self._photos = dict(faces or {})
        self.endResetModel()

    def append_cards(
        self, cards: Sequence[BoardCard], faces: Mapping[int, bytes] | None = None
    ) -> None:
        """Add the next page of cards below the ones on show (people already shown skipped)."""
        self._photos.update(faces or {})
        shown = {card.id for card in self._cards}
        fresh = [card for card in cards if card.id not in shown]
        if not fresh:
            return
        first = len(self._cards)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._cards.extend(fresh)
        self.endInsertRows()

    def card(self, row: int) -> BoardCard:
        """The card on `row`."""
        return self._cards[row]

    def remaining(self) -> int:
        """How many people of this stage are not loaded yet."""
        return max(self.total - len(self._cards), 0)

    # Qt model -----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Cards loaded (a list has no children)."""
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """The card itself for the delegate, its name and a sentence for everyone else."""
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role == CARD_ROLE:
            return card
        if role == ID_ROLE:
            return card.id
        if role == PHOTO_ROLE:
            return self._photos.get(card.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return card.name
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return card_summary(card)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Cards can be selected and dragged; the column itself (no index) accepts drops."""
        return _CARD_FLAGS if index.isValid() else _COLUMN_FLAGS

    def supportedDragActions(self) -> Qt.DropAction:
        """A card leaves its column when dropped elsewhere."""
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        """Dropping a card moves the person here."""
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        """Only board cards can be dropped on a column."""
        return [CARD_MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """The dragged people's ids and the stage they come from."""
        rows = sorted({i.row() for i in indexes if i.isValid()})
        payload = {"stage_id": self.stage.id, "ids": [self._cards[r].id for r in rows]}
        mime = QMimeData()
        mime.setData(CARD_MIME_TYPE, QByteArray(json.dumps(payload).encode()))
        return mime

    @staticmethod
    def _payload(data: QMimeData) -> tuple[int | None, list[int]]:
        if data is None or not data.hasFormat(CARD_MIME_TYPE):
            return None, []
        try:
            payload = json.loads(bytes(data.data(CARD_MIME_TYPE).data()).decode())
            ids = [int(i) for i in payload["ids"]]
            return int(payload["stage_id"]), ids
        except (ValueError, KeyError, TypeError):
            return None, []

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        """Cards from another column, yes; a card back on its own column is no move."""
        from_stage, ids = self._payload(data)
        return bool(ids) and from_stage != self.stage.id and action != Qt.DropAction.IgnoreAction

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        """Move the dropped people to this column's stage (each move lands in their timeline)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        _from_stage, ids = self._payload(data)
        problem = move_cards(self._db, ids, self.stage.id, self.parent())
        if problem:
            self.move_failed.emit(problem)
        # The board reloads from the pipeline_changed event; the source view must not delete rows.
        return problem is None


__all__ = [
    "CARD_MIME_TYPE",
    "CARD_ROLE",
    "ID_ROLE",
    "PHOTO_ROLE",
    "BoardColumnModel",
    "card_summary",
    "move_cards",
    "platform_label",
    "shown_handle",
]
