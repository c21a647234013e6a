"""Two people side by side: which one to keep, and per differing field which value wins."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.authorship import by_line
from infcrm.domain.dates import moment_text
from infcrm.domain.same_email import name_key
from infcrm.services.people import duplicates, merge, merge_sides
from infcrm.services.people.duplicate_types import DuplicateGroup, DuplicateMember, MergeSide
from infcrm.ui import theme
from infcrm.ui.models.board_column_model import shown_handle
from infcrm.ui.widgets.elided_combo import ElidedComboBox
from infcrm.ui.widgets.elided_radio import ElidedRadioButton
from infcrm.ui.widgets.wrapping_label import WrappingLabel

KEPT_NOTE = (
    "Everything else of both is kept: every account (the same account twice becomes one, "
    "with the newer figures and all the history), outreach, follow-ups, deals, tags, niches, "
    "emails and notes; a name, phone or brand fit not chosen is added to the notes."
)


def member_text(member: DuplicateMember) -> str:
    """“Ana Ruiz · @ana.ruiz · Spain” — enough to tell two records apart."""
    parts = [member.display_name]
    if member.main_handle:
        parts.append(shown_handle(member.main_handle, member.main_platform))
    parts.extend(x for x in (member.email, member.country) if x)
    return " · ".join(parts)


def held_text(held: dict[str, int]) -> str:
    """“1 account, 0 interactions, 2 deals…”: what a person brings to the merge."""
    return ", ".join(f"{n} {label[:-1] if n == 1 else label}" for label, n in held.items())


def side_lines(side: MergeSide) -> list[str]:
    """A person as their card shows them, below the name: accounts, emails, where they came
    from, when they were added and what they hold."""
    added = moment_text(side.added_at.replace(tzinfo=UTC).astimezone(), weekday=False)
    return [
        ", ".join(side.accounts) or "No accounts",
        ", ".join(side.emails) or "No email",
        side.source,
        " ".join(x for x in (f"Added {added}", by_line(side.added_by)) if x),
        held_text(side.holdings),
    ]


class SideCard(QFrame):
    """One of the two people: “#12 Lena Vogel (kept)” over what tells them apart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        # A long name, and a long email or handle, wrap instead of widening the comparison
        # (the second card went out of sight); copied, the body's text is as it is.
        self.title = WrappingLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.body = WrappingLabel()
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addStretch(1)

    def show_side(self, title: str, lines: list[str]) -> None:
        self.title.setText(title)
        self.body.setText("\n".join(lines))
        self.setAccessibleName(title)
        self.setAccessibleDescription(", ".join(lines))

    def text(self) -> str:
        """The card's words, title first, one line each."""
        return "\n".join(x for x in (self.title.text(), self.body.text()) if x)


def side_title(person_id: int, name: str, kept: bool) -> str:
    """“#12 Lena Vogel (kept)”: the id tells two people of one name apart."""
    return f"#{person_id} {name}" + (" (kept)" if kept else "")


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
        # One row each: the whole width lets long entries (name, handle, email, country) show
        # whole; longer still, they are cut in the middle and named whole in the tooltip.
        pick = QGridLayout()
        pick.setColumnStretch(1, 1)
        self.keep_box = ElidedComboBox("The record that stays; the other is merged into it")
        self.other_box = ElidedComboBox("The record merged into the one kept, then removed")
        for box in (self.keep_box, self.other_box):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(18)
        self.swap_button = QPushButton("Swap")
        self.swap_button.setToolTip("Keep the other record instead")
        for row, (words, box) in enumerate(
            (("Keep:", self.keep_box), ("Merge into it:", self.other_box))
        ):
            label = QLabel(words)
            label.setBuddy(box)
            pick.addWidget(label, row, 0)
            pick.addWidget(box, row, 1)
        pick.addWidget(self.swap_button, 0, 2, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(pick)
        # Reasons, the two people and the fields scroll together: word-wrapped labels then get the
        # height their text needs.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 6, 0, 0)
        self.reasons = WrappingLabel()  # “Same email: …” with the whole address
        column.addWidget(self.reasons)
        # Who is who, side by side: two records of one name differ in what these show.
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        column.addWidget(self.notice)
        self.sides = (SideCard(), SideCard())
        cards = QHBoxLayout()
        cards.setContentsMargins(0, 6, 0, 0)
        for card in self.sides:
            cards.addWidget(card, 1)
        column.addLayout(cards)
        self.fields = QWidget()
        self.grid = QGridLayout(self.fields)
        self.grid.setContentsMargins(0, 6, 0, 0)
        self.grid.setHorizontalSpacing(12)  # “Where they differ” apart from the first name
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
        """The display names of the kept and the merged person; two of one name (case,
        spacing and accents aside) with the numbers their cards show, “#2 Lena Vogel”, so
        “merge … into …” says which one stays."""
        group = self._group
        pair = self.pair()
        if group is None or pair is None:
            return ("", "")
        by_id = {m.id: m.display_name for m in group.members}
        kept, merged = by_id[pair[0]], by_id[pair[1]]
        if name_key(kept) == name_key(merged):
            return f"#{pair[0]} {kept}", f"#{pair[1]} {merged}"
        return kept, merged

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
                # Hidden now: deleted only once back in the event loop, it would show until then.
                item.widget().hide()
                item.widget().deleteLater()
        self._choices.clear()
        self.seen = {}
        if pair is None:
            self.notice.setText("Choose two different records to compare." if self._group else "")
            for card in self.sides:
                card.setVisible(False)
            self.notice.setVisible(bool(self.notice.text()))
            return
        self.notice.clear()
        self.notice.hide()  # empty, it left a line's gap above the cards
        self.seen = merge.versions(self._db, *pair)  # before the values: never newer than them
        titles = []
        for card, person_id in zip(self.sides, pair, strict=True):
            side = merge_sides.side(self._db, person_id)
            titles.append(side_title(person_id, side.display_name, card is self.sides[0]))
            card.show_side(titles[-1], side_lines(side))
            card.setVisible(True)
        differences = merge.differences(self._db, *pair)
        header = ("Where they differ", *titles)
        for column, text in enumerate(header):
            label = QLabel(f"<b>{text}</b>")
            label.setWordWrap(column > 0)  # a long name wraps; “Where they differ” never needs to
            self.grid.addWidget(label, 0, column)
        if not differences:
            self.grid.addWidget(
                QLabel("Nothing: every value one has, the other has too."), 1, 0, 1, 3
            )
        for row, choice in enumerate(differences, start=1):
            self.grid.addWidget(QLabel(choice.label), row, 0)
            buttons = QButtonGroup(self)
            values = (choice.keep_value, choice.other_value)
            for side, value in enumerate(values):
                # A long value gives way in a narrow window instead of pushing the cards and
                # the other side out of sight, keeping what differs; its tooltip has it whole.
                button = ElidedRadioButton(
                    value if len(value) <= 80 else value[:77] + "…", (values[1 - side],)
                )
                button.setToolTip(value)
                button.setAccessibleName(f"{choice.label}: {value}")
                buttons.addButton(button, side)
                self.grid.addWidget(button, row, 1 + side)
            buttons.button(0).setChecked(True)
            self._choices[choice.field] = buttons


__all__ = ["KEPT_NOTE", "MergeComparison", "SideCard", "member_text", "side_lines"]
