"""Two people side by side: which one to keep, and per differing field which value wins."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.services.people import duplicates, merge
from infcrm.services.people.duplicate_types import DuplicateGroup, DuplicateMember
from infcrm.ui import theme

KEPT_NOTE = (
    "Everything else of both is kept: every account (the same account twice becomes one, "
    "with the newer figures and all the history), outreach, follow-ups, deals, tags, niches, "
    "emails and notes."
)


def member_text(member: DuplicateMember) -> str:
    """“Ana Ruiz · @ana.ruiz · Spain” — enough to tell two records apart."""
    parts = [member.display_name]
    if member.main_handle:
        parts.append(f"@{member.main_handle}")
    parts.extend(x for x in (member.email, member.country) if x)
    return " · ".join(parts)


class MergeComparison(QWidget):
    """The pair being compared and the user's choices; it changes nothing by itself."""

    # The pair on show changed (keep id, other id).
    pair_changed = Signal(int, int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._group: DuplicateGroup | None = None
        self._choices: dict[str, QButtonGroup] = {}
        # Both people's versions as the comparison read them (merge.versions): a merge names
        # them, so one made on values a teammate changed meanwhile is refused.
        self.seen: dict[int, int] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        self.keep_box = QComboBox()
        self.keep_box.setToolTip("The record that stays; the other is merged into it")
        self.other_box = QComboBox()
        self.other_box.setToolTip("The record merged into the one kept, then removed")
        for box in (self.keep_box, self.other_box):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(18)
        self.swap_button = QPushButton("Swap")
        self.swap_button.setToolTip("Keep the other record instead")
        pick.addWidget(QLabel("Keep:"))
        pick.addWidget(self.keep_box, 1)
        pick.addWidget(QLabel("Merge into it:"))
        pick.addWidget(self.other_box, 1)
        pick.addWidget(self.swap_button)
        layout.addLayout(pick)
        # Reasons, holdings and the fields scroll together: word-wrapped labels then get the
        # height their text needs.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 6, 0, 0)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.reasons)
        self.holdings = QLabel()
        self.holdings.setWordWrap(True)
        column.addWidget(self.holdings)
        self.fields = QWidget()
        self.grid = QGridLayout(self.fields)
        self.grid.setContentsMargins(0, 6, 0, 0)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        column.addWidget(self.fields)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout.addWidget(scroll, 1)
        note = QLabel(KEPT_NOTE)
        note.setWordWrap(True)
        theme.set_role(note, "secondary")  # quiet, yet readable (WCAG AA)
        layout.addWidget(note)
        self.keep_box.currentIndexChanged.connect(self._on_pair_chosen)
        self.other_box.currentIndexChanged.connect(self._on_pair_chosen)
        self.swap_button.clicked.connect(self._on_swap)

    def show_group(self, group: DuplicateGroup | None) -> None:
        """Compare the first two people of `group` (nothing when None)."""
        self._group = group
        for box in (self.keep_box, self.other_box):
            box.blockSignals(True)
            box.clear()
            for member in group.members if group else ():
                box.addItem(member_text(member), member.id)
            box.blockSignals(False)
        if group is None:
            self.reasons.clear()
            self._fill(None)
            return
        self.reasons.setText(f"{group.label}:\n" + "\n".join(f"• {r.text}" for r in group.reasons))
        self.other_box.setCurrentIndex(1)
        self._on_pair_chosen()

    def pair(self) -> tuple[int, int] | None:
        """(kept id, merged id), or None when no two different people are chosen."""
        keep, other = self.keep_box.currentData(), self.other_box.currentData()
        if keep is None or other is None or keep == other:
            return None
        return int(keep), int(other)

    def names(self) -> tuple[str, str]:
        """The display names of the kept and the merged person."""
        group = self._group
        pair = self.pair()
        if group is None or pair is None:
            return ("", "")
        by_id = {m.id: m.display_name for m in group.members}
        return by_id[pair[0]], by_id[pair[1]]

    def choices(self) -> dict[str, str]:
        """{field: "keep" | "other"} for every differing field."""
        return {
            field: merge.OTHER if buttons.checkedId() == 1 else merge.KEEP
            for field, buttons in self._choices.items()
        }

    def choose(self, field: str, side: str) -> None:
        """Pick the value of `field` from "keep" or "other" (as a click would)."""
        self._choices[field].button(1 if side == merge.OTHER else 0).setChecked(True)

    def _on_swap(self) -> None:
        keep, other = self.keep_box.currentIndex(), self.other_box.currentIndex()
        self.keep_box.blockSignals(True)
        self.keep_box.setCurrentIndex(other)
        self.keep_box.blockSignals(False)
        self.other_box.setCurrentIndex(keep)
        self._on_pair_chosen()

    def refresh(self) -> None:
        """Read the group on show again (one of them changed): fresh names and values,
        default choices."""
        group = self._group
        if group is not None:
            now = duplicates.members(self._db, [m.id for m in group.members])
            self._group = replace(group, members=tuple(now.get(m.id, m) for m in group.members))
            for box in (self.keep_box, self.other_box):
                for index, member in enumerate(self._group.members):
                    box.setItemText(index, member_text(member))
        self._fill(self.pair())

    def group(self) -> DuplicateGroup | None:
        """The group on show, as last read."""
        return self._group

    def _on_pair_chosen(self, *_args: object) -> None:
        pair = self.pair()
        self._fill(pair)
        if pair is not None:
            self.pair_changed.emit(*pair)

    def _fill(self, pair: tuple[int, int] | None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._choices.clear()
        self.seen = {}
        if pair is None:
            self.holdings.setText("Choose two different records to compare." if self._group else "")
            return
        keep_name, other_name = self.names()
        self.seen = merge.versions(self._db, *pair)  # before the values: never newer than them
        counts = [merge.holdings(self._db, i) for i in pair]
        self.holdings.setText(
            "\n".join(
                f"{name}: "
                + ", ".join(f"{n} {label[:-1] if n == 1 else label}" for label, n in held.items())
                for name, held in zip((keep_name, other_name), counts, strict=True)
            )
        )
        differences = merge.differences(self._db, *pair)
        header = ("Where they differ", f"{keep_name} (kept)", other_name)
        for column, text in enumerate(header):
            label = QLabel(f"<b>{text}</b>")
            self.grid.addWidget(label, 0, column)
        if not differences:
            self.grid.addWidget(
                QLabel("Nothing: every value one has, the other has too."), 1, 0, 1, 3
            )
        for row, choice in enumerate(differences, start=1):
            self.grid.addWidget(QLabel(choice.label), row, 0)
            buttons = QButtonGroup(self)
            for side, value in enumerate((choice.keep_value, choice.other_value)):
                button = QRadioButton(value if len(value) <= 80 else value[:77] + "…")
                button.setToolTip(value)
                button.setAccessibleName(f"{choice.label}: {value}")
                buttons.addButton(button, side)
                self.grid.addWidget(button, row, 1 + side)
            buttons.button(0).setChecked(True)
            self._choices[choice.field] = buttons


__all__ = ["KEPT_NOTE", "MergeComparison", "member_text"]
